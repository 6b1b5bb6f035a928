"""Parsing single ledger cells: dates, yes/no, money, period names."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from ..rules.periods import InvalidPeriodName, parse_period_name

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
_DATE = re.compile(
	r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?(?:\.0+)?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class CellError(ValueError):
	pass


def parse_date(text: str) -> date:
	text = text.strip()
	match = _DATE.match(text) or _COMPACT_DATE.match(text)
	if not match:
		raise CellError(f"无法识别的日期“{text}”,应写作 2026-11-02")
	try:
		day = date(*(int(part) for part in match.groups()))
	except ValueError:
		raise CellError(f"日期“{text}”不存在") from None
	if not EARLIEST <= day <= LATEST:
		raise CellError(f"日期“{text}”不在 {EARLIEST.year}–{LATEST.year} 年之间")
	return day


def parse_yes_no(text: str, words: dict[str, bool]) -> bool:
	value = words.get(text.strip().lower())
	if value is None:
		raise CellError(f"应填“是”或“否”,不是“{text}”")
	return value


GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_money(text: str) -> Decimal:
	text = text.strip().replace("元", "")
	if "," in text and not GROUPED.match(text):
		raise CellError(f"金额“{text}”的逗号位置不对,应写作 120 或 1,200.50")
	try:
		amount = Decimal(text.replace(",", ""))
	except InvalidOperation:
		raise CellError(f"金额“{text}”不是数字") from None
	if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
		raise CellError(f"金额“{text}”应为不超过两位小数的非负数")
	return amount


def parse_period_cell(text: str, column: str) -> str:
	"""A period name (扣款期间, 违规扣款期间) as the tool writes it: YYYY-MM."""
	text = text.strip()
	try:
		year, month = parse_period_name(text)
	except InvalidPeriodName:
		raise CellError(f"{column}“{text}”应写作 YYYY-MM,如 2026-11") from None
	return f"{year:04d}-{month:02d}"


def excel_text(value) -> str:
	"""A cell's value (as calamine reads it) as text, as a person would read it; empty for blanks."""
	if value is None:
		return ""
	if isinstance(value, datetime):
		return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
	if isinstance(value, date):
		return value.isoformat()
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	return str(value).strip()

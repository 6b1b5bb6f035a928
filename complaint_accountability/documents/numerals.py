"""Chinese numerals for money (大写金额), dates and document numbers (发文字号)."""

from datetime import date
from decimal import Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿")
FEN = Decimal("0.01")
LIMIT = Decimal("1000000000000")  # 壹万亿: sections beyond 亿 are not needed for penalties


def _as_decimal(amount) -> Decimal:
	"""Accept Decimal, int or a numeric string; refuse float (binary money)."""
	if isinstance(amount, float) or isinstance(amount, bool):
		raise TypeError(f"money must be Decimal, not {type(amount).__name__}: {amount!r}")
	try:
		value = amount if isinstance(amount, Decimal) else Decimal(str(amount).strip())
	except InvalidOperation as exc:
		raise ValueError(f"not an amount of money: {amount!r}") from exc
	if not value.is_finite():
		raise ValueError(f"not an amount of money: {amount!r}")
	if value != value.quantize(FEN):
		raise ValueError(f"amount has fractions of a fen (分): {amount!r}")
	return value


def _section(number: int) -> str:
	"""Capitals of 1..9999 with inner zeros read once (壹仟零壹) and trailing zeros silent."""
	out = ""
	pending_zero = False
	for place in (3, 2, 1, 0):
		digit = number // 10**place % 10
		if digit == 0:
			pending_zero = bool(out)
			continue
		if pending_zero:
			out += "零"
			pending_zero = False
		out += DIGITS[digit] + PLACES[place]
	return out


def _integer_capitals(number: int) -> str:
	"""Capitals of a whole number of yuan; empty for 0."""
	sections = []
	while number:
		sections.append(number % 10000)
		number //= 10000
	out = ""
	zero_between = False
	for index in reversed(range(len(sections))):
		value = sections[index]
		if value == 0:
			zero_between = bool(out)
			continue
		if out and (zero_between or value < 1000):
			out += "零"
		out += _section(value) + SECTIONS[index]
		zero_between = False
	return out


def _fraction_capitals(jiao: int, fen: int, has_yuan: bool) -> str:
	"""角/分 part: 伍角, 零伍分 after yuan, 整 when there is none."""
	if jiao == 0 and fen == 0:
		return "整"
	out = DIGITS[jiao] + "角" if jiao else ("零" if has_yuan else "")
	return out + (DIGITS[fen] + "分" if fen else "")


def money_in_chinese_capitals(amount: Decimal) -> str:
	"""大写金额 as written on vouchers: 1350 → 壹仟叁佰伍拾元整, 100.05 → 壹佰元零伍分."""
	value = _as_decimal(amount)
	if abs(value) >= LIMIT:
		raise ValueError(f"amount too large for 大写: {amount!r}")
	sign = "负" if value < 0 else ""
	fen_total = int(abs(value) * 100)
	yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
	if fen_total == 0:
		return "零元整"
	whole = _integer_capitals(yuan)
	head = whole + "元" if whole else ""
	return sign + head + _fraction_capitals(jiao, fen, bool(whole))


def money_in_figures(amount: Decimal) -> str:
	"""Figures with thousands separators and two decimals: 1350 → 1,350.00."""
	return f"{_as_decimal(amount):,.2f}"


def chinese_date(day: date) -> str:
	"""成文日期 in Arabic numerals without padding (GB/T 9704-2012): 2026年12月28日."""
	return f"{day.year}年{day.month}月{day.day}日"


def chinese_month(period: str) -> str:
	"""Period name YYYY-MM as 2026年11月."""
	year, _, month = str(period).partition("-")
	if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
		raise ValueError(f"period must be written YYYY-MM, not {period!r}")
	return f"{int(year)}年{int(month)}月"


def doc_number(prefix: str, year: int, seq: int) -> str:
	"""发文字号: 机关代字 + 〔年份〕 + 序号号, no padding and no 第: 客发〔2026〕12号."""
	if not 1000 <= int(year) <= 9999:
		raise ValueError(f"year must have four digits, not {year!r}")
	if int(seq) < 1:
		raise ValueError(f"sequence number must be positive, not {seq!r}")
	return f"{prefix or ''}〔{int(year)}〕{int(seq)}号"

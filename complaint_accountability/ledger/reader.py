"""Validating a ledger and turning it into receipts, cases, persons and violations.

Each distinct cell value is parsed once, so a large ledger costs little more than its distinct
values; every problem of every row is collected before anything is refused.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..rules.cases import PENDING
from ..rules.channels import ChannelBook, UnknownChannel
from ..rules.rates import DIRECT, MANAGEMENT
from ..rules.violations import ViolationAmountOutOfRange, ViolationType, check_violation_amount
from . import columns as col
from .cells import CellError, parse_date, parse_money, parse_period_cell, parse_yes_no
from .files import read_ledger_file
from .persons import PersonCellError, parse_person_cell
from .problems import HEADER_ROW, LedgerInvalid, LedgerProblem

FIRST_DATA_ROW = HEADER_ROW + 1
DESK_INSTITUTION = "分公司客户服务部"


@dataclass
class Ledger:
	"""A valid ledger. ``frame`` keeps the text as read, to be written back."""

	frame: pd.DataFrame
	receipts: pd.DataFrame  # per row: row, case, received_on, channel, rank, charged_period
	cases: pd.DataFrame  # index case: transferred, institution, outcome, referred, business_line, customer
	persons: pd.DataFrame  # case, employee_number, full_name, liability
	violations: pd.DataFrame  # row, case, received_on, employee_number, full_name, violation_type, amount
	names: dict[str, str]  # employee number -> full name


def read_ledger(path: Path, channels: ChannelBook, violation_types: dict[str, ViolationType]) -> Ledger:
	return parse_ledger(read_ledger_file(path), channels, violation_types)


def parse_ledger(
	frame: pd.DataFrame, channels: ChannelBook, violation_types: dict[str, ViolationType]
) -> Ledger:
	missing = [name for name in col.REQUIRED if name not in frame.columns]
	if missing:
		raise LedgerInvalid([LedgerProblem(HEADER_ROW, name, "缺少必需列") for name in missing])
	for name in col.OPTIONAL:
		if name not in frame.columns:
			frame[name] = ""
	frame = frame[frame.apply(lambda r: any(str(v).strip() for v in r), axis=1)].copy()
	if frame.empty:
		raise LedgerInvalid([LedgerProblem(FIRST_DATA_ROW, "", "台账没有数据行")])
	parser = _RowParser(frame)
	rows = parser.parse_rows(channels, violation_types)
	cases = parser.case_values(rows)
	persons = parser.persons(rows)
	violations = parser.violations(rows, violation_types)
	names = parser.check_names(rows)
	if parser.problems:
		raise LedgerInvalid(parser.problems)
	return Ledger(frame, rows, cases, persons, violations, names)


class _RowParser:
	def __init__(self, frame: pd.DataFrame):
		self.frame = frame
		self.sheet_row = frame.index.to_numpy() + FIRST_DATA_ROW
		self.problems: list[LedgerProblem] = []

	def parse(self, column: str, parse: Callable, required: bool = False) -> pd.Series:
		"""Parse a column value by value; blanks become None (or a problem when required)."""
		text = self.frame[column].astype(str).str.strip()
		parsed = {}
		for value in text.unique():
			if not value:
				continue
			try:
				parsed[value] = parse(value)
			except (CellError, PersonCellError) as error:
				parsed[value] = error
		result = text.map(lambda v: parsed.get(v))
		for row, value, raw in zip(self.sheet_row, result, text, strict=True):
			if isinstance(value, Exception):
				self.problems.append(LedgerProblem(int(row), column, str(value)))
			elif required and not raw:
				self.problems.append(LedgerProblem(int(row), column, "不能为空"))
		return result.map(lambda v: None if isinstance(v, Exception) else v)

	def parse_rows(self, channels: ChannelBook, violation_types: dict) -> pd.DataFrame:
		channel = self.parse(col.CHANNEL, lambda v: _channel(channels, v), required=True)
		rows = pd.DataFrame(
			{
				"row": self.sheet_row,
				"case": self.frame[col.CASE_NUMBER].astype(str).str.strip().to_numpy(),
				"received_on": self.parse(col.RECEIVED_ON, parse_date, required=True).to_numpy(),
				"channel": channel.map(lambda c: c.name if c else None).to_numpy(),
				"rank": channel.map(lambda c: c.rank if c else 0).to_numpy(),
				"transferred": self.parse(
					col.TRANSFERRED, lambda v: parse_yes_no(v, col.YES_NO), required=True
				).to_numpy(),
				"institution": self.frame[col.INSTITUTION].astype(str).str.strip().to_numpy(),
				"outcome": self.parse(col.OUTCOME, _outcome).to_numpy(),
				"referred": self.parse(col.REFERRED, lambda v: parse_yes_no(v, col.YES_NO)).to_numpy(),
				"business_line": self.frame[col.BUSINESS_LINE].astype(str).str.strip().to_numpy(),
				"customer": self.frame[col.CUSTOMER].astype(str).str.strip().to_numpy(),
				"charged_period": self.parse(col.CHARGED_PERIOD, parse_period_cell).to_numpy(),
				"direct": self.parse(col.DIRECT_PERSONS, parse_person_cell).to_numpy(),
				"management": self.parse(col.MANAGEMENT_PERSONS, parse_person_cell).to_numpy(),
				"officers": self.parse(col.DESK_OFFICERS, parse_person_cell).to_numpy(),
				"violation_type": self.frame[col.VIOLATION_TYPE].astype(str).str.strip().to_numpy(),
				"violation_amount": self.parse(col.VIOLATION_AMOUNT, parse_money).to_numpy(),
			}
		)
		for row, case in zip(rows["row"], rows["case"], strict=True):
			if not case:
				self.problems.append(LedgerProblem(int(row), col.CASE_NUMBER, "不能为空"))
		rows["order_day"] = rows["received_on"].map(lambda d: d.toordinal() if d else 0)
		return rows.sort_values(["case", "order_day", "rank", "row"], kind="stable").reset_index(drop=True)

	def case_values(self, rows: pd.DataFrame) -> pd.DataFrame:
		"""Case-level columns take the case's latest non-empty value; a case is transferred once any row says so."""
		latest = rows.replace({"": None}).groupby("case", sort=True)
		cases = pd.DataFrame(
			{
				"transferred": latest["transferred"].agg(lambda s: any(v is True for v in s)),
				"institution": latest["institution"].last(),
				"outcome": latest["outcome"].last(),
				"referred": latest["referred"].last(),
				"business_line": latest["business_line"].last(),
				"customer": latest["customer"].last(),
				"first_row": latest["row"].min(),
			}
		)
		cases["outcome"] = cases["outcome"].map(lambda v: v if isinstance(v, str) else PENDING)
		cases["referred"] = cases["referred"].map(lambda v: v is True)
		cases["institution"] = cases["institution"].map(lambda v: v if isinstance(v, str) else "")
		for case, row in cases[cases["transferred"] & (cases["institution"] == "")]["first_row"].items():
			self.problems.append(
				LedgerProblem(int(row), col.INSTITUTION, f"投诉 {case} 已转办,处理机构不能为空")
			)
		customers = rows[rows["customer"] != ""].groupby("case")["customer"].nunique()
		for case in customers[customers > 1].index:
			found = rows[(rows["case"] == case) & (rows["customer"] != "")]
			names = "、".join(dict.fromkeys(found["customer"]))
			self.problems.append(
				LedgerProblem(
					int(found["row"].iloc[-1]),
					col.CUSTOMER,
					f"投诉编号 {case} 的客户姓名前后不一致({names}),同一投诉编号应为同一客户",
				)
			)
		return cases

	def persons(self, rows: pd.DataFrame) -> pd.DataFrame:
		"""Responsible persons of each case, from its latest non-empty person cells."""
		records = []
		for liability, column in ((DIRECT, "direct"), (MANAGEMENT, "management")):
			cells = rows[rows[column].map(bool)].groupby("case")[[column, "row"]].last()
			for case, (people, row) in cells.iterrows():
				for person in dict.fromkeys(people):
					records.append((case, person.employee_number, person.full_name, liability, row))
		return pd.DataFrame(records, columns=["case", "employee_number", "full_name", "liability", "row"])

	def violations(self, rows: pd.DataFrame, violation_types: dict[str, ViolationType]) -> pd.DataFrame:
		records = {}
		flagged = rows[
			rows["officers"].map(bool) | (rows["violation_type"] != "") | rows["violation_amount"].notna()
		]
		for item in flagged.itertuples():
			problem = _violation_problem(item, violation_types)
			if problem:
				self.problems.append(LedgerProblem(int(item.row), *problem))
				continue
			for officer in item.officers:
				key = (item.case, officer.employee_number, item.violation_type)
				earlier = records.get(key)
				if earlier and earlier[-1] != item.violation_amount:
					self.problems.append(
						LedgerProblem(
							int(item.row),
							col.VIOLATION_AMOUNT,
							f"{officer.full_name}在投诉 {item.case} 的“{item.violation_type}”已在第{earlier[0]}行记为"
							f"{earlier[-1]}元,同一案件同一违规只扣一次",
						)
					)
					continue
				records[key] = (
					int(item.row),
					item.case,
					item.received_on,
					officer.employee_number,
					officer.full_name,
					item.violation_type,
					item.violation_amount,
				)
		return pd.DataFrame(
			list(records.values()),
			columns=[
				"row",
				"case",
				"received_on",
				"employee_number",
				"full_name",
				"violation_type",
				"amount",
			],
		)

	def check_names(self, rows: pd.DataFrame) -> dict[str, str]:
		"""Every person cell of every row: one 工号, one name."""
		names: dict[str, str] = {}
		for column in ("direct", "management", "officers"):
			for people, row in zip(rows[column], rows["row"], strict=True):
				for person in people or ():
					known = names.setdefault(person.employee_number, person.full_name)
					if known != person.full_name:
						self.problems.append(
							LedgerProblem(
								int(row),
								"",
								f"工号 {person.employee_number} 同时对应“{known}”和“{person.full_name}”",
							)
						)
		return names


def _channel(channels: ChannelBook, text: str):
	try:
		return channels.resolve(text)
	except UnknownChannel:
		known = "、".join(c.name for c in channels)
		raise CellError(f"未知的投诉渠道“{text}”,应为 {known} 或其别名") from None


def _outcome(text: str) -> str:
	value = col.OUTCOME_WORDS.get(text.strip()) or col.OUTCOME_WORDS.get(text.strip().lower())
	if value is None:
		raise CellError(f"未知的首次协调结果“{text}”,应为 待定/撤诉/明显不属于保险责任/满意/未化解")
	return value


def _violation_problem(item, violation_types: dict[str, ViolationType]) -> tuple[str, str] | None:
	if not item.officers:
		return (col.DESK_OFFICERS, "填写了违规类型或违规扣款,但没有写投诉岗人员")
	if not item.violation_type:
		return (col.VIOLATION_TYPE, "填写了投诉岗人员,但没有写违规类型")
	violation = violation_types.get(item.violation_type)
	if violation is None:
		return (
			col.VIOLATION_TYPE,
			f"未知的违规类型“{item.violation_type}”,应为 {'、'.join(violation_types)}",
		)
	if item.violation_amount is None or pd.isna(item.violation_amount):
		return (col.VIOLATION_AMOUNT, "填写了违规类型,但没有写违规扣款金额")
	try:
		check_violation_amount(violation, Decimal(item.violation_amount))
	except ViolationAmountOutOfRange:
		return (
			col.VIOLATION_AMOUNT,
			f"{violation.name}的扣款应在 {_yuan(violation.min_amount)}–{_yuan(violation.max_amount)} 元之间,"
			f"不是 {item.violation_amount} 元",
		)
	return None


def _yuan(amount: Decimal) -> str:
	"""20 for 20.00, 20.5 for 20.50: amounts as a person writes them."""
	return f"{amount:f}".rstrip("0").rstrip(".") if "." in f"{amount:f}" else f"{amount:f}"

"""Validating a ledger and turning it into receipts, cases, persons and violations.

Each column is factorized: each distinct text is parsed once, and rows carry integer codes, so a
large ledger costs little more than its distinct values. Case-level values, persons and the
工号 check work on those codes with numpy and pandas. Every problem of every row is collected
before anything is refused.
"""

from collections.abc import Collection
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from ..rules.cases import PENDING
from ..rules.channels import ChannelBook, UnknownChannel
from ..rules.defaults import default_dispute_types
from ..rules.periods import period_name_of
from ..rules.rates import DIRECT, MANAGEMENT
from ..rules.settings import AccountabilitySettings
from ..rules.violations import ViolationAmountOutOfRange, ViolationType, check_violation_amount
from . import columns as col
from .cells import CellError, parse_date, parse_money, parse_period_cell, parse_yes_no
from .files import read_ledger_file
from .headers import near_misses
from .persons import parse_person_cells
from .problems import HEADER_ROW, LedgerInvalid, LedgerProblem

FIRST_DATA_ROW = HEADER_ROW + 1
# The complaint desk's department by default; ledger mode takes AccountabilitySettings.desk_institution.
DESK_INSTITUTION = AccountabilitySettings().desk_institution
BLANK = -1
# Columns of the parsed rows that only the reader uses: each person cell's code, the case's code.
WORKING_COLUMNS = ("direct_cell", "management_cell", "officers_cell", "case_code")


@dataclass
class _Violation:
	"""One handling violation: one case, desk officer and type, as its first row records it."""

	row: int
	case: str
	received_on: date | None
	employee_number: str
	full_name: str
	violation_type: str
	amount: Decimal
	charged_period: str | None  # the period that charged it, from its rows' 违规扣款期间


VIOLATION_COLUMNS = [field.name for field in fields(_Violation)]


@dataclass
class Ledger:
	"""A valid ledger. ``frame`` keeps the text as read, to be written back: the ledger's own columns only (and
	its header as written in ``attrs["header"]``), every row, blank ones too, so that a sheet row number
	(index + FIRST_DATA_ROW) names the same row in the ledger written back."""

	frame: pd.DataFrame
	# One row per receipt, by case and date: row, case, received_on (date), channel, rank, transferred,
	# institution, outcome, referred, business_line, dispute_type, customer, charged_period (None or YYYY-MM),
	# violation_type, violation_amount, violation_charged_period, order_day.
	receipts: pd.DataFrame
	# index case: transferred, institution, outcome, referred, business_line, dispute_type, customer
	cases: pd.DataFrame
	persons: pd.DataFrame  # case, employee_number, full_name, liability, row
	violations: pd.DataFrame  # one per case, officer and type: VIOLATION_COLUMNS
	names: dict[str, str]  # employee number -> full name
	violation_rows: pd.DataFrame  # row, violation: every sheet row recording each violation


def read_ledger(
	path: Path,
	channels: ChannelBook,
	violation_types: dict[str, ViolationType],
	dispute_types: Collection[str] | None = None,
	settings: AccountabilitySettings | None = None,
) -> Ledger:
	return parse_ledger(read_ledger_file(path), channels, violation_types, dispute_types, settings)


def parse_ledger(
	frame: pd.DataFrame,
	channels: ChannelBook,
	violation_types: dict[str, ViolationType],
	dispute_types: Collection[str] | None = None,
	settings: AccountabilitySettings | None = None,
) -> Ledger:
	"""``dispute_types`` are the 纠纷类型 a cell may name: the regulator's categories by default. ``settings``
	decide the period each receipt belongs to, which its 扣款期间 may not precede: the defaults if not given."""
	settings = settings or AccountabilitySettings()
	header = [name for name in frame.attrs.get("header", frame.columns) if name]
	problems = near_misses(header, col.REQUIRED + col.OPTIONAL, col.REQUIRED)
	problems += [
		LedgerProblem(HEADER_ROW, name, "缺少必需列") for name in col.REQUIRED if name not in frame.columns
	]
	if problems:
		raise LedgerInvalid(problems)
	data = _known_columns(frame)
	if data.empty:
		raise LedgerInvalid([LedgerProblem(FIRST_DATA_ROW, "", "台账没有数据行")])
	parser = _RowParser(data)
	rows = parser.parse_rows(channels, default_dispute_types() if dispute_types is None else dispute_types)
	cases = parser.case_values(rows)
	persons = parser.persons(rows)
	names = parser.check_names(rows)
	violations, violation_rows = parser.violations(rows, violation_types, settings)
	parser.early_charged_periods(rows, settings)
	if parser.problems:
		raise LedgerInvalid(parser.problems)
	receipts = rows.drop(columns=list(WORKING_COLUMNS))
	return Ledger(frame, receipts, cases, persons, violations, names, violation_rows)


def _known_columns(frame: pd.DataFrame) -> pd.DataFrame:
	"""The rows that are not blank, with every known column (an optional one the ledger lacks is empty); the
	ledger's frame itself is left as it is. The columns' arrays are shared where no row is blank."""
	filled = np.zeros(len(frame), dtype=bool)
	for name in frame.columns:
		filled |= frame[name].to_numpy() != ""
	empty = np.full(len(frame), "", dtype=object)
	data = pd.DataFrame(
		{name: frame[name].to_numpy() if name in frame.columns else empty for name in col.KNOWN},
		index=frame.index,
		copy=False,
	)
	return data if filled.all() else data[filled]


class _Parsed:
	"""One column parsed: a code per row (BLANK for an empty or unreadable cell) into ``values``."""

	def __init__(self, codes: np.ndarray, values: list):
		self.codes = codes
		self.values = values

	def per_row(self, blank=None, dtype=object) -> np.ndarray:
		table = np.empty(len(self.values) + 1, dtype=dtype)
		table[:-1] = self.values
		table[-1] = blank
		return table[self.codes]  # BLANK (-1) picks the last entry


class _RowParser:
	def __init__(self, frame: pd.DataFrame):
		self.frame = frame
		self.sheet_row = frame.index.to_numpy() + FIRST_DATA_ROW
		self.problems: list[LedgerProblem] = []

	def parse(self, column: str, parse, required: bool = False) -> _Parsed:
		"""Each distinct text of a column parsed once; a problem for each row whose cell does not parse
		(or is empty when required)."""
		codes, texts = pd.factorize(self.frame[column].to_numpy())
		values, failed = [], {}
		for code, text in enumerate(texts):
			try:
				values.append(parse(text) if text else None)
			except CellError as error:
				values.append(None)
				failed[code] = str(error)
		self._report(column, codes, failed)
		blank = np.flatnonzero(texts == "") if len(texts) else np.array([], dtype=np.int64)
		if required and len(blank):
			for row in self.sheet_row[codes == blank[0]]:
				self.problems.append(LedgerProblem(int(row), column, "不能为空"))
		unreadable = np.zeros(len(texts), dtype=bool)
		unreadable[list(failed)] = True
		unreadable[blank] = True
		return _Parsed(np.where(unreadable[codes], BLANK, codes), values)

	def parse_persons(self, column: str) -> tuple[_Parsed, pd.DataFrame]:
		"""A person column: codes of its distinct cells, and the persons of each cell (by code)."""
		codes, texts = pd.factorize(self.frame[column].to_numpy())
		persons, failed = parse_person_cells(list(texts))
		self._report(column, codes, failed)
		named = np.zeros(len(texts), dtype=bool)
		named[persons["cell"].to_numpy()] = True
		return _Parsed(np.where(named[codes], codes, BLANK), list(texts)), persons

	def _report(self, column: str, codes: np.ndarray, failed: dict[int, str]) -> None:
		if not failed:
			return
		bad = np.isin(codes, list(failed))
		for row, code in zip(self.sheet_row[bad], codes[bad], strict=True):
			self.problems.append(LedgerProblem(int(row), column, failed[int(code)]))

	def parse_rows(self, channels: ChannelBook, dispute_types: Collection[str]) -> pd.DataFrame:
		"""One row per receipt, in case, date, channel rank and sheet order (with the WORKING_COLUMNS)."""
		channel = self.parse(col.CHANNEL, partial(_channel, channels), required=True)
		received = self.parse(col.RECEIVED_ON, parse_date, required=True)
		direct, self.direct_persons = self.parse_persons(col.DIRECT_PERSONS)
		management, self.management_persons = self.parse_persons(col.MANAGEMENT_PERSONS)
		officers, self.officer_persons = self.parse_persons(col.DESK_OFFICERS)
		case = self.frame[col.CASE_NUMBER].to_numpy()
		for row in self.sheet_row[case == ""]:
			self.problems.append(LedgerProblem(int(row), col.CASE_NUMBER, "不能为空"))
		rows = pd.DataFrame(
			{
				"row": self.sheet_row,
				"case": case,
				"received_on": received.per_row(),
				"channel": _Parsed(channel.codes, [c.name if c else None for c in channel.values]).per_row(),
				"rank": _Parsed(channel.codes, [c.rank if c else 0 for c in channel.values]).per_row(
					0, np.int64
				),
				"transferred": self.parse(
					col.TRANSFERRED, partial(parse_yes_no, words=col.YES_NO), required=True
				).per_row(),
				"institution": self.frame[col.INSTITUTION].to_numpy(),
				"outcome": self.parse(col.OUTCOME, _outcome).per_row(),
				"referred": self.parse(col.REFERRED, partial(parse_yes_no, words=col.YES_NO)).per_row(),
				"business_line": self.frame[col.BUSINESS_LINE].to_numpy(),
				"dispute_type": self.parse(
					col.DISPUTE_TYPE, partial(_one_of, allowed=tuple(dispute_types), what=col.DISPUTE_TYPE)
				).per_row(""),
				"customer": self.frame[col.CUSTOMER].to_numpy(),
				"charged_period": self.parse(
					col.CHARGED_PERIOD, partial(parse_period_cell, column=col.CHARGED_PERIOD)
				).per_row(),
				"violation_type": self.frame[col.VIOLATION_TYPE].to_numpy(),
				"violation_amount": self.parse(col.VIOLATION_AMOUNT, parse_money).per_row(),
				"violation_charged_period": self.parse(
					col.VIOLATION_CHARGED_PERIOD,
					partial(parse_period_cell, column=col.VIOLATION_CHARGED_PERIOD),
				).per_row(),
				"direct_cell": direct.codes,
				"management_cell": management.codes,
				"officers_cell": officers.codes,
			}
		)
		rows["order_day"] = _Parsed(
			received.codes, [d.toordinal() if d else 0 for d in received.values]
		).per_row(0, np.int64)
		case_code = pd.factorize(rows["case"].to_numpy(), sort=True)[0]
		order = np.lexsort(
			(rows["row"].to_numpy(), rows["rank"].to_numpy(), rows["order_day"].to_numpy(), case_code)
		)
		rows = rows.iloc[order].reset_index(drop=True)
		rows["case_code"] = case_code[order]
		return rows

	def case_values(self, rows: pd.DataFrame) -> pd.DataFrame:
		"""Case-level columns take the case's latest non-empty value; a case is transferred once any row says so."""
		case = rows["case_code"].to_numpy()
		names = rows["case"].to_numpy()[_last_of_each(case, np.ones(len(case), dtype=bool))]
		cases = pd.DataFrame(index=pd.Index(names, name="case"))
		yes = np.zeros(len(names), dtype=bool)
		yes[case[rows["transferred"].to_numpy() == True]] = True  # noqa: E712 (None is neither)
		cases["transferred"] = yes
		for name, blank in (
			("institution", ""),
			("outcome", None),
			("referred", None),
			("business_line", ""),
			("dispute_type", ""),
			("customer", ""),
		):
			cases[name] = _latest(case, rows[name].to_numpy(), blank, len(names))
		cases["outcome"] = cases["outcome"].fillna(PENDING)
		cases["referred"] = cases["referred"].to_numpy() == True  # noqa: E712 (None is not 是)
		cases["first_row"] = pd.Series(rows["row"].to_numpy()).groupby(case).min().to_numpy()
		for name, row in cases.loc[cases["transferred"] & (cases["institution"] == ""), "first_row"].items():
			self.problems.append(
				LedgerProblem(int(row), col.INSTITUTION, f"投诉 {name} 已转办,处理机构不能为空")
			)
		customers = rows.loc[rows["customer"] != "", ["case_code", "case", "customer", "row"]]
		counts = customers.groupby("case_code")["customer"].nunique()
		for code in counts.index[counts > 1]:
			found = customers[customers["case_code"] == code]
			listed = "、".join(dict.fromkeys(found["customer"]))
			self.problems.append(
				LedgerProblem(
					int(found["row"].iloc[-1]),
					col.CUSTOMER,
					f"投诉编号 {found['case'].iloc[0]} 的客户姓名前后不一致({listed}),同一投诉编号应为同一客户",
				)
			)
		return cases

	def persons(self, rows: pd.DataFrame) -> pd.DataFrame:
		"""Responsible persons of each case, from its latest non-empty person cells."""
		frames = []
		case = rows["case_code"].to_numpy()
		for liability, cell_persons in ((DIRECT, self.direct_persons), (MANAGEMENT, self.management_persons)):
			codes = rows["direct_cell" if liability == DIRECT else "management_cell"].to_numpy()
			latest = _last_of_each(case, codes != BLANK)
			chosen = pd.DataFrame(
				{
					"cell": codes[latest],
					"case_code": case[latest],
					"case": rows["case"].to_numpy()[latest],
					"row": rows["row"].to_numpy()[latest],
				}
			)
			found = chosen.merge(cell_persons, on="cell", sort=False).sort_values(
				["case_code", "position"], kind="stable"
			)
			found["liability"] = liability
			frames.append(found[["case", "employee_number", "full_name", "liability", "row"]])
		return pd.concat(frames, ignore_index=True)

	def check_names(self, rows: pd.DataFrame) -> dict[str, str]:
		"""Every person cell of every row: one 工号, one name (the first one read counts as right)."""
		named = []
		for order, (key, cell_persons) in enumerate(
			(
				("direct_cell", self.direct_persons),
				("management_cell", self.management_persons),
				("officers_cell", self.officer_persons),
			)
		):
			cells = pd.DataFrame(
				{"cell": rows[key].to_numpy(), "row": rows["row"].to_numpy(), "at": np.arange(len(rows))}
			)
			cells = cells[cells["cell"] != BLANK].merge(cell_persons, on="cell", sort=False)
			cells["column"] = order
			named.append(cells)
		people = pd.concat(named, ignore_index=True).sort_values(["column", "at", "position"], kind="stable")
		first = people.drop_duplicates("employee_number")
		names = dict(zip(first["employee_number"], first["full_name"], strict=True))
		other = people[people["full_name"].to_numpy() != people["employee_number"].map(names).to_numpy()]
		for number, name, row in zip(other["employee_number"], other["full_name"], other["row"], strict=True):
			self.problems.append(
				LedgerProblem(int(row), "", f"工号 {number} 同时对应“{names[number]}”和“{name}”")
			)
		return names

	def early_charged_periods(self, rows: pd.DataFrame, settings: AccountabilitySettings) -> None:
		"""A receipt is charged in its own period or a later one: a 扣款期间 before it would keep the receipt
		from ever being charged. Each distinct date's period is worked out once."""
		stamped = rows[rows["charged_period"].notna() & rows["received_on"].notna()]
		days, dates = pd.factorize(stamped["received_on"].to_numpy())
		own = np.array([period_name_of(day, settings) for day in dates], dtype=object)[days]
		early = stamped["charged_period"].to_numpy() < own
		for item, own_period in zip(stamped[early].itertuples(), own[early], strict=True):
			self.problems.append(
				LedgerProblem(
					int(item.row),
					col.CHARGED_PERIOD,
					_early(
						col.CHARGED_PERIOD, item.charged_period, "这条投诉记录", own_period, item.received_on
					),
				)
			)

	def violations(
		self, rows: pd.DataFrame, violation_types: dict[str, ViolationType], settings: AccountabilitySettings
	) -> tuple[pd.DataFrame, pd.DataFrame]:
		"""One violation per case, desk officer and type, however many rows record it: the first row's
		date and amount count, and it was charged in the 违规扣款期间 one of its rows names, which may not
		precede the period of that date."""
		flagged = rows[
			(rows["officers_cell"] != BLANK)
			| (rows["violation_type"] != "")
			| rows["violation_amount"].notna()
		]
		officers = {
			cell: list(zip(group["employee_number"], group["full_name"], strict=True))
			for cell, group in self.officer_persons.groupby("cell")
		}
		records, row_of = {}, []
		period_row = {}  # the row that names each violation's 违规扣款期间 first
		for item in flagged.itertuples():
			problem = _violation_problem(item, violation_types)
			if problem:
				self.problems.append(LedgerProblem(int(item.row), *problem))
				continue
			for number, name in officers[item.officers_cell]:
				key = (item.case, number, item.violation_type)
				earlier = records.setdefault(
					key,
					_Violation(
						int(item.row),
						item.case,
						item.received_on,
						number,
						name,
						item.violation_type,
						item.violation_amount,
						item.violation_charged_period,
					),
				)
				if earlier.amount != item.violation_amount:
					self._conflict(item, name, earlier.row, col.VIOLATION_AMOUNT, f"记为{earlier.amount}元")
					continue
				if earlier.charged_period and item.violation_charged_period not in (
					None,
					earlier.charged_period,
				):
					self._conflict(
						item,
						name,
						period_row[key],
						col.VIOLATION_CHARGED_PERIOD,
						f"记为 {earlier.charged_period} 已扣款",
					)
					continue
				if item.violation_charged_period:
					period_row.setdefault(key, int(item.row))
				earlier.charged_period = earlier.charged_period or item.violation_charged_period
				row_of.append((int(item.row), key))
		for key, violation in records.items():
			if violation.charged_period and violation.received_on:
				own = period_name_of(violation.received_on, settings)
				if violation.charged_period < own:
					self.problems.append(
						LedgerProblem(
							period_row[key],
							col.VIOLATION_CHARGED_PERIOD,
							_early(
								col.VIOLATION_CHARGED_PERIOD,
								violation.charged_period,
								f"{violation.full_name}在投诉 {violation.case} 的“{violation.violation_type}”",
								own,
								violation.received_on,
							),
						)
					)
		position = {key: index for index, key in enumerate(records)}
		violations = pd.DataFrame([vars(v) for v in records.values()], columns=VIOLATION_COLUMNS)
		violation_rows = pd.DataFrame(
			{"row": [row for row, _ in row_of], "violation": [position[key] for _, key in row_of]},
			dtype=np.int64,
		)
		return violations, violation_rows

	def _conflict(self, item, officer: str, said_at: int, column: str, said: str) -> None:
		"""``said_at``: the row that recorded what this row contradicts."""
		self.problems.append(
			LedgerProblem(
				int(item.row),
				column,
				f"{officer}在投诉 {item.case} 的“{item.violation_type}”已在第{said_at}行{said},"
				"同一案件同一违规只扣一次",
			)
		)


def _early(column: str, charged: str, what: str, own: str, received_on: date) -> str:
	return (
		f"{column} {charged} 早于{what}所属的考核期 {own}(受理日期 {received_on}):"
		f"不能在受理之前的考核期扣款,请改正{column}或受理日期"
	)


def _last_of_each(case: np.ndarray, mask: np.ndarray) -> np.ndarray:
	"""Positions of the last row of each case (rows sorted by case) among those where mask holds."""
	positions = np.flatnonzero(mask)
	groups = case[positions]
	last = np.ones(len(positions), dtype=bool)
	last[:-1] = groups[1:] != groups[:-1]
	return positions[last]


def _latest(case: np.ndarray, values: np.ndarray, blank, n_cases: int) -> np.ndarray:
	"""Each case's last value that is not blank (None or ""), else the blank."""
	present = (
		np.array([v is not None and v != "" for v in values], dtype=bool)
		if blank is None
		else values != blank
	)
	latest = _last_of_each(case, present)
	result = np.full(n_cases, blank, dtype=object)
	result[case[latest]] = values[latest]
	return result


def _channel(channels: ChannelBook, text: str):
	try:
		return channels.resolve(text)
	except UnknownChannel:
		known = "、".join(c.name for c in channels)
		raise CellError(f"未知的投诉渠道“{text}”,应为 {known} 或其别名") from None


def _one_of(text: str, allowed: tuple[str, ...], what: str) -> str:
	if text.strip() not in allowed:
		raise CellError(f"未知的{what}“{text}”,应为 {'、'.join(allowed)}")
	return text.strip()


def _outcome(text: str) -> str:
	value = col.OUTCOME_WORDS.get(text.strip()) or col.OUTCOME_WORDS.get(text.strip().lower())
	if value is None:
		raise CellError(f"未知的首次协调结果“{text}”,应为 待定/撤诉/明显不属于保险责任/满意/未化解")
	return value


def _violation_problem(item, violation_types: dict[str, ViolationType]) -> tuple[str, str] | None:
	if item.officers_cell == BLANK:
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

"""Assessing one period of a valid ledger with the batch rules; nothing here writes a file."""

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from ..documents.labels import LIABILITY_LABEL, STATUS_LABEL
from ..rules import batch
from ..rules.cases import CASE_STATUSES, exemption_reason
from ..rules.channels import ChannelBook
from ..rules.charges import NO_PERSON_YET, NOTHING_NEW
from ..rules.columns import EPOCH, day_number, encode_frames, encode_rates, missing_rates
from ..rules.payroll import PayrollLine, PenaltyItem, money_from_cents, payroll_lines
from ..rules.periods import Period
from ..rules.rates import HANDLING_VIOLATION, RateTable
from ..rules.receipts import RECEIPT_KINDS
from ..rules.settings import AccountabilitySettings
from ..rules.violations import violation_due
from . import columns as col
from .problems import LedgerInvalid, LedgerProblem
from .reader import FIRST_DATA_ROW, Ledger


@dataclass
class LedgerAssessment:
	period: Period
	# One row per charge and per handling violation. ``institution`` is the notice it is listed in (a violation:
	# the desk's), ``case_institution`` the case's handling institution (the desk's for a case not transferred).
	charges: pd.DataFrame
	not_charged: pd.DataFrame  # cases of the period with no charge, and why
	payroll: list[PayrollLine]
	# The ledger as read, 扣款期间 and 违规扣款期间 filled; None once outputs.write_all has written it back.
	ledger: pd.DataFrame | None
	statuses: dict[str, int] = field(default_factory=dict)

	@property
	def total(self) -> Decimal:
		return sum(self.charges["amount"], Decimal(0))


def assess_ledger(
	ledger: Ledger, period: Period, channels: ChannelBook, rates: RateTable, settings: AccountabilitySettings
) -> LedgerAssessment:
	receipts, cases, persons = ledger.receipts, ledger.cases, ledger.persons
	rate_columns, rate_rows = encode_rates(rates, channels)
	charged_period = receipts["charged_period"].fillna("")
	frames = encode_frames(
		cases,
		receipts["case"],
		receipts["order_day"].to_numpy(dtype=np.int64) - EPOCH,
		receipts["channel"],
		# A receipt charged by this same period is made again, so a re-run gives the same result.
		((charged_period != "") & (charged_period != period.name)).to_numpy(),
		persons["case"],
		persons["employee_number"],
		persons["liability"],
		channels,
	)
	result = batch.assess(
		frames.receipts, frames.cases, frames.persons, rate_columns, day_number(period.end_date), settings
	)
	_refuse_missing_rates(result, receipts, persons)
	violations_due = np.array(
		[
			violation_due(received_on, charged_in, period)
			for received_on, charged_in in zip(
				ledger.violations["received_on"], ledger.violations["charged_period"], strict=True
			)
		],
		dtype=bool,
	)
	violation_charges = _violation_charges(ledger, violations_due, settings.desk_institution)
	charges = pd.concat(
		[_channel_charges(result, receipts, cases, persons, rate_rows), violation_charges], ignore_index=True
	)
	charges = charges.sort_values(
		["institution", "received_on", "case", "row", "employee_number", "liability"], kind="stable"
	).reset_index(drop=True)
	return LedgerAssessment(
		period=period,
		charges=charges,
		not_charged=_not_charged(result, receipts, cases, persons, period, set(violation_charges["case"])),
		payroll=payroll_lines(
			period.name,
			(
				# app.md: in ledger mode, the handling institution of the person's first charged case
				PenaltyItem(c.employee_number, c.full_name, c.case_institution, c.liability, c.amount)
				for c in charges.sort_values(["received_on", "case"], kind="stable").itertuples()
			),
		),
		ledger=_stamped(ledger, receipts["row"].iloc[result.receipt], violations_due, period),
		statuses={s: int((result.status == i).sum()) for i, s in enumerate(CASE_STATUSES)},
	)


def _refuse_missing_rates(result: batch.BatchResult, receipts: pd.DataFrame, persons: pd.DataFrame) -> None:
	missing = missing_rates(result)
	if missing:
		raise LedgerInvalid(
			[
				LedgerProblem(
					int(receipts["row"].iat[r]),
					col.RECEIVED_ON,
					f"{receipts['received_on'].iat[r]} 没有生效的“{receipts['channel'].iat[r]}”"
					f"{LIABILITY_LABEL[persons['liability'].iat[p]]}扣款标准",
				)
				for r, p in missing
			]
		)


def _channel_charges(result, receipts, cases, persons, rate_rows) -> pd.DataFrame:
	receipt = receipts.iloc[result.receipt]
	person = persons.iloc[result.person]
	institution = cases["institution"].reindex(receipt["case"]).to_numpy()
	return pd.DataFrame(
		{
			"institution": institution,
			"case_institution": institution,
			"case": receipt["case"].to_numpy(),
			"row": receipt["row"].to_numpy(),
			"received_on": receipt["received_on"].to_numpy(),
			"channel": receipt["channel"].to_numpy(),
			"receipt_kind": [RECEIPT_KINDS[k] for k in result.kind[result.receipt]],
			"employee_number": person["employee_number"].to_numpy(),
			"full_name": person["full_name"].to_numpy(),
			"liability": person["liability"].to_numpy(),
			"violation_type": "",
			"rate": [rate_rows[r].label for r in result.rate],
			"amount": [money_from_cents(c) for c in result.cents],
		}
	)


def _violation_charges(ledger: Ledger, due: np.ndarray, desk: str) -> pd.DataFrame:
	"""Handling violations this period charges (rules.md §4: whatever the case's status, once), listed in the
	notice of the desk's department ``desk``, which also handles the cases never transferred."""
	found = ledger.violations.loc[due]
	institution = ledger.cases["institution"].reindex(found["case"]).to_numpy()
	return pd.DataFrame(
		{
			"institution": desk,
			"case_institution": np.where(institution == "", desk, institution),
			"case": found["case"].to_numpy(),
			"row": found["row"].to_numpy(),
			"received_on": found["received_on"].to_numpy(),
			"channel": "",
			"receipt_kind": "",
			"employee_number": found["employee_number"].to_numpy(),
			"full_name": found["full_name"].to_numpy(),
			"liability": HANDLING_VIOLATION,
			"violation_type": found["violation_type"].to_numpy(),
			"rate": [
				f"{t}(处理机构:{i or '—'})" for t, i in zip(found["violation_type"], institution, strict=True)
			],
			"amount": [Decimal(a) for a in found["amount"]],
		}
	)


def _not_charged(result, receipts, cases, persons, period: Period, violation_cases: set[str]) -> pd.DataFrame:
	"""Cases with a receipt in this period's window that this run charges nothing, with the reason (a case
	whose only charge is a handling violation is charged)."""
	in_period = receipts[
		(receipts["order_day"] >= period.start_date.toordinal())
		& (receipts["order_day"] <= period.end_date.toordinal())
	]["case"].unique()
	charged = set(receipts["case"].iloc[result.receipt]) | violation_cases
	with_persons = set(persons["case"])
	rows = []
	for case in sorted(set(in_period) - charged):
		code = cases.index.get_loc(case)
		status = CASE_STATUSES[result.status[code]]
		reason = exemption_reason(status, cases["outcome"].iat[code]) or (
			NOTHING_NEW if case in with_persons else NO_PERSON_YET
		)
		rows.append((cases["institution"].iat[code], case, STATUS_LABEL[status], reason))
	return pd.DataFrame(rows, columns=["institution", "case", "status", "reason"])


def _stamped(
	ledger: Ledger, receipt_rows: pd.Series, violations_due: np.ndarray, period: Period
) -> pd.DataFrame:
	"""The ledger to write back: 扣款期间 on the receipts this run charged and 违规扣款期间 on the rows of the
	violations it charged; a mark of this same period on a row it no longer charges is taken off. The ledger's
	own columns and rows stay as they are; a column it lacks is added at the end only if this run writes in it.
	Columns not written are shared with the ledger read, not copied."""
	frame = ledger.frame.copy(deep=False)
	charged_rows = ledger.violation_rows.loc[violations_due[ledger.violation_rows["violation"]], "row"]
	for column, rows in ((col.CHARGED_PERIOD, receipt_rows), (col.VIOLATION_CHARGED_PERIOD, charged_rows)):
		now = frame.index.isin(rows.to_numpy() - FIRST_DATA_ROW)
		if column in frame.columns:
			current = frame[column].to_numpy()
			frame[column] = np.where(now, period.name, np.where(current == period.name, "", current))
		elif now.any():
			frame[column] = np.where(now, period.name, "").astype(object)
	return frame

"""Ledger mode properties on generated ledgers: row order is irrelevant, totals add up."""

from decimal import Decimal

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from complaint_accountability.ledger import columns as col
from complaint_accountability.ledger.assess import assess_ledger
from complaint_accountability.ledger.outputs import assessment_frames
from complaint_accountability.ledger.reader import parse_ledger
from complaint_accountability.rules.defaults import default_violation_types
from complaint_accountability.rules.periods import period

from .factories import CHANNELS, RATES, SETTINGS
from .ledgers import HEADER
from .strategies import branches

WORDS = {
	v: k
	for k, v in col.OUTCOME_WORDS.items()
	if len(k) > 1 and not k.isascii() and k != "客户满意" and k != "客户撤诉" and k != "不属于保险责任"
}
INSTITUTIONS = ["城东支公司", "城西支公司", "营业部"]


def ledger_frame(cases, institutions) -> pd.DataFrame:
	rows = []
	for case, institution in zip(cases, institutions, strict=True):

		def people(liability, case=case):
			return "、".join(
				f"员工{p.person}({p.person})" for p in case.responsible if p.liability == liability
			)

		for receipt in case.receipts:
			rows.append(
				{
					col.CASE_NUMBER: case.case_id,
					col.RECEIVED_ON: receipt.received_on.isoformat(),
					col.CHANNEL: receipt.channel,
					col.TRANSFERRED: "是" if case.transferred else "否",
					col.INSTITUTION: institution if case.transferred else "",
					col.OUTCOME: WORDS[case.outcome],
					col.DIRECT_PERSONS: people("Direct"),
					col.MANAGEMENT_PERSONS: people("Management"),
					col.REFERRED: "是" if case.referred else "否",
				}
			)
	frame = pd.DataFrame(rows, columns=HEADER).fillna("")
	frame.attrs["header"] = list(frame.columns)
	return frame


def assessed(frame: pd.DataFrame, name="2026-11"):
	ledger = parse_ledger(frame, CHANNELS, default_violation_types())
	return assess_ledger(ledger, period(name, SETTINGS), CHANNELS, RATES, SETTINGS)


def charge_set(result):
	return sorted(result.charges.drop(columns=["row"]).astype(str).itertuples(index=False))


@settings(max_examples=60, deadline=None)
@given(branches(), st.data())
def test_shuffling_ledger_rows_changes_nothing(cases, data):
	institutions = [data.draw(st.sampled_from(INSTITUTIONS)) for _ in cases]
	frame = ledger_frame(cases, institutions)
	shuffled = frame.sample(frac=1, random_state=data.draw(st.integers(0, 2**31))).reset_index(drop=True)
	shuffled.attrs["header"] = frame.attrs["header"]
	first, second = assessed(frame), assessed(shuffled)
	assert charge_set(first) == charge_set(second)
	assert first.payroll == second.payroll
	assert first.statuses == second.statuses


@settings(max_examples=60, deadline=None)
@given(branches(), st.data())
def test_payroll_summary_and_detail_totals_agree(cases, data):
	institutions = [data.draw(st.sampled_from(INSTITUTIONS)) for _ in cases]
	result = assessed(ledger_frame(cases, institutions))
	frames = assessment_frames(result)
	detail_total = sum(frames["扣款明细"]["扣款金额"], Decimal(0))
	assert detail_total == result.total
	assert sum((line.amount for line in result.payroll), Decimal(0)) == result.total
	assert sum(frames["机构汇总"]["合计"], Decimal(0)) == result.total
	assert sum(frames["人员汇总"]["合计"], Decimal(0)) == result.total


OFFICERS = ("何琳(D1)", "周敏(D2)")
VIOLATION_TYPES = tuple(default_violation_types())
PERIODS = ("2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02")


@st.composite
def violation_plans(draw, rows: int):
	"""Violations written onto ledger rows, each recorded before one of the runs (by the run's position):
	(row position, officer cell, violation type, run position). One violation may be written on two rows."""
	count = draw(st.integers(1, min(rows, 6)))
	return [
		(
			draw(st.integers(0, rows - 1)),
			draw(st.sampled_from(OFFICERS)),
			draw(st.sampled_from(VIOLATION_TYPES[:2])),
			draw(st.integers(0, 5)),
		)
		for _ in range(count)
	]


@settings(max_examples=60, deadline=None)
@given(branches(max_cases=5), st.data())
def test_each_violation_is_charged_once_and_never_dropped(cases, data):
	"""Over any sequence of monthly runs (reruns included), each ledger feeding the next with 违规扣款期间
	written back, and violations recorded late: every violation received by the last period's end is
	charged by exactly one period, whatever its case's status."""
	frame = ledger_frame(cases, [INSTITUTIONS[0]] * len(cases))
	runs = sorted(data.draw(st.lists(st.integers(0, len(PERIODS) - 1), min_size=1, max_size=6)))
	plan = data.draw(violation_plans(len(frame)))
	plan = [p for p in plan if p[3] < len(runs)]
	by_period: dict[str, set] = {}
	for position, index in enumerate(runs):
		for row, officer, violation_type, recorded_at in plan:
			if recorded_at == position and frame.at[row, col.DESK_OFFICERS] == "":
				frame.loc[row, [col.DESK_OFFICERS, col.VIOLATION_TYPE, col.VIOLATION_AMOUNT]] = [
					officer,
					violation_type,
					"50",
				]
		result = assessed(frame, PERIODS[index])
		violations = result.charges[result.charges["liability"] == "Handling Violation"]
		by_period[PERIODS[index]] = set(
			zip(violations["case"], violations["employee_number"], violations["violation_type"], strict=True)
		)
		frame = result.ledger
		frame.attrs["header"] = list(frame.columns)
	charged = [key for keys in by_period.values() for key in keys]
	assert len(charged) == len(set(charged))
	last_end = period(PERIODS[runs[-1]], SETTINGS).end_date
	recorded = frame[frame[col.DESK_OFFICERS] != ""]
	due = {
		(case, officer.split("(")[1].rstrip(")"), violation_type)
		for case, officer, violation_type, received in zip(
			recorded[col.CASE_NUMBER],
			recorded[col.DESK_OFFICERS],
			recorded[col.VIOLATION_TYPE],
			recorded[col.RECEIVED_ON],
			strict=True,
		)
		if received <= last_end.isoformat()
	}
	assert due == set(charged)

"""rules.md §6, E1–E12, one test each, through the rule modules."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from complaint_accountability.rules.cases import ACCOUNTABLE, EXEMPT, OUT_OF_SCOPE
from complaint_accountability.rules.charges import assess_case
from complaint_accountability.rules.periods import appeal_is_on_time, period, period_name_of
from complaint_accountability.rules.receipts import ESCALATION, INITIAL, REPEAT
from complaint_accountability.rules.violations import (
	ViolationAmountOutOfRange,
	ViolationType,
	check_violation_amount,
)

from .factories import CHANNELS, DIRECT_PERSON, RATES, SETTINGS, make_case, rates_with, totals

NOV = period("2026-11", SETTINGS)
OCT = period("2026-10", SETTINGS)


def assess(case, the_period=NOV, rates=RATES, **kwargs):
	return assess_case(case, the_period.end_date, CHANNELS, rates, SETTINGS, **kwargs)


def test_e1_settled_single_receipt_is_exempt():
	result = assess(make_case([("2026-10-25", "客服热线")], outcome="Satisfied"))
	assert result.status == EXEMPT
	assert result.charges == ()


def test_e2_unresolved_online_charges_direct_and_management():
	result = assess(make_case([("2026-11-02", "网络")]))
	assert result.status == ACCOUNTABLE
	assert totals(result) == {"Direct": Decimal(100), "Management": Decimal(50)}


def test_e3_escalation_makes_a_satisfied_case_accountable_for_all_receipts():
	case = make_case([("2026-10-22", "客服热线"), ("2026-11-10", "监管局")], outcome="Satisfied")
	result = assess(case)
	assert result.receipt_kinds == {"C1-0": INITIAL, "C1-1": ESCALATION}
	assert totals(result) == {"Direct": Decimal(600), "Management": Decimal(350)}


def test_e4_a_later_repeat_removes_an_earlier_exemption():
	case = make_case([("2026-09-25", "客服热线"), ("2026-11-03", "客服热线")], outcome="Satisfied")
	assert assess(case, OCT).status == EXEMPT
	result = assess(case)
	assert result.receipt_kinds["C1-1"] == REPEAT
	assert totals(result) == {"Direct": Decimal(200), "Management": Decimal(100)}


def test_e5_not_insurance_liability_keeps_a_compound_case_exempt():
	case = make_case([("2026-11-01", "网络"), ("2026-11-05", "新闻媒体")], outcome="Not Insurance Liability")
	assert assess(case).status == EXEMPT


def test_e6_a_case_never_transferred_is_out_of_scope():
	result = assess(make_case([("2026-11-03", "客服热线")], transferred=False))
	assert result.status == OUT_OF_SCOPE
	assert result.charges == ()


def test_e7_a_receipt_charged_earlier_is_not_charged_again():
	case = make_case([("2026-10-10", "客服热线"), ("2026-11-05", "总公司")], persons=[DIRECT_PERSON])
	october = assess(case, OCT)
	assert totals(october) == {"Direct": Decimal(100)}
	november = assess(case, already_charged={c.key for c in october.charges})
	assert totals(november) == {"Direct": Decimal(200)}


def test_e8_violation_amount_within_range_is_kept_and_outside_refused():
	late = ViolationType("未按时效反馈", Decimal(20), Decimal(200))
	assert check_violation_amount(late, Decimal(80)) == Decimal(80)
	with pytest.raises(ViolationAmountOutOfRange, match="250"):
		check_violation_amount(late, Decimal(250))


@pytest.mark.parametrize(
	"filed_at, on_time",
	[
		(datetime(2026, 11, 25, 10, 0), True),
		(datetime(2026, 11, 26, 23, 0), True),
		(datetime(2026, 11, 26, 23, 59, 59), True),
		(datetime(2026, 11, 27, 0, 0), False),
	],
)
def test_e9_appeals_until_the_end_of_the_26th(filed_at, on_time):
	assert NOV.appeal_deadline == date(2026, 11, 26)
	assert appeal_is_on_time(filed_at, NOV.appeal_deadline) is on_time


def test_e10_a_rate_change_applies_from_its_date_only():
	rates = rates_with(("客服热线", "Direct", 150, "2026-11-01"))
	case = make_case([("2026-10-25", "客服热线"), ("2026-11-02", "客服热线")], persons=[DIRECT_PERSON])
	result = assess(case, rates=rates)
	assert [c.amount for c in result.charges] == [Decimal(100), Decimal(150)]


def test_e11_the_20th_and_the_21st_fall_in_different_periods():
	assert period_name_of(date(2026, 11, 20), SETTINGS) == "2026-11"
	assert period_name_of(date(2026, 11, 21), SETTINGS) == "2026-12"
	late = make_case([("2026-11-21", "客服热线")])
	assert assess(late).charges == ()
	assert len(assess(late, period("2026-12", SETTINGS)).charges) == 2


def test_e12_the_january_period_starts_in_december():
	january = period("2027-01", SETTINGS)
	assert (january.start_date, january.end_date) == (date(2026, 12, 21), date(2027, 1, 20))

"""Properties of monthly runs: charge once, rates never rewrite history, totals add up."""

from datetime import timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from complaint_accountability.rules.charges import assess_case
from complaint_accountability.rules.periods import period
from complaint_accountability.rules.violations import violation_due

from .factories import CHANNELS, RATES, SETTINGS, rates_with
from .strategies import START, branches

PERIODS = ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02"]


def monthly_runs(cases, rates=RATES):
	"""Each period's charges, every run seeing what the earlier ones made (a charge is never undone)."""
	made, by_period = set(), {}
	for name in PERIODS:
		end = period(name, SETTINGS).end_date
		charges = [
			c for case in cases for c in assess_case(case, end, CHANNELS, rates, SETTINGS, made).charges
		]
		made |= {c.key for c in charges}
		by_period[name] = charges
	return by_period


@settings(max_examples=200, deadline=None)
@given(branches())
def test_each_receipt_is_charged_at_most_once_per_person(cases):
	keys = [c.key for charges in monthly_runs(cases).values() for c in charges]
	assert len(keys) == len(set(keys))


@settings(max_examples=200, deadline=None)
@given(branches())
def test_every_charge_of_a_case_that_ends_accountable_is_made_by_the_last_run(cases):
	made = {c.key for charges in monthly_runs(cases).values() for c in charges}
	last = period(PERIODS[-1], SETTINGS).end_date
	final = [assess_case(case, last, CHANNELS, RATES, SETTINGS) for case in cases]
	assert {c.key for a in final for c in a.charges} <= made


@settings(max_examples=150, deadline=None)
@given(branches())
def test_a_rate_change_never_alters_an_earlier_period(cases):
	before = monthly_runs(cases)
	changed = monthly_runs(
		cases, rates_with(("客服热线", "Direct", 999, "2026-12-21"), ("网络", "Management", 7, "2026-12-21"))
	)
	for name in ("2026-09", "2026-10", "2026-11", "2026-12"):
		assert before[name] == changed[name]


@settings(max_examples=150, deadline=None)
@given(branches())
def test_case_totals_equal_the_sum_of_their_charges(cases):
	end = period("2026-12", SETTINGS).end_date
	for case in cases:
		assessment = assess_case(case, end, CHANNELS, RATES, SETTINGS)
		assert assessment.total == sum((c.rate.amount for c in assessment.charges), Decimal(0))
		assert all(c.amount > 0 for c in assessment.charges)


@settings(max_examples=300, deadline=None)
@given(
	st.lists(st.tuples(st.integers(0, 200), st.integers(0, 5)), min_size=1, max_size=8),
	st.lists(st.integers(0, len(PERIODS) - 1), min_size=1, max_size=8),
)
def test_a_violation_is_charged_once_by_the_first_run_that_can(violations, run_indexes):
	"""Violations (received day, recorded before run number …) over runs of nondecreasing periods, a period
	run again at will: the last run of each period counts, and each violation is charged by exactly one
	period if received by the last period's end, by none otherwise."""
	runs = sorted(run_indexes)
	charged_in: dict[int, str] = {}
	by_period: dict[str, set[int]] = {}
	for position, index in enumerate(runs):
		the_period = period(PERIODS[index], SETTINGS)
		now = {
			number
			for number, (day, recorded_at) in enumerate(violations)
			if recorded_at <= position
			and violation_due(START + timedelta(days=day), charged_in.get(number), the_period)
		}
		by_period[the_period.name] = now
		charged_in.update(dict.fromkeys(now, the_period.name))
	made = [number for numbers in by_period.values() for number in numbers]
	assert len(made) == len(set(made))
	last = period(PERIODS[runs[-1]], SETTINGS).end_date
	recorded = {n for n, (_, recorded_at) in enumerate(violations) if recorded_at < len(runs)}
	assert set(made) == {n for n in recorded if START + timedelta(days=violations[n][0]) <= last}

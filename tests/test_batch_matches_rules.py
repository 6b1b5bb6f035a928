"""The batch engine gives exactly what the scalar reference rules give, case by case."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaint_accountability.rules import batch
from complaint_accountability.rules.charges import assess_case
from complaint_accountability.rules.columns import already_charged_columns, decode, encode, encode_frames
from complaint_accountability.rules.periods import period
from complaint_accountability.rules.settings import AccountabilitySettings

from .factories import CHANNELS, RATES, SETTINGS, rates_with
from .strategies import branches

PERIODS = ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]
RATES_WITH_CHANGE = rates_with(
	("客服热线", "Direct", 150, "2026-11-01"), ("监管局", "Management", 350, "2026-10-15")
)


def run_batch(cases, period_name, rule_settings, rates, already=frozenset()):
	encoded = encode(cases, CHANNELS, rates)
	result = batch.assess(
		encoded.receipts,
		encoded.case_columns,
		encoded.persons,
		encoded.rates,
		batch_day(period_name, rule_settings),
		rule_settings,
		already_charged_columns(encoded, already),
	)
	return decode(encoded, result)


def batch_day(period_name, rule_settings):
	from complaint_accountability.rules.columns import day_number

	return day_number(period(period_name, rule_settings).end_date)


@settings(max_examples=150, deadline=None)
@given(branches(), st.sampled_from(PERIODS), st.booleans())
def test_batch_equals_scalar(cases, period_name, repeats_charged):
	rule_settings = AccountabilitySettings(same_channel_repeat_charged=repeats_charged)
	end = period(period_name, rule_settings).end_date
	scalar = [assess_case(c, end, CHANNELS, RATES_WITH_CHANGE, rule_settings) for c in cases]
	statuses, charges = run_batch(cases, period_name, rule_settings, RATES_WITH_CHANGE)
	assert statuses == [a.status for a in scalar]
	assert sorted(charges, key=repr) == sorted((c for a in scalar for c in a.charges), key=repr)


@settings(max_examples=100, deadline=None)
@given(branches())
def test_already_charged_is_respected_the_same_way(cases):
	first = {c.key for c in run_batch(cases, "2026-10", SETTINGS, RATES)[1]}
	end = period("2026-12", SETTINGS).end_date
	scalar = [c for case in cases for c in assess_case(case, end, CHANNELS, RATES, SETTINGS, first).charges]
	batched = run_batch(cases, "2026-12", SETTINGS, RATES, first)[1]
	assert sorted(batched, key=repr) == sorted(scalar, key=repr)


def test_frames_naming_a_case_not_in_the_period_are_refused_not_put_on_the_last_case():
	"""get_indexer answers -1 for an unknown key, which numpy would read as the last case."""
	cases = pd.DataFrame(
		{"transferred": [True, True], "outcome": ["Unresolved"] * 2, "referred": [False, False]},
		index=pd.Index(["A-1", "A-2"], name="case"),
	)
	receipts = (pd.Series(["A-1", "A-2"]), np.array([20_400, 20_401]), pd.Series(["网络", "网络"]))
	args = (*receipts, np.zeros(2, dtype=bool))
	persons = (pd.Series(["A-1", "A-9"]), pd.Series(["E1", "E2"]), pd.Series(["Direct", "Direct"]))
	with pytest.raises(ValueError, match="A-9"):
		encode_frames(cases, *args, *persons, CHANNELS)
	encoded = encode_frames(cases, *args, persons[0].replace("A-9", "A-2"), *persons[1:], CHANNELS)
	assert encoded.persons.case.tolist() == [0, 1]

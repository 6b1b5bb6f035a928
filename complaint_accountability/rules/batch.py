"""A whole period assessed at once over columns (numpy), for ledger mode and the site's compile.

Same rules as :mod:`.receipts`, :mod:`.cases` and :mod:`.charges`, which stay the readable
reference; tests hold the two to the same results. Inputs are integer codes:

- channel: the channel's position in rank order (0 = least severe), below 64;
- day: days since 1970-01-01; money: integer cents, so no float ever touches an amount;
- liability: 0 Direct, 1 Management (other liabilities are not charged per receipt);
- outcome and status: positions in :data:`.cases.OUTCOMES` and :data:`.cases.CASE_STATUSES`.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cases import (
	ACCOUNTABLE,
	AWAITING_OUTCOME,
	CASE_STATUSES,
	EXEMPT,
	NOT_INSURANCE_LIABILITY,
	OUT_OF_SCOPE,
	OUTCOMES,
	PENDING,
	REFERRED,
	SETTLED_AT_FIRST_COORDINATION,
)
from .receipts import ESCALATION, INITIAL, MULTI_CHANNEL, RECEIPT_KINDS, REPEAT
from .settings import AccountabilitySettings

KIND_CODE = {kind: code for code, kind in enumerate(RECEIPT_KINDS)}
STATUS_CODE = {status: code for code, status in enumerate(CASE_STATUSES)}
OUTCOME_CODE = {outcome: code for code, outcome in enumerate(OUTCOMES)}
NOT_IN_WINDOW = -1
_CHANNEL_SPAN = 64
_DAY_SPAN = 1 << 20


@dataclass(frozen=True)
class ReceiptColumns:
	case: np.ndarray  # int64 case code, 0..n_cases-1
	day: np.ndarray  # int64 days since epoch
	channel: np.ndarray  # int64 channel code in rank order
	charged: np.ndarray  # bool: already charged for every person (ledger mode)


@dataclass(frozen=True)
class CaseColumns:
	transferred: np.ndarray  # bool
	outcome: np.ndarray  # int8 outcome code
	referred: np.ndarray  # bool


@dataclass(frozen=True)
class PersonColumns:
	case: np.ndarray  # int64
	person: np.ndarray  # int64 person code
	liability: np.ndarray  # int8, 0 Direct, 1 Management, other values never charged per receipt


@dataclass(frozen=True)
class RateColumns:
	channel: np.ndarray
	liability: np.ndarray
	valid_from: np.ndarray  # day
	cents: np.ndarray  # int64


@dataclass(frozen=True)
class BatchResult:
	kind: np.ndarray  # int8 per receipt; NOT_IN_WINDOW for receipts after the period's end
	status: np.ndarray  # int8 per case
	receipt: np.ndarray  # per charge: receipt index
	person: np.ndarray  # per charge: row index into PersonColumns
	rate: np.ndarray  # per charge: row index into RateColumns, -1 where no rate is in force
	cents: np.ndarray  # per charge: amount in cents

	@property
	def missing_rate(self) -> np.ndarray:
		return self.rate < 0


def classify(receipts: ReceiptColumns, end_day: int) -> np.ndarray:
	"""Receipt kinds of every receipt received on or before ``end_day``."""
	window = np.flatnonzero(receipts.day <= end_day)
	day = receipts.day[window]
	first_day = day.min() if len(day) else 0
	# One sort key, (case, day, channel rank): on the same day the less severe channel comes first.
	order = window[
		np.argsort(
			(receipts.case[window] * _DAY_SPAN + (day - first_day)) * _CHANNEL_SPAN
			+ receipts.channel[window],
			kind="stable",
		)
	]
	case = receipts.case[order]
	key = case * _CHANNEL_SPAN + receipts.channel[order]
	first = np.ones(len(order), dtype=bool)
	first[1:] = case[1:] != case[:-1]
	seen = pd.Series(key).duplicated().to_numpy()
	highest_before = np.empty_like(key)
	highest_before[1:] = np.maximum.accumulate(key)[:-1]
	highest_before[:1] = -1
	escalation = key > highest_before
	codes = np.select(
		[first, seen, escalation],
		[KIND_CODE[INITIAL], KIND_CODE[REPEAT], KIND_CODE[ESCALATION]],
		KIND_CODE[MULTI_CHANNEL],
	)
	kind = np.full(len(receipts.case), NOT_IN_WINDOW, dtype=np.int8)
	kind[order] = codes
	return kind


def case_statuses(cases: CaseColumns, receipts_to_date: np.ndarray) -> np.ndarray:
	"""Status codes per case; the precedence mirrors :func:`.cases.case_status`."""
	outcome = cases.outcome
	settled = np.isin(outcome, [OUTCOME_CODE[o] for o in SETTLED_AT_FIRST_COORDINATION])
	return np.select(
		[
			~cases.transferred,
			cases.referred,
			outcome == OUTCOME_CODE[PENDING],
			outcome == OUTCOME_CODE[NOT_INSURANCE_LIABILITY],
			settled & (receipts_to_date < 2),
		],
		[STATUS_CODE[s] for s in (OUT_OF_SCOPE, REFERRED, AWAITING_OUTCOME, EXEMPT, EXEMPT)],
		STATUS_CODE[ACCOUNTABLE],
	).astype(np.int8)


def _pair_with_persons(
	receipt_index: np.ndarray, receipt_case: np.ndarray, persons: PersonColumns, n_cases: int
):
	"""Every (receipt, person row) pair of the same case."""
	order = np.argsort(persons.case, kind="stable")
	per_case = np.bincount(persons.case, minlength=n_cases)
	starts = np.concatenate(([0], np.cumsum(per_case)[:-1]))
	repeats = per_case[receipt_case]
	offsets = np.arange(int(repeats.sum())) - np.repeat(np.cumsum(repeats) - repeats, repeats)
	person_rows = order[np.repeat(starts[receipt_case], repeats) + offsets]
	return np.repeat(receipt_index, repeats), person_rows


def _rate_rows(rates: RateColumns, channel: np.ndarray, liability: np.ndarray, day: np.ndarray) -> np.ndarray:
	"""Row of the rate in force for each (channel, liability, day), -1 where none is."""
	group = rates.channel * 2 + rates.liability
	encoded = group * _DAY_SPAN + rates.valid_from
	order = np.argsort(encoded, kind="stable")
	wanted_group = channel * 2 + liability
	position = np.searchsorted(encoded[order], wanted_group * _DAY_SPAN + day, side="right") - 1
	found = (position >= 0) & (group[order][np.maximum(position, 0)] == wanted_group)
	return np.where(found, order[np.maximum(position, 0)], -1)


def _charged_key(receipt: np.ndarray, person: np.ndarray, liability: np.ndarray) -> np.ndarray:
	return (receipt.astype(np.int64) * (1 << 24) + person) * 2 + liability


def assess(
	receipts: ReceiptColumns,
	cases: CaseColumns,
	persons: PersonColumns,
	rates: RateColumns,
	end_day: int,
	settings: AccountabilitySettings,
	already_charged: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> BatchResult:
	"""Classify, decide case status and make every charge not made before, for one period.

	``already_charged`` is (receipt index, person code, liability) of charges earlier compiles made.
	"""
	n_cases = len(cases.transferred)
	kind = classify(receipts, end_day)
	in_window = kind != NOT_IN_WINDOW
	status = case_statuses(cases, np.bincount(receipts.case[in_window], minlength=n_cases))

	chargeable = in_window & ~receipts.charged & (status[receipts.case] == STATUS_CODE[ACCOUNTABLE])
	if not settings.same_channel_repeat_charged:
		chargeable &= kind != KIND_CODE[REPEAT]
	receipt_index = np.flatnonzero(chargeable)
	receipt, person_row = _pair_with_persons(receipt_index, receipts.case[receipt_index], persons, n_cases)
	liability = persons.liability[person_row].astype(np.int64)
	keep = liability <= 1
	if already_charged is not None and len(already_charged[0]):
		made = _charged_key(*(np.asarray(column, dtype=np.int64) for column in already_charged))
		keys = _charged_key(receipt, persons.person[person_row], liability)
		keep &= ~np.isin(keys, made)
	receipt, person_row, liability = receipt[keep], person_row[keep], liability[keep]
	rate = _rate_rows(rates, receipts.channel[receipt], liability, receipts.day[receipt])
	cents = np.where(rate >= 0, rates.cents[np.maximum(rate, 0)], 0)
	return BatchResult(kind, status, receipt, person_row, rate, cents.astype(np.int64))

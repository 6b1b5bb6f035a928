"""Encoding a period for :mod:`.batch` and decoding its charges back: from frames (ledger mode and
the site's compile, :func:`encode_frames`) or from objects (:func:`encode`)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

from . import batch
from .cases import CASE_STATUSES, OUTCOMES
from .channels import ChannelBook
from .charges import CaseFacts, Charge
from .rates import CHANNEL_LIABILITIES, RateTable
from .receipts import RECEIPT_KINDS

EPOCH = date(1970, 1, 1).toordinal()
LIABILITY_CODE = {liability: code for code, liability in enumerate(CHANNEL_LIABILITIES)}
NOT_PER_RECEIPT = 2


def day_number(day: date) -> int:
	return day.toordinal() - EPOCH


@dataclass(frozen=True)
class EncodedPeriod:
	cases: Sequence[CaseFacts]
	receipts: batch.ReceiptColumns
	case_columns: batch.CaseColumns
	persons: batch.PersonColumns
	rates: batch.RateColumns
	receipt_ref: list[tuple[int, int]]  # receipt index -> (case position, receipt position)
	person_ref: list[tuple[int, int]]  # person row -> (case position, responsible position)
	person_ids: list[str]
	rate_rows: list


def channel_codes(channels: ChannelBook) -> dict[str, int]:
	"""Each channel's code for the batch rules: its position in rank order."""
	return {channel.name: i for i, channel in enumerate(channels)}


def case_columns(cases) -> batch.CaseColumns:
	"""Case columns from a frame with ``transferred``, ``outcome`` and ``referred`` columns."""
	return batch.CaseColumns(
		transferred=cases["transferred"].to_numpy(dtype=bool),
		outcome=cases["outcome"].map(OUTCOMES.index).to_numpy(dtype=np.int8),
		referred=cases["referred"].to_numpy(dtype=bool),
	)


@dataclass(frozen=True)
class FrameColumns:
	receipts: batch.ReceiptColumns
	cases: batch.CaseColumns
	persons: batch.PersonColumns
	case_code: pd.Index  # case key -> code
	person_code: pd.Index  # person key -> code


def encode_frames(
	cases,
	receipt_case,
	receipt_day: np.ndarray,
	receipt_channel,
	receipt_charged: np.ndarray,
	person_case,
	person_key,
	person_liability,
	channels: ChannelBook,
	more_person_keys=(),
) -> FrameColumns:
	"""A period's frames as the batch rules' columns. ``cases`` is indexed by case key (see
	:func:`case_columns`); receipts and persons name their case by that key; ``receipt_day`` holds
	:func:`day_number` days; a person whose liability is not charged per receipt (a handling
	violation) is kept, with its code. ``more_person_keys`` are persons to code that hold no row
	(those of charges made before)."""
	case_code = pd.Index(cases.index)
	person_code = pd.Index(pd.unique(pd.concat([pd.Series(person_key), pd.Series(list(more_person_keys))])))
	channel_code = channel_codes(channels)
	return FrameColumns(
		receipts=batch.ReceiptColumns(
			case=_codes(case_code, receipt_case, "receipt"),
			day=np.asarray(receipt_day, dtype=np.int64),
			channel=pd.Series(receipt_channel).map(channel_code).to_numpy(dtype=np.int64),
			charged=np.asarray(receipt_charged, dtype=bool),
		),
		cases=case_columns(cases),
		persons=batch.PersonColumns(
			case=_codes(case_code, person_case, "person"),
			person=_codes(person_code, person_key, "person"),
			liability=pd.Series(person_liability)
			.map(LIABILITY_CODE)
			.fillna(NOT_PER_RECEIPT)
			.to_numpy(dtype=np.int8),
		),
		case_code=case_code,
		person_code=person_code,
	)


def _codes(index: pd.Index, keys, what: str) -> np.ndarray:
	"""Each key's position in ``index``. A key not there would read as -1, which numpy takes for the last
	position: a charge silently put on another case. Refused instead."""
	codes = index.get_indexer(keys).astype(np.int64)
	if (codes < 0).any():
		unknown = list(dict.fromkeys(pd.Series(keys)[codes < 0].astype(str)))
		raise ValueError(f"{what} rows name cases or persons not in the period: {', '.join(unknown[:5])}")
	return codes


def missing_rates(result: batch.BatchResult) -> list[tuple[int, int]]:
	"""(receipt position, person position) of each charge with no rate in force on its receipt's
	day: ledger mode and the site refuse these, each in its own words."""
	return [(int(result.receipt[i]), int(result.person[i])) for i in np.flatnonzero(result.missing_rate)]


def encode_rates(rates: RateTable, channels: ChannelBook) -> tuple[batch.RateColumns, list]:
	rows = rates.rows()
	code = channel_codes(channels)
	for rate in rows:
		if rate.amount != rate.amount.quantize(Decimal("0.01")):
			raise ValueError(f"rate {rate.label}: amount must have at most two decimals")
	columns = batch.RateColumns(
		channel=np.array([code[r.channel] for r in rows], dtype=np.int64),
		liability=np.array([LIABILITY_CODE[r.liability] for r in rows], dtype=np.int64),
		valid_from=np.array([day_number(r.valid_from) for r in rows], dtype=np.int64),
		cents=np.array([int(r.amount * 100) for r in rows], dtype=np.int64),
	)
	return columns, rows


def encode(
	cases: Sequence[CaseFacts], channels: ChannelBook, rates: RateTable, charged_receipts: Iterable[str] = ()
) -> EncodedPeriod:
	code = channel_codes(channels)
	charged = set(charged_receipts)
	receipt_ref, person_ref, person_ids = [], [], {}
	r_case, r_day, r_channel, r_charged, p_case, p_person, p_liability = ([] for _ in range(7))
	for c, case in enumerate(cases):
		for r, receipt in enumerate(case.receipts):
			receipt_ref.append((c, r))
			r_case.append(c)
			r_day.append(day_number(receipt.received_on))
			r_channel.append(code[channels.resolve(receipt.channel).name])
			r_charged.append(receipt.receipt_id in charged)
		for p, person in enumerate(case.responsible):
			person_ref.append((c, p))
			p_case.append(c)
			p_person.append(person_ids.setdefault(person.person, len(person_ids)))
			p_liability.append(LIABILITY_CODE.get(person.liability, NOT_PER_RECEIPT))
	rate_columns, rate_rows = encode_rates(rates, channels)
	return EncodedPeriod(
		cases=cases,
		receipts=batch.ReceiptColumns(
			np.array(r_case, dtype=np.int64),
			np.array(r_day, dtype=np.int64),
			np.array(r_channel, dtype=np.int64),
			np.array(r_charged, dtype=bool),
		),
		case_columns=batch.CaseColumns(
			np.array([c.transferred for c in cases], dtype=bool),
			np.array([OUTCOMES.index(c.outcome) for c in cases], dtype=np.int8),
			np.array([c.referred for c in cases], dtype=bool),
		),
		persons=batch.PersonColumns(
			np.array(p_case, dtype=np.int64),
			np.array(p_person, dtype=np.int64),
			np.array(p_liability, dtype=np.int8),
		),
		rates=rate_columns,
		receipt_ref=receipt_ref,
		person_ref=person_ref,
		person_ids=list(person_ids),
		rate_rows=rate_rows,
	)


def already_charged_columns(encoded: EncodedPeriod, keys: Iterable[tuple[str, str, str]]):
	"""(receipt, person, liability) charge keys as the batch's integer columns."""
	receipt_index = {
		encoded.cases[c].receipts[r].receipt_id: i for i, (c, r) in enumerate(encoded.receipt_ref)
	}
	person_code = {person: i for i, person in enumerate(encoded.person_ids)}
	rows = [
		(receipt_index[r], person_code[p], LIABILITY_CODE[lia])
		for r, p, lia in keys
		if r in receipt_index and p in person_code and lia in LIABILITY_CODE
	]
	return tuple(np.array(column, dtype=np.int64) for column in zip(*rows, strict=True)) if rows else None


def decode(encoded: EncodedPeriod, result: batch.BatchResult) -> tuple[list[str], list[Charge]]:
	"""Case statuses and charges as the scalar rules name them."""
	statuses = [CASE_STATUSES[code] for code in result.status]
	charges = []
	for receipt_index, person_row, rate_row in zip(result.receipt, result.person, result.rate, strict=True):
		c, r = encoded.receipt_ref[receipt_index]
		case = encoded.cases[c]
		receipt = case.receipts[r]
		person = case.responsible[encoded.person_ref[person_row][1]]
		charges.append(
			Charge(
				case.case_id,
				receipt.receipt_id,
				person.person,
				person.liability,
				encoded.rate_rows[rate_row].channel,
				RECEIPT_KINDS[result.kind[receipt_index]],
				receipt.received_on,
				encoded.rate_rows[rate_row],
			)
		)
	return statuses, charges

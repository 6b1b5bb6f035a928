"""Time and peak memory of the rule core on N synthetic receipts, against the per-case path.

    python benchmarks/assess_core.py [--sizes 10000 100000 1000000] [--baseline-sizes 10000 100000]

Synthetic month: 20% compound cases (2-4 receipts), 8 channels, 3 persons a case (two direct,
one management), outcomes mixed, dates over three periods. The batch engine gets integer
columns; the baseline is the straightforward per-case loop over the scalar rules (one
``assess_case`` per case), given the same data as objects. Building inputs is not timed.
"""

import argparse
import gc
import time
import tracemalloc
from datetime import date, timedelta
from functools import partial

import numpy as np

from complaint_accountability.rules import batch
from complaint_accountability.rules.cases import OUTCOMES
from complaint_accountability.rules.charges import CaseFacts, Receipt, Responsible, assess_case
from complaint_accountability.rules.columns import day_number, encode_rates
from complaint_accountability.rules.defaults import default_channels, default_rates
from complaint_accountability.rules.periods import period
from complaint_accountability.rules.settings import AccountabilitySettings

SETTINGS = AccountabilitySettings()
CHANNELS = default_channels()
RATES = default_rates()
PERIOD = period("2026-11", SETTINGS)
FIRST_DAY = day_number(date(2026, 9, 21))
OUTCOME_WEIGHTS = [0.1, 0.1, 0.15, 0.25, 0.4]  # Pending, Withdrawn, NIL, Satisfied, Unresolved


def synthetic(n_receipts: int, seed: int = 7):
	"""Columns for about ``n_receipts`` receipts."""
	rng = np.random.default_rng(seed)
	n_cases = int(n_receipts / (0.8 + 0.2 * 3))
	sizes = np.where(rng.random(n_cases) < 0.2, rng.integers(2, 5, n_cases), 1)
	case = np.repeat(np.arange(n_cases), sizes)[:n_receipts]
	n_cases = int(case[-1]) + 1
	n = len(case)
	receipts = batch.ReceiptColumns(
		case=case.astype(np.int64),
		day=FIRST_DAY + rng.integers(0, 90, n),
		channel=rng.choice(8, n, p=[0.45, 0.2, 0.1, 0.08, 0.07, 0.05, 0.03, 0.02]).astype(np.int64),
		charged=rng.random(n) < 0.05,
	)
	cases = batch.CaseColumns(
		transferred=rng.random(n_cases) < 0.9,
		outcome=rng.choice(len(OUTCOMES), n_cases, p=OUTCOME_WEIGHTS).astype(np.int8),
		referred=rng.random(n_cases) < 0.01,
	)
	persons = batch.PersonColumns(
		case=np.repeat(np.arange(n_cases), 3).astype(np.int64),
		person=rng.integers(0, max(n_cases // 4, 10), n_cases * 3).astype(np.int64),
		liability=np.tile(np.array([0, 0, 1], dtype=np.int8), n_cases),
	)
	return receipts, cases, persons


def as_objects(receipts, cases, persons) -> tuple[list[CaseFacts], set[str]]:
	names = [c.name for c in CHANNELS]
	epoch = date(1970, 1, 1)
	by_case_receipts: dict[int, list] = {}
	charged = set()
	for i, (c, d, ch, done) in enumerate(
		zip(receipts.case, receipts.day, receipts.channel, receipts.charged, strict=True)
	):
		by_case_receipts.setdefault(int(c), []).append(
			Receipt(f"R{i}", names[ch], epoch + timedelta(days=int(d)))
		)
		if done:
			charged.add(f"R{i}")
	by_case_persons: dict[int, list] = {}
	for c, p, lia in zip(persons.case, persons.person, persons.liability, strict=True):
		by_case_persons.setdefault(int(c), []).append(Responsible(f"P{p}", ("Direct", "Management")[lia]))
	facts = [
		CaseFacts(
			f"C{c}",
			bool(cases.transferred[c]),
			OUTCOMES[cases.outcome[c]],
			bool(cases.referred[c]),
			tuple(by_case_receipts.get(c, ())),
			tuple(by_case_persons.get(c, ())),
		)
		for c in range(len(cases.transferred))
	]
	return facts, charged


def measure(function, repeat: int = 3):
	"""Best wall time of ``repeat`` runs, then the peak traced memory of one more run."""
	seconds = []
	for _ in range(repeat):
		gc.collect()
		started = time.perf_counter()
		result = function()
		seconds.append(time.perf_counter() - started)
	tracemalloc.start()
	function()
	peak = tracemalloc.get_traced_memory()[1]
	tracemalloc.stop()
	return result, min(seconds), peak


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
	parser.add_argument("--baseline-sizes", type=int, nargs="+", default=[10_000, 100_000])
	args = parser.parse_args()
	rate_columns, _ = encode_rates(RATES, CHANNELS)
	end_day = day_number(PERIOD.end_date)
	print(
		f"{'receipts':>10} {'cases':>9} {'charges':>9} {'batch s':>9} {'peak MiB':>9} {'per-case s':>11} {'ratio':>7}"
	)
	for size in args.sizes:
		receipts, cases, persons = synthetic(size)
		result, seconds, peak = measure(
			partial(batch.assess, receipts, cases, persons, rate_columns, end_day, SETTINGS)
		)
		row = f"{len(receipts.case):>10,} {len(cases.transferred):>9,} {len(result.receipt):>9,} {seconds:>9.3f} {peak / 2**20:>9.1f}"
		if size in args.baseline_sizes:
			facts, charged = as_objects(receipts, cases, persons)
			started = time.perf_counter()
			slow = [
				assess_case(f, PERIOD.end_date, CHANNELS, RATES, SETTINGS, charged_receipts=charged)
				for f in facts
			]
			baseline = time.perf_counter() - started
			if sum(len(a.charges) for a in slow) != len(result.receipt):
				raise SystemExit("the per-case path and the batch disagree on the number of charges")
			row += f" {baseline:>11.3f} {baseline / seconds:>6.0f}x"
		print(row, flush=True)


if __name__ == "__main__":
	main()

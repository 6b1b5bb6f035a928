"""Hypothesis strategies: small random branches of cases over a few months."""

from datetime import date, timedelta

from hypothesis import strategies as st

from complaint_accountability.rules.cases import OUTCOMES
from complaint_accountability.rules.charges import CaseFacts, Receipt, Responsible

from .factories import CHANNELS

CHANNEL_NAMES = [c.name for c in CHANNELS]
PEOPLE = ["E1", "E2", "E3", "M1", "M2"]
START = date(2026, 8, 1)


@st.composite
def cases(draw, case_id: str = "C") -> CaseFacts:
	receipts = draw(
		st.lists(st.tuples(st.integers(0, 170), st.sampled_from(CHANNEL_NAMES)), min_size=1, max_size=5)
	)
	persons = draw(
		st.lists(
			st.tuples(st.sampled_from(PEOPLE), st.sampled_from(["Direct", "Management"])),
			max_size=3,
			unique=True,
		)
	)
	return CaseFacts(
		case_id=case_id,
		transferred=draw(st.booleans()) or draw(st.booleans()),
		outcome=draw(st.sampled_from(OUTCOMES)),
		referred=draw(st.integers(0, 9)) == 0,
		receipts=tuple(
			Receipt(f"{case_id}-{i}", ch, START + timedelta(days=d)) for i, (d, ch) in enumerate(receipts)
		),
		responsible=tuple(Responsible(p, lia) for p, lia in persons),
	)


@st.composite
def branches(draw, max_cases: int = 8) -> list[CaseFacts]:
	count = draw(st.integers(1, max_cases))
	return [draw(cases(case_id=f"C{i}")) for i in range(count)]

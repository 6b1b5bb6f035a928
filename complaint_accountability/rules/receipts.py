"""Receipt classification (rules.md §3): Initial, Repeat, Escalation, Multi-channel."""

from collections.abc import Sequence
from datetime import date

INITIAL = "Initial"
REPEAT = "Repeat"
ESCALATION = "Escalation"
MULTI_CHANNEL = "Multi-channel"
RECEIPT_KINDS = (INITIAL, REPEAT, ESCALATION, MULTI_CHANNEL)


def receipt_order(received: Sequence[tuple[date, int]]) -> list[int]:
	"""Indexes of receipts in date order; on the same day the less severe channel comes first."""
	return sorted(range(len(received)), key=lambda i: (received[i][0], received[i][1]))


def classify_receipts(received: Sequence[tuple[date, int]]) -> list[str]:
	"""Kinds of a case's receipts, given as (received date, channel rank), in the order given."""
	kinds = [""] * len(received)
	seen: set[int] = set()
	highest = 0
	for position, index in enumerate(receipt_order(received)):
		rank = received[index][1]
		if position == 0:
			kind = INITIAL
		elif rank in seen:
			kind = REPEAT
		elif rank > highest:
			kind = ESCALATION
		else:
			kind = MULTI_CHANNEL
		kinds[index] = kind
		seen.add(rank)
		highest = max(highest, rank)
	return kinds

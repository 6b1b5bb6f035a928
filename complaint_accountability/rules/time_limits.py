"""Regulatory handling time limits (rules.md §7): when feedback on a case becomes late."""

from dataclasses import dataclass
from datetime import date, timedelta

from .settings import AccountabilitySettings

NORMAL = "Normal"
COMPLEX = "Complex"
ESPECIALLY_COMPLEX = "Especially Complex"
COMPLEXITIES = (NORMAL, COMPLEX, ESPECIALLY_COMPLEX)


@dataclass(frozen=True)
class HandlingLimit:
	days: int
	due_on: date


def handling_limit(
	received_on: date,
	settings: AccountabilitySettings,
	complexity: str = NORMAL,
	extension_approved: bool = False,
	appraisal_days: int = 0,
) -> HandlingLimit:
	"""Due date of a decision: 15 days; 30 for a complex case; 60 for an especially complex one only
	when the superior institution approved the extension. Outside appraisal time is not counted."""
	if complexity not in COMPLEXITIES:
		raise ValueError(f"unknown complexity {complexity!r}")
	if appraisal_days < 0:
		raise ValueError("appraisal days must not be negative")
	days = settings.decision_days
	if complexity in (COMPLEX, ESPECIALLY_COMPLEX):
		days = settings.complex_case_days
	if complexity == ESPECIALLY_COMPLEX and extension_approved:
		days = settings.especially_complex_case_days
	return HandlingLimit(days, received_on + timedelta(days=days + appraisal_days))


def is_late(
	limit: HandlingLimit, decided_on: date | None, today: date, withdrawn_on: date | None = None
) -> bool:
	"""Past the limit without a decision. A withdrawal ends the case on the day it arrives."""
	ended_on = min(d for d in (decided_on, withdrawn_on, today) if d is not None)
	return ended_on > limit.due_on

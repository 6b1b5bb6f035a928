"""Handling violations of the branch complaint desk (分公司投诉岗), 20–200 CNY per case by impact."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .periods import Period


class ViolationAmountOutOfRange(ValueError):
	pass


@dataclass(frozen=True)
class ViolationType:
	name: str
	min_amount: Decimal
	max_amount: Decimal

	def __post_init__(self):
		if not 0 <= self.min_amount <= self.max_amount:
			raise ValueError(
				f"violation type {self.name}: range {self.min_amount}–{self.max_amount} is not valid"
			)


def check_violation_amount(violation: ViolationType, amount: Decimal) -> Decimal:
	"""The amount the reviewer chose, refused when outside the type's range."""
	if not violation.min_amount <= amount <= violation.max_amount:
		raise ViolationAmountOutOfRange(
			f"{violation.name}: amount {amount} is outside {violation.min_amount}–{violation.max_amount}"
		)
	return amount


def violation_due(received_on: date, charged_in: str | None, period: Period) -> bool:
	"""Whether a compile of ``period`` charges a handling violation (rules.md §4).

	A violation is about the desk's handling, so it is charged whatever its case's status; it is
	charged once, by the first period that can: the first whose end is on or after its receipt's
	date. ``charged_in`` names the period that charged it already (None if none did); one charged
	by this same period is charged again, so a re-run of the period gives the same result.
	"""
	return received_on <= period.end_date and charged_in in (None, "", period.name)

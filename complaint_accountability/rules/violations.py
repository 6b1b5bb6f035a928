"""Handling violations of the branch complaint desk (分公司投诉岗), 20–200 CNY per case by impact."""

from dataclasses import dataclass
from decimal import Decimal


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

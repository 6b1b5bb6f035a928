"""Payroll lines: one per person per component for a period, amounts summed to 2 decimals."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .rates import HANDLING_VIOLATION

WAGE_DEDUCTION = "Wage Deduction"
PERFORMANCE_DEDUCTION = "Performance Deduction"
PAYROLL_COLUMNS = ("period", "employee_number", "full_name", "institution", "component", "amount")
CENT = Decimal("0.01")


def component_for(liability: str) -> str:
	"""Channel findings come off wages (工资); handling violations off performance pay (绩效)."""
	return PERFORMANCE_DEDUCTION if liability == HANDLING_VIOLATION else WAGE_DEDUCTION


def money(amount) -> Decimal:
	"""An amount as exact Decimal cents, from a Decimal, an int, text, or a float read from a database
	(through its shortest text, never its binary value); None is 0."""
	value = amount if isinstance(amount, Decimal) else Decimal(str(amount or 0))
	return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money_from_cents(cents) -> Decimal:
	"""An integer number of cents (the batch rules' unit) as an exact Decimal amount."""
	return Decimal(int(cents)).scaleb(-2)


@dataclass(frozen=True)
class PenaltyItem:
	"""One amount owed: a charge summed per finding, or a handling violation."""

	employee_number: str
	full_name: str
	institution: str
	liability: str
	amount: Decimal


@dataclass(frozen=True)
class PayrollLine:
	period: str
	employee_number: str
	full_name: str
	institution: str
	component: str
	amount: Decimal

	def as_row(self) -> dict[str, str]:
		row = {name: str(getattr(self, name)) for name in PAYROLL_COLUMNS}
		row["amount"] = f"{money(self.amount):.2f}"
		return row


def payroll_lines(period: str, items: Iterable[PenaltyItem]) -> list[PayrollLine]:
	"""Sum items per person and component; the institution is the one of the person's first item."""
	totals: dict[tuple[str, str], list] = {}
	for item in items:
		key = (item.employee_number, component_for(item.liability))
		entry = totals.setdefault(key, [item.full_name, item.institution, Decimal(0)])
		entry[2] += item.amount
	return [
		PayrollLine(period, number, name, institution, component, money(amount))
		for (number, component), (name, institution, amount) in sorted(totals.items())
		if amount
	]

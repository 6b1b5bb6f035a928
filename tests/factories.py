"""Plain factories for the rule tests: cases, receipts and persons with the default data."""

from datetime import date
from decimal import Decimal

from complaint_accountability.rules.charges import CaseFacts, Receipt, Responsible
from complaint_accountability.rules.defaults import default_channels, default_rates
from complaint_accountability.rules.rates import DIRECT, MANAGEMENT, Rate, RateTable
from complaint_accountability.rules.settings import AccountabilitySettings

SETTINGS = AccountabilitySettings()
CHANNELS = default_channels()
RATES = default_rates()
DIRECT_PERSON = Responsible("E1", DIRECT)
MANAGER = Responsible("M1", MANAGEMENT)


def make_case(
	receipts,
	outcome="Unresolved",
	transferred=True,
	referred=False,
	persons=(DIRECT_PERSON, MANAGER),
	case_id="C1",
) -> CaseFacts:
	"""receipts: (iso date, channel) pairs; receipt ids are the case id and the position."""
	return CaseFacts(
		case_id=case_id,
		transferred=transferred,
		outcome=outcome,
		referred=referred,
		receipts=tuple(
			Receipt(f"{case_id}-{i}", channel, date.fromisoformat(day))
			for i, (day, channel) in enumerate(receipts)
		),
		responsible=tuple(persons),
	)


def rates_with(*extra: tuple[str, str, int, str]) -> RateTable:
	"""The default rates plus (channel, liability, amount, valid_from) rows."""
	return RateTable(
		[*RATES.rows(), *(Rate(c, lia, Decimal(a), date.fromisoformat(d)) for c, lia, a, d in extra)]
	)


def totals(assessment) -> dict[str, Decimal]:
	out: dict[str, Decimal] = {}
	for charge in assessment.charges:
		out[charge.liability] = out.get(charge.liability, Decimal(0)) + charge.amount
	return out

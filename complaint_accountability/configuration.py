"""The rules' inputs as the site holds them: settings, channels, rates and violation types."""

from decimal import Decimal

import frappe

from complaint_accountability.rules.channels import Channel, ChannelBook, split_aliases
from complaint_accountability.rules.periods import Period, period
from complaint_accountability.rules.rates import Rate, RateTable
from complaint_accountability.rules.settings import AccountabilitySettings
from complaint_accountability.rules.violations import ViolationType

SETTINGS = "Complaint Accountability Settings"


def rule_settings() -> AccountabilitySettings:
	s = frappe.get_cached_doc(SETTINGS)
	return AccountabilitySettings(
		period_start_day=s.period_start_day or 21,
		appeal_deadline_day=s.appeal_deadline_day or 26,
		payroll_day=s.payroll_day or 0,
		same_channel_repeat_charged=bool(s.same_channel_repeat_charged),
		decision_days=s.decision_days or 15,
		complex_case_days=s.complex_case_days or 30,
		especially_complex_case_days=s.especially_complex_case_days or 60,
	)


def channel_book() -> ChannelBook:
	rows = frappe.get_all(
		"Complaint Channel", fields=["name", "rank", "aliases", "is_regulator"], order_by="`rank` asc"
	)
	return ChannelBook(Channel(r.name, r.rank, split_aliases(r.aliases), bool(r.is_regulator)) for r in rows)


def rate_table() -> RateTable:
	rows = frappe.get_all("Penalty Rate", fields=["name", "channel", "liability", "amount", "valid_from"])
	return RateTable(Rate(r.channel, r.liability, money(r.amount), r.valid_from, r.name) for r in rows)


def violation_type(name: str) -> ViolationType:
	row = frappe.get_cached_doc("Handling Violation Type", name)
	return ViolationType(row.name, money(row.min_amount), money(row.max_amount))


def period_window(name: str) -> Period:
	return period(name, rule_settings())


def money(value) -> Decimal:
	"""A Currency value read from the database as exact Decimal cents."""
	return Decimal(str(value or 0)).quantize(Decimal("0.01"))

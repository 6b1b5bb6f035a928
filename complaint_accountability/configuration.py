"""What administrators configure in the desk, read for the rules and the cycle: the settings,
channels, rates and violation types.

Every setting falls back to its one declared default when the settings record holds no value for
it (a field added by a later version, a record never saved): see `setting_defaults`.
"""

from dataclasses import dataclass, fields

import frappe
from frappe.utils import cint, split_emails

from complaint_accountability.documents.model import Letterhead
from complaint_accountability.rules.channels import Channel, ChannelBook, split_aliases
from complaint_accountability.rules.payroll import money
from complaint_accountability.rules.periods import Period, period
from complaint_accountability.rules.rates import Rate, RateTable
from complaint_accountability.rules.settings import AccountabilitySettings
from complaint_accountability.rules.violations import ViolationType
from complaint_accountability.setting_defaults import declared_defaults
from complaint_accountability.vocabulary import DocType


@dataclass(frozen=True)
class Settings:
	rules: AccountabilitySettings
	letterhead: Letterhead
	document_prefix: str
	auto_compile: bool
	auto_confirm: bool
	auto_hand_off: bool
	background_threshold: int
	hr_recipients: tuple[str, ...]
	finance_recipients: tuple[str, ...]
	wage_component: str
	performance_component: str
	branch_institution: str


def settings() -> Settings:
	"""The site's settings, each stored value or else its declared default.

	Read from the stored values themselves: a loaded settings document turns a check box that was
	never stored into 0, which would switch off a rule whose default is on.
	"""
	return settings_from(frappe.db.get_singles_dict(DocType.SETTINGS))


def settings_from(stored: dict) -> Settings:
	"""Settings from stored (or submitted) values; ValueError names a value the rules cannot use."""
	values = {
		name: default if stored.get(name) in (None, "") else _cast(stored[name], default)
		for name, default in declared_defaults().items()
	}
	rules = AccountabilitySettings(
		**{f.name: values[f.name] for f in fields(AccountabilitySettings) if f.name in values}
	)
	return Settings(
		rules=rules,
		letterhead=Letterhead(
			issuing_organ=rules.issuing_organ,
			issuing_department=rules.issuing_department,
			printed_by=rules.printed_by,
		),
		document_prefix=rules.document_prefix,
		auto_compile=bool(values["auto_compile"]),
		auto_confirm=bool(values["auto_confirm"]),
		auto_hand_off=bool(values["auto_hand_off"]),
		background_threshold=int(values["background_threshold"]),
		hr_recipients=tuple(split_emails(values["hr_recipients"])),
		finance_recipients=tuple(split_emails(values["finance_recipients"])),
		wage_component=values["wage_component"],
		performance_component=values["performance_component"],
		branch_institution=values["branch_institution"],
	)


def _cast(raw, default):
	"""A stored value (text in the singles table) as the type of its default."""
	if isinstance(default, bool):
		return bool(cint(raw))
	if isinstance(default, int):
		return cint(raw)
	return raw


def rule_settings() -> AccountabilitySettings:
	return settings().rules


def channel_book() -> ChannelBook:
	rows = frappe.get_all(
		DocType.CHANNEL, fields=["name", "rank", "aliases", "is_regulator"], order_by="`rank` asc"
	)
	return ChannelBook(Channel(r.name, r.rank, split_aliases(r.aliases), bool(r.is_regulator)) for r in rows)


def rate_table() -> RateTable:
	rows = frappe.get_all(
		DocType.PENALTY_RATE, fields=["name", "channel", "liability", "amount", "valid_from"]
	)
	return RateTable(Rate(r.channel, r.liability, money(r.amount), r.valid_from, r.name) for r in rows)


def violation_type(name: str) -> ViolationType:
	row = frappe.get_cached_doc(DocType.VIOLATION_TYPE, name)
	return ViolationType(row.name, money(row.min_amount), money(row.max_amount))


def period_window(name: str) -> Period:
	return period(name, rule_settings())


def branch_institution() -> str | None:
	"""The branch at the top of the institution tree, where receipts of complaints never transferred
	count: the setting, else the first institution at the top of the tree."""
	configured = settings().branch_institution
	if configured and frappe.db.exists(DocType.INSTITUTION, configured):
		return configured
	tops = frappe.get_all(
		DocType.INSTITUTION,
		filters={"parent_institution": ("is", "not set")},
		order_by="lft asc",
		pluck="name",
		limit=1,
	)
	return tops[0] if tops else None

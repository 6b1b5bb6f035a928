"""Install steps: seed channels, example rates, violation types and dispute types where they are missing."""

import frappe

from complaint_accountability.desk_home import set_default_workspaces
from complaint_accountability.rules.defaults import load

# Notifications too (in-desk, System Notification): administrators edit their wording, or send them
# by email once an email account exists, and a migrate keeps what they changed.
SEEDED = ("complaint_channel", "penalty_rate", "handling_violation_type", "dispute_type", "notification")


def after_install():
	"""Also run after every migrate: each step only adds what is missing."""
	seed_defaults()
	ensure_indexes()
	ensure_currency()
	set_default_workspaces()


def seed_defaults() -> None:
	"""Insert each shipped record whose name is missing; never overwrite what an administrator changed."""
	for name in SEEDED:
		for record in load(name):
			if not frappe.db.exists(record["doctype"], record["name"]):
				frappe.get_doc(record).insert(ignore_permissions=True, set_name=record["name"])


def ensure_indexes() -> None:
	"""Composite indexes the doctype JSON cannot declare; Frappe runs on_doctype_update only when a
	doctype's JSON changes, so a migrate makes sure of them too."""
	from complaint_accountability.complaint_accountability.doctype.responsibility_finding import (
		responsibility_finding,
	)

	responsibility_finding.on_doctype_update()


def ensure_currency() -> None:
	"""Every amount is in CNY. The desk shows a money field in the site's default currency, and a
	site with none shows another currency's sign: make CNY (¥) the default where none is set."""
	if frappe.db.exists("Currency", "CNY"):
		if not frappe.db.get_value("Currency", "CNY", "symbol"):
			frappe.db.set_value("Currency", "CNY", {"symbol": "¥", "enabled": 1})
		if not frappe.db.get_default("currency"):
			frappe.db.set_default("currency", "CNY")

"""Install steps: seed channels, example rates and violation types where they are missing."""

import frappe

from complaint_accountability.rules.defaults import load

SEEDED = ("complaint_channel", "penalty_rate", "handling_violation_type")


def after_install():
	seed_defaults()


def after_migrate():
	seed_defaults()


def before_uninstall():
	pass


def seed_defaults() -> None:
	"""Insert each shipped record whose name is missing; never overwrite what an administrator changed."""
	for name in SEEDED:
		for record in load(name):
			if not frappe.db.exists(record["doctype"], record["name"]):
				frappe.get_doc(record).insert(ignore_permissions=True, set_name=record["name"])

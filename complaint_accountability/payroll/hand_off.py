"""Handing confirmed findings to payroll: exactly one Penalty Entry per finding.

The entry's ``responsibility_finding`` is unique in the database, so two workers handing off
the same period at once cannot create a second entry; the loser's insert is refused and skipped.
"""

import frappe
from frappe import _

from complaint_accountability.accountability import periods

ENTRY = "Penalty Entry"
FINDING = "Responsibility Finding"


def hand_off_period(period_name: str) -> dict:
	with periods.step_lock("Hand Off to Payroll", period_name):
		return _hand_off(period_name)


def _hand_off(period_name: str) -> dict:
	period = frappe.get_doc("Accountability Period", period_name)
	finding = frappe.qb.DocType(FINDING)
	entry = frappe.qb.DocType(ENTRY)
	pending = (
		frappe.qb.from_(finding)
		.left_join(entry)
		.on(entry.responsibility_finding == finding.name)
		.select(
			finding.name,
			finding.person,
			finding.full_name,
			finding.employee_number,
			finding.person_user,
			finding.person_institution,
			finding.institution,
			finding.component,
			finding.amount,
		)
		.where(
			(finding.accountability_period == period_name)
			& (finding.docstatus == 1)
			& (finding.workflow_state == "Confirmed")
			& entry.name.isnull()
		)
		.run(as_dict=True)
	)
	created = sum(_create_entry(row, period) for row in pending)
	if not _findings_left_to_hand_off(period_name):
		periods.mark(period_name, "Closed" if period.status == "Notified" else None, handed_off_on=True)
	return {"period": period_name, "entries_created": created}


def _create_entry(row, period) -> int:
	entry = frappe.get_doc(
		{
			"doctype": ENTRY,
			"responsibility_finding": row.name,
			"accountability_period": period.name,
			"person": row.person,
			"full_name": row.full_name,
			"employee_number": row.employee_number,
			"person_user": row.person_user,
			"institution": row.person_institution or row.institution,
			"component": row.component,
			"amount": row.amount,
			"payroll_date": period.payroll_date,
			"status": "Pending",
		}
	)
	frappe.db.savepoint("hand_off")
	try:
		entry.insert(ignore_permissions=True)
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		frappe.db.rollback(save_point="hand_off")
		frappe.clear_last_message()
		return 0
	frappe.db.set_value(FINDING, row.name, "workflow_state", "Handed Off")
	return 1


def _findings_left_to_hand_off(period_name: str) -> int:
	return frappe.db.count(
		FINDING,
		{
			"accountability_period": period_name,
			"docstatus": 1,
			"workflow_state": ("in", ["Final", "Appealed", "Confirmed"]),
		},
	)


def cancel_entry_of(finding: str) -> None:
	"""A finding revoked after its hand-off: the entry is cancelled unless payroll already deducted it."""
	entry = frappe.db.get_value(ENTRY, {"responsibility_finding": finding}, ["name", "status"], as_dict=True)
	if not entry:
		return
	if entry.status == "Deducted":
		frappe.throw(
			_("Penalty Entry {0} was already deducted by payroll; settle it there first").format(entry.name)
		)
	frappe.db.set_value(ENTRY, entry.name, "status", "Cancelled")

"""The payroll API: what payroll should deduct on a date, and its acknowledgement. Payroll Officer only.

GET  /api/method/complaint_accountability.payroll.api.pending_entries?payroll_date=2026-11-30
POST /api/method/complaint_accountability.payroll.api.acknowledge_entries
     {"entries": ["PE-2026-00001", ...], "payroll_reference": "SAL-2026-11"}
"""

import json

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

ENTRY = "Penalty Entry"
PAYROLL_ROLES = ("Payroll Officer", "Accountability Administrator", "System Manager")
FIELDS = [
	"name",
	"accountability_period",
	"person",
	"full_name",
	"employee_number",
	"institution",
	"component",
	"amount",
	"payroll_date",
	"status",
	"payroll_reference",
	"responsibility_finding",
]


def _only_payroll() -> None:
	if not set(PAYROLL_ROLES).intersection(frappe.get_roles()):
		frappe.throw(_("Only a Payroll Officer may use the payroll API"), frappe.PermissionError)


@frappe.whitelist(methods=["GET"])
def pending_entries(payroll_date: str) -> list[dict]:
	"""Entries to deduct on or before ``payroll_date`` that payroll has not acknowledged yet."""
	_only_payroll()
	return frappe.get_all(
		ENTRY,
		fields=FIELDS,
		order_by="employee_number asc, name asc",
		filters={"payroll_date": ("<=", getdate(payroll_date)), "status": ("in", ["Pending", "Handed Off"])},
	)


@frappe.whitelist(methods=["POST"])
def acknowledge_entries(entries: list[str] | str, payroll_reference: str) -> dict:
	"""Mark entries Deducted under ``payroll_reference``. Acknowledging again with the same reference
	changes nothing; a different reference for an entry already deducted is refused."""
	_only_payroll()
	names = json.loads(entries) if isinstance(entries, str) else list(entries)
	if not payroll_reference or not payroll_reference.strip():
		frappe.throw(_("A payroll reference is required"))
	rows = {
		r.name: r
		for r in frappe.get_all(
			ENTRY, fields=["name", "status", "payroll_reference"], filters={"name": ("in", names)}
		)
	}
	missing = [n for n in names if n not in rows]
	if missing:
		frappe.throw(_("Unknown penalty entries: {0}").format(", ".join(missing)))
	to_deduct, already = [], 0
	for name in names:
		row = rows[name]
		if row.status == "Deducted":
			if row.payroll_reference != payroll_reference:
				frappe.throw(_("{0} was already deducted under {1}").format(name, row.payroll_reference))
			already += 1
			continue
		if row.status == "Cancelled":
			frappe.throw(_("{0} was cancelled and must not be deducted").format(name))
		to_deduct.append(name)
	if to_deduct:
		frappe.db.set_value(
			ENTRY,
			{"name": ("in", to_deduct)},
			{"status": "Deducted", "payroll_reference": payroll_reference, "deducted_on": now_datetime()},
		)
	return {"deducted": len(to_deduct), "already_deducted": already}

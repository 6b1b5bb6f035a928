"""The payroll API: what payroll should deduct by a date, and its acknowledgement. Payroll only.

GET or POST /api/method/complaint_accountability.payroll.api.pending_entries
     ?payroll_date=2026-11-30[&period=2026-11][&limit_start=0][&limit_page_length=500]
POST /api/method/complaint_accountability.payroll.api.acknowledge_entries
     {"entries": ["PE-2026-00001", ...], "payroll_reference": "SAL-2026-11"}
"""

import json

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from complaint_accountability.complaint_accountability.doctype.accountability_period.accountability_period import (
	refresh_status,
	window_or_throw,
)
from complaint_accountability.configuration import settings
from complaint_accountability.cycle import bulk
from complaint_accountability.cycle.hand_off import ENTRY_FIELDS
from complaint_accountability.permissions import SYSTEM_MANAGER
from complaint_accountability.vocabulary import PERFORMANCE_DEDUCTION, DocType, EntryStatus, Role

# Payroll's own: the Accountability Administrator configures the app and deducts nothing.
PAYROLL_ROLES = (Role.PAYROLL, SYSTEM_MANAGER)
CURRENCY = "CNY"
MAX_PAGE = 1000
MAX_START = 10**9  # far beyond any list of entries; larger numbers overflow the database's LIMIT
REFERENCE_LENGTH = 140  # Penalty Entry.payroll_reference, a Data field
EARLIEST = 1900  # a payroll date before this year is a slip (0001-01-01, 0000-00-00)
# What payroll reads of an entry: what the hand-off writes, and the acknowledgement.
FIELDS = [field for field in ENTRY_FIELDS if field != "naming_series"] + ["payroll_reference"]


class PayrollReferenceConflict(frappe.ValidationError):
	pass


def _only_payroll() -> None:
	if not set(PAYROLL_ROLES).intersection(frappe.get_roles()):
		frappe.throw(_("Only a Payroll Officer may use the payroll API"), frappe.PermissionError)


@frappe.whitelist(methods=["GET", "POST"])
def pending_entries(
	payroll_date: str | None = None,
	period: str | None = None,
	limit_start: int = 0,
	limit_page_length: int = 500,
) -> dict:
	"""Entries due on or before ``payroll_date`` that payroll has not acknowledged, a page at a time,
	oldest payroll date first; each with its salary component as the settings name it."""
	_only_payroll()
	if not isinstance(payroll_date, str) or not payroll_date.strip():
		frappe.throw(_("payroll_date must be a date written YYYY-MM-DD"))
	due = getdate(payroll_date)  # refuses a string that is no date, naming it
	if not due or due.year < EARLIEST:
		frappe.throw(_("payroll_date must be a date written YYYY-MM-DD"))
	if not 0 < limit_page_length <= MAX_PAGE or not 0 <= limit_start <= MAX_START:
		frappe.throw(
			_("limit_page_length must be 1 to {0} and limit_start 0 to {1}").format(MAX_PAGE, MAX_START)
		)
	filters = {"payroll_date": ("<=", due), "status": EntryStatus.PENDING}
	if period:
		filters["accountability_period"] = window_or_throw(period).name
	configured = settings()
	salary_component = {PERFORMANCE_DEDUCTION: configured.performance_component}
	entries = frappe.get_all(
		DocType.PENALTY_ENTRY,
		fields=FIELDS,
		filters=filters,
		order_by="payroll_date asc, employee_number asc, name asc",
		limit_start=limit_start,
		limit_page_length=limit_page_length,
	)
	for entry in entries:
		entry["salary_component"] = salary_component.get(entry.component, configured.wage_component)
		entry["currency"] = CURRENCY
	return {
		"entries": entries,
		"total": frappe.db.count(DocType.PENALTY_ENTRY, filters),
		"limit_start": limit_start,
		"limit_page_length": limit_page_length,
		"currency": CURRENCY,
	}


def _entry_names(entries) -> list[str]:
	"""The named entries once each, in the order given."""
	if isinstance(entries, str):
		try:
			entries = json.loads(entries)
		except ValueError:
			entries = None
	if not isinstance(entries, list) or not entries or not all(isinstance(e, str) and e for e in entries):
		frappe.throw(_("entries must be a JSON list of Penalty Entry names"))
	return list(dict.fromkeys(entries))


@frappe.whitelist(methods=["POST"])
def acknowledge_entries(entries: list | str | None = None, payroll_reference: str | None = None) -> dict:
	"""Mark entries Deducted under ``payroll_reference``. Acknowledging again with the same reference
	changes nothing; a different reference for an entry already deducted is refused. The entries are
	locked while they are checked and marked, so two payroll runs cannot both deduct one entry."""
	_only_payroll()
	names = _entry_names(entries)
	if not isinstance(payroll_reference, str) or not payroll_reference.strip():
		frappe.throw(_("A payroll reference is required"))
	payroll_reference = payroll_reference.strip()
	if len(payroll_reference) > REFERENCE_LENGTH:
		frappe.throw(_("A payroll reference has at most {0} characters").format(REFERENCE_LENGTH))
	entry = frappe.qb.DocType(DocType.PENALTY_ENTRY)
	rows = {
		row.name: row
		for row in frappe.qb.from_(entry)
		.select(entry.name, entry.status, entry.payroll_reference, entry.accountability_period)
		.where(entry.name.isin(names))
		.for_update()
		.run(as_dict=True)
	}
	missing = [n for n in names if n not in rows]
	if missing:
		frappe.throw(_("Unknown penalty entries: {0}").format(", ".join(missing)), frappe.DoesNotExistError)
	to_deduct, already = [], 0
	for name in names:
		row = rows[name]
		if row.status == EntryStatus.DEDUCTED:
			if row.payroll_reference != payroll_reference:
				frappe.throw(
					_("{0} was already deducted under {1}").format(name, row.payroll_reference),
					PayrollReferenceConflict,
				)
			already += 1
		elif row.status == EntryStatus.CANCELLED:
			frappe.throw(_("{0} was cancelled and must not be deducted").format(name))
		elif row.status != EntryStatus.PENDING:
			frappe.throw(_("{0} is {1}, not pending deduction").format(name, _(row.status)))
		else:
			to_deduct.append(name)
	if to_deduct:
		update = frappe.qb.update(entry).set(entry.status, EntryStatus.DEDUCTED)
		bulk.stamped(update.set(entry.payroll_reference, payroll_reference), entry).set(
			entry.deducted_on, now_datetime()
		).where(entry.name.isin(to_deduct) & (entry.status == EntryStatus.PENDING)).run()
		for period_name in {rows[name].accountability_period for name in to_deduct}:
			refresh_status(period_name)
	return {"deducted": len(to_deduct), "already_deducted": already}

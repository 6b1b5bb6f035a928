"""Handing confirmed findings to payroll: exactly one Penalty Entry per finding.

Entries are inserted in bulk. A second run for the same period is refused by the step lock, and
the entry's ``responsibility_finding`` is unique in the database, so a finding can never be paid twice.
"""

import frappe
from frappe import _

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.vocabulary import DocType, EntryStatus, FindingState

from . import bulk
from .locks import step_lock

ENTRY = DocType.PENALTY_ENTRY
ENTRY_SERIES = "PE-.YYYY.-.#####"
ENTRY_FIELDS = (
	"name",
	"naming_series",
	"responsibility_finding",
	"accountability_period",
	"person",
	"full_name",
	"employee_number",
	"institution",
	"component",
	"amount",
	"payroll_date",
	"status",
)
FINDING = DocType.FINDING


def hand_off_period(period_name: str) -> dict:
	with step_lock("Hand Off to Payroll", period_name):
		return _hand_off(period_name)


def _hand_off(period_name: str) -> dict:
	period = frappe.get_doc(DocType.PERIOD, period_name)
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
			finding.person_institution,
			finding.institution,
			finding.component,
			finding.amount,
		)
		.where(
			(finding.accountability_period == period_name)
			& (finding.docstatus == 1)
			& (finding.workflow_state == FindingState.CONFIRMED)
			& entry.name.isnull()
		)
		.run(as_dict=True)
	)
	_create_entries(pending, period)
	if pending:
		# Confirmed → Handed Off is the hand-off's own state, which no user's workflow action makes:
		# written in one statement for the period, as the bulk insert above writes the entries.
		bulk.stamped(
			frappe.qb.update(finding).set(finding.workflow_state, FindingState.HANDED_OFF), finding
		).where(finding.name.isin([row.name for row in pending])).run()
	periods.mark(period_name, handed_off_on=not _findings_left_to_hand_off(period_name))
	return {"period": period_name, "entries_created": len(pending)}


def _create_entries(pending: list, period) -> None:
	"""One Pending entry per finding, in one bulk insert with names from the entry's series."""
	names = bulk.reserve_names(ENTRY_SERIES, len(pending)) if pending else []
	bulk.insert_rows(
		ENTRY,
		ENTRY_FIELDS,
		[
			(
				name,
				ENTRY_SERIES,
				row.name,
				period.name,
				row.person,
				row.full_name,
				row.employee_number,
				row.person_institution or row.institution,
				row.component,
				row.amount,
				period.payroll_date,
				EntryStatus.PENDING,
			)
			for name, row in zip(names, pending, strict=True)
		],
	)


def _findings_left_to_hand_off(period_name: str) -> int:
	return frappe.db.count(
		FINDING,
		{
			"accountability_period": period_name,
			"docstatus": 1,
			"workflow_state": ("in", [FindingState.FINAL, FindingState.APPEALED, FindingState.CONFIRMED]),
		},
	)


def cancel_entry_of(finding: str) -> None:
	"""A finding revoked after its hand-off: the entry is cancelled unless payroll already deducted it."""
	entry = frappe.db.get_value(
		ENTRY, {"responsibility_finding": finding}, ["name", "status", "accountability_period"], as_dict=True
	)
	if not entry:
		return
	if entry.status == EntryStatus.DEDUCTED:
		frappe.throw(
			_("Penalty Entry {0} was already deducted by payroll; settle it there first").format(entry.name)
		)
	frappe.db.set_value(ENTRY, entry.name, "status", EntryStatus.CANCELLED)
	periods.refresh_status(entry.accountability_period)

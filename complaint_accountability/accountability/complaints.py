"""What a Complaint derives from its receipts on every save: kinds, status and time limit."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from complaint_accountability.privacy import mask_id_number, mask_phone
from complaint_accountability.rules.cases import PENDING, case_status
from complaint_accountability.rules.periods import period_name_of
from complaint_accountability.rules.receipts import classify_receipts
from complaint_accountability.rules.time_limits import handling_limit, is_late

from .site_rules import channel_book, rule_settings


def derive(doc) -> None:
	"""Classify the receipts, then set the case status and the handling time limit."""
	settings = rule_settings()
	classify(doc, settings)
	doc.case_status = case_status(
		bool(doc.transferred),
		doc.first_coordination_outcome or PENDING,
		bool(doc.referred),
		len(doc.receipts),
	)
	set_time_limit(doc, settings)


def classify(doc, settings) -> None:
	channels = channel_book()
	received = [(getdate(row.received_on), channels.rank_of(row.channel)) for row in doc.receipts]
	for row, kind, (day, _rank) in zip(doc.receipts, classify_receipts(received), received, strict=True):
		row.receipt_kind = kind
		row.accountability_period = period_name_of(day, settings)
	days = [day for day, _rank in received]
	doc.first_received_on = min(days)
	doc.latest_received_on = max(days)
	doc.latest_period = period_name_of(doc.latest_received_on, settings)
	doc.is_compound = int(len(days) >= 2)


def set_time_limit(doc, settings) -> None:
	limit = handling_limit(
		getdate(doc.first_received_on),
		settings,
		complexity=doc.complexity or "Normal",
		extension_approved=bool(doc.extension_approved_by),
		appraisal_days=doc.appraisal_days or 0,
	)
	doc.handling_due_on = limit.due_on
	doc.is_overdue = int(
		is_late(
			limit,
			getdate(doc.decided_on) if doc.decided_on else None,
			getdate(today()),
			getdate(doc.withdrawn_on) if doc.withdrawn_on else None,
		)
	)


def mask_personal_data(doc) -> None:
	"""Masked copies of phone and ID number are what roles without permlevel 1 see."""
	doc.customer_phone_masked = mask_phone(doc.customer_phone)
	doc.customer_id_masked = mask_id_number(doc.customer_id_number)


def validate_receipts(doc) -> None:
	if not doc.receipts:
		frappe.throw(_("A complaint needs at least one receipt"), title=_("No Receipt"))
	for row in doc.receipts:
		if getdate(row.received_on) > getdate(today()):
			frappe.throw(
				_("Row {0}: the received date {1} is in the future").format(row.idx, row.received_on)
			)


def validate_extension(doc) -> None:
	if doc.complexity == "Especially Complex" and doc.extension_approved_by and not doc.extension_approved_on:
		frappe.throw(
			_("Record the date the superior institution approved the extension"), title=_("Extension")
		)


def validate_responsible_persons(doc) -> None:
	seen = set()
	for row in doc.responsible_persons:
		key = (row.person, row.liability)
		if key in seen:
			frappe.throw(_("Row {0}: {1} is already named with this liability").format(row.idx, row.person))
		seen.add(key)


def refresh_overdue_flags() -> None:
	"""The overdue flag depends on today's date: recompute it for undecided cases, in one statement."""
	complaint = frappe.qb.DocType("Complaint")
	frappe.qb.update(complaint).set(complaint.is_overdue, 1).where(
		complaint.decided_on.isnull()
		& complaint.withdrawn_on.isnull()
		& (complaint.handling_due_on < today())
		& (complaint.is_overdue == 0)
	).run()

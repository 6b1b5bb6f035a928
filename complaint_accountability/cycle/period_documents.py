"""The period's paper: assessment tables (处罚考核表) before the appeal window and official notices
(正式文件) after it, one PDF per institution, attached to the period and sent by Frappe's email queue.

Each institution's document is made once: a second run finds it on the period and neither renders
nor sends it again. Notice numbers (文号) come from a yearly series per prefix.
"""

from collections import defaultdict
from dataclasses import replace
from datetime import date

import frappe
from frappe import _
from frappe.model.naming import getseries
from frappe.utils import getdate, now_datetime, today

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.complaint_accountability.doctype.accountability_period import period_summary
from complaint_accountability.configuration import money, settings
from complaint_accountability.documents.fonts import system_families
from complaint_accountability.documents.model import InstitutionDocument, Letterhead, PenaltyLine
from complaint_accountability.documents.numerals import doc_number
from complaint_accountability.documents.render import render_css, render_html
from complaint_accountability.ledger.columns import LIABILITY_LABEL
from complaint_accountability.ledger.notices import channel_breakdown
from complaint_accountability.rules.rates import HANDLING_VIOLATION

PERIOD = "Accountability Period"
FINDING = "Responsibility Finding"
ASSESSED = ("Final", "Appealed", "Confirmed", "Handed Off")
NOTIFIED = ("Final", "Confirmed", "Handed Off")


class DocumentsNotReady(frappe.ValidationError):
	pass


def send_assessment_tables(period_name: str) -> dict:
	"""After final determination: each institution's table to its complaint manager."""
	waiting = period_summary.undecided(period_name)
	if waiting:
		frappe.throw(period_summary.undecided_message(waiting), DocumentsNotReady)
	made = _make(period_name, "assessment", ASSESSED)
	periods.mark(period_name, assessment_sent_on=bool(made))
	return {"period": period_name, "sent": made}


def issue_notices(period_name: str) -> dict:
	"""After the appeal window, with no appeal pending: the notice to each institution, HR and Finance."""
	if periods.appeal_window_open(period_name):
		frappe.throw(_("The appeal window of {0} is still open").format(period_name), DocumentsNotReady)
	pending = period_summary.open_appeals(period_name)
	if pending:
		frappe.throw(period_summary.open_appeals_message(pending), DocumentsNotReady)
	made = _make(period_name, "notice", NOTIFIED)
	status = frappe.db.get_value(PERIOD, period_name, "status")
	periods.mark(
		period_name, "Notified" if status in ("Open", "Compiled") else None, notices_issued_on=bool(made)
	)
	return {"period": period_name, "issued": made}


def _make(period_name: str, kind: str, states: tuple[str, ...]) -> int:
	from complaint_accountability.documents.render import render_period

	period = frappe.get_doc(PERIOD, period_name)
	rows = {row.institution: row for row in period.documents}
	file_field, sent_field = (
		("assessment_file", "assessment_sent_on")
		if kind == "assessment"
		else ("notice_file", "notice_issued_on")
	)
	documents = [
		d
		for d in institution_documents(period, states)
		if not (rows.get(d.institution) or {}).get(file_field)
	]
	if not documents:
		return 0
	issue_date = getdate(today())
	if kind == "notice":
		documents = [_numbered(d, rows.get(d.institution), issue_date) for d in documents]
	# Forked render workers are for background jobs; a web request renders in its own process.
	pdfs = render_period(
		documents, letterhead(), kind, workers=1 if getattr(frappe.local, "request", None) else None
	)
	for document in documents:
		row = rows.get(document.institution) or period.append(
			"documents", {"institution": document.institution}
		)
		file = _attach(period_name, kind, document.institution, pdfs[document.institution])
		row.update(
			{
				file_field: file.file_url,
				sent_field: now_datetime(),
				"total": document.total,
				"document_number": document.doc_number or row.document_number,
			}
		)
		_send(period_name, kind, document, file)
	period.flags.ignore_permissions = True
	period.save()
	return len(documents)


def institution_documents(period, states: tuple[str, ...]) -> list[InstitutionDocument]:
	"""One document per institution with a finding in ``states``: its penalties, channel by channel."""
	finding = frappe.qb.DocType(FINDING)
	person = frappe.qb.DocType("Accountable Person")
	complaint = frappe.qb.DocType("Complaint")
	findings = (
		frappe.qb.from_(finding)
		.left_join(person)
		.on(person.name == finding.person)
		.left_join(complaint)
		.on(complaint.name == finding.complaint)
		.select(
			finding.name,
			finding.institution,
			finding.person_institution,
			finding.full_name,
			finding.employee_number,
			person.post,
			finding.complaint,
			complaint.ledger_number,
			finding.liability,
			finding.violation_type,
			finding.amount,
		)
		.where(
			(finding.accountability_period == period.name)
			& (finding.docstatus == 1)
			& finding.workflow_state.isin(states)
		)
		.orderby(finding.institution)
		.orderby(finding.employee_number)
		.orderby(finding.complaint)
		.run(as_dict=True)
	)
	charges = _charges_by_finding([f.name for f in findings])
	by_institution = defaultdict(list)
	for f in findings:
		if f.liability == HANDLING_VIOLATION:
			institution, channels = f.person_institution, _(f.violation_type)
		else:
			breakdown = charges.get(f.name)
			institution = f.institution
			channels = channel_breakdown(*zip(*breakdown, strict=True)) if breakdown else ""
		by_institution[institution or ""].append(
			PenaltyLine(
				person_name=f.full_name,
				employee_number=f.employee_number,
				post=f.post or "",
				case_number=f.ledger_number or f.complaint,
				liability=LIABILITY_LABEL[f.liability],
				channels=channels,
				amount=money(f.amount),
			)
		)
	return [
		InstitutionDocument(
			institution=name,
			period=period.name,
			period_start=getdate(period.start_date),
			period_end=getdate(period.end_date),
			appeal_deadline=getdate(period.appeal_deadline),
			lines=tuple(lines),
			doc_number="",
			issue_date=getdate(today()),
		)
		for name, lines in sorted(by_institution.items())
	]


def _charges_by_finding(names: list[str]) -> dict[str, list[tuple[str, str]]]:
	if not names:
		return {}
	charge = frappe.qb.DocType("Finding Charge")
	rows = (
		frappe.qb.from_(charge)
		.select(charge.parent, charge.channel, charge.receipt_kind)
		.where(charge.parent.isin(names))
		.orderby(charge.parent)
		.orderby(charge.idx)
		.run()
	)
	out = defaultdict(list)
	for parent, channel, kind in rows:
		out[parent].append((channel, kind))
	return out


def _numbered(document: InstitutionDocument, row, issue_date: date) -> InstitutionDocument:
	"""The notice keeps the number it was given first; a new one takes the next of its year."""
	number = row.document_number if row and row.document_number else None
	if not number:
		prefix = settings().document_prefix
		sequence = int(getseries(f"CA-NOTICE-{prefix}-{issue_date.year}-", 1))
		number = doc_number(prefix, issue_date.year, sequence)
	return replace(document, doc_number=number, issue_date=issue_date)


def letterhead() -> Letterhead:
	return settings().letterhead


def _attach(period_name: str, kind: str, institution: str, pdf: bytes):
	label = "处罚考核表" if kind == "assessment" else "正式文件"
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{label}-{period_name}-{institution}.pdf",
			"content": pdf,
			"is_private": 1,
			"attached_to_doctype": PERIOD,
			"attached_to_name": period_name,
		}
	).insert(ignore_permissions=True)


def _send(period_name: str, kind: str, document: InstitutionDocument, file) -> None:
	institution = (
		frappe.db.get_value("Institution", document.institution, ["complaint_manager", "email"], as_dict=True)
		or {}
	)
	recipients = [r for r in (institution.get("complaint_manager"),) if r]
	if kind == "notice":
		configured = settings()
		recipients += [r for r in (institution.get("email"),) if r]
		recipients += [*configured.hr_recipients, *configured.finance_recipients]
	if not recipients:
		return
	subject = (
		_("Penalty assessment table of {0} for period {1}")
		if kind == "assessment"
		else _("Accountability notice {2} to {0} for period {1}")
	).format(document.institution, period_name, document.doc_number)
	try:
		frappe.sendmail(
			recipients=sorted(set(recipients)),
			subject=subject,
			message=subject,
			attachments=[{"fid": file.name}],
			reference_doctype=PERIOD,
			reference_name=period_name,
		)
	except frappe.OutgoingEmailError:
		frappe.msgprint(
			_("No outgoing email account is set up: {0} is attached to the period but was not sent").format(
				file.file_name
			),
			alert=True,
		)


PAGE_BREAK = '<div class="page-break" style="page-break-after: always"></div>'


def accountability_documents_html(period, kind: str) -> str:
	"""Every institution's assessment table or notice of ``period`` (an Accountability Period doc)."""
	states = ASSESSED if kind == "assessment" else NOTIFIED
	numbers = {row.institution: row.document_number for row in period.get("documents") or []}
	head = letterhead()
	pages = []
	for document in institution_documents(period, states):
		if numbers.get(document.institution):
			document = replace(document, doc_number=numbers[document.institution])
		pages.append(render_html(document, head, kind))
	return f"<style>{render_css(system_families(), browser=True)}</style>" + PAGE_BREAK.join(pages)

"""The period's paper: assessment tables (处罚考核表) before the appeal window and official notices
(正式文件) after it, one PDF per institution, each a Period Document record, sent by Frappe's email
queue.

Making and sending are separate, so delivery cannot fail silently: a document is made once (a
second run finds it and renders nothing), and it counts as sent only once an email for it is queued.
Without an outgoing email account the action says so and marks nothing sent; a later run sends what
was not sent. The PDF is attached to its Period Document, so only those who may read that record —
the leading group, or the institution's own complaint manager — can download it. Notice numbers
(文号) come from a yearly series per prefix.
"""

from collections import defaultdict
from dataclasses import replace
from datetime import date

import frappe
from frappe import _
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.model.naming import getseries
from frappe.utils import getdate, now_datetime, today
from pypika.terms import LiteralValue

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.complaint_accountability.doctype.accountability_period import period_summary
from complaint_accountability.configuration import money, settings
from complaint_accountability.cycle.locks import step_lock
from complaint_accountability.documents.fonts import system_families
from complaint_accountability.documents.labels import LIABILITY_LABEL, channel_breakdown
from complaint_accountability.documents.model import InstitutionDocument, Letterhead, PenaltyLine
from complaint_accountability.documents.numerals import doc_number
from complaint_accountability.documents.render import render_css, render_html
from complaint_accountability.file_access import delete_app_file
from complaint_accountability.permissions import managed_institutions, row_condition, sees_all
from complaint_accountability.vocabulary import (
	DETERMINED,
	HANDLING_VIOLATION,
	NOTIFIED,
	DocType,
	DocumentKind,
)


class DocumentsNotReady(frappe.ValidationError):
	pass


class Delivery:
	NOT_SENT = "Not Sent"
	NO_RECIPIENT = "No Recipient"
	QUEUED = "Queued"
	SENT = "Sent"
	FAILED = "Failed"


# What is sent again on the next run.
UNSENT = (Delivery.NOT_SENT, Delivery.NO_RECIPIENT, Delivery.FAILED)
# The renderer's name of each kind, and the document's own (Chinese) name.
RENDER_KIND = {DocumentKind.ASSESSMENT_TABLE: "assessment", DocumentKind.NOTICE: "notice"}
TITLE = {DocumentKind.ASSESSMENT_TABLE: "处罚考核表", DocumentKind.NOTICE: "正式文件"}


def send_assessment_tables(period_name: str) -> dict:
	"""After final determination: each institution's table to its complaint manager."""
	waiting = period_summary.undecided(period_name)
	if waiting:
		frappe.throw(period_summary.undecided_message(waiting), DocumentsNotReady)
	result = deliver(period_name, DocumentKind.ASSESSMENT_TABLE, DETERMINED)
	periods.mark(period_name, assessment_sent_on=bool(result["sent"]))
	return result


def issue_notices(period_name: str) -> dict:
	"""After the appeal window, with no appeal pending: the notice to each institution, HR and Finance."""
	if periods.appeal_window_open(period_name):
		frappe.throw(_("The appeal window of {0} is still open").format(period_name), DocumentsNotReady)
	pending = period_summary.open_appeals(period_name)
	if pending:
		frappe.throw(period_summary.open_appeals_message(pending), DocumentsNotReady)
	result = deliver(period_name, DocumentKind.NOTICE, NOTIFIED)
	periods.mark(period_name, notices_issued_on=True)  # every notice is made now
	return result


def deliver(period_name: str, kind: str, states: tuple[str, ...]) -> dict:
	"""Make the documents still missing, then send every one not sent yet; say what happened.
	One run per kind and period at a time, so two clicks never make or send a document twice."""
	with step_lock(kind, period_name):
		made = make_missing(period_name, kind, states)
		counts = send_unsent(period_name, kind)
	return {"period": period_name, "made": made, **counts, "message": delivery_message(made, counts)}


def delivery_message(made: int, counts: dict) -> str:
	lines = [_("{0} documents made, {1} sent").format(made, counts["sent"])]
	if counts["no_email_account"]:
		lines.append(
			_(
				"No outgoing email account is set up: {0} documents were not sent. Set up an Email Account and run this again to send them."
			).format(counts["not_sent"])
		)
	if counts["no_recipient"]:
		lines.append(
			_(
				"{0} documents have no recipient: give their institutions a complaint manager or an email."
			).format(counts["no_recipient"])
		)
	return "<br>".join(lines)


# ---- making


def make_missing(period_name: str, kind: str, states: tuple[str, ...]) -> int:
	"""Render the documents of institutions that have none of this kind yet; return how many."""
	made = set(
		frappe.get_all(
			DocType.PERIOD_DOCUMENT,
			filters={"accountability_period": period_name, "kind": kind},
			pluck="institution",
		)
	)
	period = frappe.get_doc(DocType.PERIOD, period_name)
	documents = [d for d in institution_documents(period, states) if d.institution not in made]
	if kind == DocumentKind.NOTICE:
		issue_date = getdate(today())
		documents = [_numbered(d, issue_date) for d in documents]
	for document, pdf in _render(documents, kind):
		record = frappe.get_doc(
			{
				"doctype": DocType.PERIOD_DOCUMENT,
				"accountability_period": period_name,
				"institution": document.institution,
				"kind": kind,
				"title": f"{TITLE[kind]}-{period_name}-{document.institution}",
				"document_number": document.doc_number,
				"total": document.total,
				"rendered_on": now_datetime(),
				"delivery_status": Delivery.NOT_SENT,
			}
		).insert(ignore_permissions=True)
		record.db_set("file", _attach(record, pdf).file_url, update_modified=False)
	return len(documents)


def remake_assessment_tables(period_name: str) -> dict | None:
	"""The appeal deadline moved: the tables already made print the old one, so they are made again
	in place and sent again."""
	records = {
		r.institution: r
		for r in frappe.get_all(
			DocType.PERIOD_DOCUMENT,
			filters={"accountability_period": period_name, "kind": DocumentKind.ASSESSMENT_TABLE},
			fields=["name", "institution", "file"],
		)
	}
	if not records:
		return None
	period = frappe.get_doc(DocType.PERIOD, period_name)
	documents = [d for d in institution_documents(period, DETERMINED) if d.institution in records]
	for document, pdf in _render(documents, DocumentKind.ASSESSMENT_TABLE):
		record = frappe.get_doc(DocType.PERIOD_DOCUMENT, records[document.institution].name)
		old_file = frappe.db.get_value("File", {"file_url": record.file, "attached_to_name": record.name})
		record.update(
			{
				"file": _attach(record, pdf).file_url,
				"total": document.total,
				"rendered_on": now_datetime(),
				"delivery_status": Delivery.NOT_SENT,
				"delivery_note": _("Made again: the appeal deadline moved to {0}").format(
					period.appeal_deadline
				),
			}
		)
		record.flags.ignore_permissions = True
		record.save()
		if old_file:
			delete_app_file(old_file)
	counts = send_unsent(period_name, DocumentKind.ASSESSMENT_TABLE)
	result = {"period": period_name, "made": len(documents), **counts}
	frappe.msgprint(delivery_message(len(documents), counts), title=_("Assessment Tables Made Again"))
	return result


def _render(documents: list[InstitutionDocument], kind: str):
	"""(document, PDF) pairs for ``documents``, the whole batch rendered in one pass."""
	from complaint_accountability.documents.render import render_period

	if not documents:
		return []
	# Forked render workers are for background jobs; a web request renders in its own process.
	pdfs = render_period(
		documents,
		letterhead(),
		RENDER_KIND[kind],
		workers=1 if getattr(frappe.local, "request", None) else None,
	)
	return [(document, pdfs[document.institution]) for document in documents]


def institution_documents(
	period, states: tuple[str, ...], user: str | None = None
) -> list[InstitutionDocument]:
	"""One document per institution with a finding in ``states``: its penalties, channel by channel.

	With ``user``, only the findings that user may read: a complaint manager's print view shows their
	own institutions, and a staff member's only their own lines."""
	finding = frappe.qb.DocType(DocType.FINDING)
	person = frappe.qb.DocType(DocType.ACCOUNTABLE_PERSON)
	complaint = frappe.qb.DocType(DocType.COMPLAINT)
	query = (
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
	)
	if user and (condition := row_condition(DocType.FINDING, user)):
		query = query.where(LiteralValue(condition))
	findings = query.run(as_dict=True)
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
	charge = frappe.qb.DocType(DocType.FINDING_CHARGE)
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


def _numbered(document: InstitutionDocument, issue_date: date) -> InstitutionDocument:
	"""A new notice takes the next number of its prefix and year."""
	prefix = settings().document_prefix
	sequence = int(getseries(f"CA-NOTICE-{prefix}-{issue_date.year}-", 1))
	return replace(document, doc_number=doc_number(prefix, issue_date.year, sequence), issue_date=issue_date)


def letterhead() -> Letterhead:
	return settings().letterhead


def _attach(record, pdf: bytes):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{record.title}.pdf",
			"content": pdf,
			"is_private": 1,
			"attached_to_doctype": DocType.PERIOD_DOCUMENT,
			"attached_to_name": record.name,
			"attached_to_field": "file",
		}
	).insert(ignore_permissions=True)


# ---- sending


def send_unsent(period_name: str, kind: str) -> dict:
	"""Queue an email for every document of the period and kind not sent yet."""
	records = frappe.get_all(
		DocType.PERIOD_DOCUMENT,
		filters={"accountability_period": period_name, "kind": kind, "delivery_status": ("in", UNSENT)},
		fields=["name", "institution", "title", "document_number", "file"],
		order_by="institution asc",
	)
	counts = {"sent": 0, "not_sent": 0, "no_recipient": 0, "no_email_account": 0}
	if not records:
		return counts
	if not EmailAccount.find_outgoing(_raise_error=False):
		counts.update(not_sent=len(records), no_email_account=1)
		return counts
	files = dict(
		frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": DocType.PERIOD_DOCUMENT,
				"attached_to_name": ("in", [r.name for r in records]),
			},
			fields=["file_url", "name"],
			as_list=True,
		)
	)
	recipients_of = _recipients(kind, {r.institution for r in records})
	for record in records:
		recipients = recipients_of[record.institution]
		if not recipients:
			frappe.db.set_value(
				DocType.PERIOD_DOCUMENT, record.name, "delivery_status", Delivery.NO_RECIPIENT
			)
			counts["no_recipient"] += 1
			continue
		queue = frappe.sendmail(
			recipients=recipients,
			subject=_subject(kind, period_name, record),
			message=_subject(kind, period_name, record),
			attachments=[{"fid": files.get(record.file)}],
			reference_doctype=DocType.PERIOD_DOCUMENT,
			reference_name=record.name,
		)
		if not queue:  # Frappe queued nothing: every recipient unsubscribed or refused
			frappe.db.set_value(
				DocType.PERIOD_DOCUMENT,
				record.name,
				{
					"delivery_status": Delivery.NOT_SENT,
					"recipients": "\n".join(recipients),
					"delivery_note": _("No email was queued for {0}").format(", ".join(recipients)),
				},
			)
			counts["not_sent"] += 1
			continue
		frappe.db.set_value(
			DocType.PERIOD_DOCUMENT,
			record.name,
			{
				"delivery_status": Delivery.QUEUED,
				"sent_on": now_datetime(),
				"recipients": "\n".join(recipients),
				"email_queue": queue.name,
				"delivery_note": "",
			},
		)
		counts["sent"] += 1
	return counts


def _recipients(kind: str, institutions: set[str]) -> dict[str, list[str]]:
	"""Each institution's recipients: its complaint manager; for a notice also its own address, HR
	and Finance."""
	rows = frappe.get_all(
		DocType.INSTITUTION,
		filters={"name": ("in", list(institutions))},
		fields=["name", "complaint_manager", "email"],
	)
	configured = settings()
	copied = [*configured.hr_recipients, *configured.finance_recipients]
	found = {
		row.name: [row.complaint_manager, *((row.email, *copied) if kind == DocumentKind.NOTICE else ())]
		for row in rows
	}
	return {name: sorted({r for r in found.get(name, ()) if r}) for name in institutions}


def _subject(kind: str, period_name: str, record) -> str:
	if kind == DocumentKind.ASSESSMENT_TABLE:
		return _("Penalty assessment table of {0} for period {1}").format(record.institution, period_name)
	return _("Accountability notice {2} to {0} for period {1}").format(
		record.institution, period_name, record.document_number
	)


def sync_delivery_status() -> None:
	"""Scheduled: a queued document becomes Sent or Failed as its email does."""
	queued = frappe.get_all(
		DocType.PERIOD_DOCUMENT,
		filters={"delivery_status": Delivery.QUEUED, "email_queue": ("is", "set")},
		fields=["name", "email_queue"],
	)
	if not queued:
		return
	status = dict(
		frappe.get_all(
			"Email Queue",
			filters={"name": ("in", [q.email_queue for q in queued])},
			fields=["name", "status"],
			as_list=True,
		)
	)
	for record in queued:
		email = status.get(record.email_queue)
		if email == "Sent":
			frappe.db.set_value(DocType.PERIOD_DOCUMENT, record.name, "delivery_status", Delivery.SENT)
		elif email in ("Error", "Expired", "Cancelled") or email is None:
			frappe.db.set_value(
				DocType.PERIOD_DOCUMENT,
				record.name,
				{
					"delivery_status": Delivery.FAILED,
					"delivery_note": _(
						"The email was not delivered ({0}); it is sent again on the next run"
					).format(_(email or "Deleted")),
				},
			)


# ---- the print formats


PAGE_BREAK = '<div class="page-break" style="page-break-after: always"></div>'


def accountability_documents_html(period, kind: str) -> str:
	"""The print formats `Penalty Assessment Table` and `Accountability Notice` of a period: each
	institution's document that the viewer may read (Jinja method, hooks.py). Only a reader of whole
	institutions gets them: one cut to a staff member's own lines would carry the institution's 文号
	with totals that are not the institution's, so they are sent to their own findings instead."""
	user = frappe.session.user
	if not (sees_all(user, DocType.FINDING) or managed_institutions(user)):
		message = _(
			"This document is issued to institutions as a whole. Your own penalties are under Responsibility Finding and Penalty Entry."
		)
		return f"<p>{message}</p>"
	states = DETERMINED if kind == "assessment" else NOTIFIED
	numbers = dict(
		frappe.get_all(
			DocType.PERIOD_DOCUMENT,
			filters={"accountability_period": period.name, "kind": DocumentKind.NOTICE},
			fields=["institution", "document_number"],
			as_list=True,
		)
	)
	head = letterhead()
	pages = []
	for document in institution_documents(period, states, user=user):
		if numbers.get(document.institution):
			document = replace(document, doc_number=numbers[document.institution])
		pages.append(render_html(document, head, kind))
	return f"<style>{render_css(system_families(), browser=True)}</style>" + PAGE_BREAK.join(pages)

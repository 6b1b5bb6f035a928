"""Complaint (投诉件): one customer matter with its receipts; what it derives on every save."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from complaint_accountability.configuration import channel_book, rule_settings
from complaint_accountability.controllers.server_fields import keep_server_values
from complaint_accountability.rules.cases import PENDING, case_status
from complaint_accountability.rules.periods import period_name_of
from complaint_accountability.rules.receipts import classify_receipts
from complaint_accountability.rules.time_limits import handling_limit, is_late
from complaint_accountability.vocabulary import DocType

# Set by the customer's contact record (Customer Contact), never by a request on the complaint.
MASKED_COPIES = ("customer_phone_masked", "customer_id_masked")


class Complaint(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaint_accountability.complaint_accountability.doctype.complaint_receipt.complaint_receipt import (
			ComplaintReceipt,
		)
		from complaint_accountability.complaint_accountability.doctype.complaint_responsible_person.complaint_responsible_person import (
			ComplaintResponsiblePerson,
		)

		appraisal_days: DF.Int
		business_line: DF.Link | None
		case_status: DF.Literal["Out of Scope", "Exempt", "Accountable", "Awaiting Outcome", "Referred"]
		complexity: DF.Literal["Normal", "Complex", "Especially Complex"]
		customer_id_masked: DF.Data | None
		customer_name: DF.Data
		customer_phone_masked: DF.Data | None
		decided_on: DF.Date | None
		dispute_type: DF.Link | None
		extension_approved_by: DF.Link | None
		extension_approved_on: DF.Date | None
		first_coordination_outcome: DF.Literal[
			"Pending", "Withdrawn", "Not Insurance Liability", "Satisfied", "Unresolved"
		]
		first_received_on: DF.Date | None
		handling_due_on: DF.Date | None
		handling_institution: DF.Link | None
		is_compound: DF.Check
		is_overdue: DF.Check
		latest_period: DF.Data | None
		latest_received_on: DF.Date | None
		ledger_number: DF.Data | None
		naming_series: DF.Literal["TS-.YYYY.-.#####"]
		policy_number: DF.Data | None
		receipts: DF.Table[ComplaintReceipt]
		referral_note: DF.SmallText | None
		referred: DF.Check
		responsible_persons: DF.Table[ComplaintResponsiblePerson]
		summary: DF.SmallText | None
		transferred: DF.Check
		withdrawn_on: DF.Date | None

	# end: auto-generated types
	def validate(self):
		keep_server_values(self, MASKED_COPIES)
		if not self.transferred:
			# never transferred: the branch's own, in the row rule as in the indicators
			self.handling_institution = None
		self.validate_receipts()
		self.validate_extension()
		self.validate_responsible_persons()
		self.derive()

	def validate_receipts(self) -> None:
		if not self.receipts:
			frappe.throw(_("A complaint needs at least one receipt"), title=_("No Receipt"))
		for row in self.receipts:
			if getdate(row.received_on) > getdate(today()):
				frappe.throw(
					_("Row {0}: the received date {1} is in the future").format(row.idx, row.received_on)
				)

	def validate_extension(self) -> None:
		if (
			self.complexity == "Especially Complex"
			and self.extension_approved_by
			and not self.extension_approved_on
		):
			frappe.throw(
				_("Record the date the superior institution approved the extension"), title=_("Extension")
			)

	def validate_responsible_persons(self) -> None:
		seen = set()
		for row in self.responsible_persons:
			key = (row.person, row.liability)
			if key in seen:
				frappe.throw(
					_("Row {0}: {1} is already named with this liability").format(row.idx, row.person)
				)
			seen.add(key)

	def derive(self) -> None:
		"""Classify the receipts, then set the case status and the handling time limit."""
		settings = rule_settings()
		self.classify(settings)
		self.case_status = case_status(
			bool(self.transferred),
			self.first_coordination_outcome or PENDING,
			bool(self.referred),
			len(self.receipts),
		)
		self.set_time_limit(settings)

	def classify(self, settings) -> None:
		channels = channel_book()
		received = [(getdate(row.received_on), channels.rank_of(row.channel)) for row in self.receipts]
		for row, kind, (day, _rank) in zip(self.receipts, classify_receipts(received), received, strict=True):
			row.receipt_kind = kind
			row.accountability_period = period_name_of(day, settings)
		days = [day for day, _rank in received]
		self.first_received_on = min(days)
		self.latest_received_on = max(days)
		self.latest_period = period_name_of(self.latest_received_on, settings)
		self.is_compound = int(len(days) >= 2)

	def set_time_limit(self, settings) -> None:
		limit = handling_limit(
			getdate(self.first_received_on),
			settings,
			complexity=self.complexity or "Normal",
			extension_approved=bool(self.extension_approved_by),
			appraisal_days=self.appraisal_days or 0,
		)
		self.handling_due_on = limit.due_on
		self.is_overdue = int(
			is_late(
				limit,
				getdate(self.decided_on) if self.decided_on else None,
				getdate(today()),
				getdate(self.withdrawn_on) if self.withdrawn_on else None,
			)
		)


def refresh_overdue_flags() -> None:
	"""The overdue flag depends on today's date: recompute it for undecided cases, in one statement."""
	complaint = frappe.qb.DocType(DocType.COMPLAINT)
	frappe.qb.update(complaint).set(complaint.is_overdue, 1).where(
		complaint.decided_on.isnull()
		& complaint.withdrawn_on.isnull()
		& (complaint.handling_due_on < today())
		& (complaint.is_overdue == 0)
	).run()

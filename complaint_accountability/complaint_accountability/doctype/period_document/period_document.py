"""Period Document (考核期文件): one institution's assessment table or notice of a period, made and
sent by the cycle (cycle/period_documents.py); nobody edits one by hand."""

import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.controllers.server_fields import is_server_action
from complaint_accountability.vocabulary import DocType


class PeriodDocument(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accountability_period: DF.Link
		delivery_note: DF.SmallText | None
		delivery_status: DF.Literal["Not Sent", "No Recipient", "Queued", "Sent", "Failed"]
		document_number: DF.Data | None
		email_queue: DF.Data | None
		file: DF.Attach | None
		institution: DF.Link
		kind: DF.Literal["Assessment Table", "Notice"]
		naming_series: DF.Literal["PD-.YYYY.-.#####"]
		recipients: DF.SmallText | None
		rendered_on: DF.Datetime | None
		sent_on: DF.Datetime | None
		title: DF.Data | None
		total: DF.Currency

	# end: auto-generated types
	def validate(self):
		if not is_server_action(self):
			frappe.throw(
				_("Period documents are made and sent by the cycle, not edited"), frappe.PermissionError
			)


def on_doctype_update():
	frappe.db.add_unique(
		DocType.PERIOD_DOCUMENT, ["accountability_period", "institution", "kind"], "period_institution_kind"
	)

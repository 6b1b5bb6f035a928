"""Period Document (考核期文件): one institution's assessment table or notice of a period, made and
sent by the cycle (cycle/period_documents.py); nobody edits one by hand."""

import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.controllers.server_fields import is_server_action
from complaint_accountability.vocabulary import DocType


class PeriodDocument(Document):
	def validate(self):
		if not is_server_action(self):
			frappe.throw(
				_("Period documents are made and sent by the cycle, not edited"), frappe.PermissionError
			)


def on_doctype_update():
	frappe.db.add_unique(
		DocType.PERIOD_DOCUMENT, ["accountability_period", "institution", "kind"], "period_institution_kind"
	)

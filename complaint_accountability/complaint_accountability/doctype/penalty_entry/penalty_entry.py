"""Penalty Entry (扣款兑现): the payroll hand-off of one confirmed finding. Made by the hand-off and
acknowledged through the payroll API (payroll/api.py); nobody edits one by hand, so its amount,
status and payroll reference are what the server wrote."""

import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.controllers.server_fields import is_server_action


class PenaltyEntry(Document):
	def validate(self):
		if not is_server_action(self):
			frappe.throw(
				_("Penalty entries are made by the hand-off and acknowledged through the payroll API"),
				frappe.PermissionError,
			)

"""Penalty Entry (扣款兑现): the payroll hand-off of one confirmed finding. Made by the hand-off and
acknowledged through the payroll API (payroll/api.py); nobody edits one by hand, so its amount,
status and payroll reference are what the server wrote."""

import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.controllers.server_fields import is_server_action


class PenaltyEntry(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accountability_period: DF.Link | None
		additional_salary: DF.Data | None
		amount: DF.Currency
		component: DF.Literal["Wage Deduction", "Performance Deduction"]
		deducted_on: DF.Datetime | None
		employee_number: DF.Data | None
		full_name: DF.Data | None
		institution: DF.Link | None
		naming_series: DF.Literal["PE-.YYYY.-.#####"]
		payroll_date: DF.Date | None
		payroll_reference: DF.Data | None
		person: DF.Link | None
		responsibility_finding: DF.Link
		status: DF.Literal["Pending", "Handed Off", "Deducted", "Cancelled"]

	# end: auto-generated types
	def validate(self):
		if not is_server_action(self):
			frappe.throw(
				_("Penalty entries are made by the hand-off and acknowledged through the payroll API"),
				frappe.PermissionError,
			)

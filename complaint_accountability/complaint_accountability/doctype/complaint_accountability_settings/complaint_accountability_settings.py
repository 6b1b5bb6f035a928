import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.configuration import settings_from
from complaint_accountability.setting_defaults import declared_defaults


class ComplaintAccountabilitySettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		appeal_deadline_day: DF.Int
		auto_compile: DF.Check
		auto_confirm: DF.Check
		auto_hand_off: DF.Check
		background_threshold: DF.Int
		branch_institution: DF.Link | None
		complex_case_days: DF.Int
		decision_days: DF.Int
		document_prefix: DF.Data | None
		especially_complex_case_days: DF.Int
		finance_recipients: DF.SmallText | None
		hr_recipients: DF.SmallText | None
		issuing_department: DF.Data | None
		issuing_organ: DF.Data | None
		payroll_day: DF.Int
		performance_component: DF.Data | None
		period_start_day: DF.Int
		printed_by: DF.Data | None
		same_channel_repeat_charged: DF.Check
		wage_component: DF.Data | None

	# end: auto-generated types
	def load_from_db(self):
		"""A setting never stored (one a later version added) loads as its declared default, not as
		the 0 Frappe gives a missing number or check box: the form shows, and a save keeps, the value
		the rules use."""
		super().load_from_db()
		stored = frappe.db.get_singles_dict(self.doctype)
		for name, default in declared_defaults().items():
			if stored.get(name) in (None, ""):
				self.set(name, default)
		return self

	def validate(self):
		"""Refuse values the rules cannot run on (a period starting on the 30th, limits that do not
		rise) here, rather than in every job that would read them."""
		try:
			settings_from(self.as_dict())
		except ValueError as error:
			frappe.throw(_("These settings cannot be used: {0}").format(error), title=_("Invalid Settings"))

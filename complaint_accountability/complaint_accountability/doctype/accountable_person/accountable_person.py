"""Accountable Person (责任人员): anyone who can be held responsible, with the login they use."""

import frappe
from frappe.model.document import Document

from complaint_accountability.vocabulary import DocType


class AccountablePerson(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		contract_type: DF.Literal["Labour Contract", "Service Contract"]
		disabled: DF.Check
		employee: DF.Data | None
		employee_number: DF.Data
		full_name: DF.Data
		institution: DF.Link
		is_complaint_desk: DF.Check
		post: DF.Data | None
		user: DF.Link | None

	# end: auto-generated types
	def on_update(self):
		if self.has_value_changed("user"):
			self.refresh_findings_login()

	def refresh_findings_login(self) -> None:
		"""Findings name the person's login for their notifications; a new login is theirs at once.
		(Who may read a finding is decided from this record itself, not from that copy.)"""
		frappe.db.set_value(
			DocType.FINDING, {"person": self.name}, "person_user", self.user, update_modified=False
		)

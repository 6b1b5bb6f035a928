import frappe
from frappe.model.document import Document

from complaint_accountability.accountability import findings, workflow_guard
from complaint_accountability.payroll import hand_off


class ResponsibilityFinding(Document):
	def validate(self):
		workflow_guard.check_edit_rights(self)
		findings.derive(self)
		findings.validate_unique_violation(self)

	def before_submit(self):
		workflow_guard.check_transition(self, "Final")

	def before_cancel(self):
		workflow_guard.check_transition(self, "Revoked")
		self.workflow_state = "Revoked"

	def on_cancel(self):
		# A revoked finding keeps its appeal and its cancelled penalty entry as the record of why.
		self.ignore_linked_doctypes = ("Appeal", "Penalty Entry")
		hand_off.cancel_entry_of(self.name)


def on_doctype_update():
	"""A period's findings per institution and person, read from the index alone (Penalty Assessment)."""
	frappe.db.add_index(
		"Responsibility Finding",
		[
			"accountability_period",
			"institution",
			"employee_number",
			"liability",
			"docstatus",
			"complaint",
			"amount",
		],
		"period_person",
	)

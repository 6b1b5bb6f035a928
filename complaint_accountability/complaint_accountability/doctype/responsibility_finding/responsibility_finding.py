from frappe.model.document import Document

from complaint_accountability.accountability import findings
from complaint_accountability.payroll import hand_off


class ResponsibilityFinding(Document):
	def validate(self):
		findings.derive(self)
		findings.validate_unique_violation(self)

	def on_cancel(self):
		# A revoked finding keeps its appeal and its cancelled penalty entry as the record of why.
		self.ignore_linked_doctypes = ("Appeal", "Penalty Entry")
		hand_off.cancel_entry_of(self.name)

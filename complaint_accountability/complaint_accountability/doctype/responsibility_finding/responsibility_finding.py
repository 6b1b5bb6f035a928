from frappe.model.document import Document

from complaint_accountability.accountability import findings
from complaint_accountability.payroll import hand_off


class ResponsibilityFinding(Document):
	def validate(self):
		findings.derive(self)
		findings.validate_unique_violation(self)

	def on_cancel(self):
		hand_off.cancel_entry_of(self.name)

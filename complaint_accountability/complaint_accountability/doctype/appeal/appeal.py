from frappe.model.document import Document

from complaint_accountability.accountability import appeals


class Appeal(Document):
	def validate(self):
		if self.docstatus == 0:
			appeals.validate_appellant(self)
			appeals.validate_finding_open_to_appeal(self)
			appeals.validate_one_open_appeal(self)

	def before_submit(self):
		appeals.validate_appellant(self)
		appeals.file(self)

	def on_submit(self):
		appeals.mark_finding_appealed(self)

	def on_update_after_submit(self):
		appeals.apply_decision(self)

	def before_cancel(self):
		appeals.refuse_cancel(self)

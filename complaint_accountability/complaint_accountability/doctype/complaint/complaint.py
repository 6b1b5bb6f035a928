from frappe.model.document import Document

from complaint_accountability.accountability import complaints


class Complaint(Document):
	def validate(self):
		complaints.validate_receipts(self)
		complaints.validate_extension(self)
		complaints.validate_responsible_persons(self)
		complaints.derive(self)
		complaints.mask_personal_data(self)

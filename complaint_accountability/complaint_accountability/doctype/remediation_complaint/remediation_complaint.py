from frappe.model.document import Document


class RemediationComplaint(Document):
	pass

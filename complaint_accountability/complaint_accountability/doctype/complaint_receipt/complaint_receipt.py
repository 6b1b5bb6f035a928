from frappe.model.document import Document


class ComplaintReceipt(Document):
	pass

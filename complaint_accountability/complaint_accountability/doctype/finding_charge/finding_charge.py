from frappe.model.document import Document


class FindingCharge(Document):
	pass

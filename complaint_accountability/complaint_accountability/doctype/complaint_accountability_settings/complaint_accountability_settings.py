from frappe.model.document import Document


class ComplaintAccountabilitySettings(Document):
	pass

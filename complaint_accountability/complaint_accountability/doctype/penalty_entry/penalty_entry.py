from frappe.model.document import Document


class PenaltyEntry(Document):
	pass

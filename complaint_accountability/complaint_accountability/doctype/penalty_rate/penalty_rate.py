from frappe.model.document import Document


class PenaltyRate(Document):
	pass

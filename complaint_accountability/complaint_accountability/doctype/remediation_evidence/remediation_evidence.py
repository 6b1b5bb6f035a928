from frappe.model.document import Document


class RemediationEvidence(Document):
	pass

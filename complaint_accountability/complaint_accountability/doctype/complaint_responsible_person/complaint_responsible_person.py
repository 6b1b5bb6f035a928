from frappe.model.document import Document


class ComplaintResponsiblePerson(Document):
	pass

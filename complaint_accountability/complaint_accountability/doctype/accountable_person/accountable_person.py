from frappe.model.document import Document


class AccountablePerson(Document):
	pass

from frappe.model.document import Document


class LedgerImport(Document):
	pass

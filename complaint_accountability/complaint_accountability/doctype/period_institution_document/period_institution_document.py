from frappe.model.document import Document


class PeriodInstitutionDocument(Document):
	pass

"""Short phone numbers (a 7- or 8-digit landline) were masked keeping all but one digit, or none:
every complaint's masked copies are made again from its customer's contact."""

import frappe

from complaint_accountability.vocabulary import DocType


def execute():
	for name in frappe.get_all(DocType.CUSTOMER_CONTACT, pluck="name"):
		contact = frappe.get_doc(DocType.CUSTOMER_CONTACT, name)
		contact.set_masked_copies(contact.customer_phone, contact.customer_id_number)

"""Customer Contact (客户联系方式): a complaint's raw phone and ID number, apart from the complaint.

Only the roles that call customers back read it (its own permissions: the complaint desk, the
complaint manager, the leading group, the administrators). It keeps no version history, and the
complaint holds only the masked copies everyone else sees, so no generic path on the complaint —
a write's response, its versions, a count, a filter or a sort — can reach the raw values.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.privacy import mask_id_number, mask_phone
from complaint_accountability.vocabulary import DocType


class CustomerContact(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint: DF.Link
		customer_id_number: DF.Data | None
		customer_phone: DF.Data | None

	# end: auto-generated types
	def validate(self):
		self.customer_phone = (self.customer_phone or "").strip()
		self.customer_id_number = (self.customer_id_number or "").strip().upper()

	def on_update(self):
		self.set_masked_copies(self.customer_phone, self.customer_id_number)

	def on_trash(self):
		self.set_masked_copies("", "")

	def set_masked_copies(self, phone: str, id_number: str) -> None:
		frappe.db.set_value(
			DocType.COMPLAINT,
			self.complaint,
			{"customer_phone_masked": mask_phone(phone), "customer_id_masked": mask_id_number(id_number)},
			update_modified=False,
		)


@frappe.whitelist(methods=["POST"])
def save_contact(complaint: str, customer_phone: str | None = None, customer_id_number: str | None = None):
	"""The complaint form's dialog: create or update the complaint's contact, as the user."""
	if not frappe.has_permission(DocType.COMPLAINT, "read", doc=complaint):
		frappe.throw(
			_("You may not open {0} {1}").format(_(DocType.COMPLAINT), complaint), frappe.PermissionError
		)
	if frappe.db.exists(DocType.CUSTOMER_CONTACT, complaint):
		contact = frappe.get_doc(DocType.CUSTOMER_CONTACT, complaint)
	else:
		contact = frappe.new_doc(DocType.CUSTOMER_CONTACT, complaint=complaint)
	contact.update({"customer_phone": customer_phone, "customer_id_number": customer_id_number})
	contact.save()
	return frappe.db.get_value(
		DocType.COMPLAINT, complaint, ["customer_phone_masked", "customer_id_masked"], as_dict=True
	)

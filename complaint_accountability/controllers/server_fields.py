"""Fields only the server sets. Whatever a user's request carries for them (a form, a PUT, a
set_value), they keep their stored values — or, on a new document, their defaults — and the
controller then sets them itself. The app's own code acts as the server (ignore_permissions, or the
scheduler's Administrator) and is trusted to set them."""

import frappe
from frappe.model import table_fields


def is_server_action(doc) -> bool:
	"""The app's own code at work, not a user's request."""
	return bool(
		doc.flags.ignore_permissions
		or frappe.session.user == "Administrator"
		or frappe.flags.in_install
		or frappe.flags.in_migrate
		or frappe.flags.in_patch
	)


def keep_server_values(doc, fieldnames) -> None:
	"""Put back the stored (or default) value of each field in ``fieldnames``, tables included."""
	if is_server_action(doc):
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	source = before or frappe.new_doc(doc.doctype, as_dict=True)
	for fieldname in fieldnames:
		if doc.meta.get_field(fieldname).fieldtype in table_fields:
			doc.set(fieldname, [row.as_dict() for row in (before.get(fieldname) if before else [])])
		else:
			doc.set(fieldname, source.get(fieldname))

"""Frappe v15 endpoints that answer about rows without the row rules, replaced through
hooks.py's override_whitelisted_methods with versions that apply them."""

import frappe
from frappe import _
from frappe.desk import listview
from frappe.desk.form import linked_with
from frappe.utils import get_safe_filters


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""frappe.client.get_count: v15 counts any doctype's rows for anyone, whatever they may read, so a
	filter could recover values row by row. This one counts what frappe.get_list returns: the rows
	the user may read (403 without read permission)."""
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as total"], order_by=None, as_list=True
	)
	return rows[0][0] if rows else 0


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str) -> dict:
	"""The cancel dialog's linked documents, for a document the user may read (v15 only asks)."""
	if not frappe.has_permission(doctype, "read", doc=name):
		frappe.throw(_("You may not open {0} {1}").format(_(doctype), name), frappe.PermissionError)
	return linked_with.get_submitted_linked_docs(doctype, name)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's counts. For "Assigned To", v15 counts the assignments of whatever rows the
	filters match, readable or not; here only of the rows the user may read."""
	if not frappe.has_permission(doctype, "read"):
		frappe.throw(_("You may not open {0}").format(_(doctype)), frappe.PermissionError)
	if field == "assigned_to":
		readable = frappe.get_list(
			doctype, filters=frappe.parse_json(current_filters), pluck="name", limit_page_length=0
		)
		current_filters = frappe.as_json([[doctype, "name", "in", readable or [""]]])
	return listview.get_group_by_count(doctype, current_filters, field)

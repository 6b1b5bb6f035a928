"""The reports' shared filters, checked before use: a bad value is a clear message, not a 500."""

import frappe
from frappe import _

from complaint_accountability.complaint_accountability.doctype.accountability_period.accountability_period import (
	window_or_throw,
)
from complaint_accountability.vocabulary import DocType


def checked(filters: dict | None) -> frappe._dict:
	"""The filters with `period` as a period name, `institution` as an existing institution, and the
	text filters (`liability`, `view`) as text."""
	filters = frappe._dict(filters or {})
	if filters.period:
		filters.period = window_or_throw(filters.period).name
	for name in ("liability", "view"):
		if filters.get(name) is not None and not isinstance(filters.get(name), str):
			frappe.throw(
				_("The filter {0} takes one value, not {1}").format(name, frappe.bold(str(filters.get(name))))
			)
	if filters.institution and (
		not isinstance(filters.institution, str)
		or not frappe.db.exists(DocType.INSTITUTION, filters.institution)
	):
		frappe.throw(_("Institution {0} not found").format(frappe.bold(str(filters.institution))))
	return filters


def chart_filters(filters) -> frappe._dict:
	"""A dashboard chart source's filters: a JSON object (or none), its period a period name."""
	try:
		filters = frappe.parse_json(filters) or {}
	except ValueError:
		filters = None
	if not isinstance(filters, dict):
		frappe.throw(_("A chart's filters are a JSON object of names and values"))
	return checked(filters)

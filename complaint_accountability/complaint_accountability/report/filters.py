"""The reports' shared filters, checked before use: a bad value is a clear message, not a 500."""

import frappe
from frappe import _

from complaint_accountability.complaint_accountability.doctype.accountability_period.accountability_period import (
	window_or_throw,
)
from complaint_accountability.vocabulary import DocType


def checked(filters: dict | None) -> frappe._dict:
	"""The filters with `period` as a period name and `institution` as an existing institution."""
	filters = frappe._dict(filters or {})
	if filters.period:
		filters.period = window_or_throw(filters.period).name
	if filters.institution and (
		not isinstance(filters.institution, str)
		or not frappe.db.exists(DocType.INSTITUTION, filters.institution)
	):
		frappe.throw(_("Institution {0} not found").format(frappe.bold(str(filters.institution))))
	return filters

"""Who sees what: the institution subtree a complaint manager looks after, and unrestricted roles."""

import frappe
from frappe.utils.caching import request_cache

UNRESTRICTED_ROLES = frozenset(
	{
		"Complaint Desk Officer",
		"Complaint Manager",
		"Business Line Reviewer",
		"Accountability Committee",
		"Payroll Officer",
		"Finance Viewer",
		"Accountability Administrator",
		"System Manager",
	}
)
INSTITUTION_MANAGER = "Institution Complaint Manager"
COMMITTEE = "Accountability Committee"
STAFF = "Accountable Staff"


def is_unrestricted(user: str) -> bool:
	return user == "Administrator" or bool(UNRESTRICTED_ROLES.intersection(frappe.get_roles(user)))


@request_cache
def managed_institutions(user: str) -> frozenset[str]:
	"""Institutions whose complaint manager is ``user``, with every institution under them."""
	if INSTITUTION_MANAGER not in frappe.get_roles(user):
		return frozenset()
	child = frappe.qb.DocType("Institution")
	managed = frappe.qb.DocType("Institution").as_("managed")
	return frozenset(
		frappe.qb.from_(child)
		.join(managed)
		.on((child.lft >= managed.lft) & (child.rgt <= managed.rgt))
		.select(child.name)
		.distinct()
		.where(managed.complaint_manager == user)
		.run(pluck=True)
	)


def is_staff(user: str) -> bool:
	return STAFF in frappe.get_roles(user)


def is_committee(user: str | None = None) -> bool:
	"""The leading group decides; Administrator is the scheduler's user."""
	user = user or frappe.session.user
	return user == "Administrator" or COMMITTEE in frappe.get_roles(user)

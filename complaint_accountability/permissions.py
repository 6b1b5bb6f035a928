"""Row-level permissions (hooks.py): an institution's complaint manager sees its subtree only,
an accountable staff member only their own findings, appeals and entries; list, form, report
and REST API all pass through these."""

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


NOTHING = "1=0"


def _condition(
	doctype: str,
	user: str | None,
	institution_fields: tuple[str, ...],
	own_fields: tuple[str, ...],
	table: str | None = None,
) -> str:
	"""The row rule as SQL on `tab{doctype}`, or on `table` when a query names it by an alias."""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return ""
	table = table or f"`tab{doctype}`"
	parts = []
	institutions = managed_institutions(user)
	if institutions:
		values = ", ".join(frappe.db.escape(name) for name in sorted(institutions))
		parts += [f"{table}.`{field}` in ({values})" for field in institution_fields]
	if is_staff(user):
		parts += [f"{table}.`{field}` = {frappe.db.escape(user)}" for field in own_fields]
	return "(" + " or ".join(parts) + ")" if parts else NOTHING


def _allowed(doc, user: str | None, institution_fields: tuple[str, ...], own_fields: tuple[str, ...]) -> bool:
	user = user or frappe.session.user
	if is_unrestricted(user):
		return True
	institutions = managed_institutions(user)
	if any(doc.get(field) in institutions for field in institution_fields):
		return True
	return is_staff(user) and any(doc.get(field) == user for field in own_fields)


COMPLAINT = (("handling_institution",), ())
FINDING = (("institution", "person_institution"), ("person_user",))
APPEAL = (("institution",), ("person_user", "appellant"))
PENALTY_ENTRY = (("institution",), ("person_user",))


def complaint_query(user=None):
	return _condition("Complaint", user, *COMPLAINT)


def finding_query(user=None, table=None):
	return _condition("Responsibility Finding", user, *FINDING, table=table)


def appeal_query(user=None):
	return _condition("Appeal", user, *APPEAL)


def penalty_entry_query(user=None):
	return _condition("Penalty Entry", user, *PENALTY_ENTRY)


def has_complaint_permission(doc, ptype=None, user=None):
	return _allowed(doc, user, *COMPLAINT)


def has_finding_permission(doc, ptype=None, user=None):
	return _allowed(doc, user, *FINDING)


def has_appeal_permission(doc, ptype=None, user=None):
	if doc.is_new() and ptype == "create":
		return True
	return _allowed(doc, user, *APPEAL)


def has_penalty_entry_permission(doc, ptype=None, user=None):
	return _allowed(doc, user, *PENALTY_ENTRY)

"""Where the app's users land in the desk: the Complaint Accountability workspace, with their to-dos
(Frappe opens a user's default workspace after login, else whichever workspace sorts first)."""

import frappe
from frappe.query_builder.functions import Coalesce

from complaint_accountability.vocabulary import ROLES

WORKSPACE = "Complaint Accountability"


def set_default_workspace(user, method=None) -> None:
	"""User validate (doc_events): a user holding one of the app's roles, with no default workspace
	of their own choosing, lands on the app's."""
	if not user.default_workspace and set(ROLES).intersection(r.role for r in user.roles):
		user.default_workspace = WORKSPACE


def set_default_workspaces() -> None:
	"""After install and migrate: the same for the users who already hold the app's roles, in one
	statement."""
	user, has_role = frappe.qb.DocType("User"), frappe.qb.DocType("Has Role")
	holders = (
		frappe.qb.from_(has_role)
		.select(has_role.parent)
		.where((has_role.parenttype == "User") & has_role.role.isin(ROLES))
	)
	frappe.qb.update(user).set(user.default_workspace, WORKSPACE).where(
		user.name.isin(holders) & (Coalesce(user.default_workspace, "") == "")
	).run()

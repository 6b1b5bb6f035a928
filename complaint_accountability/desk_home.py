"""Where the app's users land in the desk: the Complaint Accountability workspace, with their to-dos
(Frappe opens a user's default workspace after login, else whichever workspace sorts first)."""

import frappe

from complaint_accountability.vocabulary import ROLES

WORKSPACE = "Complaint Accountability"


def set_default_workspace(user, method=None) -> None:
	"""User validate (doc_events): a user holding one of the app's roles, with no default workspace
	of their own choosing, lands on the app's."""
	if not user.default_workspace and set(ROLES).intersection(r.role for r in user.roles):
		user.default_workspace = WORKSPACE


def set_default_workspaces() -> None:
	"""After install and migrate: the same for the users who already hold the app's roles."""
	users = frappe.get_all(
		"Has Role", filters={"role": ("in", ROLES), "parenttype": "User"}, pluck="parent", distinct=True
	)
	for user in users:
		if not frappe.db.get_value("User", user, "default_workspace"):
			frappe.db.set_value("User", user, "default_workspace", WORKSPACE, update_modified=False)

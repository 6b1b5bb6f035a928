"""What Frappe v15's workflow leaves to the app: it does not check a state's edit rights on save,
nor a transition on a direct submit or cancel (frappe.client.submit / cancel). These checks close
that, so a submitted finding or appeal changes only through its workflow."""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions, get_workflow

from .server_fields import is_server_action


class WorkflowBypassed(frappe.PermissionError):
	pass


def check_edit_rights(doc) -> None:
	"""A draft document is saved without a state change only by the roles its state lets edit."""
	if doc.is_new() or doc.docstatus != 0 or is_server_action(doc):
		return
	before = doc.get_doc_before_save()
	if before is None or before.get("workflow_state") != doc.get("workflow_state"):
		return  # a transition: Frappe's validate_workflow has checked it
	state = doc.get("workflow_state")
	editors = {s.allow_edit for s in get_workflow(doc.doctype).states if s.state == state}
	if editors and not editors.intersection(frappe.get_roles()):
		frappe.throw(
			_("{0} in state {1} can be edited only by {2}").format(
				_(doc.doctype), _(state), ", ".join(_(r) for r in sorted(editors))
			),
			WorkflowBypassed,
		)


def check_transition(doc, target_state: str) -> None:
	"""A submit or cancel must be a transition the user may make from the state the document was in."""
	if is_server_action(doc):
		return
	before = doc.get_doc_before_save() or frappe.get_doc(doc.doctype, doc.name)
	allowed = {t.next_state for t in get_transitions(before)}
	if target_state not in allowed:
		frappe.throw(
			_("{0} cannot move from {1} to {2} for you; use the workflow actions").format(
				_(doc.doctype), _(before.get("workflow_state")), _(target_state)
			),
			WorkflowBypassed,
		)

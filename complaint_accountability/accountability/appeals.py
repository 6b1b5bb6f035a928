"""Appeals (申诉): who may file, until when, with what, and what the leading group's decision does."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from . import periods
from .permissions_scope import is_committee, managed_institutions

FINDING = "Responsibility Finding"


class AppealDeadlinePassed(frappe.ValidationError):
	pass


class AppealNotAllowed(frappe.PermissionError):
	pass


class AppealAlreadyOpen(frappe.ValidationError):
	pass


def validate_appellant(doc) -> None:
	"""Only the finding's person, or a complaint manager of its institution, may appeal it."""
	user = frappe.session.user
	finding = frappe.db.get_value(
		FINDING, doc.responsibility_finding, ["person_user", "institution"], as_dict=True
	)
	if not finding:
		frappe.throw(_("Responsibility Finding {0} not found").format(doc.responsibility_finding))
	if user != finding.person_user and finding.institution not in managed_institutions(user):
		frappe.throw(
			_("Only the penalized person or their institution's complaint manager can appeal this finding"),
			AppealNotAllowed,
		)
	doc.appellant = doc.appellant or user


def validate_finding_open_to_appeal(doc) -> None:
	state = frappe.db.get_value(FINDING, doc.responsibility_finding, "workflow_state")
	if state != "Final":
		frappe.throw(
			_("Only a finding in its appeal window (Final) can be appealed; this one is {0}").format(_(state))
		)


def validate_one_open_appeal(doc) -> None:
	other = frappe.db.get_value(
		"Appeal", {"open_for_finding": doc.responsibility_finding, "name": ("!=", doc.name)}
	)
	if other:
		frappe.throw(
			_("Appeal {0} on this finding is still waiting for a decision").format(other), AppealAlreadyOpen
		)


def file(doc) -> None:
	"""Before submit: stamp the server's time and refuse it after the period's deadline."""
	doc.filed_on = now_datetime()
	if not periods.appeal_window_open(doc.accountability_period, doc.filed_on):
		deadline = frappe.db.get_value("Accountability Period", doc.accountability_period, "appeal_deadline")
		frappe.throw(
			_("The appeal window of period {0} closed at the end of {1}").format(
				doc.accountability_period, deadline
			),
			AppealDeadlinePassed,
			title=_("Appeal Deadline Passed"),
		)
	doc.open_for_finding = doc.responsibility_finding
	doc.decision = "Pending"


def mark_finding_appealed(doc) -> None:
	_set_finding_state(doc.responsibility_finding, "Appealed", _("Appeal {0} filed").format(doc.name))


def apply_decision(doc) -> None:
	"""After submit: Upheld confirms the finding, Revoked cancels it; each decision is applied once."""
	if doc.decision == "Pending" or not doc.open_for_finding:
		return
	if not is_committee():
		frappe.throw(_("Only the leading group decides appeals"), frappe.PermissionError)
	doc.db_set({"open_for_finding": None, "decided_by": frappe.session.user, "decided_on": now_datetime()})
	if doc.decision == "Upheld":
		_set_finding_state(
			doc.responsibility_finding, "Confirmed", _("Appeal {0} decided: penalty upheld").format(doc.name)
		)
	else:
		finding = frappe.get_doc(FINDING, doc.responsibility_finding)
		finding.flags.ignore_permissions = True
		finding.add_comment("Info", _("Appeal {0} decided: penalty revoked").format(doc.name))
		finding.cancel()  # before_cancel moves it to Revoked


def refuse_cancel(doc) -> None:
	"""An appeal ends by the leading group's decision, never by cancelling it."""
	frappe.throw(_("An appeal is decided (Uphold or Revoke), not cancelled"), frappe.PermissionError)


def _set_finding_state(finding: str, state: str, note: str) -> None:
	doc = frappe.get_doc(FINDING, finding)
	doc.db_set("workflow_state", state, notify=True)
	doc.add_comment("Workflow", note)

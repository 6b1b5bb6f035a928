"""Appeal (申诉): who may file, until when, with what, and what the leading group's decision does."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.permissions import is_committee, managed_institutions

FINDING = "Responsibility Finding"


class AppealDeadlinePassed(frappe.ValidationError):
	pass


class AppealNotAllowed(frappe.PermissionError):
	pass


class AppealAlreadyOpen(frappe.ValidationError):
	pass


class Appeal(Document):
	def validate(self):
		if self.docstatus == 0:
			self.validate_appellant()
			self.validate_finding_open_to_appeal()
			self.validate_one_open_appeal()

	def before_submit(self):
		self.validate_appellant()
		self.file()

	def on_submit(self):
		_set_finding_state(self.responsibility_finding, "Appealed", _("Appeal {0} filed").format(self.name))

	def on_update_after_submit(self):
		self.apply_decision()

	def before_cancel(self):
		# An appeal ends by the leading group's decision, never by cancelling it.
		frappe.throw(_("An appeal is decided (Uphold or Revoke), not cancelled"), frappe.PermissionError)

	def validate_appellant(self) -> None:
		"""Only the finding's person, or a complaint manager of its institution, may appeal it."""
		user = frappe.session.user
		finding = frappe.db.get_value(
			FINDING, self.responsibility_finding, ["person_user", "institution"], as_dict=True
		)
		if not finding:
			frappe.throw(_("Responsibility Finding {0} not found").format(self.responsibility_finding))
		if user != finding.person_user and finding.institution not in managed_institutions(user):
			frappe.throw(
				_(
					"Only the penalized person or their institution's complaint manager can appeal this finding"
				),
				AppealNotAllowed,
			)
		self.appellant = self.appellant or user

	def validate_finding_open_to_appeal(self) -> None:
		state = frappe.db.get_value(FINDING, self.responsibility_finding, "workflow_state")
		if state != "Final":
			frappe.throw(
				_("Only a finding in its appeal window (Final) can be appealed; this one is {0}").format(
					_(state)
				)
			)

	def validate_one_open_appeal(self) -> None:
		other = frappe.db.get_value(
			"Appeal", {"open_for_finding": self.responsibility_finding, "name": ("!=", self.name)}
		)
		if other:
			frappe.throw(
				_("Appeal {0} on this finding is still waiting for a decision").format(other),
				AppealAlreadyOpen,
			)

	def file(self) -> None:
		"""Before submit: stamp the server's time and refuse it after the period's deadline."""
		self.filed_on = now_datetime()
		if not periods.appeal_window_open(self.accountability_period, self.filed_on):
			deadline = frappe.db.get_value(
				"Accountability Period", self.accountability_period, "appeal_deadline"
			)
			frappe.throw(
				_("The appeal window of period {0} closed at the end of {1}").format(
					self.accountability_period, deadline
				),
				AppealDeadlinePassed,
				title=_("Appeal Deadline Passed"),
			)
		self.open_for_finding = self.responsibility_finding
		self.decision = "Pending"

	def apply_decision(self) -> None:
		"""After submit: Upheld confirms the finding, Revoked cancels it; each decision is applied once."""
		if self.decision == "Pending" or not self.open_for_finding:
			return
		if not is_committee():
			frappe.throw(_("Only the leading group decides appeals"), frappe.PermissionError)
		self.db_set(
			{"open_for_finding": None, "decided_by": frappe.session.user, "decided_on": now_datetime()}
		)
		if self.decision == "Upheld":
			_set_finding_state(
				self.responsibility_finding,
				"Confirmed",
				_("Appeal {0} decided: penalty upheld").format(self.name),
			)
		else:
			finding = frappe.get_doc(FINDING, self.responsibility_finding)
			finding.flags.ignore_permissions = True
			finding.add_comment("Info", _("Appeal {0} decided: penalty revoked").format(self.name))
			finding.cancel()  # before_cancel moves it to Revoked


def _set_finding_state(finding: str, state: str, note: str) -> None:
	doc = frappe.get_doc(FINDING, finding)
	doc.db_set("workflow_state", state, notify=True)
	doc.add_comment("Workflow", note)

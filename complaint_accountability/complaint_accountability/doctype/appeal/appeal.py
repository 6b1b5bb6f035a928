"""Appeal (申诉): who may file, until when, with what, and what the leading group's decision does.

Filing is the workflow's File (submit); deciding is its Uphold or Revoke, the committee's alone.
Everything the server decides — the appellant, the time of filing, the decision and who made it,
and the finding's person, institution, period and amount — is set here, whatever a request carries.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.controllers.server_fields import is_server_action, keep_server_values
from complaint_accountability.permissions import is_committee, managed_institutions, own_persons
from complaint_accountability.vocabulary import AppealState, Decision, DocType, FindingState

SERVER_FIELDS = ("appellant", "filed_on", "decision", "open_for_finding", "decided_by", "decided_on")
COMMITTEE_FIELDS = ("decision_note",)  # the leading group's word, written with its decision
FROM_FINDING = ("person", "full_name", "institution", "person_institution", "accountability_period", "amount")
DECISION_OF_STATE = {
	AppealState.DRAFT: Decision.PENDING,
	AppealState.FILED: Decision.PENDING,
	AppealState.UPHELD: Decision.UPHELD,
	AppealState.REVOKED: Decision.REVOKED,
}


class AppealDeadlinePassed(frappe.ValidationError):
	pass


class AppealNotAllowed(frappe.PermissionError):
	pass


class FindingNotOpenToAppeal(frappe.ValidationError):
	pass


class Appeal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accountability_period: DF.Link | None
		amended_from: DF.Link | None
		amount: DF.Currency
		appellant: DF.Link | None
		decided_by: DF.Link | None
		decided_on: DF.Datetime | None
		decision: DF.Literal["Pending", "Upheld", "Revoked"]
		decision_note: DF.SmallText | None
		evidence: DF.Attach
		filed_on: DF.Datetime | None
		full_name: DF.Data | None
		institution: DF.Link | None
		more_evidence: DF.Attach | None
		naming_series: DF.Literal["AP-.YYYY.-.#####"]
		open_for_finding: DF.Data | None
		person: DF.Link | None
		person_institution: DF.Link | None
		reason: DF.SmallText
		responsibility_finding: DF.Link
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		keep_server_values(self, SERVER_FIELDS)
		if not is_committee():
			keep_server_values(self, COMMITTEE_FIELDS)
		self.copy_from_finding()
		self.validate_appellant()
		self.validate_finding_open_to_appeal()

	def before_submit(self):
		self.file()

	def on_submit(self):
		_set_finding_state(
			self.responsibility_finding, FindingState.APPEALED, _("Appeal {0} filed").format(self.name)
		)

	def before_update_after_submit(self):
		self.take_decision()

	def on_update_after_submit(self):
		self.apply_decision()

	def before_cancel(self):
		# An appeal ends by the leading group's decision, never by cancelling it.
		frappe.throw(_("An appeal is decided (Uphold or Revoke), not cancelled"), frappe.PermissionError)

	def copy_from_finding(self) -> None:
		"""The appealed finding's facts, read from the finding itself."""
		finding = frappe.db.get_value(
			DocType.FINDING, self.responsibility_finding, FROM_FINDING, as_dict=True
		)
		if not finding:
			frappe.throw(
				_("Responsibility Finding {0} not found").format(self.responsibility_finding),
				frappe.DoesNotExistError,
			)
		self.update(finding)

	def validate_appellant(self) -> None:
		"""Only the finding's person, or a complaint manager of its institution, may appeal it; the
		appellant is whoever drafts the appeal."""
		user = frappe.session.user
		if is_server_action(self):
			self.appellant = self.appellant or user
			return
		institutions = managed_institutions(user)
		if (
			self.person not in own_persons(user)
			and not {self.institution, self.person_institution} & institutions
		):
			frappe.throw(
				_(
					"Only the penalized person or their institution's complaint manager can appeal this finding"
				),
				AppealNotAllowed,
			)
		if self.is_new():
			self.appellant = user

	def validate_finding_open_to_appeal(self) -> None:
		"""Only a Final finding is appealed. Filing moves it to Appealed, so a second appeal (one
		drafted before the first was filed) cannot be filed; two filed at the same instant meet the
		unique open_for_finding."""
		state = frappe.db.get_value(DocType.FINDING, self.responsibility_finding, "workflow_state")
		if state != FindingState.FINAL:
			frappe.throw(
				_("Only a finding in its appeal window (Final) can be appealed; this one is {0}").format(
					_(state)
				),
				FindingNotOpenToAppeal,
			)

	def file(self) -> None:
		"""Before submit: stamp the server's time and refuse it after the period's deadline."""
		self.filed_on = now_datetime()
		if not periods.appeal_window_open(self.accountability_period, self.filed_on):
			deadline = frappe.db.get_value(DocType.PERIOD, self.accountability_period, "appeal_deadline")
			frappe.throw(
				_("The appeal window of period {0} closed at the end of {1}").format(
					self.accountability_period, deadline
				),
				AppealDeadlinePassed,
				title=_("Appeal Deadline Passed"),
			)
		self.open_for_finding = self.responsibility_finding
		self.decision = Decision.PENDING

	def take_decision(self) -> None:
		"""A filed appeal changes only by the leading group: its decision follows the workflow state
		(Uphold, Revoke), stamped with who decided and when."""
		if not (is_server_action(self) or is_committee()):
			frappe.throw(_("Only the leading group changes a filed appeal"), frappe.PermissionError)
		keep_server_values(self, SERVER_FIELDS)
		before = self.get_doc_before_save()
		self.decision = DECISION_OF_STATE[self.workflow_state]
		if before and before.decision != self.decision:
			self.decided_by, self.decided_on = frappe.session.user, now_datetime()

	def apply_decision(self) -> None:
		"""After a decision: Upheld confirms the finding, Revoked cancels it; each is applied once."""
		if self.decision == Decision.PENDING or not self.open_for_finding:
			return
		self.db_set("open_for_finding", None)
		if self.decision == Decision.UPHELD:
			_set_finding_state(
				self.responsibility_finding,
				FindingState.CONFIRMED,
				_("Appeal {0} decided: penalty upheld").format(self.name),
			)
		else:
			finding = frappe.get_doc(DocType.FINDING, self.responsibility_finding)
			finding.flags.ignore_permissions = True
			finding.add_comment("Info", _("Appeal {0} decided: penalty revoked").format(self.name))
			finding.cancel()  # before_cancel moves it to Revoked


def _set_finding_state(finding: str, state: str, note: str) -> None:
	"""The finding's state moved by its appeal, not by a transition of its own workflow (Final →
	Appealed on filing, Appealed → Confirmed when upheld): the appeal's workflow is the transition."""
	doc = frappe.get_doc(DocType.FINDING, finding)
	doc.db_set("workflow_state", state, notify=True)
	doc.add_comment("Workflow", note)

"""Remediation (整改事项): a root cause, the measures against it, an owner and a due date.

Who may set what, whatever a request carries:
- only the leading group opens one, and it alone sets what the remediation is — institution, title,
  root cause, measures, owner, due date, the complaints it covers — and verifies it;
- the owner starts it, writes what was done and attaches the evidence, and marks it complete
  (Open → In Progress → Done), which needs the evidence and the note; the owner never verifies
  their own work, and changes nothing else;
- anyone else who may read it (their institution's complaint manager) changes nothing;
- the owner's account of the work (completion note, evidence) is theirs: the leading group reads it;
- who completed it never verifies it, and a completed remediation keeps its owner;
- when it was completed, verified and by whom are the server's; a verified remediation is closed.
The workflow (fixtures/workflow.json) says which transitions each may make; this controller holds
the fields to it, since Frappe's workflow does not.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from complaint_accountability.configuration import branch_institution
from complaint_accountability.controllers.server_fields import is_server_action, keep_server_values
from complaint_accountability.controllers.workflow_guard import check_edit_rights
from complaint_accountability.file_access import canonical_url
from complaint_accountability.permissions import check_row, is_committee
from complaint_accountability.rules.indicators import receipt_institution, rounded
from complaint_accountability.vocabulary import (
	REMEDIATION_OWNER_ROLES,
	REMEDIATION_PENDING,
	DocType,
	RemediationState,
	Role,
)

COMMITTEE_FIELDS = (
	"title",
	"institution",
	"source",
	"background",
	"remediation_owner",
	"due_on",
	"root_cause",
	"measures",
	"complaints",
	"verification_note",
)
SERVER_FIELDS = ("completed_on", "completed_by", "verified_by", "verified_on")
OWNER_FIELDS = ("completion_note", "evidence")  # the owner's account of the work, theirs alone


class RemediationNotAllowed(frappe.PermissionError):
	pass


class RemediationClosed(frappe.PermissionError):
	pass


class EvidenceMissing(frappe.ValidationError):
	pass


class Remediation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaint_accountability.complaint_accountability.doctype.remediation_complaint.remediation_complaint import (
			RemediationComplaint,
		)
		from complaint_accountability.complaint_accountability.doctype.remediation_evidence.remediation_evidence import (
			RemediationEvidence,
		)

		background: DF.SmallText | None
		complaints: DF.Table[RemediationComplaint]
		completed_by: DF.Link | None
		completed_on: DF.Date | None
		completion_note: DF.SmallText | None
		due_on: DF.Date
		evidence: DF.Table[RemediationEvidence]
		institution: DF.Link
		measures: DF.Text
		naming_series: DF.Literal["RM-.YYYY.-.#####"]
		remediation_owner: DF.Link
		remediation_owner_name: DF.Data | None
		root_cause: DF.SmallText
		source: DF.Literal["By Hand", "Complaint", "Complaint Indicators"]
		title: DF.Data
		verification_note: DF.SmallText | None
		verified_by: DF.Link | None
		verified_on: DF.Date | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		keep_server_values(self, SERVER_FIELDS)
		self.check_who_changes_what()
		check_edit_rights(self)
		self.validate_owner()
		self.validate_complaints()
		self.on_state_change()

	def check_who_changes_what(self) -> None:
		if is_server_action(self):
			return
		user = frappe.session.user
		if self.is_new():
			if not is_committee(user):
				frappe.throw(
					_("Only the accountability leading group opens a remediation"), RemediationNotAllowed
				)
			return
		before = self.get_doc_before_save()
		if before.workflow_state == RemediationState.VERIFIED:
			frappe.throw(_("Remediation {0} is verified and closed").format(self.name), RemediationClosed)
		if before.workflow_state == RemediationState.DONE:
			keep_server_values(self, ("remediation_owner",))
		if before.remediation_owner != user:
			keep_server_values(self, OWNER_FIELDS)
		if is_committee(user):
			return
		if before.remediation_owner != user:
			frappe.throw(
				_("Only the remediation's owner or the accountability leading group changes it"),
				RemediationNotAllowed,
			)
		keep_server_values(self, COMMITTEE_FIELDS)

	def check_file_change(self, file, removing: bool) -> None:
		"""Its files change as its fields do (file_access calls this for an upload or a removal): none
		once verified; the evidence the owner attached is theirs to remove; otherwise the owner and the
		leading group add and remove files, and nobody else."""
		user = frappe.session.user
		if self.workflow_state == RemediationState.VERIFIED:
			frappe.throw(_("Remediation {0} is verified and closed").format(self.name), RemediationClosed)
		if user == self.remediation_owner:
			return
		evidence = {canonical_url(row.file) for row in self.evidence if row.file}
		if removing and file.file_url and canonical_url(file.file_url) in evidence:
			frappe.throw(
				_("The evidence of remediation {0} is its owner's to remove").format(self.name),
				RemediationNotAllowed,
			)
		if not is_committee(user):
			frappe.throw(
				_("Only the remediation's owner or the accountability leading group changes its files"),
				RemediationNotAllowed,
			)

	def validate_owner(self) -> None:
		"""The owner must hold a role that may carry a remediation through its workflow."""
		roles = {*REMEDIATION_OWNER_ROLES, Role.COMMITTEE}
		if self.remediation_owner and not roles.intersection(frappe.get_roles(self.remediation_owner)):
			frappe.throw(
				_("{0} cannot carry out a remediation: give them one of the roles {1}").format(
					self.remediation_owner, ", ".join(_(role) for role in sorted(roles))
				),
				title=_("Remediation Owner"),
			)

	def validate_complaints(self) -> None:
		"""Each complaint once, and one of the institution's own (or under it)."""
		seen = set()
		for row in self.complaints:
			if row.complaint in seen:
				frappe.throw(_("Row {0}: complaint {1} is listed twice").format(row.idx, row.complaint))
			seen.add(row.complaint)
			handled_by = _handling_institution(row.complaint)
			if not _within(handled_by, self.institution):
				frappe.throw(
					_("Row {0}: complaint {1} is handled by {2}, which is not {3} or under it").format(
						row.idx, row.complaint, handled_by, self.institution
					),
					title=_("Complaint of Another Institution"),
				)

	def on_state_change(self) -> None:
		before = None if self.is_new() else self.get_doc_before_save()
		previous = before.workflow_state if before else None
		if previous == self.workflow_state:
			return
		if self.workflow_state == RemediationState.DONE:
			self.require_evidence()
			self.completed_on, self.completed_by = today(), frappe.session.user
		elif self.workflow_state == RemediationState.VERIFIED:
			if frappe.session.user in (self.remediation_owner, self.completed_by):
				frappe.throw(_("Whoever carried out a remediation does not verify it"), RemediationNotAllowed)
			self.verified_by, self.verified_on = frappe.session.user, today()
		elif self.workflow_state == RemediationState.IN_PROGRESS and previous == RemediationState.DONE:
			self.completed_on = self.completed_by = None  # returned for more work

	def require_evidence(self) -> None:
		if not (self.completion_note or "").strip():
			frappe.throw(
				_("Write what was done (Completion Note) before marking the remediation complete"),
				EvidenceMissing,
				title=_("Completion Note Missing"),
			)
		if not any(row.file for row in self.evidence):
			frappe.throw(
				_("Attach the evidence of the measures before marking the remediation complete"),
				EvidenceMissing,
				title=_("Evidence Missing"),
			)


def _handling_institution(complaint: str) -> str | None:
	"""Where a complaint is handled; one never transferred is the branch's own."""
	row = frappe.db.get_value(
		DocType.COMPLAINT, complaint, ["transferred", "handling_institution"], as_dict=True
	)
	if not row:
		frappe.throw(_("Complaint {0} not found").format(complaint), frappe.DoesNotExistError)
	return receipt_institution(bool(row.transferred), row.handling_institution, branch_institution())


def _within(institution: str | None, ancestor: str) -> bool:
	if not institution:
		return False
	inner = frappe.db.get_value(DocType.INSTITUTION, institution, ["lft", "rgt"], as_dict=True)
	outer = frappe.db.get_value(DocType.INSTITUTION, ancestor, ["lft", "rgt"], as_dict=True)
	return bool(inner and outer and outer.lft <= inner.lft and inner.rgt <= outer.rgt)


# ---- opening one: from a complaint, from the indicators report


def _new(**values) -> Document:
	if not is_committee():
		frappe.throw(_("Only the accountability leading group opens a remediation"), RemediationNotAllowed)
	return frappe.new_doc(DocType.REMEDIATION, **values)


@frappe.whitelist()
def make_from_complaint(source_name: str) -> Document:
	"""A new remediation (not saved) for the complaint's institution, covering the complaint."""
	check_row(DocType.COMPLAINT, source_name)
	complaint = frappe.get_doc(DocType.COMPLAINT, source_name)
	doc = _new(
		title=_("Remediation of complaint {0}").format(complaint.name),
		institution=_handling_institution(complaint.name),
		source="Complaint",
		background=_("Opened from complaint {0}").format(complaint.name),
	)
	doc.append("complaints", {"complaint": complaint.name})
	return doc


@frappe.whitelist()
def make_from_indicators(institution: str, from_date: str, to_date: str) -> Document:
	"""A new remediation (not saved) for an institution, with its indicators of the window as background."""
	from complaint_accountability.analytics.indicators import INSTITUTION, checked_filters, indicator_rows

	window, _group_by = checked_filters({"from_date": from_date, "to_date": to_date})
	if not frappe.db.exists(DocType.INSTITUTION, institution):
		frappe.throw(_("Institution {0} not found").format(frappe.bold(institution)))
	doc = _new(institution=institution, source="Complaint Indicators")
	row = next(
		(r for r in indicator_rows(window, INSTITUTION) if r.key == institution and not r.is_total), None
	)
	figures = row.figures if row else None
	if figures and figures.rose("per_100m_premium"):
		doc.title = _("Complaints per 100 million premium rose at {0}").format(institution)
	else:
		doc.title = _("Complaint indicators of {0}").format(institution)
	if figures:
		doc.background = _(
			"{0} to {1}: {2} receipts; complaints per 100 million premium {3}, previous window {4} ({5}%)"
		).format(
			window.start,
			window.end,
			figures.current.receipts,
			*(
				_shown(value)
				for value in (
					figures.current.per_100m_premium,
					figures.previous.per_100m_premium,
					figures.change_previous("per_100m_premium"),
				)
			),
		)
	return doc


def _shown(value) -> str:
	"""A figure for the background text; one that cannot be computed (no premium) is said so."""
	return _("n/a") if value is None else str(rounded(value))


# ---- the workspace


def overdue_filters() -> dict:
	return {"workflow_state": ("in", REMEDIATION_PENDING), "due_on": ("<", today())}


@frappe.whitelist()
def overdue_remediations(filters: str | dict | None = None) -> dict:
	"""Number card: remediations past their due date and not done, of those the user may read."""
	count = frappe.get_list(DocType.REMEDIATION, filters=overdue_filters(), fields=["count(name) as count"])
	return {
		"value": count[0].count if count else 0,
		"fieldtype": "Int",
		"route": ["List", DocType.REMEDIATION],
		"route_options": {key: list(value) for key, value in overdue_filters().items()},
	}


def is_overdue(due_on, state: str) -> bool:
	return state in REMEDIATION_PENDING and bool(due_on) and getdate(due_on) < getdate(today())

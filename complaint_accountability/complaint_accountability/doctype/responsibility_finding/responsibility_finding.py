"""Responsibility Finding (责任认定): one person held responsible on one case for one period.

The compile proposes the channel findings (Direct / Management) with their charges; a complaint
manager records a Handling Violation by hand. A submitted finding changes only through its workflow.
"""

from decimal import Decimal

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.configuration import money, rule_settings, violation_type
from complaint_accountability.controllers import workflow_guard
from complaint_accountability.controllers.server_fields import is_server_action, keep_server_values
from complaint_accountability.cycle import hand_off
from complaint_accountability.cycle.confirm import check_window_closed
from complaint_accountability.rules.payroll import component_for
from complaint_accountability.rules.periods import period_name_of
from complaint_accountability.rules.violations import ViolationAmountOutOfRange, check_violation_amount
from complaint_accountability.vocabulary import HANDLING_VIOLATION, DocType, FindingState

FINDING = DocType.FINDING
# Set by the compile (charges from the rate table) or by the server, never by a request.
SERVER_FIELDS = ("proposed_by_compile", "charges", "accountability_period")
# What identifies a finding the compile proposed: its case, person and liability are the charges'.
PROPOSED_FIELDS = ("complaint", "person", "liability", "violation_type", "amount")


class ChannelFindingByHand(frappe.ValidationError):
	pass


class ViolationAmountError(frappe.ValidationError):
	pass


class ResponsibilityFinding(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaint_accountability.complaint_accountability.doctype.finding_charge.finding_charge import (
			FindingCharge,
		)

		accountability_period: DF.Link | None
		amended_from: DF.Link | None
		amount: DF.Currency
		appeal_deadline: DF.Date | None
		charges: DF.Table[FindingCharge]
		complaint: DF.Link
		component: DF.Literal["Wage Deduction", "Performance Deduction"]
		employee_number: DF.Data | None
		full_name: DF.Data | None
		institution: DF.Link | None
		liability: DF.Literal["Direct", "Management", "Handling Violation"]
		naming_series: DF.Literal["RF-.YYYY.-.#####"]
		person: DF.Link
		person_institution: DF.Link | None
		person_user: DF.Link | None
		proposed_by_compile: DF.Check
		remarks: DF.SmallText | None
		violation_type: DF.Link | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		workflow_guard.check_edit_rights(self)
		self.keep_server_values()
		self.set_period()
		self.derive()
		self.validate_unique_violation()

	def keep_server_values(self) -> None:
		before = self.get_doc_before_save()
		proposed = before.proposed_by_compile if before else False
		keep_server_values(self, SERVER_FIELDS + (PROPOSED_FIELDS if proposed else ()))
		if self.is_new() and self.liability != HANDLING_VIOLATION and not is_server_action(self):
			frappe.throw(
				_(
					"Direct and management findings are proposed by the compile from the complaint's responsible persons, with their amounts from the rate table: name the person on the complaint and compile the period again"
				),
				ChannelFindingByHand,
				title=_("Not Recorded by Hand"),
			)

	def set_period(self) -> None:
		"""A new handling violation is charged in the first period that can charge it: from the
		period of its complaint's first receipt (or the floor the app gives it in flags.period_floor),
		the first whose notices have not gone out."""
		if not self.is_new() or self.liability != HANDLING_VIOLATION:
			return
		floor = self.flags.period_floor or self.accountability_period
		if not floor:
			first = frappe.db.get_value(DocType.COMPLAINT, self.complaint, "first_received_on")
			floor = period_name_of(getdate(first), rule_settings())
		self.accountability_period = periods.first_open_period(floor)

	def before_submit(self):
		workflow_guard.check_transition(self, FindingState.FINAL)

	def before_update_after_submit(self):
		# the leading group's Confirm of a Final finding would end its person's right to appeal
		before = self.get_doc_before_save()
		if before and (before.workflow_state, self.workflow_state) == (
			FindingState.FINAL,
			FindingState.CONFIRMED,
		):
			check_window_closed(self.accountability_period)

	def before_cancel(self):
		workflow_guard.check_transition(self, FindingState.REVOKED)
		self.workflow_state = FindingState.REVOKED

	def on_cancel(self):
		# A revoked finding keeps its appeal and its cancelled penalty entry as the record of why.
		self.ignore_linked_doctypes = (DocType.APPEAL, DocType.PENALTY_ENTRY)
		hand_off.cancel_entry_of(self.name)

	def derive(self) -> None:
		"""Component and amount: channel findings sum their charges; violations keep the chosen amount."""
		self.component = component_for(self.liability)
		if self.liability == HANDLING_VIOLATION:
			self.validate_violation()
		else:
			self.amount = sum((money(c.amount) for c in self.charges), Decimal(0))

	def validate_violation(self) -> None:
		if not self.violation_type:
			frappe.throw(_("Choose the violation type"), title=_("Handling Violation"))
		kind = violation_type(self.violation_type)
		try:
			check_violation_amount(kind, money(self.amount))
		except ViolationAmountOutOfRange:
			frappe.throw(
				_("{0}: the amount must be between {1} and {2}, not {3}").format(
					_(kind.name), kind.min_amount, kind.max_amount, money(self.amount)
				),
				ViolationAmountError,
				title=_("Amount Out of Range"),
			)
		if self.charges:
			frappe.throw(_("A handling violation is charged per case, not per receipt"))

	def validate_unique_violation(self) -> None:
		if self.liability != HANDLING_VIOLATION:
			return
		other = frappe.db.get_value(
			FINDING,
			{
				"complaint": self.complaint,
				"person": self.person,
				"violation_type": self.violation_type,
				"docstatus": ("<", 2),
				"name": ("!=", self.name),
			},
		)
		if other:
			frappe.throw(
				_("{0} already has a finding for {1} on this complaint: {2}").format(
					self.person, _(self.violation_type), other
				),
				frappe.DuplicateEntryError,
			)


def on_doctype_update():
	"""A period's findings per institution and person, read from the index alone (Penalty Assessment)."""
	frappe.db.add_index(
		FINDING,
		[
			"accountability_period",
			"institution",
			"employee_number",
			"liability",
			"docstatus",
			"complaint",
			"amount",
		],
		"period_person",
	)

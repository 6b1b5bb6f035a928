"""Responsibility Finding (责任认定): one person held responsible on one case for one period.

The compile proposes the channel findings (Direct / Management) with their charges; a complaint
manager records a Handling Violation by hand. A submitted finding changes only through its workflow.
"""

from decimal import Decimal

import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.configuration import money, violation_type
from complaint_accountability.controllers import workflow_guard
from complaint_accountability.cycle import hand_off
from complaint_accountability.rules.payroll import component_for
from complaint_accountability.rules.rates import HANDLING_VIOLATION
from complaint_accountability.rules.violations import ViolationAmountOutOfRange, check_violation_amount

FINDING = "Responsibility Finding"


class ViolationAmountError(frappe.ValidationError):
	pass


class ResponsibilityFinding(Document):
	def validate(self):
		workflow_guard.check_edit_rights(self)
		self.derive()
		self.validate_unique_violation()

	def before_submit(self):
		workflow_guard.check_transition(self, "Final")

	def before_cancel(self):
		workflow_guard.check_transition(self, "Revoked")
		self.workflow_state = "Revoked"

	def on_cancel(self):
		# A revoked finding keeps its appeal and its cancelled penalty entry as the record of why.
		self.ignore_linked_doctypes = ("Appeal", "Penalty Entry")
		hand_off.cancel_entry_of(self.name)

	def derive(self) -> None:
		"""Component and amount: channel findings sum their charges; violations keep the chosen amount."""
		self.component = component_for(self.liability)
		if self.liability == HANDLING_VIOLATION:
			self.validate_violation()
		elif self.charges:
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

"""Responsibility Findings: proposed by the compile, recorded by hand for handling violations."""

from decimal import Decimal

import frappe
import numpy as np
import pandas as pd
from frappe import _

from complaint_accountability.rules.payroll import component_for
from complaint_accountability.rules.rates import HANDLING_VIOLATION
from complaint_accountability.rules.violations import ViolationAmountOutOfRange, check_violation_amount

from .site_rules import money, violation_type

FINDING = "Responsibility Finding"


class MissingRateError(frappe.ValidationError):
	pass


class ViolationAmountError(frappe.ValidationError):
	pass


def charge_key(receipt: str, person: str, liability: str) -> str:
	return f"{receipt}|{person}|{liability}"


def refuse_missing_rates(result, receipts: pd.DataFrame, persons: pd.DataFrame) -> None:
	missing = np.flatnonzero(result.missing_rate)
	if len(missing):
		lines = [
			_("Complaint {0}: no {1} rate for channel {2} in force on {3}").format(
				receipts["parent"].iat[result.receipt[i]],
				_(persons["liability"].iat[result.person[i]]),
				receipts["channel"].iat[result.receipt[i]],
				receipts["received_on"].iat[result.receipt[i]],
			)
			for i in missing[:20]
		]
		frappe.throw("<br>".join(lines), MissingRateError, title=_("Missing Penalty Rate"))


def create_proposed(period: str, charges: pd.DataFrame, progress=None) -> int:
	"""One Draft finding per (case, person, liability) with its charges; returns how many were made."""
	groups = list(charges.groupby(["complaint", "person", "liability"], sort=True))
	created = 0
	for done, ((complaint, person, liability), rows) in enumerate(groups, start=1):
		created += _insert_unless_made(period, complaint, person, liability, rows)
		if progress:
			progress(done, len(groups))
	return created


def _insert_unless_made(period, complaint, person, liability, rows) -> int:
	doc = frappe.get_doc(
		{
			"doctype": FINDING,
			"complaint": complaint,
			"person": person,
			"liability": liability,
			"accountability_period": period,
			"proposed_by_compile": 1,
			"workflow_state": "Draft",
			"charges": [
				{
					"receipt": r.receipt,
					"channel": r.channel,
					"received_on": r.received_on,
					"receipt_kind": r.receipt_kind,
					"penalty_rate": r.penalty_rate,
					"amount": Decimal(int(r.cents)) / 100,
					"charge_key": charge_key(r.receipt, person, liability),
				}
				for r in rows.itertuples()
			],
		}
	)
	frappe.db.savepoint("propose_finding")
	try:
		doc.insert(ignore_permissions=True)
	except frappe.UniqueValidationError:
		# Another compile made these charges first: the database refused the second copy.
		frappe.db.rollback(save_point="propose_finding")
		frappe.clear_last_message()
		return 0
	return 1


def derive(doc) -> None:
	"""Component and amount: channel findings sum their charges; violations keep the chosen amount."""
	doc.component = component_for(doc.liability)
	if doc.liability == HANDLING_VIOLATION:
		validate_violation(doc)
	elif doc.charges:
		doc.amount = sum((money(c.amount) for c in doc.charges), Decimal(0))


def validate_violation(doc) -> None:
	if not doc.violation_type:
		frappe.throw(_("Choose the violation type"), title=_("Handling Violation"))
	try:
		check_violation_amount(violation_type(doc.violation_type), money(doc.amount))
	except ViolationAmountOutOfRange:
		kind = violation_type(doc.violation_type)
		frappe.throw(
			_("{0}: the amount must be between {1} and {2}, not {3}").format(
				_(kind.name), kind.min_amount, kind.max_amount, money(doc.amount)
			),
			ViolationAmountError,
			title=_("Amount Out of Range"),
		)
	if doc.charges:
		frappe.throw(_("A handling violation is charged per case, not per receipt"))


def validate_unique_violation(doc) -> None:
	if doc.liability != HANDLING_VIOLATION:
		return
	other = frappe.db.get_value(
		FINDING,
		{
			"complaint": doc.complaint,
			"person": doc.person,
			"violation_type": doc.violation_type,
			"docstatus": ("<", 2),
			"name": ("!=", doc.name),
		},
	)
	if other:
		frappe.throw(
			_("{0} already has a finding for {1} on this complaint: {2}").format(
				doc.person, _(doc.violation_type), other
			),
			frappe.DuplicateEntryError,
		)

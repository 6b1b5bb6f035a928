"""Responsibility Findings: proposed by the compile, recorded by hand for handling violations."""

from decimal import Decimal

import frappe
import numpy as np
import pandas as pd
from frappe import _

from complaint_accountability.rules.payroll import component_for
from complaint_accountability.rules.rates import HANDLING_VIOLATION
from complaint_accountability.rules.violations import ViolationAmountOutOfRange, check_violation_amount

from . import bulk
from .site_rules import money, violation_type

FINDING = "Responsibility Finding"
FINDING_SERIES = "RF-.YYYY.-.#####"
FINDING_FIELDS = (
	"name",
	"naming_series",
	"complaint",
	"accountability_period",
	"institution",
	"person",
	"full_name",
	"employee_number",
	"person_institution",
	"person_user",
	"liability",
	"amount",
	"component",
	"proposed_by_compile",
	"workflow_state",
)
CHARGE_FIELDS = (
	"name",
	"parent",
	"parentfield",
	"parenttype",
	"idx",
	"receipt",
	"channel",
	"received_on",
	"receipt_kind",
	"penalty_rate",
	"amount",
	"charge_key",
)


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


def create_proposed(
	period: str, charges: pd.DataFrame, progress=None, state: str = "Draft", docstatus: int = 0
) -> int:
	"""One Draft finding per (case, person, liability) with its charges, inserted in bulk.

	Names come from the naming series, fetched fields are looked up in two queries, and each
	charge's key is unique in the database, so a charge can never be made twice.
	"""
	if charges.empty:
		return 0
	charges = charges.sort_values(
		["complaint", "person", "liability", "received_on", "receipt"], kind="stable"
	)
	groups = charges.groupby(["complaint", "person", "liability"], sort=False)
	keys = list(groups.groups)
	names = bulk.reserve_names(FINDING_SERIES, len(keys))
	institution = dict(
		frappe.get_all(
			"Complaint",
			filters={"name": ("in", list({k[0] for k in keys}))},
			fields=["name", "handling_institution"],
			as_list=True,
		)
	)
	people = {
		p.name: p
		for p in frappe.get_all(
			"Accountable Person",
			filters={"name": ("in", list({k[1] for k in keys}))},
			fields=["name", "full_name", "employee_number", "institution", "user"],
		)
	}
	cents = groups["cents"].sum()
	finding_rows = []
	for name, (complaint, person, liability) in zip(names, keys, strict=True):
		who = people[person]
		finding_rows.append(
			(
				name,
				FINDING_SERIES,
				complaint,
				period,
				institution.get(complaint),
				person,
				who.full_name,
				who.employee_number,
				who.institution,
				who.user,
				liability,
				Decimal(int(cents[(complaint, person, liability)])) / 100,
				component_for(liability),
				int(state == "Draft"),
				state,
			)
		)
	bulk.insert_rows(FINDING, FINDING_FIELDS, finding_rows, docstatus)
	parent = dict(zip(keys, names, strict=True))
	charge_rows = [
		(
			frappe.generate_hash(length=10),
			parent[(r.complaint, r.person, r.liability)],
			"charges",
			FINDING,
			idx,
			r.receipt,
			r.channel,
			r.received_on,
			r.receipt_kind,
			r.penalty_rate,
			Decimal(int(r.cents)) / 100,
			charge_key(r.receipt, r.person, r.liability),
		)
		for idx, r in _numbered(charges)
	]
	bulk.insert_rows("Finding Charge", CHARGE_FIELDS, charge_rows, docstatus)
	if progress:
		progress(len(keys), len(keys))
	return len(keys)


def _numbered(charges: pd.DataFrame):
	"""Charges with their row number inside their finding, from 1."""
	position = charges.groupby(["complaint", "person", "liability"], sort=False).cumcount() + 1
	return zip(position, charges.itertuples(), strict=True)


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

"""Writing the findings a compile or an import proposes: one per case, person and liability, in bulk."""

import frappe
import pandas as pd
from frappe import _

from complaint_accountability.rules.columns import missing_rates
from complaint_accountability.rules.payroll import component_for, money_from_cents
from complaint_accountability.vocabulary import DocType, FindingState

from . import bulk

FINDING = DocType.FINDING
FINDING_SERIES = "RF-.YYYY.-.#####"
FINDING_FIELDS = (
	"name",
	"naming_series",
	"complaint",
	"accountability_period",
	"appeal_deadline",
	"institution",
	"person",
	"full_name",
	"employee_number",
	"person_institution",
	"person_user",
	"liability",
	"violation_type",
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


def charge_key(receipt: str, person: str, liability: str) -> str:
	return f"{receipt}|{person}|{liability}"


def refuse_missing_rates(result, receipts: pd.DataFrame, persons: pd.DataFrame) -> None:
	missing = missing_rates(result)
	if missing:
		lines = [
			_("Complaint {0}: no {1} rate for channel {2} in force on {3}").format(
				receipts["parent"].iat[r],
				_(persons["liability"].iat[p]),
				receipts["channel"].iat[r],
				receipts["received_on"].iat[r],
			)
			for r, p in missing[:20]
		]
		frappe.throw("<br>".join(lines), MissingRateError, title=_("Missing Penalty Rate"))


def create_proposed(
	period: str, charges: pd.DataFrame, progress=None, state: str = FindingState.DRAFT, docstatus: int = 0
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
	cents = groups["cents"].sum()
	names = write_findings(
		period,
		[
			(complaint, person, liability, None, money_from_cents(cents[(complaint, person, liability)]))
			for complaint, person, liability in keys
		],
		state,
		docstatus,
	)
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
			money_from_cents(r.cents),
			charge_key(r.receipt, r.person, r.liability),
		)
		for idx, r in _numbered(charges)
	]
	bulk.insert_rows(DocType.FINDING_CHARGE, CHARGE_FIELDS, charge_rows, docstatus)
	if progress:
		progress(len(keys), len(keys))
	return len(keys)


def write_findings(period: str, findings: list[tuple], state: str, docstatus: int) -> list[str]:
	"""Insert findings (complaint, person, liability, violation type, amount) of ``period`` in bulk, with
	what a save would fetch (the period's deadline, the complaint's institution, the person's name,
	number, institution and login); return their names, in order."""
	names = bulk.reserve_names(FINDING_SERIES, len(findings))
	institution = dict(
		frappe.get_all(
			DocType.COMPLAINT,
			filters={"name": ("in", list({f[0] for f in findings}))},
			fields=["name", "handling_institution"],
			as_list=True,
		)
	)
	people = {
		p.name: p
		for p in frappe.get_all(
			DocType.ACCOUNTABLE_PERSON,
			filters={"name": ("in", list({f[1] for f in findings}))},
			fields=["name", "full_name", "employee_number", "institution", "user"],
		)
	}
	deadline = frappe.db.get_value(DocType.PERIOD, period, "appeal_deadline")
	rows = []
	for name, (complaint, person, liability, violation_type, amount) in zip(names, findings, strict=True):
		who = people[person]
		rows.append(
			(
				name,
				FINDING_SERIES,
				complaint,
				period,
				deadline,
				institution.get(complaint),
				person,
				who.full_name,
				who.employee_number,
				who.institution,
				who.user,
				liability,
				violation_type,
				amount,
				component_for(liability),
				int(state == FindingState.DRAFT),
				state,
			)
		)
	bulk.insert_rows(FINDING, FINDING_FIELDS, rows, docstatus)
	return names


def _numbered(charges: pd.DataFrame):
	"""Charges with their row number inside their finding, from 1."""
	position = charges.groupby(["complaint", "person", "liability"], sort=False).cumcount() + 1
	return zip(position, charges.itertuples(), strict=True)

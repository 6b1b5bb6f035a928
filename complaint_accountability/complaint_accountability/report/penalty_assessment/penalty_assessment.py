"""Penalty Assessment (处罚考核表): one row per finding of a period that is not cancelled.

Findings are read in SQL with the row rule of permissions.py (the one hooks.py gives Frappe), so an
institution's complaint manager sees the findings of their own subtree only.
"""

import frappe
from frappe import _

from complaint_accountability.complaint_accountability.report.columns import column
from complaint_accountability.complaint_accountability.report.filters import checked
from complaint_accountability.configuration import money
from complaint_accountability.documents.labels import channel_breakdown
from complaint_accountability.permissions import row_condition
from complaint_accountability.rules.payroll import component_for
from complaint_accountability.rules.receipts import RECEIPT_KINDS
from complaint_accountability.vocabulary import DocType

FINDING = DocType.FINDING
# How the query joins a finding's receipts: char(31) between a receipt's channel and kind, char(30)
# (written into the query, which allows a literal separator only) between receipts.
RECEIPT, KIND = "\x1e", "\x1f"
FINDING_FIELDS = (
	"name",
	"institution",
	"full_name",
	"employee_number",
	"complaint",
	"liability",
	"violation_type",
	"component",
	"workflow_state",
	"amount",
)


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = checked(filters)
	if not filters.period:
		return columns(), []
	currency = frappe.db.get_default("currency") or "CNY"
	if filters.view != "Finding":
		return person_columns(), person_rows(filters, currency)
	label = labeller()
	return columns(), [row(f, currency, label) for f in findings(filters)]


def labeller():
	"""_() of a value, worked out once per distinct value (a period has thousands of rows, a dozen values)."""
	labels = {}

	def label(value: str | None) -> str:
		if not value:
			return ""
		if value not in labels:
			labels[value] = _(value)
		return labels[value]

	return label


def columns() -> list[dict]:
	# the complaint is a link only for those who read complaints: Frappe filters a report's link
	# columns by the linked doctype's permission, and refuses the whole report to one who may not
	linked = frappe.has_permission(DocType.COMPLAINT, "read")
	return [
		column("institution", _("Institution"), "Link", 125, DocType.INSTITUTION),
		column("full_name", _("Full Name"), width=65),
		column("employee_number", _("Employee Number"), width=70),
		column(
			"complaint",
			_("Complaint"),
			"Link" if linked else "Data",
			140,
			DocType.COMPLAINT if linked else None,
		),
		column("liability", _("Liability"), width=95),
		column("channels", _("Channel Breakdown"), width=200),
		column("component", _("Deducted From"), width=85),
		column("workflow_state", _("Workflow State"), width=105),
		column("finding", _("Responsibility Finding"), "Link", 140, FINDING),
		column("amount", _("Penalty Amount"), "Currency", 120, "currency"),
	]


def findings(filters: frappe._dict) -> list[frappe._dict]:
	"""The period's findings the session user may read (row rules of permissions.py applied), revoked
	ones left out, each with its channel breakdown — one query, however large the period."""
	where, values = _conditions(filters)
	rows = frappe.db.sql(
		f"""select f.name, f.institution, f.full_name, f.employee_number, f.complaint, f.liability,
			f.violation_type, f.component, f.workflow_state, f.amount,
			group_concat(concat(c.channel, char(31), ifnull(c.receipt_kind, ''))
				order by c.received_on, c.idx separator '{RECEIPT}') as charges
		from `tabResponsibility Finding` f
		left join `tabFinding Charge` c on c.parent = f.name and c.parenttype = 'Responsibility Finding'
		where {where}
		group by f.name
		order by f.institution, f.employee_number, f.complaint, f.liability""",
		values,
		as_dict=True,
	)
	kind_labels = {kind: _(kind) for kind in RECEIPT_KINDS}
	for row in rows:
		charges = row.pop("charges")
		pairs = [charge.split(KIND) for charge in charges.split(RECEIPT)] if charges else []
		row.channels = channel_breakdown(*zip(*pairs, strict=True), labels=kind_labels) if pairs else ""
	return rows


def _conditions(filters: frappe._dict) -> tuple[str, dict]:
	"""The WHERE of both views: period, filters, and the row rule of permissions.py for this user."""
	frappe.has_permission(FINDING, "read", throw=True)
	conditions = ["f.accountability_period = %(period)s", "f.docstatus < 2"]
	values = {"period": filters.period}
	if filters.institution:
		lft, rgt = frappe.db.get_value(DocType.INSTITUTION, filters.institution, ["lft", "rgt"])
		conditions.append(
			"f.institution in (select name from `tabInstitution` where lft >= %(lft)s and rgt <= %(rgt)s)"
		)
		values.update(lft=lft, rgt=rgt)
	if filters.liability:
		conditions.append("f.liability = %(liability)s")
		values["liability"] = filters.liability
	row_rule = row_condition(DocType.FINDING, frappe.session.user, table="f")
	if row_rule:
		conditions.append(row_rule)
	return " and ".join(conditions), values


def person_columns() -> list[dict]:
	return [
		column("institution", _("Institution"), "Link", 150, DocType.INSTITUTION),
		column("full_name", _("Full Name"), width=80),
		column("employee_number", _("Employee Number"), width=90),
		column("liability", _("Liability"), width=110),
		column("component", _("Deducted From"), width=90),
		column("cases", _("Complaints"), "Int", 80),
		column("findings", _("Findings"), "Int", 80),
		column("amount", _("Penalty Amount"), "Currency", 120, "currency"),
	]


def person_rows(filters: frappe._dict, currency: str) -> list[dict]:
	"""One row per institution, person and liability: what the assessment table sums, at a glance.
	The grouping reads the period_person index alone; names come from the persons in one query."""
	where, values = _conditions(filters)
	rows = frappe.db.sql(
		f"""select f.institution, f.employee_number, f.liability, count(distinct f.complaint) as cases,
			count(*) as findings, sum(f.amount) as amount
		from `tabResponsibility Finding` f where {where}
		group by f.institution, f.employee_number, f.liability
		order by f.institution, f.employee_number, f.liability""",
		values,
		as_dict=True,
	)
	names = dict(
		frappe.get_all(
			DocType.ACCOUNTABLE_PERSON,
			fields=["employee_number", "full_name"],
			as_list=True,
			filters={"employee_number": ("in", list({r.employee_number for r in rows}) or [""])},
		)
	)
	label = labeller()
	for r in rows:
		r.update(
			full_name=names.get(r.employee_number, ""),
			component=label(component_for(r.liability)),
			liability=label(r.liability),
			amount=money(r.amount),
			currency=currency,
		)
	return rows


def row(finding: frappe._dict, currency: str, label) -> dict:
	return {
		"institution": finding.institution,
		"full_name": finding.full_name,
		"employee_number": finding.employee_number,
		"complaint": finding.complaint,
		"liability": label(finding.liability),
		"channels": finding.channels or finding.violation_type or "",
		"component": label(finding.component),
		"workflow_state": label(finding.workflow_state),
		"finding": finding.name,
		"amount": money(finding.amount),
		"currency": currency,
	}

"""Cases by Status: every complaint with its case status and, when it is not charged, the reason.

Complaints are read with frappe.get_list, so an institution's complaint manager sees the cases of
their own subtree only.
"""

import frappe
from frappe import _

from complaint_accountability.complaint_accountability.report.columns import column
from complaint_accountability.complaint_accountability.report.filters import checked
from complaint_accountability.rules.cases import CASE_STATUSES, PENDING, exemption_reason
from complaint_accountability.vocabulary import DocType

COMPLAINT = DocType.COMPLAINT
COMPLAINT_FIELDS = (
	"name",
	"customer_name",
	"handling_institution",
	"is_compound",
	"first_coordination_outcome",
	"case_status",
	"is_overdue",
)


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, dict | None]:
	filters = checked(filters)
	cases = complaints(filters)
	counts = receipt_counts([c.name for c in cases])
	return columns(), [row(c, counts.get(c.name, 0)) for c in cases], None, chart(cases)


def columns() -> list[dict]:
	return [
		column("complaint", _("Complaint"), "Link", 135, COMPLAINT),
		column("customer_name", _("Customer Name"), width=90),
		column("handling_institution", _("Handling Institution"), "Link", 125, DocType.INSTITUTION),
		column("receipts", _("Receipts"), "Int", 90),
		column("is_compound", _("Compound"), "Check", 175),
		column("first_coordination_outcome", _("First Coordination Outcome"), width=150),
		column("case_status", _("Case Status"), width=100),
		column("exemption_reason", _("Reason Not Charged"), width=185),
		column("is_overdue", _("Past Time Limit"), "Check", 125),
	]


def complaints(filters: frappe._dict) -> list[frappe._dict]:
	"""The complaints the session user may read, of one period (by latest receipt) if asked."""
	conditions = {}
	if filters.period:
		conditions["latest_period"] = filters.period
	if filters.institution:
		conditions["handling_institution"] = ("descendants of (inclusive)", filters.institution)
	return frappe.get_list(
		COMPLAINT,
		filters=conditions,
		fields=list(COMPLAINT_FIELDS),
		order_by="first_received_on asc, name asc",
		limit_page_length=0,
	)


def receipt_counts(names: list[str]) -> dict[str, int]:
	if not names:
		return {}
	rows = frappe.get_all(
		DocType.RECEIPT,
		filters={"parenttype": COMPLAINT, "parent": ("in", names)},
		fields=["parent", "count(name) as receipts"],
		group_by="parent",
		order_by="parent asc",
	)
	return {r.parent: r.receipts for r in rows}


def row(case: frappe._dict, receipts: int) -> dict:
	outcome = case.first_coordination_outcome or PENDING
	return {
		"complaint": case.name,
		"customer_name": case.customer_name,
		"handling_institution": case.handling_institution,
		"receipts": receipts,
		"is_compound": case.is_compound,
		"first_coordination_outcome": _(outcome),
		"case_status": _(case.case_status) if case.case_status else "",
		"exemption_reason": exemption_reason(case.case_status, outcome),
		"is_overdue": case.is_overdue,
	}


def chart(cases: list[frappe._dict]) -> dict | None:
	"""A pie of how many cases are in each status."""
	counts = {status: 0 for status in CASE_STATUSES}
	for case in cases:
		if case.case_status in counts:
			counts[case.case_status] += 1
	shown = [status for status in CASE_STATUSES if counts[status]]
	if not shown:
		return None
	return {
		"data": {
			"labels": [_(status) for status in shown],
			"datasets": [{"name": _("Cases"), "values": [counts[status] for status in shown]}],
		},
		"type": "pie",
	}

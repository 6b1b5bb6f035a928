"""Penalty Assessment (处罚考核表): one row per finding of a period that is not cancelled.

Findings are read with frappe.get_list, so the row-level permission of hooks.py applies: an
institution's complaint manager sees the findings of their own subtree only.
"""

from collections import defaultdict

import frappe
from frappe import _

from complaint_accountability.accountability.site_rules import money

FINDING = "Responsibility Finding"
FIRST_RECEIPT_KINDS = ("", "Initial")
ALIGN = {"Currency": "right", "Int": "right", "Float": "right", "Check": "center"}
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
	filters = frappe._dict(filters or {})
	if not filters.period:
		return columns(), []
	found = findings(filters)
	channels = channel_breakdowns([f.name for f in found])
	currency = frappe.db.get_default("currency") or "CNY"
	return columns(), [row(f, channels.get(f.name, ""), currency) for f in found]


def column(fieldname: str, label: str, fieldtype: str = "Data", width: int = 120, options: str | None = None):
	"""A report column; text columns are aligned left even when their first value is empty."""
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": fieldtype,
		"options": options,
		"width": width,
		"align": ALIGN.get(fieldtype, "left"),
	}


def columns() -> list[dict]:
	return [
		column("institution", _("Institution"), "Link", 125, "Institution"),
		column("full_name", _("Full Name"), width=65),
		column("employee_number", _("Employee Number"), width=70),
		column("complaint", _("Complaint"), "Link", 140, "Complaint"),
		column("liability", _("Liability"), width=95),
		column("channels", _("Channel Breakdown"), width=200),
		column("component", _("Deducted From"), width=85),
		column("workflow_state", _("Workflow State"), width=105),
		column("finding", _("Responsibility Finding"), "Link", 140, FINDING),
		column("amount", _("Amount"), "Currency", 120, "currency"),
	]


def findings(filters: frappe._dict) -> list[frappe._dict]:
	"""The period's findings the session user may read, cancelled (revoked) ones left out."""
	conditions = {"accountability_period": filters.period, "docstatus": ("<", 2)}
	if filters.institution:
		conditions["institution"] = ("descendants of (inclusive)", filters.institution)
	if filters.liability:
		conditions["liability"] = filters.liability
	return frappe.get_list(
		FINDING,
		filters=conditions,
		fields=list(FINDING_FIELDS),
		order_by="institution asc, employee_number asc, complaint asc, liability asc",
		limit_page_length=0,
	)


def channel_breakdowns(names: list[str]) -> dict[str, str]:
	"""客服热线、监管局(升级投诉): each charged receipt's channel, its kind when not the first."""
	if not names:
		return {}
	charges = frappe.get_all(
		"Finding Charge",
		filters={"parenttype": FINDING, "parent": ("in", names)},
		fields=["parent", "channel", "receipt_kind"],
		order_by="parent asc, received_on asc, idx asc",
		limit_page_length=0,
	)
	parts = defaultdict(list)
	for charge in charges:
		kind = charge.receipt_kind or ""
		parts[charge.parent].append(
			charge.channel if kind in FIRST_RECEIPT_KINDS else f"{charge.channel}({_(kind)})"
		)
	return {name: "、".join(labels) for name, labels in parts.items()}


def row(finding: frappe._dict, channels: str, currency: str) -> dict:
	return {
		"institution": finding.institution,
		"full_name": finding.full_name,
		"employee_number": finding.employee_number,
		"complaint": finding.complaint,
		"liability": _(finding.liability),
		"channels": channels or finding.violation_type or "",
		"component": _(finding.component) if finding.component else "",
		"workflow_state": _(finding.workflow_state) if finding.workflow_state else "",
		"finding": finding.name,
		"amount": money(finding.amount),
		"currency": currency,
	}

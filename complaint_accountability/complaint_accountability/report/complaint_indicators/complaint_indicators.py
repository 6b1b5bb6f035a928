"""Complaint Indicators (投诉指标): the regulator's figures over a date window, by institution (each
with its subtree), business line, dispute type or channel, against the previous window (环比) and the
same window a year earlier (同比).

The rows come from analytics/indicators.py, which reads through the row rules: an institution's
complaint manager sees their own subtree only. This module only lays them out.
"""

from decimal import Decimal

import frappe
from frappe import _

from complaint_accountability.analytics.indicators import (
	INSTITUTION,
	checked_filters,
	group_by_label,
	group_label,
	indicator_rows,
)
from complaint_accountability.complaint_accountability.report.columns import column
from complaint_accountability.permissions import is_committee
from complaint_accountability.rules.indicators import IndicatorRow, rounded, share, top_rows

WHOLE = Decimal(1)
# The two ratios the regulator ranks by, and how each compares with earlier windows.
RATIOS = ("per_100m_premium", "per_10k_policies")


def execute(filters: dict | None = None):
	window, group_by = checked_filters(filters)
	rows = indicator_rows(window, group_by)
	whole = rows[-1].figures.current.receipts  # the total row's
	currency = frappe.db.get_default("currency") or "CNY"
	committee = is_committee()
	data = [row_values(row, group_by, whole, currency, committee) for row in rows]
	return columns(group_by), data, None, chart(rows, group_by), summary(rows[-1])


def columns(group_by: str) -> list[dict]:
	ratio = {"precision": 2}
	out = [
		column("group", group_by_label(group_by), width=200),
		column("receipts", _("Complaint Volume"), "Int", 80),
		column("receipts_share", _("Share of Complaint Volume"), "Percent", 90),
		column("regulator_receipts", _("Regulator Receipts"), "Int", 100),
		column("premium", _("Premium"), "Currency", 140, "currency"),
		column("policies", _("Policies"), "Int", 90),
		{**column("per_100m_premium", _("Complaints per 100 Million Premium"), "Float", 130), **ratio},
		{**column("per_10k_policies", _("Complaints per 10,000 Policies"), "Float", 130), **ratio},
		column("decided", _("Decided Cases"), "Int", 90),
		column("overdue", _("Decided Past Time Limit"), "Int", 110),
		column("overdue_share", _("Overdue Share"), "Percent", 100),
		column("receipts_previous", _("Complaint Volume, Previous Window"), "Int", 110),
		column("receipts_change_previous", _("Complaint Volume vs Previous Window"), "Percent", 120),
		column("receipts_change_year", _("Complaint Volume vs a Year Earlier"), "Percent", 120),
		{
			**column(
				"per_100m_premium_previous", _("Per 100 Million Premium, Previous Window"), "Float", 140
			),
			**ratio,
		},
		column(
			"per_100m_premium_change_previous",
			_("Per 100 Million Premium vs Previous Window"),
			"Percent",
			150,
		),
		column(
			"per_100m_premium_change_year", _("Per 100 Million Premium vs a Year Earlier"), "Percent", 150
		),
		{
			**column("per_10k_policies_previous", _("Per 10,000 Policies, Previous Window"), "Float", 140),
			**ratio,
		},
		column(
			"per_10k_policies_change_previous", _("Per 10,000 Policies vs Previous Window"), "Percent", 150
		),
		column("per_10k_policies_change_year", _("Per 10,000 Policies vs a Year Earlier"), "Percent", 150),
	]
	if group_by == INSTITUTION:
		out.append(column("remediation", _("Remediation"), width=110))
	return out


def row_values(row: IndicatorRow, group_by: str, whole: int, currency: str, committee: bool) -> dict:
	"""One report row; ratios and changes rounded for display, empty where they stand over nothing."""
	figures, now = row.figures, row.figures.current
	grouped = group_by != INSTITUTION and not row.is_total  # volume is kept per institution only
	values = {
		"group": _("Total") if row.is_total else group_label(group_by, row.key),
		"key": row.key,
		"parent_group": row.parent,
		"indent": row.indent,
		"is_total": int(row.is_total),
		"receipts": now.receipts,
		"receipts_share": rounded(share(now.receipts, whole)),
		"regulator_receipts": now.regulator_receipts,
		"premium": None if grouped else rounded(now.premium),
		"policies": None if grouped else rounded(now.policies, WHOLE),
		"currency": currency,
		"decided": now.decided,
		"overdue": now.overdue,
		"overdue_share": rounded(now.overdue_share),
		"receipts_previous": figures.previous.receipts,
		"receipts_change_previous": rounded(figures.change_previous("receipts")),
		"receipts_change_year": rounded(figures.change_year("receipts")),
	}
	for ratio in RATIOS:
		values[ratio] = rounded(getattr(now, ratio))
		values[f"{ratio}_previous"] = rounded(getattr(figures.previous, ratio))
		values[f"{ratio}_change_previous"] = rounded(figures.change_previous(ratio))
		values[f"{ratio}_change_year"] = rounded(figures.change_year(ratio))
	if group_by == INSTITUTION and not row.is_total:
		# the leading group opens a remediation for an institution whose 亿元保费投诉量 rose
		values["can_open_remediation"] = int(committee and figures.rose("per_100m_premium"))
	return values


def chart(rows: list[IndicatorRow], group_by: str) -> dict | None:
	"""Receipts of the top level under the total (the branch's institutions, or every group), now and
	in the previous window."""
	shown = top_rows(rows)[:12]
	if not shown:
		return None
	return {
		"data": {
			"labels": [group_label(group_by, r.key) for r in shown],
			"datasets": [
				{"name": _("Complaint Volume"), "values": [r.figures.current.receipts for r in shown]},
				{
					"name": _("Complaint Volume, Previous Window"),
					"values": [r.figures.previous.receipts for r in shown],
				},
			],
		},
		"type": "bar",
	}


def summary(whole: IndicatorRow) -> list[dict]:
	now = whole.figures.current
	return [
		{"value": now.receipts, "label": _("Complaint Volume"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": now.regulator_receipts,
			"label": _("Regulator Receipts"),
			"datatype": "Int",
			"indicator": "Red",
		},
		# as text: the desk would show a Float to the site's three decimals
		{
			"value": _shown(now.per_100m_premium),
			"label": _("Complaints per 100 Million Premium"),
			"datatype": "Data",
			"indicator": "Orange",
		},
		{
			"value": _shown(now.per_10k_policies),
			"label": _("Complaints per 10,000 Policies"),
			"datatype": "Data",
			"indicator": "Orange",
		},
		{
			"value": rounded(now.overdue_share),
			"label": _("Overdue Share"),
			"datatype": "Percent",
			"indicator": "Grey",
		},
	]


def _shown(ratio: Decimal | None) -> str:
	return "" if ratio is None else str(rounded(ratio))

"""Receipts by Channel: one period's receipts per channel, in rank order, stacked by receipt kind.

Receipts are counted through frappe.get_list on Complaint, so the row-level permission of
hooks.py applies: an institution's complaint manager counts their own subtree's cases only.
"""

import frappe
from frappe import _

from complaint_accountability.complaint_accountability.report.filters import chart_filters
from complaint_accountability.rules.receipts import RECEIPT_KINDS
from complaint_accountability.vocabulary import DocType

RECEIPT = "`tabComplaint Receipt`"


@frappe.whitelist()
def get(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: int | str | None = None,
	filters: str | dict | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: int | str | None = None,
	refresh: int | str | None = None,
) -> dict:
	filters = chart_filters(filters)
	period = filters.period or latest_period()
	counts = receipt_counts(period) if period else {}
	if not counts:
		return {"labels": [], "datasets": []}
	channels = frappe.get_all(DocType.CHANNEL, order_by="`rank` asc", pluck="name")
	return {
		"labels": channels,
		"datasets": [
			{"name": _(kind), "values": [counts.get((channel, kind), 0) for channel in channels]}
			for kind in RECEIPT_KINDS
		],
	}


def latest_period() -> str | None:
	"""The latest accountability period, or the latest period any visible receipt falls in."""
	names = frappe.get_all(DocType.PERIOD, order_by="start_date desc", limit=1, pluck="name")
	if names:
		return names[0]
	rows = frappe.get_list(DocType.COMPLAINT, fields=["max(latest_period) as period"], order_by="")
	return rows[0].period if rows else None


def receipt_counts(period: str) -> dict[tuple[str, str], int]:
	rows = frappe.get_list(
		DocType.COMPLAINT,
		filters=[[DocType.RECEIPT, "accountability_period", "=", period]],
		fields=[
			f"{RECEIPT}.channel as channel",
			f"{RECEIPT}.receipt_kind as kind",
			f"count({RECEIPT}.name) as receipts",
		],
		group_by=f"{RECEIPT}.channel, {RECEIPT}.receipt_kind",
		order_by=f"{RECEIPT}.channel asc",
		limit_page_length=0,
	)
	return {(r.channel, r.kind): r.receipts for r in rows}

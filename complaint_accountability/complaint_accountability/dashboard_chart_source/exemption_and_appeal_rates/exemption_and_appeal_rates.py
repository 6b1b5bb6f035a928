"""Exemption and Appeal Rates per period, as percentages.

Exemption rate: exempt cases / transferred cases, a case counted in the period of its latest
receipt. Appeal rate: appeals filed / final findings (submitted, or revoked after that) of the
period. Every count goes through frappe.get_list, so row-level permissions apply.
"""

from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import cint

from complaint_accountability.complaint_accountability.report.filters import chart_filters
from complaint_accountability.rules.cases import EXEMPT
from complaint_accountability.vocabulary import DocType

DEFAULT_PERIODS = 12
MAX_PERIODS = 120  # ten years of months


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
	count = cint(filters.periods) or DEFAULT_PERIODS
	if not 0 < count <= MAX_PERIODS:
		frappe.throw(_("Show 1 to {0} periods, not {1}").format(MAX_PERIODS, filters.periods))
	periods = recent_periods(count)
	if not periods:
		return {"labels": [], "datasets": []}
	transferred = count_by(DocType.COMPLAINT, "latest_period", periods, {"transferred": 1})
	exempt = count_by(DocType.COMPLAINT, "latest_period", periods, {"transferred": 1, "case_status": EXEMPT})
	final = count_by(DocType.FINDING, "accountability_period", periods, {"docstatus": ("in", (1, 2))})
	appeals = count_by(DocType.APPEAL, "accountability_period", periods, {"docstatus": 1})
	return {
		"labels": periods,
		"datasets": [
			{"name": _("Exemption Rate (%)"), "values": rates(exempt, transferred, periods)},
			{"name": _("Appeal Rate (%)"), "values": rates(appeals, final, periods)},
		],
	}


def recent_periods(count: int) -> list[str]:
	names = frappe.get_all(DocType.PERIOD, order_by="start_date desc", limit=count, pluck="name")
	return sorted(names)


def count_by(doctype: str, period_field: str, periods: list[str], conditions: dict) -> dict[str, int]:
	rows = frappe.get_list(
		doctype,
		filters={**conditions, period_field: ("in", periods)},
		fields=[f"{period_field} as period", "count(name) as total"],
		group_by=period_field,
		order_by=f"{period_field} asc",
		limit_page_length=0,
	)
	return {r.period: r.total for r in rows}


def rates(part: dict[str, int], whole: dict[str, int], periods: list[str]) -> list[float]:
	return [percent(part.get(p, 0), whole.get(p, 0)) for p in periods]


def percent(part: int, whole: int) -> float:
	if not whole:
		return 0.0
	return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1")))

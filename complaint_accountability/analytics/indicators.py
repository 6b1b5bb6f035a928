"""The complaint indicators of a window as one user may see them.

This module only reads: receipts, decided cases and business volumes, each through the row rule of
permissions.py for the user (an institution's complaint manager counts the complaints and volumes
of their own subtree, and their rows are that subtree). What the figures are — where a receipt
counts, prorating, ratios, roll-up, 环比 and 同比 — is rules/indicators.py's.
"""

from collections.abc import Sequence

import frappe
from frappe import _
from frappe.utils import getdate

from complaint_accountability.configuration import branch_institution, channel_book, money
from complaint_accountability.permissions import and_row_condition, managed_institutions, sees_all
from complaint_accountability.rules.indicators import (
	EMPTY,
	Figures,
	IndicatorRow,
	Node,
	Volume,
	Window,
	group_rows,
	institution_rows,
	merge,
	receipt_institution,
	total,
	volumes_by_institution,
)
from complaint_accountability.vocabulary import DocType

INSTITUTION, BUSINESS_LINE, DISPUTE_TYPE, CHANNEL = "Institution", "Business Line", "Dispute Type", "Channel"
GROUP_BY = (INSTITUTION, BUSINESS_LINE, DISPUTE_TYPE, CHANNEL)
# What a receipt (r) of a complaint (c) is grouped by. An institution is worked out from whether the
# complaint was transferred and to whom (rules.indicators.receipt_institution).
RECEIPT_KEY = {
	INSTITUTION: "c.transferred, c.handling_institution",
	BUSINESS_LINE: "0, c.business_line",
	DISPUTE_TYPE: "0, c.dispute_type",
	CHANNEL: "0, r.channel",
}
# A decided case by the same, its channel being the one it first arrived by.
CASE_KEY = {
	**RECEIPT_KEY,
	CHANNEL: "0, (select f.channel from `tabComplaint Receipt` f where f.parent = c.name"
	" and f.parenttype = 'Complaint' order by f.received_on, f.idx limit 1)",
}


class InvalidIndicatorFilters(frappe.ValidationError):
	pass


def checked_filters(filters: dict | None) -> tuple[Window, str]:
	"""The window and grouping asked for; a bad filter is a clear message, not a 500."""
	filters = frappe._dict(filters or {})
	if not filters.from_date or not filters.to_date:
		frappe.throw(
			_("Choose a start date and an end date"), InvalidIndicatorFilters, title=_("Dates Missing")
		)
	start, end = (_date(filters.from_date), _date(filters.to_date))
	if start > end:
		frappe.throw(
			_("The start date {0} is after the end date {1}").format(start, end),
			InvalidIndicatorFilters,
			title=_("Invalid Dates"),
		)
	group_by = filters.group_by or INSTITUTION
	if group_by not in GROUP_BY:
		frappe.throw(
			_("Count by one of {0}, not {1}").format(
				", ".join(group_by_label(g) for g in GROUP_BY), frappe.bold(group_by)
			),
			InvalidIndicatorFilters,
			title=_("Invalid Grouping"),
		)
	return Window(start, end), group_by


# the windows compared reach back a year and more: a date from year 1 has no year before it
EARLIEST_YEAR, LATEST_YEAR = 1900, 9998


def _date(value):
	day = getdate(value) if isinstance(value, str) else None
	if not day or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
		frappe.throw(_("{0} is not a date").format(frappe.bold(str(value))), InvalidIndicatorFilters)
	return day


def indicator_rows(
	window: Window, group_by: str = INSTITUTION, user: str | None = None
) -> list[IndicatorRow]:
	"""The rows of the report (and of the quarterly analysis): each group's figures in the window, the
	previous window and a year earlier, then the total of what the user may see."""
	user = user or frappe.session.user
	windows = (window, window.previous(), window.year_earlier())
	root = branch_institution() if group_by == INSTITUTION else None
	counted = [merge(_receipts(w, group_by, user, root), _decided(w, group_by, user, root)) for w in windows]
	volumes = _volumes(Window(min(w.start for w in windows), max(w.end for w in windows)), user)
	by_institution = [volumes_by_institution(volumes, w) for w in windows]
	if group_by == INSTITUTION:
		own = [merge(c, v) for c, v in zip(counted, by_institution, strict=True)]
		return institution_rows(institution_nodes(user), own)
	scope_volume = [total(v.values()) for v in by_institution]
	return group_rows(_order(group_by, counted), counted, scope_volume)


def institution_nodes(user: str) -> list[Node]:
	"""The institutions whose rows ``user`` sees, in tree order: every one for the branch-wide roles,
	the managed subtrees for an institution's complaint manager, none for anyone else."""
	rows = frappe.get_all(DocType.INSTITUTION, fields=["name", "parent_institution"], order_by="lft asc")
	if sees_all(user, DocType.COMPLAINT):
		scope = {r.name for r in rows}
	else:
		scope = managed_institutions(user)
	return [
		Node(r.name, r.parent_institution if r.parent_institution in scope else None)
		for r in rows
		if r.name in scope
	]


def _key(group_by: str, root: str | None, transferred, value) -> str | None:
	if group_by == INSTITUTION:
		return receipt_institution(bool(transferred), value, root)
	return value or None


def _receipts(window: Window, group_by: str, user: str, root: str | None) -> dict[str | None, Figures]:
	"""Receipts received in the window, and those through a regulator's channel, by group."""
	rows = frappe.db.sql(
		f"""select {RECEIPT_KEY[group_by]}, count(*), sum(ifnull(ch.is_regulator, 0))
		from `tabComplaint Receipt` r
		join `tabComplaint` c on c.name = r.parent and r.parenttype = 'Complaint'
		left join `tabComplaint Channel` ch on ch.name = r.channel
		where r.received_on between %(start)s and %(end)s{and_row_condition(DocType.COMPLAINT, user, "c")}
		group by 1, 2""",
		{"start": window.start, "end": window.end},
	)
	return merge(
		*(
			{
				_key(group_by, root, transferred, value): Figures(
					receipts=int(n), regulator_receipts=int(regulator)
				)
			}
			for transferred, value, n, regulator in rows
		)
	)


def _decided(window: Window, group_by: str, user: str, root: str | None) -> dict[str | None, Figures]:
	"""Cases decided in the window, and those decided past their handling limit (is_overdue, which the
	complaint derives from rules.time_limits), by group."""
	rows = frappe.db.sql(
		f"""select {CASE_KEY[group_by]}, count(*), sum(c.is_overdue)
		from `tabComplaint` c
		where c.decided_on between %(start)s and %(end)s{and_row_condition(DocType.COMPLAINT, user, "c")}
		group by 1, 2""",
		{"start": window.start, "end": window.end},
	)
	return merge(
		*(
			{_key(group_by, root, transferred, value): Figures(decided=int(n), overdue=int(overdue or 0))}
			for transferred, value, n, overdue in rows
		)
	)


def _volumes(span: Window, user: str) -> list[Volume]:
	"""The business volumes that touch the span, of the institutions the user may see."""
	rows = frappe.db.sql(
		f"""select v.institution, v.from_date, v.to_date, v.premium, v.policies
		from `tabInstitution Business Volume` v
		where v.from_date <= %(end)s and v.to_date >= %(start)s{and_row_condition(DocType.BUSINESS_VOLUME, user, "v")}""",
		{"start": span.start, "end": span.end},
	)
	return [
		Volume(institution, getdate(start), getdate(end), money(premium), int(policies or 0))
		for institution, start, end, premium, policies in rows
	]


def _order(group_by: str, counted: Sequence[dict]) -> list[str | None]:
	"""Channels by rank; lines and dispute types by receipts, most first; complaints without one last."""
	keys = {key for window in counted for key in window}
	if group_by == CHANNEL:
		ranked = [channel.name for channel in channel_book().channels]
		return [c for c in ranked if c in keys] + sorted(k for k in keys if k and k not in ranked)
	current = counted[0]
	named = sorted((k for k in keys if k), key=lambda k: (-current.get(k, EMPTY).receipts, k))
	return named + ([None] if None in keys else [])


def group_by_label(group_by: str) -> str:
	return _("Complaint Channel") if group_by == CHANNEL else _(group_by)


def group_label(group_by: str, key: str | None) -> str:
	if key is None:
		return _("Not Set")
	return key if group_by == INSTITUTION else _(key)

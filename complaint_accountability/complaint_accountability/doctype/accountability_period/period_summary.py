"""What the period form shows: counts and totals, the documents' delivery, and what still blocks the
next step. Counted through the row rule, so a complaint manager sees their own institutions' figures."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from pypika.terms import LiteralValue

from complaint_accountability.permissions import row_condition
from complaint_accountability.vocabulary import UNDECIDED, Decision, DocType, EntryStatus, FindingState


def summary(period_name: str, user: str | None = None) -> dict:
	user = user or frappe.session.user
	finding = frappe.qb.DocType(DocType.FINDING)
	query = (
		frappe.qb.from_(finding)
		.select(finding.workflow_state, Count("*").as_("count"), Sum(finding.amount).as_("amount"))
		.where(finding.accountability_period == period_name)
		.groupby(finding.workflow_state)
	)
	if condition := row_condition(DocType.FINDING, user):
		query = query.where(LiteralValue(condition))
	states = {
		row.workflow_state: {"count": row.count, "amount": row.amount or 0} for row in query.run(as_dict=True)
	}
	appeals = open_appeals(period_name, user)
	return {
		"states": states,
		"open_appeals": appeals,
		"penalty_entries": _count(
			DocType.PENALTY_ENTRY,
			{"accountability_period": period_name, "status": ("!=", EntryStatus.CANCELLED)},
			user,
		),
		"documents": _documents(period_name, user),
		"blockers": blockers(states, appeals),
	}


def _count(doctype: str, filters: dict, user: str | None) -> int:
	"""A count of the rows ``user`` may read; everything when no user is given (the cycle's checks)."""
	if user is None:
		return frappe.db.count(doctype, filters)
	if not frappe.has_permission(doctype, "read", user=user):
		return 0
	return frappe.get_list(doctype, filters=filters, fields=["count(*) as n"], user=user)[0].n


def _documents(period_name: str, user: str) -> list[dict]:
	if not frappe.has_permission(DocType.PERIOD_DOCUMENT, "read", user=user):
		return []
	return frappe.get_list(
		DocType.PERIOD_DOCUMENT,
		filters={"accountability_period": period_name},
		fields=["kind", "delivery_status", "count(*) as count"],
		group_by="kind, delivery_status",
		order_by="kind asc",
		user=user,
	)


def undecided(period_name: str) -> int:
	"""Findings of the period not yet finally determined."""
	return frappe.db.count(
		DocType.FINDING, {"accountability_period": period_name, "workflow_state": ("in", UNDECIDED)}
	)


def open_appeals(period_name: str, user: str | None = None) -> int:
	"""Filed appeals of the period the leading group has not decided."""
	return _count(
		DocType.APPEAL,
		{"accountability_period": period_name, "docstatus": 1, "decision": Decision.PENDING},
		user,
	)


def undecided_message(count: int) -> str:
	return _("{0} findings are not finally determined yet").format(count)


def open_appeals_message(count: int) -> str:
	return _("{0} appeals wait for the leading group's decision").format(count)


def blockers(states: dict, appeals: int) -> list[str]:
	waiting = sum(states.get(s, {}).get("count", 0) for s in UNDECIDED)
	out = []
	if waiting:
		out.append(undecided_message(waiting))
	if appeals:
		out.append(open_appeals_message(appeals))
	if states.get(FindingState.FINAL, {}).get("count"):
		out.append(
			_("{0} findings wait for the appeal deadline to pass").format(states[FindingState.FINAL]["count"])
		)
	return out

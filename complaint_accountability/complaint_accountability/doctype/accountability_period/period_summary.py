"""What the period form shows: counts and totals, and what still blocks the next step."""

import frappe
from frappe import _

FINDING = "Responsibility Finding"
# the states before the leading group's final determination
UNDECIDED = ("Draft", "Preliminary", "Business Line Review", "Committee Review")


def summary(period_name: str) -> dict:
	finding = frappe.qb.DocType(FINDING)
	by_state = (
		frappe.qb.from_(finding)
		.select(
			finding.workflow_state,
			frappe.query_builder.functions.Count("*").as_("count"),
			frappe.query_builder.functions.Sum(finding.amount).as_("amount"),
		)
		.where(finding.accountability_period == period_name)
		.groupby(finding.workflow_state)
		.run(as_dict=True)
	)
	states = {row.workflow_state: {"count": row.count, "amount": row.amount or 0} for row in by_state}
	appeals = open_appeals(period_name)
	entries = frappe.db.count(
		"Penalty Entry", {"accountability_period": period_name, "status": ("!=", "Cancelled")}
	)
	return {
		"states": states,
		"open_appeals": appeals,
		"penalty_entries": entries,
		"blockers": blockers(states, appeals),
	}


def undecided(period_name: str) -> int:
	"""Findings of the period not yet finally determined."""
	return frappe.db.count(
		FINDING, {"accountability_period": period_name, "workflow_state": ("in", UNDECIDED)}
	)


def open_appeals(period_name: str) -> int:
	"""Filed appeals of the period the leading group has not decided."""
	return frappe.db.count(
		"Appeal", {"accountability_period": period_name, "docstatus": 1, "decision": "Pending"}
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
	if states.get("Final", {}).get("count"):
		out.append(_("{0} findings wait for the appeal deadline to pass").format(states["Final"]["count"]))
	return out

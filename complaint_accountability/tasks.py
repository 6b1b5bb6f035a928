"""Scheduled work (hooks.py). Each job checks its settings flag, and logs failures per period."""

import frappe
from frappe.utils import add_days, getdate, today

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.complaint_accountability.doctype.complaint.complaint import (
	refresh_overdue_flags,
)
from complaint_accountability.configuration import settings
from complaint_accountability.cycle import compile as compiling
from complaint_accountability.cycle import confirm, hand_off
from complaint_accountability.rules.periods import period_name_of
from complaint_accountability.vocabulary import DocType, FindingState


def compile_ended_period() -> None:
	"""On the period start day (the 21st by default): compile the period that ended yesterday."""
	configured = settings()
	if not configured.auto_compile or getdate(today()).day != configured.rules.period_start_day:
		return
	name = period_name_of(getdate(add_days(today(), -1)), configured.rules)
	_run_logged(compiling.compile_period, name)


def mark_overdue_complaints() -> None:
	"""Every day, whatever the cycle's switches: a case past its handling time limit shows overdue."""
	refresh_overdue_flags()


def confirm_unappealed_findings() -> None:
	if not settings().auto_confirm:
		return
	for name in _periods_with_state(FindingState.FINAL):
		if periods.deadline_passed(name):
			_run_logged(confirm.confirm_unappealed, name)


def hand_off_confirmed_findings() -> None:
	if not settings().auto_hand_off:
		return
	for name in _periods_with_state(FindingState.CONFIRMED):
		_run_logged(hand_off.hand_off_period, name)


def _periods_with_state(state: str) -> list[str]:
	return frappe.get_all(
		DocType.FINDING,
		filters={"workflow_state": state, "docstatus": 1},
		pluck="accountability_period",
		distinct=True,
	)


def _run_logged(job, period_name: str) -> None:
	try:
		job(period_name)
		# A scheduled job owns its transaction: keep each period's work even if a later one fails.
		frappe.db.commit()  # nosemgrep
	except Exception:
		frappe.db.rollback()
		frappe.log_error(title=f"{job.__name__} {period_name}")

"""No objection (逾期未提出申诉意见的,视同对处罚结果无异议): confirming unappealed findings."""

import frappe
from frappe import _

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.vocabulary import DocType, FindingState

from . import bulk
from .locks import step_lock

FINDING = DocType.FINDING


class AppealWindowStillOpen(frappe.ValidationError):
	pass


def confirm_unappealed(period_name: str) -> dict:
	"""After the deadline, every Final finding of the period with no appeal becomes Confirmed."""
	with step_lock("Confirm Unappealed", period_name):
		return _confirm(period_name)


def check_window_closed(period_name: str) -> None:
	"""A finding is confirmed only once its period's appeal window has closed, by the job or by hand."""
	if periods.appeal_window_open(period_name):
		deadline = frappe.db.get_value(DocType.PERIOD, period_name, "appeal_deadline")
		frappe.throw(
			_("The appeal window of {0} is open until the end of {1}").format(period_name, deadline),
			AppealWindowStillOpen,
		)


def _confirm(period_name: str) -> dict:
	check_window_closed(period_name)
	finding = frappe.qb.DocType(FINDING)
	names = (
		frappe.qb.from_(finding)
		.select(finding.name)
		.where(
			(finding.accountability_period == period_name)
			& (finding.docstatus == 1)
			& (finding.workflow_state == FindingState.FINAL)
		)
		.run(pluck=True)
	)
	# The workflow's Confirm transition (Final → Confirmed), made for every unappealed finding of the
	# period in one statement; the period records what was confirmed and why.
	bulk.set_on_findings(
		names,
		"workflow_state",
		FindingState.CONFIRMED,
		period_name,
		_("{0} findings with no appeal by the deadline were confirmed: {1}").format(
			len(names), ", ".join(names[:50])
		),
	)
	return {"period": period_name, "confirmed": len(names)}

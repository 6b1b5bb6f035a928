"""Whitelisted methods for the monthly cycle; the leading group's, each taking a period name.

Each is idempotent. A large period runs in the background queue and reports progress to the desk.
"""

import frappe
from frappe import _

from complaint_accountability.complaint_accountability.doctype.accountability_period.accountability_period import (
	window_or_throw,
)
from complaint_accountability.configuration import period_window, settings
from complaint_accountability.cycle import compile as compiling
from complaint_accountability.cycle import confirm, hand_off, period_documents
from complaint_accountability.permissions import only_committee
from complaint_accountability.vocabulary import DocType, FindingState


def _period_name(period: str) -> str:
	return window_or_throw(period).name


def _run(method, period: str, size: int, **kwargs) -> dict:
	"""Run now, or in the long queue when the period is large (one job per method and period)."""
	if size > settings().background_threshold and not frappe.flags.in_test:
		job_id = f"{method.__module__}.{method.__name__}::{period}"
		frappe.enqueue(
			method, queue="long", timeout=3600, job_id=job_id, deduplicate=True, period_name=period, **kwargs
		)
		return {"period": period, "queued": True}
	return method(period, **kwargs)


def _progress(period: str, title: str):
	def report(done: int, total: int) -> None:
		if done == total or done % 50 == 0:
			frappe.publish_progress(
				done * 100 / max(total, 1),
				title=title,
				doctype=DocType.PERIOD,
				docname=period,
				description=_("{0} of {1}").format(done, total),
			)

	return report


def _compile(period_name: str) -> dict:
	return compiling.compile_period(period_name, _progress(period_name, _("Compiling period")))


@frappe.whitelist(methods=["POST"])
def compile_period(period: str) -> dict:
	only_committee()
	name = _period_name(period)
	size = frappe.db.count(
		DocType.COMPLAINT, {"transferred": 1, "first_received_on": ("<=", period_window(name).end_date)}
	)
	return _run(_compile, name, size)


@frappe.whitelist(methods=["POST"])
def confirm_unappealed(period: str) -> dict:
	only_committee()
	return confirm.confirm_unappealed(_period_name(period))


@frappe.whitelist(methods=["POST"])
def hand_off_to_payroll(period: str) -> dict:
	only_committee()
	name = _period_name(period)
	size = frappe.db.count(
		DocType.FINDING, {"accountability_period": name, "workflow_state": FindingState.CONFIRMED}
	)
	return _run(hand_off.hand_off_period, name, size)


@frappe.whitelist(methods=["POST"])
def import_ledger(ledger_import: str) -> dict:
	"""Import a Ledger Import's file, all or nothing; a large file runs in the background."""
	only_committee()
	from complaint_accountability.cycle.ledger_import import run_import

	file_size = (
		frappe.db.get_value(
			"File",
			{"file_url": frappe.db.get_value(DocType.LEDGER_IMPORT, ledger_import, "ledger_file")},
			"file_size",
		)
		or 0
	)
	if file_size > 512 * 1024 and not frappe.flags.in_test:
		frappe.enqueue(
			run_import,
			queue="long",
			timeout=3600,
			job_id=f"import_ledger::{ledger_import}",
			deduplicate=True,
			import_name=ledger_import,
		)
		return {"queued": True}
	return run_import(ledger_import)


@frappe.whitelist(methods=["POST"])
def send_assessment_tables(period: str) -> dict:
	only_committee()
	return period_documents.send_assessment_tables(_period_name(period))


@frappe.whitelist(methods=["POST"])
def issue_notices(period: str) -> dict:
	only_committee()
	return period_documents.issue_notices(_period_name(period))

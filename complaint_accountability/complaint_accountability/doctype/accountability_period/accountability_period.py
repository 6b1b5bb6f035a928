"""Accountability Period (考核期): one monthly cycle, named YYYY-MM, its dates from the rules' window.

Besides the controller, the functions the cycle steps use to find, create and mark period records.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, today

from complaint_accountability.configuration import period_window, rule_settings
from complaint_accountability.controllers.server_fields import keep_server_values
from complaint_accountability.rules.periods import appeal_is_on_time, next_period_name, period
from complaint_accountability.vocabulary import PERIOD_CLOSED_FOR_CHANGES, DocType, EntryStatus, PeriodStatus

from . import period_summary

# What the cycle records; the committee sets the deadline and payroll date, the name sets the dates.
SERVER_FIELDS = ("status", "compiled_on", "assessment_sent_on", "notices_issued_on", "handed_off_on")


class AccountabilityPeriod(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		appeal_deadline: DF.Date | None
		assessment_sent_on: DF.Datetime | None
		compiled_on: DF.Datetime | None
		end_date: DF.Date | None
		handed_off_on: DF.Datetime | None
		notices_issued_on: DF.Datetime | None
		payroll_date: DF.Date | None
		period_name: DF.Data
		start_date: DF.Date | None
		status: DF.Literal["Not Compiled", "Compiled", "Notified", "Handed Off", "Paid"]

	# end: auto-generated types
	def validate(self):
		keep_server_values(self, SERVER_FIELDS)
		set_window(self)
		self.validate_deadline_move()

	def on_update(self):
		if self.has_value_changed("payroll_date"):
			self.move_pending_entries()
		if not self.is_new() and self.has_value_changed("appeal_deadline"):
			from complaint_accountability.cycle.period_documents import remake_assessment_tables

			# the findings show their deadline (and their notification quotes it)
			frappe.db.set_value(
				DocType.FINDING,
				{"accountability_period": self.name},
				"appeal_deadline",
				self.appeal_deadline,
				update_modified=False,
			)
			remake_assessment_tables(self.name)

	def onload(self):
		self.set_onload("summary", period_summary.summary(self.name))

	def validate_deadline_move(self) -> None:
		"""A deadline is never moved into the past: that would close an open window after the fact."""
		before = self.get_doc_before_save()
		if not before or getdate(before.appeal_deadline) == getdate(self.appeal_deadline):
			return
		if getdate(self.appeal_deadline) < getdate(today()):
			frappe.throw(
				_(
					"The appeal deadline cannot be moved into the past ({0}); appeals may already be under way"
				).format(self.appeal_deadline),
				title=_("Appeal Deadline"),
			)

	def move_pending_entries(self) -> None:
		"""Entries payroll has not deducted yet follow the period's payroll date."""
		frappe.db.set_value(
			DocType.PENALTY_ENTRY,
			{"accountability_period": self.name, "status": EntryStatus.PENDING},
			"payroll_date",
			self.payroll_date,
		)


PERIOD = DocType.PERIOD


class PeriodClosedError(frappe.ValidationError):
	pass


def window_or_throw(name: str):
	"""The rules' window of a period name, or the message that says how to write one."""
	rules = rule_settings()  # outside the try: a settings problem is not the name's
	try:
		return period(name, rules)
	except ValueError:  # InvalidPeriodName, or a year no date can have
		frappe.throw(_("Period must be written YYYY-MM, e.g. 2026-11, not {0}").format(name))


def set_window(doc) -> None:
	"""Dates follow from the name; the deadline and payroll date default from settings and may be moved."""
	window = window_or_throw(doc.period_name)
	doc.period_name = window.name
	doc.start_date, doc.end_date = window.start_date, window.end_date
	doc.appeal_deadline = doc.appeal_deadline or window.appeal_deadline
	doc.payroll_date = doc.payroll_date or window.payroll_date
	if getdate(doc.appeal_deadline) < window.appeal_deadline:
		frappe.throw(_("The appeal deadline cannot be earlier than {0}").format(window.appeal_deadline))


def ensure_period(name: str):
	"""The period record, created on first use."""
	window = period_window(name)
	if not frappe.db.exists(PERIOD, window.name):
		frappe.db.savepoint("ensure_period")
		try:
			frappe.get_doc({"doctype": PERIOD, "period_name": window.name}).insert(ignore_permissions=True)
		except frappe.DuplicateEntryError:
			# another worker created it at the same moment
			frappe.db.rollback(save_point="ensure_period")
			frappe.clear_last_message()
	return frappe.get_doc(PERIOD, window.name)


def appeal_window_open(period_name: str, at=None) -> bool:
	"""Whether an appeal filed at ``at`` (site time, default now) meets the period's deadline."""
	deadline = frappe.db.get_value(PERIOD, period_name, "appeal_deadline")
	return appeal_is_on_time(get_datetime(at or now_datetime()), getdate(deadline))


def deadline_passed(period_name: str, at=None) -> bool:
	return not appeal_window_open(period_name, at)


def first_open_period(floor: str) -> str:
	"""The first period from ``floor`` on that can still take a finding: one whose notices have not
	gone out (a period with no record yet has none). The record is created when missing."""
	closed = set(
		frappe.get_all(
			PERIOD, filters={"name": (">=", floor), "status": ("in", PERIOD_CLOSED_FOR_CHANGES)}, pluck="name"
		)
	)
	name = floor
	while name in closed:
		name = next_period_name(name)
	return ensure_period(name).name


def check_open_for_changes(period_doc) -> None:
	if period_doc.status in PERIOD_CLOSED_FOR_CHANGES:
		frappe.throw(
			_("Period {0} is already {1}").format(period_doc.name, _(period_doc.status)), PeriodClosedError
		)


def mark(period_name: str, **stamps) -> None:
	"""Stamp the cycle's steps that ran now (compiled_on=True …), then the status that follows.
	A step stamped already keeps its first time, so a job run twice leaves the period as it was."""
	fields = [field for field, on in stamps.items() if on]
	if fields:
		stamped = frappe.db.get_value(PERIOD, period_name, fields, as_dict=True) or {}
		values = {field: now_datetime() for field in fields if not stamped.get(field)}
		if values:
			frappe.db.set_value(PERIOD, period_name, values)
	refresh_status(period_name)


def refresh_status(period_name: str) -> str:
	"""A period's status follows from its stamps and its entries, whatever order the steps ran in
	(the nightly hand-off may come before the notices): Handed Off once every finding is with
	payroll, Paid once payroll has deducted every entry, else Notified, Compiled or Not Compiled."""
	row = frappe.db.get_value(
		PERIOD, period_name, ["status", "compiled_on", "notices_issued_on", "handed_off_on"], as_dict=True
	)
	if row.handed_off_on:
		status = (
			PeriodStatus.HANDED_OFF
			if frappe.db.exists(
				DocType.PENALTY_ENTRY, {"accountability_period": period_name, "status": EntryStatus.PENDING}
			)
			else PeriodStatus.PAID
		)
	elif row.notices_issued_on:
		status = PeriodStatus.NOTIFIED
	elif row.compiled_on:
		status = PeriodStatus.COMPILED
	else:
		status = PeriodStatus.OPEN
	if status != row.status:
		frappe.db.set_value(PERIOD, period_name, "status", status)
	return status

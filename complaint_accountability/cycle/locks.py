"""One run of a cycle step for a period at a time, across workers."""

from contextlib import contextmanager

import frappe
from frappe import _


class StepAlreadyRunning(frappe.ValidationError):
	pass


@contextmanager
def step_lock(step: str, period_name: str):
	"""One run of a step for a period at a time, across workers: a second one is refused at once.

	A waiting run would read a snapshot older than the first run's commit, so it does not wait;
	the unique charge keys and penalty-entry findings stay the database's last word. The lock is
	released when the run's transaction ends, committed or rolled back, not when the step returns:
	a run let in before the first one's commit would see none of its work.
	"""
	key = f"complaint_accountability:{step}:{period_name}"
	if not frappe.db.sql("select get_lock(%s, 0)", key)[0][0]:
		frappe.throw(
			_("{0} of period {1} is already running; run it again when it has finished").format(
				_(step), period_name
			),
			StepAlreadyRunning,
		)

	def release():
		frappe.db.sql("select release_lock(%s)", key)

	frappe.db.after_commit.add(release)
	frappe.db.after_rollback.add(release)
	yield

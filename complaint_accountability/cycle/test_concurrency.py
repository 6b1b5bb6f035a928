"""Double triggers: two workers running the same step for the same period at the same time."""

from threading import Barrier, Thread

import frappe

from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.cycle.confirm import confirm_unappealed
from complaint_accountability.cycle.hand_off import hand_off_period
from complaint_accountability.cycle.locks import StepAlreadyRunning
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	finalize,
	findings_of,
	make_complaint,
	make_institution,
	make_person,
	remove_committed_records,
)

PERIOD = "2025-01"  # 2024-12-21 .. 2025-01-20, appeal deadline long past
COMMITTED = (PERIOD, "CC-", "并发测试")


def at_once(step, workers: int = 2) -> list:
	"""Run ``step(PERIOD)`` in ``workers`` threads, each on its own connection, released together."""
	site, barrier, results = frappe.local.site, Barrier(workers), []

	def work():
		frappe.init(
			site=site, sites_path=frappe.local.sites_path if hasattr(frappe.local, "sites_path") else "."
		)
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			barrier.wait()
			results.append(step(PERIOD))
			frappe.db.commit()
		except Exception as error:
			frappe.db.rollback()
			results.append(error)
		finally:
			frappe.destroy()

	threads = [Thread(target=work) for _ in range(workers)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return results


def made(results: list, key: str) -> list:
	"""What each worker made; a worker refused because the other was running made nothing."""
	for result in results:
		if isinstance(result, Exception) and not isinstance(result, StepAlreadyRunning):
			raise result
	return sorted(0 if isinstance(r, StepAlreadyRunning) else r[key] for r in results)


class TestDoubleTriggers(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_committed_records(*COMMITTED)
		make_institution("并发测试分公司")
		make_institution("并发测试支公司", "并发测试分公司")
		for number in ("CC-1", "CC-2", "CC-3"):
			make_person(number, f"并发{number}", "并发测试支公司")
		cls.cases = [
			make_complaint(
				[("2025-01-05", "网络"), ("2025-01-09", "监管局")],
				institution="并发测试支公司",
				persons=[("CC-1", "Direct"), ("CC-2", "Direct"), ("CC-3", "Management")],
			).name
			for _ in range(5)
		]
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		remove_committed_records(*COMMITTED)
		super().tearDownClass()

	def test_the_whole_cycle_run_twice_at_once_makes_everything_once(self):
		self.assertEqual(made(at_once(compile_period), "findings_created"), [0, 15])
		self.assertEqual(compile_period(PERIOD)["findings_created"], 0)
		charges = frappe.db.sql(
			"select charge_key, count(*) from `tabFinding Charge` fc join `tabResponsibility Finding` rf"
			" on rf.name = fc.parent where rf.accountability_period = %s group by charge_key having count(*) > 1",
			PERIOD,
		)
		self.assertEqual(charges, ())
		for case in self.cases:
			for row in findings_of(case):
				finalize(row.name)
		frappe.db.commit()

		self.assertEqual(made(at_once(confirm_unappealed), "confirmed"), [0, 15])
		self.assertEqual(made(at_once(hand_off_period), "entries_created"), [0, 15])
		self.assertEqual(hand_off_period(PERIOD)["entries_created"], 0)
		entries = frappe.get_all(
			"Penalty Entry",
			filters={"accountability_period": PERIOD},
			fields=["responsibility_finding", "amount"],
		)
		self.assertEqual(len(entries), len({e.responsibility_finding for e in entries}))
		self.assertEqual(sum(e.amount for e in entries), 5 * (600 + 600 + 350))

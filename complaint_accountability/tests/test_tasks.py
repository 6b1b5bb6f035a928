"""The scheduled jobs as the scheduler runs them: each on its own switch, the overdue flag always."""

import frappe

from complaint_accountability import tasks
from complaint_accountability.tests.utils import AccountabilityTestCase, make_complaint, make_institution
from complaint_accountability.vocabulary import DocType


class TestScheduledJobs(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_institution("任务测试分公司")
		make_institution("任务测试支公司", "任务测试分公司")

	def test_a_case_past_its_time_limit_is_marked_overdue_with_the_cycle_switched_off(self):
		frappe.db.set_single_value(DocType.SETTINGS, {"auto_confirm": 0, "auto_hand_off": 0})
		late = make_complaint([("2023-01-05", "网络")], institution="任务测试支公司")
		decided = make_complaint(
			[("2023-01-06", "网络")], institution="任务测试支公司", decided_on="2023-01-10"
		)
		for name in (late.name, decided.name):
			frappe.db.set_value(DocType.COMPLAINT, name, "is_overdue", 0)  # as it was yesterday
		self.assertEqual(frappe.db.get_value(DocType.COMPLAINT, late.name, "is_overdue"), 0)
		tasks.mark_overdue_complaints()
		self.assertEqual(frappe.db.get_value(DocType.COMPLAINT, late.name, "is_overdue"), 1)
		self.assertEqual(frappe.db.get_value(DocType.COMPLAINT, decided.name, "is_overdue"), 0)

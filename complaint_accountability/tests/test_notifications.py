"""The notifications administrators can reword in the desk (Notification records, seeded once)."""

import frappe

from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	finalize,
	findings_of,
	make_appeal,
	make_complaint,
	make_institution,
	make_person,
	make_user,
)

STAFF = "notice-staff@example.com"
COMMITTEE = "notice-committee@example.com"


class TestNotifications(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(STAFF, "Accountable Staff")
		make_user(COMMITTEE, "Accountability Committee")
		make_institution("通知测试分公司")
		make_institution("通知测试支公司", "通知测试分公司")
		make_person("NT-1", "通知员工", "通知测试支公司", user=STAFF)
		case = make_complaint(
			[("2023-02-03", "网络")], institution="通知测试支公司", persons=[("NT-1", "Direct")]
		)
		compile_period("2023-02")
		cls.finding = findings_of(case.name)[0].name
		period = frappe.get_doc("Accountability Period", "2023-02")
		period.appeal_deadline = frappe.utils.add_days(frappe.utils.today(), 5)
		period.save()

	def logs(self, user: str) -> list[str]:
		return frappe.get_all("Notification Log", {"for_user": user}, pluck="subject")

	def test_the_person_hears_of_a_final_finding_with_the_deadline_and_the_committee_of_an_appeal(self):
		self.assertTrue(frappe.db.exists("Notification", "责任认定最终判定通知"))
		before = len(self.logs(STAFF))
		finalize(self.finding)
		deadline = frappe.db.get_value("Accountability Period", "2023-02", "appeal_deadline")
		subjects = self.logs(STAFF)[: len(self.logs(STAFF)) - before]
		self.assertTrue(any(self.finding in s and str(deadline) in s for s in subjects), subjects)
		make_appeal(self.finding, STAFF)
		self.assertTrue(any(self.finding in s for s in self.logs(COMMITTEE)), self.logs(COMMITTEE))

"""rules.md E1–E12 through the doctypes: complaints in, findings and amounts out."""

import frappe
from frappe.utils import getdate

from complaint_accountability.complaint_accountability.doctype.responsibility_finding.responsibility_finding import (
	ViolationAmountError,
)
from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.cycle.proposed_findings import MissingRateError
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	amounts,
	findings_of,
	make_complaint,
	make_institution,
	make_person,
)

DIRECT, MANAGER = ("TE-D1", "Direct"), ("TE-M1", "Management")


class ExamplesTestCase(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_institution("测试分公司")
		make_institution("测试城东支公司", "测试分公司")
		make_person("TE-D1", "测试直接", "测试城东支公司")
		make_person("TE-M1", "测试管理", "测试城东支公司")


class TestWorkedExamples(ExamplesTestCase):
	def test_e1_settled_single_receipt_is_exempt(self):
		case = make_complaint([("2026-10-25", "客服热线")], "Satisfied", persons=[DIRECT, MANAGER])
		self.assertEqual(case.case_status, "Exempt")
		compile_period("2026-11")
		self.assertEqual(findings_of(case.name), [])

	def test_e2_unresolved_online(self):
		case = make_complaint([("2026-11-02", "网络")], persons=[DIRECT, MANAGER])
		compile_period("2026-11")
		self.assertEqual(amounts(case.name, "2026-11"), {"Direct": 100, "Management": 50})

	def test_e3_escalation_charges_all_receipts_though_satisfied(self):
		case = make_complaint(
			[("2026-10-22", "客服热线"), ("2026-11-10", "监管局")], "Satisfied", persons=[DIRECT, MANAGER]
		)
		self.assertEqual([r.receipt_kind for r in case.receipts], ["Initial", "Escalation"])
		self.assertEqual(case.case_status, "Accountable")
		compile_period("2026-11")
		self.assertEqual(amounts(case.name, "2026-11"), {"Direct": 600, "Management": 350})

	def test_e4_exemption_lost_by_a_later_repeat(self):
		case = make_complaint([("2026-09-25", "客服热线")], "Satisfied", persons=[DIRECT, MANAGER])
		compile_period("2026-10")
		self.assertEqual(findings_of(case.name), [])
		case.append("receipts", {"received_on": "2026-11-03", "channel": "客服热线"})
		case.save()
		self.assertEqual(case.receipts[1].receipt_kind, "Repeat")
		compile_period("2026-11")
		self.assertEqual(amounts(case.name, "2026-11"), {"Direct": 200, "Management": 100})

	def test_e5_not_insurance_liability_stays_exempt(self):
		case = make_complaint(
			[("2026-11-01", "网络"), ("2026-11-05", "新闻媒体")],
			"Not Insurance Liability",
			persons=[DIRECT, MANAGER],
		)
		self.assertEqual(case.case_status, "Exempt")
		compile_period("2026-11")
		self.assertEqual(findings_of(case.name), [])

	def test_e6_not_transferred_is_out_of_scope(self):
		case = make_complaint([("2026-11-03", "客服热线")], "Pending", transferred=0, persons=[DIRECT])
		self.assertEqual(case.case_status, "Out of Scope")
		compile_period("2026-11")
		self.assertEqual(findings_of(case.name), [])

	def test_e7_a_receipt_charged_earlier_is_not_charged_again(self):
		case = make_complaint([("2026-10-10", "客服热线")], persons=[DIRECT])
		compile_period("2026-10")
		self.assertEqual(amounts(case.name, "2026-10"), {"Direct": 100})
		case.append("receipts", {"received_on": "2026-11-05", "channel": "总公司"})
		case.save()
		compile_period("2026-11")
		self.assertEqual(amounts(case.name, "2026-11"), {"Direct": 200})

	def test_e8_violation_within_range_kept_outside_refused(self):
		case = make_complaint([("2026-11-06", "行业协会")])
		make_person("TE-DESK", "测试投诉岗", "测试分公司")
		if not frappe.db.exists("Accountability Period", "2026-11"):
			compile_period("2026-11")
		finding = frappe.get_doc(
			{
				"doctype": "Responsibility Finding",
				"complaint": case.name,
				"person": "TE-DESK",
				"liability": "Handling Violation",
				"violation_type": "未按时效反馈",
				"amount": 250,
				"accountability_period": "2026-11",
			}
		)
		self.assertRaises(ViolationAmountError, finding.insert)
		finding.amount = 80
		finding.insert()
		self.assertEqual((finding.component, finding.amount), ("Performance Deduction", 80))

	def test_e11_the_21st_belongs_to_the_next_period(self):
		case = make_complaint([("2026-11-20", "网络"), ("2026-11-21", "网络")], persons=[DIRECT])
		self.assertEqual([r.accountability_period for r in case.receipts], ["2026-11", "2026-12"])
		compile_period("2026-11")
		self.assertEqual(amounts(case.name, "2026-11"), {"Direct": 100})
		with self.freeze_time("2026-12-21 02:00:00"):  # the day period 2026-12 may be compiled
			compile_period("2026-12")
		self.assertEqual(amounts(case.name, "2026-12"), {"Direct": 100})

	def test_e12_january_period_window(self):
		with self.freeze_time("2027-01-21 02:00:00"):
			compile_period("2027-01")
		period = frappe.get_doc("Accountability Period", "2027-01")
		self.assertEqual((period.start_date, period.end_date), (getdate("2026-12-21"), getdate("2027-01-20")))
		self.assertEqual(period.appeal_deadline, getdate("2027-01-26"))

	def test_compile_twice_creates_nothing_more(self):
		make_complaint([("2026-11-02", "网络")], persons=[DIRECT, MANAGER])
		compile_period("2026-11")
		before = frappe.db.count("Responsibility Finding")
		self.assertEqual(compile_period("2026-11")["findings_created"], 0)
		self.assertEqual(frappe.db.count("Responsibility Finding"), before)


class TestRateChange(ExamplesTestCase):
	"""E10 in a class of its own: the new rate stays in force for the rest of the class."""

	def test_e10_a_rate_change_applies_from_its_date(self):
		frappe.get_doc(
			{
				"doctype": "Penalty Rate",
				"channel": "客服热线",
				"liability": "Direct",
				"amount": 150,
				"valid_from": "2026-11-01",
			}
		).insert()
		case = make_complaint([("2026-10-25", "客服热线"), ("2026-11-02", "客服热线")], persons=[DIRECT])
		compile_period("2026-11")
		finding = frappe.get_doc("Responsibility Finding", findings_of(case.name)[0].name)
		self.assertEqual(sorted(c.amount for c in finding.charges), [100, 150])
		self.assertEqual(finding.amount, 250)


class TestLateViolations(ExamplesTestCase):
	"""rules.md §4: a handling violation is charged whatever the case's status, once, in the first
	period that can charge it — never left in a period whose notices went out."""

	def violation(self, complaint: str, kind: str = "服务态度问题", **fields):
		return frappe.get_doc(
			{
				"doctype": "Responsibility Finding",
				"complaint": complaint,
				"person": "TE-DESK2",
				"liability": "Handling Violation",
				"violation_type": kind,
				"amount": 60,
				**fields,
			}
		).insert()

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_person("TE-DESK2", "测试投诉岗二", "测试分公司")

	def test_a_violation_recorded_after_its_periods_notices_goes_to_the_next_period(self):
		exempt = make_complaint([("2023-06-05", "网络")], "Satisfied")  # exempt: the desk is still charged
		compile_period("2023-06")
		frappe.db.set_value("Accountability Period", "2023-06", "status", "Notified")
		late = self.violation(exempt.name)
		self.assertEqual(late.accountability_period, "2023-07")
		self.assertEqual(frappe.db.get_value("Accountability Period", "2023-07", "status"), "Not Compiled")

	def test_a_violation_of_a_period_still_open_stays_in_it(self):
		case = make_complaint([("2023-08-05", "网络")], transferred=0)  # out of scope alike
		compile_period("2023-08")
		self.assertEqual(self.violation(case.name).accountability_period, "2023-08")

	def test_a_compile_carries_findings_left_undecided_in_a_notified_period(self):
		case = make_complaint([("2023-10-05", "网络")], "Satisfied")
		compile_period("2023-10")
		left = self.violation(case.name, kind="未填写处理意见")
		self.assertEqual(left.accountability_period, "2023-10")
		frappe.db.set_value("Accountability Period", "2023-10", "status", "Notified")
		self.assertEqual(compile_period("2023-11")["findings_carried"], 1)
		self.assertEqual(
			frappe.db.get_value("Responsibility Finding", left.name, "accountability_period"), "2023-11"
		)


class TestMissingRate(ExamplesTestCase):
	def test_a_receipt_with_no_rate_in_force_stops_the_compile_and_is_named(self):
		frappe.db.delete("Penalty Rate", {"channel": "新闻媒体", "liability": "Management"})
		case = make_complaint([("2023-12-05", "新闻媒体")], persons=[MANAGER])
		with self.assertRaises(MissingRateError) as refused:
			compile_period("2023-12")
		self.assertIn(case.name, str(refused.exception))
		self.assertEqual(findings_of(case.name), [])

"""The cycle after the compile: workflow, appeals at the deadline, confirmation and payroll hand-off."""

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow

from complaint_accountability.complaint_accountability.doctype.appeal.appeal import (
	AppealDeadlinePassed,
	FindingNotOpenToAppeal,
)
from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.cycle.confirm import AppealWindowStillOpen, confirm_unappealed
from complaint_accountability.cycle.hand_off import hand_off_period
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	advance,
	finalize,
	findings_of,
	make_appeal,
	make_complaint,
	make_institution,
	make_person,
	make_user,
)
from complaint_accountability.vocabulary import Action

STAFF_USER = "cycle-staff@example.com"


class TestMonthlyCycle(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_institution("测试分公司")
		make_institution("测试城西支公司", "测试分公司")
		make_user(STAFF_USER, "Accountable Staff")
		make_person("CY-D1", "周期直接", "测试城西支公司", user=STAFF_USER)
		make_person("CY-M1", "周期管理", "测试城西支公司")

	def new_final_finding(self, day="2026-11-03", period="2026-11"):
		case = make_complaint([(day, "网络")], institution="测试城西支公司", persons=[("CY-D1", "Direct")])
		compile_period(period)
		(row,) = findings_of(case.name)
		return finalize(row.name)

	def appeal(self, finding, user=STAFF_USER, evidence="/files/evidence.pdf"):
		return make_appeal(finding.name, user, evidence=evidence)

	def test_workflow_path_through_business_line_to_final(self):
		case = make_complaint(
			[("2026-11-04", "网络")], institution="测试城西支公司", persons=[("CY-M1", "Management")]
		)
		compile_period("2026-11")
		(row,) = findings_of(case.name)
		doc = advance(
			row.name,
			"Propose",
			"Refer to Business Line",
			"Send to Committee",
			"Return",
			"Send to Committee",
			"Approve",
		)
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Final", 1))

	def test_committee_may_revoke_a_final_finding(self):
		doc = advance(self.new_final_finding().name, "Revoke")
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Revoked", 2))

	def test_appeal_one_second_before_the_deadline_is_filed(self):
		finding = self.new_final_finding()
		with self.freeze_time("2026-11-26 23:59:59"):
			appeal = self.appeal(finding)
		self.assertEqual((appeal.workflow_state, str(appeal.filed_on)), ("Filed", "2026-11-26 23:59:59"))
		self.assertEqual(
			frappe.db.get_value("Responsibility Finding", finding.name, "workflow_state"), "Appealed"
		)

	def test_appeal_one_second_after_the_deadline_is_refused(self):
		finding = self.new_final_finding()
		with self.freeze_time("2026-11-27 00:00:00"), self.assertRaises(AppealDeadlinePassed):
			self.appeal(finding)

	def test_a_later_deadline_set_by_the_committee_is_honoured(self):
		finding = self.new_final_finding()
		frappe.db.set_value("Accountability Period", "2026-11", "appeal_deadline", "2026-11-30")
		self.addCleanup(
			frappe.db.set_value, "Accountability Period", "2026-11", "appeal_deadline", "2026-11-26"
		)
		with self.freeze_time("2026-11-28 10:00:00"):
			self.assertEqual(self.appeal(finding).workflow_state, "Filed")

	def test_appeal_needs_evidence(self):
		finding = self.new_final_finding()
		with self.freeze_time("2026-11-25 09:00:00"), self.assertRaises(frappe.MandatoryError):
			self.appeal(finding, evidence=None)

	def test_only_one_open_appeal_per_finding(self):
		finding = self.new_final_finding()
		with self.freeze_time("2026-11-25 09:00:00"):
			waiting = make_appeal(finding.name, STAFF_USER, file=False)  # drafted before the first is filed
			self.appeal(finding)
			self.assertRaises(FindingNotOpenToAppeal, apply_workflow, waiting.reload(), Action.FILE)
			self.assertRaises(FindingNotOpenToAppeal, self.appeal, finding)

	def test_upheld_appeal_confirms_and_revoked_appeal_cancels(self):
		upheld, revoked = self.new_final_finding(), self.new_final_finding("2026-11-05")
		with self.freeze_time("2026-11-25 09:00:00"):
			first, second = self.appeal(upheld), self.appeal(revoked)
		apply_workflow(frappe.get_doc("Appeal", first.name), "Uphold")
		apply_workflow(frappe.get_doc("Appeal", second.name), "Revoke")
		self.assertEqual(
			frappe.db.get_value("Responsibility Finding", upheld.name, ["workflow_state", "docstatus"]),
			("Confirmed", 1),
		)
		self.assertEqual(
			frappe.db.get_value("Responsibility Finding", revoked.name, ["workflow_state", "docstatus"]),
			("Revoked", 2),
		)
		self.assertEqual(
			frappe.db.get_value("Appeal", second.name, ["decision", "open_for_finding"]), ("Revoked", None)
		)

	def test_staff_cannot_decide_an_appeal(self):
		finding = self.new_final_finding()
		with self.freeze_time("2026-11-25 09:00:00"):
			appeal = self.appeal(finding)
		with self.set_user(STAFF_USER), self.assertRaises((frappe.PermissionError, WorkflowTransitionError)):
			apply_workflow(frappe.get_doc("Appeal", appeal.name), "Uphold")

	def test_confirm_waits_for_the_deadline_then_confirms_once(self):
		finding = self.new_final_finding()
		with self.freeze_time("2026-11-26 12:00:00"), self.assertRaises(AppealWindowStillOpen):
			confirm_unappealed("2026-11")
		with self.freeze_time("2026-11-27 00:00:01"):
			self.assertGreaterEqual(confirm_unappealed("2026-11")["confirmed"], 1)
			self.assertEqual(confirm_unappealed("2026-11")["confirmed"], 0)
		self.assertEqual(
			frappe.db.get_value("Responsibility Finding", finding.name, "workflow_state"), "Confirmed"
		)

	def test_hand_off_twice_creates_one_entry_per_finding(self):
		finding = self.new_final_finding()
		with self.freeze_time("2026-11-27 08:00:00"):
			confirm_unappealed("2026-11")
		hand_off_period("2026-11")
		hand_off_period("2026-11")
		entries = frappe.get_all(
			"Penalty Entry",
			filters={"responsibility_finding": finding.name},
			fields=["component", "amount", "status", "institution", "payroll_date"],
		)
		self.assertEqual(len(entries), 1)
		self.assertEqual(
			(entries[0].component, entries[0].amount, entries[0].status), ("Wage Deduction", 100, "Pending")
		)
		self.assertEqual(str(entries[0].payroll_date), "2026-11-30")
		self.assertEqual(
			frappe.db.get_value("Responsibility Finding", finding.name, "workflow_state"), "Handed Off"
		)

	def test_a_second_entry_for_a_finding_is_refused_by_the_database(self):
		finding = self.new_final_finding()
		with self.freeze_time("2026-11-27 08:00:00"):
			confirm_unappealed("2026-11")
		hand_off_period("2026-11")
		duplicate = frappe.get_doc(
			{
				"doctype": "Penalty Entry",
				"responsibility_finding": finding.name,
				"amount": 100,
				"component": "Wage Deduction",
			}
		)
		self.assertRaises((frappe.UniqueValidationError, frappe.DuplicateEntryError), duplicate.insert)

	def test_payroll_lists_pending_entries_and_acknowledges_them_once(self):
		from complaint_accountability.payroll.api import acknowledge_entries, pending_entries

		finding = self.new_final_finding()
		with self.freeze_time("2026-11-27 08:00:00"):
			confirm_unappealed("2026-11")
		hand_off_period("2026-11")
		pending = [
			e for e in pending_entries("2026-11-30")["entries"] if e.responsibility_finding == finding.name
		]
		self.assertEqual(len(pending), 1)
		self.assertEqual((pending[0].employee_number, pending[0].component), ("CY-D1", "Wage Deduction"))
		self.assertEqual(
			acknowledge_entries([pending[0].name], "SAL-2026-11"), {"deducted": 1, "already_deducted": 0}
		)
		self.assertEqual(
			acknowledge_entries([pending[0].name], "SAL-2026-11"), {"deducted": 0, "already_deducted": 1}
		)
		self.assertRaises(frappe.ValidationError, acknowledge_entries, [pending[0].name], "SAL-2026-12")
		self.assertNotIn(pending[0].name, [e.name for e in pending_entries("2026-11-30")["entries"]])
		self.assertEqual(frappe.db.get_value("Penalty Entry", pending[0].name, "status"), "Deducted")

	def test_period_status_follows_its_steps_whatever_their_order(self):
		from complaint_accountability.cycle.period_documents import issue_notices
		from complaint_accountability.payroll.api import acknowledge_entries

		def status():
			return frappe.db.get_value("Accountability Period", "2026-10", "status")

		finding = self.new_final_finding("2026-10-05", "2026-10")
		self.assertEqual(status(), "Compiled")
		# its own period, so that the steps run to the end leave the other tests' period open
		with self.freeze_time("2026-10-27 08:00:00"):
			confirm_unappealed("2026-10")
			hand_off_period("2026-10")  # the nightly hand-off, before the notices
			self.assertEqual(status(), "Handed Off")
			stamped = frappe.db.get_value("Accountability Period", "2026-10", "handed_off_on")
			issue_notices("2026-10")
			hand_off_period("2026-10")
		self.assertEqual(status(), "Handed Off")
		self.assertEqual(frappe.db.get_value("Accountability Period", "2026-10", "handed_off_on"), stamped)
		entries = frappe.get_all(
			"Penalty Entry", {"accountability_period": "2026-10", "status": "Pending"}, pluck="name"
		)
		self.assertIn(frappe.db.get_value("Penalty Entry", {"responsibility_finding": finding.name}), entries)
		acknowledge_entries(entries, "SAL-2026-10")
		self.assertEqual(status(), "Paid")

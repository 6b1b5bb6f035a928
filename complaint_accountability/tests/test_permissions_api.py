"""Permission isolation through the REST API with token auth: two sub-branch managers, one staff user."""

import frappe

from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.tests.rest import TokenClient
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	finalize,
	findings_of,
	make_complaint,
	make_institution_tree,
	make_person,
	make_user,
	remove_committed_records,
)

MANAGER_A, MANAGER_B, STAFF = "perm-mgr-a@example.com", "perm-mgr-b@example.com", "perm-staff@example.com"
BRANCH, A, A_CHILD, B = "权限测试分公司", "权限测试甲支公司", "权限测试甲支公司营业部", "权限测试乙支公司"
COMMITTED = ("2025-03", "PM-", "权限测试")  # period, person prefix, institution prefix


class TestPermissionsThroughREST(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_committed_records(*COMMITTED)  # left by an earlier run that died before its cleanup
		make_user(MANAGER_A, "Institution Complaint Manager")
		make_user(MANAGER_B, "Institution Complaint Manager")
		make_user(STAFF, "Accountable Staff")
		make_institution_tree(BRANCH, A, A_CHILD, B, manager_a=MANAGER_A, manager_b=MANAGER_B)
		make_person("PM-A1", "甲员工", A, user=STAFF)
		make_person("PM-A2", "甲同事", A)
		make_person("PM-B1", "乙员工", B)
		cls.case_a = make_complaint(
			[("2025-03-02", "网络")],
			institution=A,
			persons=[("PM-A1", "Direct"), ("PM-A2", "Management")],
			customer_phone="13812345678",
			customer_id_number="110101199001011234",
		).name
		cls.case_a_child = make_complaint(
			[("2025-03-03", "网络")], institution=A_CHILD, persons=[("PM-A2", "Direct")]
		).name
		cls.case_b = make_complaint(
			[("2025-03-04", "网络")], institution=B, persons=[("PM-B1", "Direct")]
		).name
		compile_period("2025-03")
		cls.own_finding = next(f.name for f in findings_of(cls.case_a) if f.person == "PM-A1")
		cls.colleague_finding = next(f.name for f in findings_of(cls.case_a) if f.person == "PM-A2")
		cls.b_finding = findings_of(cls.case_b)[0].name
		for name in (cls.own_finding, cls.colleague_finding, cls.b_finding):
			finalize(name)
		cls.clients = {user: TokenClient(user) for user in (MANAGER_A, MANAGER_B, STAFF)}
		frappe.db.commit()  # the REST requests run on their own connections

	@classmethod
	def tearDownClass(cls):
		remove_committed_records(*COMMITTED)
		super().tearDownClass()

	def test_manager_lists_only_complaints_of_their_subtree(self):
		self.assertEqual(
			sorted(self.clients[MANAGER_A].list("Complaint")), sorted([self.case_a, self.case_a_child])
		)
		self.assertEqual(self.clients[MANAGER_B].list("Complaint"), [self.case_b])

	def test_manager_cannot_read_or_write_another_institutions_complaint(self):
		client = self.clients[MANAGER_A]
		self.assertEqual(client.get(f"/api/resource/Complaint/{self.case_b}").status_code, 403)
		self.assertEqual(
			client.put(f"/api/resource/Complaint/{self.case_b}", {"customer_name": "x"}).status_code, 403
		)
		self.assertEqual(client.get(f"/api/resource/Complaint/{self.case_a}").status_code, 200)

	def test_manager_sees_customer_phone_and_id_masked_only(self):
		data = self.clients[MANAGER_A].get(f"/api/resource/Complaint/{self.case_a}").json["data"]
		self.assertNotIn("13812345678", str(data))
		self.assertNotIn("110101199001011234", str(data))
		self.assertEqual(
			(data["customer_phone_masked"], data["customer_id_masked"]), ("138****5678", "1101**********1234")
		)

	def test_manager_sees_findings_of_their_subtree_only(self):
		names = self.clients[MANAGER_B].list("Responsibility Finding")
		self.assertEqual(names, [self.b_finding])
		response = self.clients[MANAGER_B].get(f"/api/resource/Responsibility Finding/{self.own_finding}")
		self.assertEqual(response.status_code, 403)

	def test_staff_sees_only_their_own_findings(self):
		client = self.clients[STAFF]
		self.assertEqual(client.list("Responsibility Finding"), [self.own_finding])
		self.assertEqual(
			client.get(f"/api/resource/Responsibility Finding/{self.colleague_finding}").status_code, 403
		)
		self.assertEqual(client.get("/api/resource/Complaint").status_code, 403)

	def test_staff_cannot_write_a_finding(self):
		response = self.clients[STAFF].put(
			f"/api/resource/Responsibility Finding/{self.own_finding}", {"amount": 1}
		)
		self.assertEqual(response.status_code, 403)

	def test_appeal_on_someone_elses_finding_is_refused(self):
		for user, finding in ((STAFF, self.colleague_finding), (MANAGER_B, self.own_finding)):
			response = self.clients[user].post(
				"/api/resource/Appeal",
				{"responsibility_finding": finding, "reason": "无责", "evidence": "/files/e.pdf"},
			)
			self.assertIn(response.status_code, (403, 417), response.text)
			frappe.db.commit()  # a fresh snapshot: the request committed on its own connection, if at all
			self.assertFalse(frappe.db.exists("Appeal", {"responsibility_finding": finding, "owner": user}))

	def test_staff_may_draft_an_appeal_on_their_own_finding(self):
		response = self.clients[STAFF].post(
			"/api/resource/Appeal",
			{"responsibility_finding": self.own_finding, "reason": "无责", "evidence": "/files/e.pdf"},
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.json["data"]["appellant"], STAFF)

	def test_cycle_and_payroll_methods_refuse_non_committee_users(self):
		for path, data in (
			("/api/method/complaint_accountability.api.compile_period", {"period": "2025-03"}),
			("/api/method/complaint_accountability.api.hand_off_to_payroll", {"period": "2025-03"}),
			(
				"/api/method/complaint_accountability.payroll.api.acknowledge_entries",
				{"entries": [], "payroll_reference": "X"},
			),
		):
			self.assertEqual(self.clients[MANAGER_A].post(path, data).status_code, 403, path)
		response = self.clients[STAFF].get(
			"/api/method/complaint_accountability.payroll.api.pending_entries", {"payroll_date": "2025-03-31"}
		)
		self.assertEqual(response.status_code, 403)

"""The side doors, tried over HTTP as the role that would try each one (issue 9's list), each with a
control request that is allowed, so no refusal passes because the door was never there.

Every request goes through Frappe's real WSGI app with the role's token on its own connection
(tests/rest.py): what the requests see is committed in setUpClass and removed in tearDownClass.
"""

import json
from threading import Thread
from unittest.mock import patch
from urllib.parse import quote

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, get_test_client, getdate, today

from complaint_accountability.configuration import rule_settings
from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.cycle.confirm import confirm_unappealed
from complaint_accountability.cycle.hand_off import hand_off_period
from complaint_accountability.cycle.period_documents import send_assessment_tables
from complaint_accountability.rules.periods import period_name_of
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
from complaint_accountability.vocabulary import Action

PERIOD, HANDED = "2024-08", "2024-07"
BRANCH, A, A_CHILD, B = "安全测试分公司", "安全测试甲支公司", "安全测试甲支公司营业部", "安全测试乙支公司"
DESK = "sec-desk@example.com"
COMM = "sec-committee@example.com"
PAY = "sec-payroll@example.com"
ICM_A, ICM_B = "sec-icm-a@example.com", "sec-icm-b@example.com"
STAFF, STAFF_B = "sec-staff@example.com", "sec-staff-b@example.com"
NEWCOMER, SUCCESSOR = "sec-new@example.com", "sec-next@example.com"
ADMIN = "sec-admin@example.com"
PHONE, ID_NUMBER = "13812345678", "110101199001011234"
PHONE_B = "13987654321"


def resource(doctype: str, name: str | None = None) -> str:
	path = f"/api/resource/{quote(doctype)}"
	return f"{path}/{quote(name, safe='')}" if name else path


def evidence_file(user: str, appeal: str, content: bytes) -> str:
	"""A private evidence file uploaded by ``user`` and attached to their appeal; its URL."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"evidence-{appeal}.pdf",
				"content": content,
				"is_private": 1,
				"attached_to_doctype": "Appeal",
				"attached_to_name": appeal,
				"attached_to_field": "evidence",
			}
		).insert()
		frappe.db.set_value("Appeal", appeal, "evidence", file.file_url)
		return file.file_url
	finally:
		frappe.set_user(previous)


def email_about(complaint: str, subject: str, content: str):
	"""An email recorded on a complaint (Communication), as the desk's email would leave it."""
	return frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"subject": subject,
			"content": content,
			"reference_doctype": "Complaint",
			"reference_name": complaint,
		}
	).insert(ignore_permissions=True)


def filed_appeal(finding: str, user: str, evidence: bytes | None = None) -> str:
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Appeal",
				"responsibility_finding": finding,
				"reason": "安全测试:有无责证据",
				"evidence": "/files/placeholder.pdf",
			}
		).insert()
		if evidence:
			evidence_file(user, doc.name, evidence)
			doc.reload()
		apply_workflow(doc, Action.FILE)
		return doc.name
	finally:
		frappe.set_user(previous)


def remove_records() -> None:
	for period in (PERIOD, HANDED):
		for name in frappe.get_all("Period Document", {"accountability_period": period}, pluck="name"):
			frappe.db.delete("File", {"attached_to_doctype": "Period Document", "attached_to_name": name})
		appeals = frappe.get_all("Appeal", {"accountability_period": period}, pluck="name")
		frappe.db.delete(
			"File", {"attached_to_doctype": "Appeal", "attached_to_name": ("in", appeals or [""])}
		)
		remove_committed_records(period, "SEC-", "安全测试")
	frappe.db.delete("File", {"file_url": ("like", "%evidence-%"), "owner": ("like", "sec-%")})
	frappe.db.delete("File", {"attached_to_doctype": "User", "attached_to_name": ("like", "sec-%")})
	frappe.db.delete("Document Follow", {"user": ("like", "sec-%")})
	frappe.db.delete("Prepared Report", {"owner": ("like", "sec-%")})
	frappe.db.commit()


class TestSideDoors(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_records()  # left by an earlier run that died before its cleanup
		for user, role in (
			(DESK, "Complaint Desk Officer"),
			(COMM, "Accountability Committee"),
			(PAY, "Payroll Officer"),
			(ICM_A, "Institution Complaint Manager"),
			(ICM_B, "Institution Complaint Manager"),
			(STAFF, "Accountable Staff"),
			(STAFF_B, "Accountable Staff"),
			(NEWCOMER, "Accountable Staff"),
			(SUCCESSOR, "Accountable Staff"),
			(ADMIN, "Accountability Administrator"),
		):
			make_user(user, role)
		make_institution_tree(BRANCH, A, A_CHILD, B, manager_a=ICM_A, manager_b=ICM_B)
		make_person("SEC-A1", "安全甲员工", A, user=STAFF)
		make_person("SEC-A2", "安全甲同事", A)
		make_person("SEC-A3", "安全甲新人", A)
		make_person("SEC-B1", "安全乙员工", B, user=STAFF_B)
		rows = cls.rows = {}

		# 2024-07: confirmed and handed to payroll, for the entries
		for key, institution, person in (("a", A, "SEC-A1"), ("b", B, "SEC-B1"), ("x", A, "SEC-A2")):
			case = make_complaint(
				[("2024-07-05", "网络")], institution=institution, persons=[(person, "Direct")]
			)
			rows[f"case7_{key}"] = case.name
		compile_period(HANDED)
		for key in ("a", "b", "x"):
			for finding in findings_of(rows[f"case7_{key}"]):
				finalize(finding.name)
		confirm_unappealed(HANDED)
		hand_off_period(HANDED)
		for key in ("a", "b", "x"):
			finding = findings_of(rows[f"case7_{key}"])[0].name
			rows[f"entry_{key}"] = frappe.db.get_value("Penalty Entry", {"responsibility_finding": finding})

		# 2024-08: findings in their appeal window (the committee extended it), tables made
		rows["case_a"] = make_complaint(
			[("2024-08-05", "网络")],
			institution=A,
			persons=[("SEC-A1", "Direct"), ("SEC-A2", "Management"), ("SEC-A3", "Direct")],
			customer_phone=PHONE,
			customer_id_number=ID_NUMBER,
		).name
		rows["case_a_more"] = make_complaint(
			[("2024-08-06", "网络")], institution=A_CHILD, persons=[("SEC-A1", "Direct")]
		).name
		rows["case_b"] = make_complaint(
			[("2024-08-07", "网络")], institution=B, persons=[("SEC-B1", "Direct")], customer_phone=PHONE_B
		).name
		compile_period(PERIOD)
		for case in ("case_a", "case_a_more", "case_b"):
			for finding in findings_of(rows[case]):
				finalize(finding.name)
				rows[f"finding_{finding.person}_{case}"] = finding.name
		period = frappe.get_doc("Accountability Period", PERIOD)
		period.appeal_deadline = add_days(today(), 30)
		period.save()
		send_assessment_tables(PERIOD)
		rows["table_a"], rows["table_b"] = (
			frappe.db.get_value(
				"Period Document",
				{"accountability_period": PERIOD, "institution": i, "kind": "Assessment Table"},
				"file",
			)
			for i in (A, B)
		)
		rows["appeal_a"] = filed_appeal(rows["finding_SEC-A1_case_a"], STAFF, b"%PDF-1.4 evidence of A1")
		rows["appeal_a2"] = filed_appeal(rows["finding_SEC-A2_case_a"], ICM_A)
		rows["appeal_b"] = filed_appeal(rows["finding_SEC-B1_case_b"], STAFF_B, b"%PDF-1.4 evidence of B1")
		rows["evidence_b"] = frappe.db.get_value("Appeal", rows["appeal_b"], "evidence")
		# a case registered later: its finding is a draft the desk may edit
		rows["case_draft"] = make_complaint(
			[("2024-08-08", "网络")], institution=A, persons=[("SEC-A2", "Direct")]
		).name
		compile_period(PERIOD)
		rows["draft"] = findings_of(rows["case_draft"])[0].name

		cls.clients = {
			user: TokenClient(user)
			for user in (DESK, COMM, PAY, ICM_A, ICM_B, STAFF, STAFF_B, NEWCOMER, SUCCESSOR, ADMIN)
		}
		frappe.db.commit()  # the REST requests run on their own connections

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		remove_records()
		super().tearDownClass()

	def client(self, user: str) -> TokenClient:
		return self.clients[user]

	def call(self, caller: str, method: str, **data):
		return self.client(caller).post(f"/api/method/{method}", data)

	def fresh(self, doctype: str, name: str, field: str):
		"""A value as committed now (the test connection's snapshot predates the requests)."""
		frappe.db.rollback()
		return frappe.db.get_value(doctype, name, field)

	def assertRefused(self, response, *codes):
		self.assertIn(response.status_code, codes or (403,), response.get_data()[:400])

	def assertAllowed(self, response):
		self.assertEqual(response.status_code, 200, response.get_data()[:400])

	# ---- reading

	def test_01_print_views_show_only_the_readers_institutions_and_lines(self):
		for print_format, everyone in (
			("Penalty Assessment Table", (A, B, "安全甲同事", "安全乙员工")),
			# a notice leaves appealed findings out: only the finding nobody appealed is on it
			("Accountability Notice", (A, "安全甲新人")),
		):
			path = f"/printview?doctype=Accountability%20Period&name={PERIOD}&format={quote(print_format)}"
			committee = self.client(COMM).get(path)
			self.assertAllowed(committee)
			for text in everyone:
				self.assertIn(text, committee.text)
			manager = self.client(ICM_A).get(path).text
			self.assertIn(A, manager)
			self.assertNotIn(B, manager)
			self.assertNotIn("安全乙员工", manager)
			# staff get no period-wide document: one cut to their own lines would carry the real 文号
			# and totals that are not the institution's; their findings print on their own
			staff = self.client(STAFF).get(path)
			body = staff.get_data(as_text=True)
			self.assertTrue(
				"issued to institutions as a whole" in body or "按机构整体下发" in body, body[:400]
			)
			for text in ("安全甲员工", "安全甲同事", "安全甲新人", "安全乙员工"):
				self.assertNotIn(text, body)
		finding = self.client(STAFF).get(
			"/api/method/frappe.www.printview.get_html_and_style",
			{"doc": "Responsibility Finding", "name": self.rows["finding_SEC-A1_case_a"]},
		)
		self.assertAllowed(finding)
		self.assertIn("安全甲员工", finding.json["message"]["html"])

	def test_02_another_institutions_pdf_does_not_download(self):
		self.assertAllowed(self.client(ICM_B).get(self.rows["table_b"]))
		self.assertAllowed(self.client(ICM_A).get(self.rows["table_a"]))
		self.assertRefused(self.client(ICM_A).get(self.rows["table_b"]))
		self.assertRefused(self.client(STAFF).get(self.rows["table_a"]))

	def test_03_child_tables_read_directly_hold_the_readers_parents_only(self):
		cases_a = {self.rows["case_a"], self.rows["case_a_more"], self.rows["case_draft"]}
		for child in ("Complaint Responsible Person", "Complaint Receipt"):
			params = {"parent": "Complaint", "fields": ["parent"], "limit_page_length": 0}
			everything = {r["parent"] for r in self.client(DESK).get(resource(child), params).json["data"]}
			self.assertIn(self.rows["case_b"], everything)
			response = self.client(ICM_A).get(resource(child), params)
			self.assertAllowed(response)
			parents = {r["parent"] for r in response.json["data"]}
			self.assertTrue(parents and parents <= cases_a | {self.rows[f"case7_{k}"] for k in "ax"}, parents)
			self.assertRefused(self.client(STAFF).get(resource(child), params))
		params = {"parent": "Responsibility Finding", "fields": ["parent"], "limit_page_length": 0}
		own = set(frappe.get_all("Responsibility Finding", {"person": "SEC-A1"}, pluck="name"))
		charges = self.client(STAFF).get(resource("Finding Charge"), params)
		self.assertAllowed(charges)
		self.assertEqual({r["parent"] for r in charges.json["data"]}, own)

	def test_04_counts_answer_only_for_readable_rows(self):
		like = {"doctype": "Customer Contact", "filters": [["customer_phone", "like", "1381%"]]}
		desk = self.call(DESK, "frappe.client.get_count", **like)
		self.assertAllowed(desk)
		self.assertEqual(desk.json["message"], 1)
		self.assertRefused(self.call(ICM_A, "frappe.client.get_count", **like))
		self.assertRefused(self.call(STAFF, "frappe.client.get_count", doctype="Complaint"))
		period = {"doctype": "Responsibility Finding", "filters": {"accountability_period": PERIOD}}
		everything = self.call(COMM, "frappe.client.get_count", **period).json["message"]
		mine = self.call(ICM_A, "frappe.client.get_count", **period).json["message"]
		listed = self.client(ICM_A).list("Responsibility Finding", accountability_period=PERIOD)
		self.assertEqual(mine, len(listed))
		self.assertLess(mine, everything)
		other = {"doctype": "Complaint", "filters": {"name": self.rows["case_b"]}}
		self.assertEqual(self.call(ICM_A, "frappe.desk.reportview.get_count", **other).json["message"], 0)
		# the list sidebar's "Assigned To" counts assignments of readable rows only
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "回访",
				"allocated_to": DESK,
				"reference_type": "Complaint",
				"reference_name": self.rows["case_b"],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		self.addCleanup(
			lambda: (frappe.db.delete("ToDo", {"reference_name": self.rows["case_b"]}), frappe.db.commit())
		)
		sidebar = {
			"doctype": "Complaint",
			"current_filters": json.dumps([["Complaint", "name", "=", self.rows["case_b"]]]),
			"field": "assigned_to",
		}
		manager = self.call(ICM_A, "frappe.desk.listview.get_group_by_count", **sidebar)
		desk = self.call(DESK, "frappe.desk.listview.get_group_by_count", **sidebar)
		self.assertAllowed(manager)
		self.assertAllowed(desk)
		self.assertEqual(manager.json["message"], [])
		self.assertEqual([r["count"] for r in desk.json["message"]], [1])

	def test_05_write_responses_carry_no_raw_customer_data(self):
		case = self.rows["case_a"]
		raw = self.client(DESK).get(resource("Customer Contact", case))
		self.assertAllowed(raw)
		self.assertEqual(raw.json["data"]["customer_phone"], PHONE)
		self.assertRefused(self.client(ICM_A).get(resource("Customer Contact", case)))
		for response in (
			self.client(ICM_A).put(resource("Complaint", case), {}),
			self.call(
				ICM_A,
				"frappe.client.set_value",
				doctype="Complaint",
				name=case,
				fieldname="summary",
				value="回访",
			),
			self.client(ICM_A).get(resource("Complaint", case)),
		):
			self.assertAllowed(response)
			self.assertNotIn(PHONE, response.text)
			self.assertNotIn(ID_NUMBER, response.text)
			self.assertIn("138****5678", response.text)

	def test_06_version_history_keeps_no_raw_customer_data(self):
		case = self.rows["case_a"]
		saved = self.call(
			DESK,
			"complaint_accountability.complaint_accountability.doctype.customer_contact.customer_contact.save_contact",
			complaint=case,
			customer_phone="13700001111",
			customer_id_number=ID_NUMBER,
		)
		self.assertAllowed(saved)
		self.assertEqual(saved.json["message"]["customer_phone_masked"], "137****1111")
		self.assertEqual(self.fresh("Customer Contact", case, "customer_phone"), "13700001111")
		docinfo = self.client(ICM_A).get(
			"/api/method/frappe.desk.form.load.getdoc", {"doctype": "Complaint", "name": case}
		)
		self.assertAllowed(docinfo)
		for raw in (PHONE, "13700001111", ID_NUMBER):
			self.assertNotIn(raw, docinfo.text)
		self.assertEqual(frappe.db.count("Version", {"ref_doctype": "Customer Contact"}), 0)
		self.assertFalse(
			frappe.db.exists("Version", {"ref_doctype": "Complaint", "data": ("like", "%1370000%")})
		)

	def test_07_filters_and_sorts_on_raw_customer_data_answer_nothing(self):
		for params in (
			{"filters": [["customer_phone", "like", "138%"]]},
			{"fields": ["name"], "order_by": "customer_phone asc"},
		):
			# the columns are gone: the request fails (Frappe answers an unknown sort column with a 500)
			response = self.client(ICM_A).get(resource("Complaint"), params)
			self.assertNotEqual(response.status_code, 200, response.text[:300])
			self.assertNotIn(PHONE, response.text)
		contact = {"filters": [["customer_phone", "like", "138%"]]}
		self.assertRefused(self.client(ICM_A).get(resource("Customer Contact"), contact))
		self.assertAllowed(self.client(DESK).get(resource("Customer Contact"), contact))

	def test_08_appeal_evidence_is_its_appeals_own(self):
		evidence = self.rows["evidence_b"]
		self.assertTrue(evidence.startswith("/private/files/"), evidence)
		self.assertAllowed(self.client(STAFF_B).get(evidence))
		params = {"fields": ["file_url", "attached_to_name"], "limit_page_length": 0}
		for user in (STAFF, ICM_A):
			listed = self.client(user).get(resource("File"), params)
			self.assertAllowed(listed)
			self.assertNotIn(evidence, {r["file_url"] for r in listed.json["data"]}, user)
			self.assertNotIn(self.rows["appeal_b"], {r["attached_to_name"] for r in listed.json["data"]})
			self.assertRefused(self.client(user).get(evidence))
		borrowed = self.client(STAFF).post(resource("File"), {"file_url": evidence, "is_private": 1})
		self.assertRefused(borrowed)
		self.assertRefused(self.client(STAFF).get(evidence))
		own = frappe.db.get_value("Appeal", self.rows["appeal_a"], "evidence")
		self.assertAllowed(self.client(STAFF).get(own))

	def test_08b_sharing_or_assigning_never_opens_a_row_beyond_its_rule(self):
		appeal = self.rows["appeal_a"]
		share = {"doctype": "Appeal", "name": appeal, "user": STAFF_B, "read": 1}
		self.assertRefused(self.call(STAFF, "frappe.share.add", **share))
		assign = {"doctype": "Complaint", "name": self.rows["case_a"], "assign_to": [ICM_B]}
		self.assertRefused(self.call(ICM_A, "frappe.desk.form.assign_to.add", **assign))
		self.assertRefused(self.client(ICM_B).get(resource("Complaint", self.rows["case_a"])))
		self.assertRefused(self.client(STAFF_B).get(resource("Appeal", appeal)))
		# control: a row shared with someone who may read it already
		self.assertAllowed(self.call(ICM_A, "frappe.share.add", **{**share, "user": COMM}))

	# ---- writing

	def test_09_a_manager_cannot_move_or_re_decide_a_complaint(self):
		case_a, case_b = self.rows["case_a"], self.rows["case_b"]
		self.assertRefused(self.client(ICM_A).put(resource("Complaint", case_b), {"handling_institution": A}))
		frappe.db.rollback()
		before = frappe.get_doc("Complaint", case_a)
		# what decides their own staff's penalties is the desk's and the committee's: kept as stored
		rewrite = {
			"handling_institution": A_CHILD,
			"transferred": 0,
			"first_coordination_outcome": "Satisfied",
			"decided_on": "2024-08-09",
			"referred": 1,
			"responsible_persons": [],
			"receipts": [],
			"summary": "机构补充的情况说明",
		}
		self.assertAllowed(self.client(ICM_A).put(resource("Complaint", case_a), rewrite))
		frappe.db.rollback()
		after = frappe.get_doc("Complaint", case_a)
		decided = (
			"handling_institution",
			"transferred",
			"first_coordination_outcome",
			"decided_on",
			"referred",
		)
		decided += ("case_status",)
		self.assertEqual([after.get(f) for f in decided], [before.get(f) for f in decided])
		self.assertEqual(
			[r.person for r in after.responsible_persons], [r.person for r in before.responsible_persons]
		)
		self.assertEqual(len(after.receipts), len(before.receipts))
		self.assertEqual(after.summary, "机构补充的情况说明")  # control: their own account is theirs
		self.assertEqual(self.fresh("Complaint", case_b, "handling_institution"), B)

	def test_10_an_appellant_cannot_decide_or_strand_their_appeal(self):
		appeal, finding = self.rows["appeal_a"], self.rows["finding_SEC-A1_case_a"]
		forged = {
			"decision": "Revoked",
			"open_for_finding": None,
			"decided_by": STAFF,
			"decision_note": "自己决定",
		}
		self.assertRefused(self.client(STAFF).put(resource("Appeal", appeal), forged))
		for field, value in forged.items():
			self.assertRefused(
				self.call(
					STAFF,
					"frappe.client.set_value",
					doctype="Appeal",
					name=appeal,
					fieldname=field,
					value=value,
				)
			)
		revoke = self.call(
			STAFF,
			"frappe.model.workflow.apply_workflow",
			doc={"doctype": "Appeal", "name": appeal},
			action="Revoke",
		)
		self.assertRefused(revoke, 403, 417)
		frappe.db.rollback()
		stored = frappe.db.get_value(
			"Appeal", appeal, ["decision", "open_for_finding", "decided_by"], as_dict=True
		)
		self.assertEqual(
			(stored.decision, stored.open_for_finding, stored.decided_by), ("Pending", finding, None)
		)
		self.assertEqual(frappe.db.get_value("Responsibility Finding", finding, "workflow_state"), "Appealed")
		# control: the leading group decides another appeal
		upheld = self.call(
			COMM,
			"frappe.model.workflow.apply_workflow",
			doc={"doctype": "Appeal", "name": self.rows["appeal_a2"]},
			action="Uphold",
		)
		self.assertAllowed(upheld)
		frappe.db.rollback()
		decided = frappe.db.get_value(
			"Appeal", self.rows["appeal_a2"], ["decision", "decided_by"], as_dict=True
		)
		self.assertEqual((decided.decision, decided.decided_by), ("Upheld", COMM))
		self.assertEqual(
			frappe.db.get_value(
				"Responsibility Finding", self.rows["finding_SEC-A2_case_a"], "workflow_state"
			),
			"Confirmed",
		)

	def test_11_payroll_cannot_rewrite_an_entry(self):
		entry = self.rows["entry_a"]
		forged = {"amount": 1, "status": "Deducted", "payroll_reference": "FORGED"}
		self.assertRefused(self.client(PAY).put(resource("Penalty Entry", entry), forged))
		for field, value in forged.items():
			self.assertRefused(
				self.call(
					PAY,
					"frappe.client.set_value",
					doctype="Penalty Entry",
					name=entry,
					fieldname=field,
					value=value,
				)
			)
		self.assertEqual(self.fresh("Penalty Entry", entry, "status"), "Pending")
		acknowledged = self.call(
			PAY,
			"complaint_accountability.payroll.api.acknowledge_entries",
			entries=[entry],
			payroll_reference="SAL-1",
		)
		self.assertAllowed(acknowledged)
		self.assertEqual(acknowledged.json["message"], {"deducted": 1, "already_deducted": 0})
		self.assertEqual(self.fresh("Penalty Entry", entry, "payroll_reference"), "SAL-1")
		self.assertEqual(frappe.db.get_value("Penalty Entry", entry, "amount"), 100)

	def test_12_an_entry_is_deducted_once_whatever_the_race(self):
		entry = self.rows["entry_b"]
		clients = (self.client(PAY), self.client(PAY).twin())
		responses = {}

		def acknowledge(index: int, reference: str) -> None:
			responses[reference] = clients[index].post(
				"/api/method/complaint_accountability.payroll.api.acknowledge_entries",
				{"entries": [entry], "payroll_reference": reference},
			)

		threads = [Thread(target=acknowledge, args=(i, ref)) for i, ref in enumerate(("SAL-R1", "SAL-R2"))]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		codes = sorted(r.status_code for r in responses.values())
		self.assertEqual(codes, [200, 417], {k: r.text[:200] for k, r in responses.items()})
		winner = next(ref for ref, r in responses.items() if r.status_code == 200)
		self.assertEqual(responses[winner].json["message"]["deducted"], 1)
		self.assertEqual(self.fresh("Penalty Entry", entry, "payroll_reference"), winner)
		thrice = self.call(
			PAY,
			"complaint_accountability.payroll.api.acknowledge_entries",
			entries=[self.rows["entry_x"]] * 3,
			payroll_reference="SAL-3",
		)
		self.assertEqual(thrice.json["message"], {"deducted": 1, "already_deducted": 0})

	def test_13_charges_come_from_the_rate_table_not_the_request(self):
		draft = frappe.get_doc("Responsibility Finding", self.rows["draft"])
		self.assertEqual([c.amount for c in draft.charges], [100])
		body = {"charges": [{**draft.charges[0].as_dict(), "amount": 5}], "amount": 5}
		self.client(DESK).put(
			resource("Responsibility Finding", draft.name), json.loads(frappe.as_json(body))
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Finding Charge", {"parent": draft.name}, "amount"), 100)
		self.assertEqual(frappe.db.get_value("Responsibility Finding", draft.name, "amount"), 100)
		made_up = {
			"complaint": self.rows["case_draft"],
			"person": "SEC-A1",
			"liability": "Direct",
			"amount": 777,
			"charges": [
				{"receipt": "made-up", "channel": "网络", "received_on": "2024-08-08", "amount": 777}
			],
		}
		self.assertRefused(self.client(DESK).post(resource("Responsibility Finding"), made_up), 417)
		self.assertFalse(frappe.db.exists("Finding Charge", {"amount": 777}))
		violation = {
			"complaint": self.rows["case_draft"],
			"person": "SEC-A2",
			"liability": "Handling Violation",
			"violation_type": "服务态度问题",
			"accountability_period": HANDED,  # a closed period: the server picks the period itself
		}
		self.assertRefused(
			self.client(DESK).post(resource("Responsibility Finding"), {**violation, "amount": 250}), 417
		)
		recorded = self.client(DESK).post(resource("Responsibility Finding"), {**violation, "amount": 80})
		self.assertAllowed(recorded)
		self.assertEqual(
			(recorded.json["data"]["amount"], recorded.json["data"]["accountability_period"]), (80, PERIOD)
		)

	def test_14_an_appeal_is_its_appellants_whatever_the_request_says(self):
		response = self.client(STAFF).post(
			resource("Appeal"),
			{
				"responsibility_finding": self.rows["finding_SEC-A1_case_a_more"],
				"reason": "安全测试",
				"evidence": "/files/placeholder.pdf",
				"appellant": STAFF_B,
				"decision": "Upheld",
			},
		)
		self.assertAllowed(response)
		data = response.json["data"]
		self.assertEqual((data["appellant"], data["decision"]), (STAFF, "Pending"))
		self.assertRefused(self.client(STAFF_B).get(resource("Appeal", data["name"])))
		self.assertAllowed(self.client(STAFF).get(resource("Appeal", data["name"])))

	def test_15_only_an_ended_period_named_in_ascii_digits_compiles(self):
		method = "complaint_accountability.api.compile_period"
		current = period_name_of(getdate(today()), rule_settings())  # runs until at least today
		for period in ("2099-01", current, "２０２６-09", ["2024-08"], "2024-8"):
			response = self.call(COMM, method, period=period)
			self.assertRefused(response, 417)
			self.assertIn("exc_type", response.json)
		self.assertAllowed(self.call(COMM, method, period=PERIOD))

	# ---- identity

	def test_16_a_login_linked_after_compile_sees_and_appeals_at_once_and_relinking_moves_it(self):
		finding = self.rows["finding_SEC-A3_case_a"]
		self.assertEqual(self.client(NEWCOMER).list("Responsibility Finding"), [])
		# who logs in as whom is the administrator's to say: the desk's relink is not taken
		self.assertAllowed(
			self.client(DESK).put(resource("Accountable Person", "SEC-A3"), {"user": NEWCOMER})
		)
		self.assertIsNone(self.fresh("Accountable Person", "SEC-A3", "user"))
		linked = self.client(ADMIN).put(resource("Accountable Person", "SEC-A3"), {"user": NEWCOMER})
		self.assertAllowed(linked)
		self.assertEqual(self.client(NEWCOMER).list("Responsibility Finding"), [finding])
		draft = self.client(NEWCOMER).post(
			resource("Appeal"),
			{
				"responsibility_finding": finding,
				"reason": "入职前的案件",
				"evidence": "/files/placeholder.pdf",
			},
		)
		self.assertAllowed(draft)
		appeal = draft.json["data"]["name"]
		filed = self.call(
			NEWCOMER,
			"frappe.model.workflow.apply_workflow",
			doc={"doctype": "Appeal", "name": appeal},
			action=Action.FILE,
		)
		self.assertAllowed(filed)
		self.assertAllowed(
			self.client(ADMIN).put(resource("Accountable Person", "SEC-A3"), {"user": SUCCESSOR})
		)
		self.assertEqual(self.client(NEWCOMER).list("Responsibility Finding"), [])
		self.assertRefused(self.client(NEWCOMER).get(resource("Appeal", appeal)))
		self.assertEqual(self.client(SUCCESSOR).list("Responsibility Finding"), [finding])
		self.assertAllowed(self.client(SUCCESSOR).get(resource("Appeal", appeal)))

	# ---- malformed requests get a clear 4xx

	def test_17_malformed_parameters_answer_4xx_with_a_message(self):
		report = "frappe.desk.query_report.run"
		for filters in ({"period": ["2024-08"]}, {"period": PERIOD, "institution": "没有这个机构"}):
			for name in ("Penalty Assessment", "Cases by Status"):
				response = self.call(COMM, report, report_name=name, filters=filters)
				self.assertRefused(response, 417)
		for user, method, data in (
			(
				PAY,
				"complaint_accountability.payroll.api.acknowledge_entries",
				{"entries": "abc", "payroll_reference": "X"},
			),
			(
				PAY,
				"complaint_accountability.payroll.api.acknowledge_entries",
				{"entries": [], "payroll_reference": "X"},
			),
			(PAY, "complaint_accountability.payroll.api.pending_entries", {"payroll_date": "not-a-date"}),
			(PAY, "complaint_accountability.payroll.api.pending_entries", {}),
			(
				PAY,
				"complaint_accountability.payroll.api.pending_entries",
				{"payroll_date": "2024-07-31", "limit_start": "x"},
			),
			(PAY, "complaint_accountability.payroll.api.acknowledge_entries", {}),
			(
				PAY,
				"complaint_accountability.payroll.api.pending_entries",
				{"payroll_date": "2024-07-31", "period": "x"},
			),
			# the fifth review's: past the database's LIMIT, a date from year 1, an over-long reference
			(
				PAY,
				"complaint_accountability.payroll.api.pending_entries",
				{"payroll_date": "2024-07-31", "limit_start": 10**30},
			),
			(PAY, "complaint_accountability.payroll.api.pending_entries", {"payroll_date": "0001-01-01"}),
			(PAY, "complaint_accountability.payroll.api.pending_entries", {"payroll_date": "0000-00-00"}),
			(
				PAY,
				"complaint_accountability.payroll.api.acknowledge_entries",
				{"entries": [self.rows["entry_a"]], "payroll_reference": "X" * 141},
			),
		):
			response = self.call(user, method, **data)
			self.assertRefused(response, 417)
			# a message for the user, or Frappe's own check of the argument's type, naming it
			clear = (
				response.json.get("_server_messages") or response.json.get("exc_type") == "FrappeTypeError"
			)
			self.assertTrue(clear, response.text[:300])

	# ---- a tester's sweep: every list path of every ruled doctype, for each restricted user

	def test_18_every_list_path_holds_the_users_rows_only(self):
		frappe.db.rollback()  # see what earlier requests committed
		scope = {
			ICM_A: lambda row: (
				row.get("institution") in (A, A_CHILD)
				or row.get("person_institution") in (A, A_CHILD)
				or row.get("handling_institution") in (A, A_CHILD)
			),
			STAFF: lambda row: row.get("person") == "SEC-A1" or row.get("name") == "SEC-A1",
		}
		fields = {
			"Complaint": ["name", "handling_institution"],
			"Responsibility Finding": ["name", "institution", "person_institution", "person"],
			"Appeal": ["name", "institution", "person_institution", "person"],
			"Penalty Entry": ["name", "institution", "person"],
			"Period Document": ["name", "institution"],
		}
		for user, in_scope in scope.items():
			for doctype, wanted in fields.items():
				for path, data in (
					(resource(doctype), {"fields": wanted, "limit_page_length": 0}),
					(
						"/api/method/frappe.desk.reportview.get",
						{
							"doctype": doctype,
							"fields": [f"`tab{doctype}`.`{f}`" for f in wanted],
							"page_length": 500,
						},
					),
				):
					response = self.client(user).get(path, data)
					if response.status_code == 403:
						continue
					self.assertAllowed(response)
					body = response.json.get("data") or response.json.get("message") or []
					rows = (
						body
						if isinstance(body, list)
						else [dict(zip(body["keys"], v, strict=True)) for v in body["values"]]
					)
					outside = [row for row in rows if not in_scope(row)]
					self.assertEqual(outside, [], (user, doctype, path))
				for flags in ({}, {"ignore_user_permissions": 1}):
					search = self.call(
						user,
						"frappe.desk.search.search_link",
						doctype=doctype,
						txt="",
						page_length=100,
						**flags,
					)
					if search.status_code == 200:
						names = {r["value"] for r in search.json["message"]}
						readable = set(frappe.get_list(doctype, pluck="name", user=user, limit_page_length=0))
						self.assertLessEqual(names, readable, (user, doctype, flags, search.json["message"]))

	# ---- side doors of Frappe itself (the second review)

	def test_19_link_search_keeps_the_row_rule_whatever_its_flags(self):
		own, other = self.rows["finding_SEC-A1_case_a"], self.rows["finding_SEC-B1_case_b"]
		for method, extra in (
			(
				"frappe.desk.search.search_widget",
				{"as_dict": 1, "filter_fields": json.dumps(["person", "amount"])},
			),
			("frappe.desk.search.search_link", {}),
		):
			response = self.call(
				ICM_A,
				method,
				doctype="Responsibility Finding",
				txt="",
				page_length=500,
				ignore_user_permissions=1,
				**extra,
			)
			self.assertAllowed(response)
			names = {row.get("name") or row.get("value") for row in response.json["message"]}
			self.assertIn(own, names, method)  # control: the manager's own rows come back
			self.assertNotIn(other, names, method)
		logs = self.call(
			STAFF,
			"frappe.desk.search.search_widget",
			doctype="Notification Log",
			txt="",
			page_length=500,
			as_dict=1,
			ignore_user_permissions=1,
			filter_fields=json.dumps(["for_user"]),
		)
		self.assertAllowed(logs)
		self.assertEqual({row["for_user"] for row in logs.json["message"]} - {STAFF}, set())

	def test_20_a_private_file_is_never_borrowed_by_its_url(self):
		evidence_b, table_b = self.rows["evidence_b"], self.rows["table_b"]
		for user in (PAY, STAFF, ICM_A):
			self.assertRefused(self.client(user).get(evidence_b))
		profile = {"doctype": "User", "fieldname": "user_image", "value": evidence_b}
		self.assertRefused(self.call(PAY, "frappe.client.set_value", name=PAY, **profile))
		stolen = {
			"responsibility_finding": self.rows["finding_SEC-A1_case_a_more"],
			"reason": "借用他人文件",
			"evidence": table_b,
			"more_evidence": evidence_b,
		}
		self.assertRefused(self.client(STAFF).post(resource("Appeal"), stolen))
		for spelling in ("/private/files//", "/private/files/./", "/private/files/%2E/"):
			url = evidence_b.replace("/private/files/", spelling)
			self.assertRefused(self.client(STAFF).post(resource("File"), {"file_url": url, "is_private": 1}))
		mail = {
			"doctype": "Complaint",
			"name": self.rows["case_a"],
			"subject": "转发",
			"content": "转发材料",
			"recipients": ICM_A,
			"send_email": 0,
			"attachments": json.dumps([frappe.db.get_value("File", {"file_url": evidence_b})]),
		}
		self.assertRefused(self.call(ICM_A, "frappe.core.doctype.communication.email.make", **mail))
		for user in (PAY, STAFF, ICM_A):
			self.assertRefused(self.client(user).get(evidence_b))
		for user in (STAFF, ICM_A):  # payroll reads every institution's documents
			self.assertRefused(self.client(user).get(table_b))
		# control: one's own file, wherever one may put it
		own = frappe.db.get_value("Appeal", self.rows["appeal_a"], "evidence")
		self.assertAllowed(
			self.call(STAFF, "frappe.client.set_value", name=STAFF, **{**profile, "value": own})
		)

	def test_21_files_land_only_on_rows_one_may_change(self):
		appeal_b = self.rows["appeal_b"]
		planted = {
			"file_name": "sec-planted.txt",
			"content": "伪造的证据",
			"is_private": 1,
			"attached_to_doctype": "Appeal",
			"attached_to_name": appeal_b,
		}
		self.assertRefused(self.client(ICM_A).post(resource("File"), planted))
		upload = {
			"doctype": "Appeal",
			"docname": appeal_b,
			"fieldname": "more_evidence",
			"file_url": "/files/x.pdf",
		}
		self.assertRefused(self.call(ICM_A, "upload_file", **upload))
		# an appeal once filed is the committee's: its appellant adds nothing to it
		own = {**planted, "attached_to_name": self.rows["appeal_a"]}
		self.assertRefused(self.client(STAFF).post(resource("File"), own))
		self.assertAllowed(self.client(COMM).post(resource("File"), {**planted, "file_name": "sec-note.txt"}))
		frappe.db.rollback()
		self.assertEqual(
			frappe.get_all(
				"File", {"attached_to_name": ("in", [appeal_b, self.rows["appeal_a"]])}, pluck="file_name"
			).count("sec-planted.txt"),
			0,
		)

	def test_22_following_mails_no_one_anothers_rows(self):
		follow = "frappe.desk.form.document_follow.follow_document"
		notify = {"doctype": "User", "fieldname": "document_follow_notify", "value": 1}
		self.assertAllowed(self.call(COMM, "frappe.client.set_value", name=COMM, **notify))
		for user in (STAFF, ICM_A):
			self.assertAllowed(self.call(user, "frappe.client.set_value", name=user, **notify))
			self.assertEqual(self.fresh("User", user, "document_follow_notify"), 0)
		self.assertAllowed(
			self.call(ICM_A, follow, doctype="Complaint", doc_name=self.rows["case_b"], user=ICM_A)
		)
		finding_b = {"doctype": "Responsibility Finding", "doc_name": self.rows["finding_SEC-B1_case_b"]}
		self.assertRefused(self.call(STAFF, follow, **finding_b, user=COMM))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Document Follow", {"user": ("in", [STAFF, ICM_A])}), 0)
		# control: the committee follows what it reads, for itself
		self.assertAllowed(self.call(COMM, follow, **finding_b, user=COMM))
		self.assertEqual(
			self.fresh("Document Follow", {"user": COMM, "ref_docname": finding_b["doc_name"]}, "user"), COMM
		)

	def test_23_a_share_gives_no_right_a_role_lacks(self):
		case_a = self.rows["case_a"]
		share = {"doctype": "Complaint", "name": case_a}
		self.assertRefused(self.call(ICM_A, "frappe.share.add", **share, user=PAY, read=1))
		self.assertRefused(self.client(PAY).get(resource("Complaint", case_a)))
		person = {"doctype": "Accountable Person", "name": "SEC-A1", "user": STAFF}
		self.assertRefused(self.call(DESK, "frappe.share.add", **person, read=1, write=1))
		self.assertRefused(
			self.client(STAFF).put(resource("Accountable Person", "SEC-A1"), {"institution": B})
		)
		# control: rights the recipient's roles hold
		self.assertAllowed(self.call(ICM_A, "frappe.share.add", **share, user=DESK, read=1, write=1))

	def test_24_no_confirmation_inside_the_appeal_window(self):
		finding = self.rows["finding_SEC-A1_case_a_more"]
		confirm = {"doc": {"doctype": "Responsibility Finding", "name": finding}, "action": "Confirm"}
		response = self.call(COMM, "frappe.model.workflow.apply_workflow", **confirm)
		self.assertRefused(response, 417)
		self.assertEqual(response.json["exc_type"], "AppealWindowStillOpen")
		self.assertEqual(self.fresh("Responsibility Finding", finding, "workflow_state"), "Final")

	def test_25_a_branch_wide_role_sees_no_row_its_doctype_refuses(self):
		prepared = "frappe.core.doctype.prepared_report.prepared_report.make_prepared_report"
		window = json.dumps({"from_date": "2024-07-01", "to_date": "2024-08-31"})
		self.assertRefused(self.call(PAY, prepared, report_name="Complaint Indicators", filters=window))
		self.assertRefused(self.client(ADMIN).get(resource("Customer Contact", self.rows["case_a"])))
		self.assertRefused(
			self.call(ADMIN, "complaint_accountability.payroll.api.pending_entries", payroll_date=today())
		)
		# control
		self.assertAllowed(self.call(COMM, prepared, report_name="Complaint Indicators", filters=window))
		self.assertAllowed(self.client(DESK).get(resource("Customer Contact", self.rows["case_a"])))

	def test_26_a_draft_appeal_is_its_appellants_alone(self):
		forged = {
			"responsibility_finding": self.rows["finding_SEC-A1_case_a_more"],
			"reason": "有无责证据",
			"evidence": "/files/placeholder.pdf",
			"decision_note": "领导小组：同意撤销",
		}
		draft = self.client(STAFF).post(resource("Appeal"), forged)
		self.assertAllowed(draft)
		name = draft.json["data"]["name"]
		self.assertFalse(self.fresh("Appeal", name, "decision_note"))
		actions = {"filters": [["reference_name", "=", name]], "fields": ["name"]}
		self.assertEqual(self.client(STAFF_B).get(resource("Workflow Action"), actions).json["data"], [])
		self.assertNotEqual(self.client(STAFF).get(resource("Workflow Action"), actions).json["data"], [])

	def test_27_names_tags_and_likes_of_unreadable_rows(self):
		case_a, case_b = self.rows["case_a"], self.rows["case_b"]
		link = "frappe.client.validate_link"
		self.assertEqual(self.call(ICM_A, link, doctype="Complaint", docname=case_b).json["message"], {})
		self.assertEqual(
			self.call(ICM_A, link, doctype="Complaint", docname=case_a).json["message"]["name"], case_a
		)
		self.assertRefused(
			self.call(ICM_A, "frappe.desk.doctype.tag.tag.add_tag", tag="x", dt="Complaint", dn=case_b)
		)
		self.assertRefused(
			self.call(ICM_A, "frappe.desk.like.toggle_like", doctype="Complaint", name=case_b, add="Yes")
		)
		self.assertAllowed(
			self.call(ICM_A, "frappe.desk.like.toggle_like", doctype="Complaint", name=case_a, add="Yes")
		)

	# ---- third review: files taken off or re-pointed, dashboard charts

	def test_28_a_filed_appeals_files_are_taken_off_by_the_committee_alone(self):
		appeal = self.rows["appeal_a"]
		evidence = frappe.db.get_value("File", {"attached_to_name": appeal, "attached_to_field": "evidence"})
		self.assertTrue(evidence)
		self.assertRefused(self.client(STAFF).delete(resource("File", evidence)))  # its uploader
		remove = {"doctype": "Appeal", "name": appeal, "fid": evidence}
		self.assertRefused(self.call(ICM_A, "frappe.desk.form.utils.remove_attach", **remove))
		self.assertTrue(self.fresh("File", evidence, "name"))
		# control: the committee's own note on the appeal, taken off again by the committee
		note = self.client(COMM).post(
			resource("File"),
			{
				"file_name": "sec-committee-note.txt",
				"content": "委员会意见",
				"is_private": 1,
				"attached_to_doctype": "Appeal",
				"attached_to_name": appeal,
			},
		)
		self.assertAllowed(note)
		self.assertIn(
			self.client(COMM).delete(resource("File", note.json["data"]["name"])).status_code, (200, 202)
		)
		self.assertIsNone(self.fresh("File", note.json["data"]["name"], "name"))

	def test_29_a_stored_file_record_is_never_re_pointed_or_made_public(self):
		evidence = frappe.db.get_value(
			"File", {"attached_to_name": self.rows["appeal_a"], "attached_to_field": "evidence"}
		)
		own = resource("File", evidence)
		self.assertRefused(self.client(STAFF).put(own, {"file_url": self.rows["evidence_b"]}))
		self.assertRefused(self.client(STAFF).put(own, {"file_url": self.rows["table_b"]}))
		self.assertRefused(self.client(STAFF).put(own, {"is_private": 0}))
		self.assertRefused(self.client(STAFF).put(own, {"attached_to_name": self.rows["appeal_b"]}))
		stored = frappe.db.get_value("File", evidence, ["file_url", "is_private", "attached_to_name"])
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("File", evidence, ["file_url", "is_private", "attached_to_name"]), stored
		)
		self.assertRefused(self.client(STAFF).get(self.rows["evidence_b"]))
		# control: a detail of one's own record that moves nothing
		self.assertAllowed(self.client(STAFF).put(own, {"file_name": "evidence-renamed.pdf"}))

	def test_30_dashboard_charts_answer_with_the_readers_rows_only(self):
		chart = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
		heatmap = {
			"name": "sec-heatmap",
			"chart_type": "Sum",
			"type": "Heatmap",
			"document_type": "Customer Contact",
			"based_on": "creation",
			"value_based_on": "customer_phone",
			"heatmap_year": getdate().year,
		}
		for user in (ICM_A, STAFF, PAY, ADMIN):
			self.assertRefused(self.call(user, chart, chart=json.dumps(heatmap), no_cache=1))
		findings = {**heatmap, "document_type": "Responsibility Finding", "value_based_on": "amount"}
		findings["filters_json"] = json.dumps(
			[["Responsibility Finding", "accountability_period", "=", PERIOD]]
		)
		total = {
			user: sum(
				self.call(user, chart, chart=json.dumps(findings), no_cache=1)
				.json["message"]["dataPoints"]
				.values()
			)
			for user in (COMM, STAFF)
		}
		own = frappe.get_all(
			"Responsibility Finding",
			{"accountability_period": PERIOD, "person": "SEC-A1", "docstatus": ("<", 2)},
			pluck="amount",
		)
		self.assertEqual(total[STAFF], sum(own))
		self.assertGreater(total[COMM], total[STAFF])
		# a saved chart: the committee's figures are not served to the next reader from a shared cache
		saved = {"chart_name": "Penalties by Institution", "refresh": 1}
		self.assertIn(B, self.call(COMM, chart, **saved).json["message"]["labels"])
		labels = self.call(ICM_A, chart, chart_name="Penalties by Institution").json["message"]["labels"]
		self.assertIn(A, labels)
		self.assertNotIn(B, labels)

	def test_31_titles_state_counts_tags_follows_comments_and_emails_of_unreadable_rows(self):
		title = "frappe.desk.search.get_link_title"
		self.assertEqual(
			self.call(STAFF, title, doctype="Accountable Person", docname="SEC-B1").json["message"], "SEC-B1"
		)
		self.assertEqual(
			self.call(STAFF, title, doctype="Accountable Person", docname="SEC-A1").json["message"],
			"安全甲员工",
		)
		counts = "frappe.workflow.doctype.workflow.workflow.get_workflow_state_count"
		args = {"doctype": "Responsibility Finding", "workflow_state_field": "workflow_state", "states": "[]"}
		counted = {
			user: sum(row["count"] for row in self.call(user, counts, **args).json["message"])
			for user in (ICM_A, COMM)
		}
		self.assertEqual(counted[ICM_A], len(self.client(ICM_A).list("Responsibility Finding")))
		self.assertGreater(counted[COMM], counted[ICM_A])
		case_a, case_b = self.rows["case_a"], self.rows["case_b"]
		for case in (case_a, case_b):
			frappe.db.set_value("Complaint", case, "_user_tags", ",sec-tag", update_modified=False)
		frappe.db.commit()
		tagged = self.call(
			ICM_A, "frappe.desk.doctype.tag.tag.get_tagged_docs", doctype="Complaint", tag="%sec-tag%"
		)
		self.assertEqual([row[0] for row in tagged.json["message"]], [case_a])
		follows = "frappe.desk.form.document_follow.get_follow_users"
		self.assertRefused(self.call(ICM_A, follows, doctype="Complaint", doc_name=case_b))
		self.assertAllowed(self.call(ICM_A, follows, doctype="Complaint", doc_name=case_a))
		comment = "frappe.templates.includes.comments.comments.add_comment"
		said = {"comment": "外部评论", "comment_email": ICM_A, "comment_by": "委员会", "route": ""}
		self.assertRefused(
			self.call(ICM_A, comment, reference_doctype="Complaint", reference_name=case_b, **said)
		)
		# control: on a row of one's own the comment passes; v15 then mails the row's owner, which
		# needs an outgoing account this site may lack
		control = self.call(ICM_A, comment, reference_doctype="Complaint", reference_name=case_a, **said)
		if control.status_code != 200:
			self.assertEqual(control.json.get("exc_type"), "OutgoingEmailError", control.get_data()[:400])
		email = email_about(case_b, "乙公司来函", "乙公司客户来函")
		frappe.db.commit()
		try:
			moved = {"name": email.name, "reference_doctype": "Complaint", "reference_name": case_a}
			self.assertRefused(self.call(ICM_A, "frappe.email.relink", **moved))
			self.assertEqual(self.fresh("Communication", email.name, "reference_name"), case_b)
		finally:
			frappe.db.delete("Communication", {"name": email.name})
			frappe.db.delete(
				"Comment", {"reference_name": ("in", [case_a, case_b]), "content": ("like", "%外部评论%")}
			)
			frappe.db.commit()

	def test_32_the_forms_next_arrow_compares_with_readable_rows_only(self):
		"""v15's get_next read the sort field of any row and compared one's own rows with it: with a
		summary one may write, an oracle of another institution's summary, character by character."""
		case_a, case_b = self.rows["case_a"], self.rows["case_b"]
		arrow = "frappe.desk.form.utils.get_next"
		probe = {"doctype": "Complaint", "prev": 0, "sort_field": "summary"}
		probe["filters"] = json.dumps([["Complaint", "name", "=", case_a]])
		self.assertRefused(self.call(ICM_A, arrow, value=case_b, **probe))
		self.assertAllowed(self.call(ICM_A, arrow, value=case_a, doctype="Complaint", prev=0))

	def test_33_a_documents_lock_is_released_only_by_one_who_may_change_it(self):
		case_a, case_b = self.rows["case_a"], self.rows["case_b"]
		unlock = "frappe.model.document.unlock_document"
		self.assertRefused(self.call(ICM_A, unlock, doctype="Complaint", name=case_b))
		self.assertRefused(self.call(STAFF, unlock, doctype="Complaint", name=case_a))
		self.assertAllowed(self.call(ICM_A, unlock, doctype="Complaint", name=case_a))

	def test_34_the_website_like_button_tells_no_one_which_rows_exist(self):
		"""v15 answered a guest 404 for a name that does not exist and 500 for one that does."""
		like = "/api/method/frappe.templates.includes.likes.likes.like"
		entry = self.rows["entry_b"]
		guest = get_test_client(use_cookies=False)
		for name in (entry, "PE-NO-SUCH-ENTRY"):
			with patch("frappe.app.get_site_name", return_value=frappe.local.site):
				answer = guest.post(
					like, json={"reference_doctype": "Penalty Entry", "reference_name": name, "like": 1}
				)
			self.assertRefused(answer)
		liked = {"reference_doctype": "Penalty Entry", "like": 1}
		self.assertRefused(self.call(STAFF, like.removeprefix("/api/method/"), reference_name=entry, **liked))
		# control: one's own entry is readable, and is told plainly that it keeps no likes
		own = self.call(
			STAFF, like.removeprefix("/api/method/"), reference_name=self.rows["entry_a"], **liked
		)
		self.assertRefused(own, 417)
		self.assertIn("_server_messages", own.json)

	def test_35_an_emails_private_attachment_is_listed_only_to_readers_of_its_row(self):
		email = email_about(self.rows["case_b"], "乙公司客户病历", "附件为客户病历")
		attachment = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "sec-b-medical.txt",
				"content": "乙公司客户病历",
				"is_private": 1,
				"attached_to_doctype": "Communication",
				"attached_to_name": email.name,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("File", attachment.name, "owner", ICM_B, update_modified=False)
		frappe.db.commit()
		try:
			self.assertNotIn(attachment.name, self.client(ICM_A).list("File", is_private=1))
			self.assertNotIn(attachment.name, self.client(STAFF).list("File", is_private=1))
			for reader in (ICM_B, COMM):  # its uploader; one who reads the complaint
				self.assertIn(attachment.name, self.client(reader).list("File", is_private=1))
		finally:
			frappe.set_user("Administrator")
			frappe.delete_doc("File", attachment.name, ignore_permissions=True)
			frappe.db.delete("Communication", {"name": email.name})
			frappe.db.commit()

	def test_36_a_notification_is_its_persons_to_open_and_to_mark_read(self):
		note = frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": STAFF_B,
				"type": "Alert",
				"subject": "责任认定已作出最终判定",
				"email_content": "安全乙员工:扣款金额 ¥ 100.00",
				"document_type": "Responsibility Finding",
				"document_name": self.rows["finding_SEC-B1_case_b"],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		try:
			path = resource("Notification Log", note.name)
			mark = "frappe.desk.doctype.notification_log.notification_log.mark_as_read"
			for user in (STAFF, PAY, ICM_A):
				self.assertRefused(self.client(user).get(path))
				self.assertRefused(self.call(user, mark, docname=note.name))
			self.assertEqual(self.fresh("Notification Log", note.name, "read"), 0)
			# control: its person opens it and marks it read
			self.assertAllowed(self.client(STAFF_B).get(path))
			self.assertAllowed(self.call(STAFF_B, mark, docname=note.name))
			self.assertEqual(self.fresh("Notification Log", note.name, "read"), 1)
		finally:
			frappe.db.delete("Notification Log", {"name": note.name})
			frappe.db.commit()

	def test_37_report_and_chart_filters_of_the_wrong_shape_answer_4xx(self):
		run = "frappe.desk.query_report.run"
		for user, data in (
			(
				ICM_A,
				{"report_name": "Penalty Assessment", "filters": {"period": PERIOD, "liability": {"a": 1}}},
			),
			(
				COMM,
				{
					"report_name": "Complaint Indicators",
					"filters": {"from_date": "0001-01-01", "to_date": "0001-03-31"},
				},
			),
		):
			self.assertRefused(self.call(user, run, **data), 417)
		sources = "complaint_accountability.complaint_accountability.dashboard_chart_source"
		for method, filters in (
			("receipts_by_channel.receipts_by_channel.get", {"period": ["2024-08"]}),
			("receipts_by_channel.receipts_by_channel.get", [1, 2]),
			("exemption_and_appeal_rates.exemption_and_appeal_rates.get", {"periods": -1}),
			("exemption_and_appeal_rates.exemption_and_appeal_rates.get", "notjson{"),
		):
			payload = filters if isinstance(filters, str) else json.dumps(filters)
			self.assertRefused(self.call(COMM, f"{sources}.{method}", filters=payload), 417)
		# control: staff run the assessment by finding, as it opens, and see their own lines only
		own = self.call(
			STAFF, run, report_name="Penalty Assessment", filters={"period": PERIOD, "view": "Finding"}
		)
		self.assertAllowed(own)
		names = {row.get("full_name") for row in own.json["message"]["result"] if isinstance(row, dict)}
		self.assertEqual(names - {None, ""}, {"安全甲员工"})

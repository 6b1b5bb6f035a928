"""The period's PDFs on a real site: assessment tables and notices with their Chinese text and 文号."""

import subprocess

import frappe

from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.cycle.confirm import confirm_unappealed
from complaint_accountability.cycle.period_documents import (
	DocumentsNotReady,
	issue_notices,
	send_assessment_tables,
)
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	finalize,
	findings_of,
	make_complaint,
	make_institution,
	make_person,
	make_user,
)

MANAGER = "docs-manager@example.com"
COMMITTEE = "docs-committee@example.com"


def pdf_text(file_url: str) -> str:
	path = frappe.get_doc("File", {"file_url": file_url}).get_full_path()
	return subprocess.run(
		["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
	).stdout


def document(period: str, kind: str):
	return frappe.get_doc("Period Document", {"accountability_period": period, "kind": kind})


class TestPeriodDocuments(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(MANAGER, "Institution Complaint Manager")
		make_user(COMMITTEE, "Accountability Committee")
		make_institution("文件测试分公司")
		make_institution("文件测试城南支公司", "文件测试分公司", manager=MANAGER)
		make_person("DOC-1", "赵文书", "文件测试城南支公司")
		make_person("DOC-2", "钱经理", "文件测试城南支公司")
		frappe.db.set_single_value(
			"Complaint Accountability Settings",
			{
				"document_prefix": "测分客服",
				"issuing_organ": "测试财产保险股份有限公司测试分公司",
				"hr_recipients": "hr@example.com",
				"finance_recipients": "finance@example.com",
			},
		)
		frappe.clear_cache(doctype="Complaint Accountability Settings")
		if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": "文件测试发件",
					"email_id": "docs@example.com",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "localhost",
					"smtp_port": 25,
					"no_smtp_authentication": 1,
					"awaiting_password": 0,
				}
			).insert(ignore_permissions=True)
		case = make_complaint(
			[("2025-04-22", "客服热线"), ("2025-05-10", "监管局")],
			"Satisfied",
			institution="文件测试城南支公司",
			persons=[("DOC-1", "Direct"), ("DOC-2", "Management")],
		)
		cls.case = case.name
		compile_period("2025-05")

	def test_tables_wait_for_final_determination_then_go_out_once(self):
		self.assertRaises(DocumentsNotReady, send_assessment_tables, "2025-05")
		for row in findings_of(self.case):
			finalize(row.name)
		emails = frappe.db.count("Email Queue")
		self.assertEqual(send_assessment_tables("2025-05")["sent"], 1)
		self.assertEqual(send_assessment_tables("2025-05")["sent"], 0)
		self.assertEqual(frappe.db.count("Email Queue"), emails + 1)
		table = document("2025-05", "Assessment Table")
		self.assertEqual(table.delivery_status, "Queued")
		text = pdf_text(table.file)
		for expected in (
			"处罚考核表",
			"文件测试城南支公司",
			"赵文书",
			"钱经理",
			"600.00",
			"350.00",
			"玖佰伍拾元整",
		):
			self.assertIn(expected, text)

		with self.freeze_time("2025-05-26 12:00:00"):
			self.assertRaises(DocumentsNotReady, issue_notices, "2025-05")
		with self.freeze_time("2025-05-27 09:00:00"):
			confirm_unappealed("2025-05")
			self.assertEqual(issue_notices("2025-05")["made"], 1)
			self.assertEqual(issue_notices("2025-05")["made"], 0)
		period = frappe.get_doc("Accountability Period", "2025-05")
		self.assertEqual(period.status, "Notified")
		row = document("2025-05", "Notice")
		self.assertRegex(row.document_number, r"^测分客服〔2025〕\d+号$")
		text = pdf_text(row.file)
		for expected in (
			"测试财产保险股份有限公司测试分公司",
			row.document_number,
			"文件测试城南支公司",
			"抄送",
			"人力资源部",
			"计划财务部",
			"赵文书",
			"玖佰伍拾元整",
			"2025年5月27日",
		):
			self.assertIn(expected, text.replace(" ", ""))
		html = frappe.get_print("Accountability Period", "2025-05", "Accountability Notice")
		for expected in (row.document_number, "文件测试城南支公司", "抄送", "赵文书"):
			self.assertIn(expected, html)
		self.assertIn(
			"处罚考核表", frappe.get_print("Accountability Period", "2025-05", "Penalty Assessment Table")
		)
		queued = frappe.get_all(
			"Email Queue",
			filters={
				"reference_doctype": "Period Document",
				"reference_name": ("in", [table.name, row.name]),
			},
			pluck="name",
		)
		recipients = {
			r.recipient
			for r in frappe.get_all(
				"Email Queue Recipient", filters={"parent": ("in", queued)}, fields=["recipient"]
			)
		}
		self.assertTrue({MANAGER, "hr@example.com", "finance@example.com"} <= recipients)

	def test_a_moved_deadline_remakes_the_tables_already_made(self):
		"""The committee moves the deadline after the tables went out: each is made again in place with
		the new date (the old PDF's File removed by the app, though nobody may remove files from a
		Period Document by hand) and queued again."""
		case = make_complaint(
			[("2025-06-10", "客服热线")], institution="文件测试城南支公司", persons=[("DOC-1", "Direct")]
		)
		compile_period("2025-06")
		for row in findings_of(case.name):
			finalize(row.name)
		send_assessment_tables("2025-06")
		table = document("2025-06", "Assessment Table")
		old = frappe.db.get_value("File", {"file_url": table.file, "attached_to_name": table.name})
		self.assertIn("2025年6月26日", pdf_text(table.file).replace(" ", ""))
		with self.freeze_time("2025-06-22 10:00:00"), self.set_user(COMMITTEE):
			period = frappe.get_doc("Accountability Period", "2025-06")
			period.appeal_deadline = "2025-06-30"
			period.save()
		remade = document("2025-06", "Assessment Table")
		self.assertNotEqual(remade.file, table.file)
		self.assertFalse(frappe.db.exists("File", old))
		text = pdf_text(remade.file).replace(" ", "")
		self.assertIn("2025年6月30日", text)
		self.assertNotIn("2025年6月26日", text)
		self.assertEqual(
			set(frappe.get_all("Responsibility Finding", {"complaint": case.name}, pluck="appeal_deadline")),
			{frappe.utils.getdate("2025-06-30")},
		)

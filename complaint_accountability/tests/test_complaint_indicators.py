"""Complaint indicators on a real site: the worked example of tests/test_indicators.py (layer 1) entered
as complaints and business volumes and read back through the report Complaint Indicators, over HTTP
with each role's token (an institution's complaint manager sees their subtree only), and in the
quarterly 投诉情况分析报告 PDF, whose text is read back.

What the requests see is committed in setUpClass and removed in tearDownClass (tests/rest.py).
"""

from decimal import Decimal
from io import BytesIO

import frappe
from pypdf import PdfReader

from complaint_accountability.complaint_accountability.doctype.remediation.remediation import (
	RemediationNotAllowed,
	make_from_indicators,
)
from complaint_accountability.complaint_accountability.report.complaint_indicators.complaint_indicators import (
	execute,
)
from complaint_accountability.configuration import settings
from complaint_accountability.tests.rest import TokenClient
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	make_business_volume,
	make_complaint,
	make_institution_tree,
	make_user,
)
from complaint_accountability.vocabulary import DocType

BRANCH, A, A1, B = "指标测试分公司", "指标测试城东支公司", "指标测试城东营业部", "指标测试城西支公司"
TREE = (BRANCH, A, A1, B)
COMMITTEE = "ind-committee@example.com"
MANAGER_A = "ind-icm-a@example.com"
MANAGER_B = "ind-icm-b@example.com"
STAFF = "ind-staff@example.com"
Q4 = {"from_date": "2025-10-01", "to_date": "2025-12-31"}
REPORT = "/api/method/frappe.desk.query_report.run"
D = Decimal

# The worked example (tests/test_indicators.py): volumes, then complaints as
# (receipts, institution or None when never transferred, decided_on, dispute type, business line).
VOLUMES = (
	(A, "2025-10-01", "2025-12-31", "150000000.00", 30000),
	(A, "2025-07-01", "2025-09-30", "100000000.00", 25000),
	(A1, "2025-09-01", "2025-11-30", "91000000.00", 9100),  # straddles Q3 and Q4
	(B, "2025-10-01", "2025-12-31", "50000000.00", 20000),
	(B, "2025-07-01", "2025-09-30", "50000000.00", 20000),
)
COMPLAINTS = (
	([("2025-10-05", "客服热线"), ("2025-11-10", "监管局")], A, "2025-11-20", "理赔纠纷", "指标测试车险"),
	([("2025-12-01", "网络")], A1, "2025-12-10", "理赔纠纷", "指标测试车险"),
	([("2025-10-20", "国家金融监督管理总局")], B, "2025-10-25", "销售纠纷", None),
	([("2025-11-03", "客服热线")], None, "2025-11-05", None, "指标测试车险"),  # never transferred
	([("2025-09-30", "客服热线")], A, None, None, None),  # the quarter before
	([("2024-11-15", "网络")], A1, None, None, None),  # a year earlier
)


def remove_records() -> None:
	frappe.set_user("Administrator")
	names = frappe.get_all(
		DocType.COMPLAINT, filters={"customer_name": ("like", "指标测试%")}, pluck="name"
	) or [""]
	for child in ("Complaint Receipt", "Complaint Responsible Person"):
		frappe.db.delete(child, {"parent": ("in", names)})
	frappe.db.delete(DocType.COMPLAINT, {"name": ("in", names)})
	frappe.db.delete(DocType.BUSINESS_VOLUME, {"institution": ("in", TREE)})
	remediations = frappe.get_all(DocType.REMEDIATION, {"institution": ("in", TREE)}, pluck="name") or [""]
	frappe.db.delete(DocType.REMEDIATION_COMPLAINT, {"parent": ("in", remediations)})
	frappe.db.delete(DocType.REMEDIATION, {"name": ("in", remediations)})
	for report in frappe.get_all(DocType.ANALYSIS_REPORT, {"quarter": "2025-Q4"}, pluck="name"):
		attached = {"attached_to_doctype": DocType.ANALYSIS_REPORT, "attached_to_name": report}
		for file in frappe.get_all("File", attached, pluck="name"):
			frappe.delete_doc("File", file, ignore_permissions=True)  # and the PDF on disk
		frappe.db.delete("Comment", {"reference_doctype": DocType.ANALYSIS_REPORT, "reference_name": report})
		frappe.db.delete(DocType.ANALYSIS_REPORT, {"name": report})
	frappe.db.commit()


def restore_setting(fieldname: str, value) -> None:
	frappe.db.set_single_value(DocType.SETTINGS, fieldname, value)
	frappe.db.commit()


class TestComplaintIndicators(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_records()  # left by an earlier run that died before its cleanup
		cls.addClassCleanup(remove_records)  # after the class's rollback: what it committed
		make_user(COMMITTEE, "Accountability Committee")
		make_user(MANAGER_A, "Institution Complaint Manager")
		make_user(MANAGER_B, "Institution Complaint Manager")
		make_user(STAFF, "Accountable Staff")
		make_institution_tree(BRANCH, A, A1, B, manager_a=MANAGER_A, manager_b=MANAGER_B)
		cls.addClassCleanup(restore_setting, "branch_institution", settings().branch_institution)
		frappe.db.set_single_value(DocType.SETTINGS, "branch_institution", BRANCH)
		if not frappe.db.exists(DocType.BUSINESS_LINE, "指标测试车险"):
			frappe.get_doc({"doctype": DocType.BUSINESS_LINE, "business_line_name": "指标测试车险"}).insert()
		for institution, start, end, premium, policies in VOLUMES:
			make_business_volume(institution, start, end, premium, policies).insert()
		cls.complaints = []
		for index, (receipts, institution, decided_on, dispute, line) in enumerate(COMPLAINTS):
			cls.complaints.append(
				make_complaint(
					receipts,
					"Unresolved",
					institution,
					transferred=int(institution is not None),
					customer=f"指标测试客户{index}",
					decided_on=decided_on,
					dispute_type=dispute,
					business_line=line,
				).name
			)
		cls.clients = {user: TokenClient(user) for user in (COMMITTEE, MANAGER_A, MANAGER_B, STAFF)}
		frappe.db.commit()  # the REST requests run on their own connections

	def rows(self, user: str = COMMITTEE, **filters) -> dict:
		with self.set_user(user):
			_columns, data, *_rest = execute({**Q4, **filters})
		return {row["key"] if not row["is_total"] else "total": row for row in data}

	# ---- the figures, through the report

	def test_the_worked_example_by_institution(self):
		rows = self.rows()
		a, a1, b, branch = rows[A], rows[A1], rows[B], rows[BRANCH]
		self.assertEqual((a["receipts"], a["regulator_receipts"]), (3, 1))
		self.assertEqual((a["premium"], a["policies"]), (D("211000000.00"), D("36100")))
		self.assertEqual((a["per_100m_premium"], a["per_10k_policies"]), (D("1.42"), D("0.83")))
		self.assertEqual((a1["premium"], a1["policies"]), (D("61000000.00"), D("6100")))  # 61 of 91 days
		self.assertEqual((a1["per_100m_premium"], a1["per_10k_policies"]), (D("1.64"), D("1.64")))
		self.assertEqual((b["per_100m_premium"], b["per_10k_policies"]), (D("2.00"), D("0.50")))
		# the never-transferred receipt counts at the branch, with everything under it
		self.assertEqual((branch["receipts"], branch["regulator_receipts"]), (5, 2))
		self.assertEqual((branch["per_100m_premium"], branch["per_10k_policies"]), (D("1.92"), D("0.89")))
		self.assertEqual((a["overdue_share"], branch["overdue_share"], b["overdue_share"]), (50, 25, 0))
		self.assertEqual((a["indent"], a1["indent"], a1["parent_group"]), (1, 2, A))

	def test_the_worked_example_against_the_quarter_before_and_a_year_earlier(self):
		rows = self.rows()
		self.assertEqual(rows[A]["per_100m_premium_previous"], D("0.77"))
		# 1 receipt over A's 25,000 policies and 30 of A1's 91 days of 9,100 in Q3: 1 / 28,000 × 10,000
		self.assertEqual(rows[A]["per_10k_policies_previous"], D("0.36"))
		self.assertEqual(rows[A]["per_100m_premium_change_previous"], D("84.83"))
		self.assertEqual(rows[BRANCH]["per_100m_premium_change_previous"], D("244.83"))
		self.assertEqual(rows[A]["receipts_change_year"], D("200.00"))
		self.assertEqual(rows[BRANCH]["receipts_change_year"], D("400.00"))
		self.assertIsNone(rows[B]["receipts_change_year"])  # nothing a year earlier: empty, not an error
		self.assertIsNone(rows[B]["per_100m_premium_change_previous"])
		# 亿元保费投诉量 rose everywhere (A1 and B had 0.00 the quarter before): the committee may act on each
		self.assertEqual({rows[k]["can_open_remediation"] for k in (A, A1, B, BRANCH)}, {1})

	def test_other_groupings(self):
		disputes = self.rows(group_by="Dispute Type")
		self.assertEqual(disputes["理赔纠纷"]["receipts"], 3)
		self.assertEqual(disputes["销售纠纷"]["regulator_receipts"], 1)
		self.assertIsNone(disputes["理赔纠纷"]["per_100m_premium"])  # volume is per institution only
		self.assertEqual(disputes["理赔纠纷"]["overdue_share"], 50)
		channels = self.rows(group_by="Channel")
		self.assertEqual(channels["监管局"]["regulator_receipts"], 1)
		self.assertEqual(channels["客服热线"]["receipts"], 2)
		self.assertEqual(channels["客服热线"]["receipts_previous"], 1)
		lines = self.rows(user=MANAGER_A, group_by="Business Line")
		self.assertEqual(lines["指标测试车险"]["receipts"], 3)  # the branch's own receipt is not theirs
		self.assertEqual(lines["total"]["per_100m_premium"], D("1.42"))  # their volume, their receipts

	def test_bad_filters_answer_a_clear_message(self):
		for filters, words in (
			({}, "start date"),
			({"from_date": "2025-12-31", "to_date": "2025-10-01"}, "after"),
			({**Q4, "group_by": "Weather"}, "Weather"),
			({"from_date": ["2025-10-01"], "to_date": "2025-12-31"}, "not a date"),
		):
			response = self.clients[COMMITTEE].post(
				REPORT, {"report_name": "Complaint Indicators", "filters": filters}
			)
			self.assertEqual(response.status_code, 417, response.text[:300])
			self.assertIn(words, response.text)

	# ---- row rules, over HTTP with each user's token

	def report_over_http(self, user: str, **filters) -> dict:
		response = self.clients[user].post(
			REPORT, {"report_name": "Complaint Indicators", "filters": {**Q4, **filters}}
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		return {
			row["key"] if not row["is_total"] else "total": row for row in response.json["message"]["result"]
		}

	def test_a_manager_sees_their_subtree_only(self):
		mine = self.report_over_http(MANAGER_A)
		self.assertEqual(set(mine), {A, A1, "total"})
		self.assertEqual((mine["total"]["receipts"], mine[A]["receipts"]), (3, 3))
		self.assertEqual(mine[A]["per_100m_premium"], 1.42)
		self.assertFalse(mine[A]["can_open_remediation"])  # the leading group opens remediations
		other = self.report_over_http(MANAGER_B, group_by="Channel")
		self.assertEqual(
			{k: r["receipts"] for k, r in other.items()}, {"国家金融监督管理总局": 1, "total": 1}
		)
		everything = self.report_over_http(COMMITTEE)
		self.assertLessEqual(set(TREE), set(everything))
		self.assertEqual(everything[BRANCH]["receipts"], 5)

	def test_staff_cannot_run_the_report_or_read_volumes(self):
		response = self.clients[STAFF].post(REPORT, {"report_name": "Complaint Indicators", "filters": Q4})
		self.assertEqual(response.status_code, 403, response.text[:300])
		self.assertEqual(self.clients[STAFF].get(f"/api/resource/{DocType.BUSINESS_VOLUME}").status_code, 403)
		volumes = self.clients[MANAGER_B].get(
			f"/api/resource/{DocType.BUSINESS_VOLUME}", {"fields": ["institution"], "limit_page_length": 0}
		)
		self.assertEqual({r["institution"] for r in volumes.json["data"]}, {B})

	# ---- a remediation for an institution whose 亿元保费投诉量 rose

	def test_the_committee_opens_a_remediation_from_the_report_row(self):
		with self.set_user(COMMITTEE):
			doc = make_from_indicators(A, Q4["from_date"], Q4["to_date"])
		self.assertEqual((doc.institution, doc.source), (A, "Complaint Indicators"))
		self.assertIn("1.42", doc.background)
		self.assertIn("84.83", doc.background)
		with self.set_user(MANAGER_A), self.assertRaises(RemediationNotAllowed):
			make_from_indicators(A, Q4["from_date"], Q4["to_date"])

	# ---- the quarterly analysis report

	def test_the_quarterly_pdf_is_the_committees_and_says_the_figures(self):
		with self.set_user(COMMITTEE):
			record = frappe.get_doc({"doctype": DocType.ANALYSIS_REPORT, "quarter": "2025-Q4"}).insert()
		frappe.db.commit()
		generate = (
			"/api/method/complaint_accountability.complaint_accountability.doctype."
			"complaint_analysis_report.complaint_analysis_report.generate"
		)
		refused = self.clients[MANAGER_A].post(generate, {"name": record.name})
		self.assertEqual(refused.status_code, 403, refused.text[:300])
		made = self.clients[COMMITTEE].post(generate, {"name": record.name})
		self.assertEqual(made.status_code, 200, made.text[:300])
		frappe.db.rollback()
		url = frappe.db.get_value(DocType.ANALYSIS_REPORT, record.name, "file")
		self.assertTrue(url.startswith("/private/files/"), url)
		self.assertEqual(
			frappe.db.get_value(DocType.ANALYSIS_REPORT, record.name, "receipts"), 5 + self.others()
		)
		pdf = self.clients[COMMITTEE].get(url)
		self.assertEqual(pdf.status_code, 200)
		text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.data)).pages).replace(" ", "")
		for expected in ("2025年第四季度投诉情况分析报告", A, A1, B, "1.42", "+84.83%", "1.64", "理赔纠纷"):
			self.assertIn(expected, text)
		# the branch-wide figures are not an institution manager's
		self.assertEqual(self.clients[MANAGER_A].get(url).status_code, 403)
		listed = self.clients[MANAGER_A].get(f"/api/resource/{DocType.ANALYSIS_REPORT}")
		self.assertEqual(listed.status_code, 403)
		again = self.clients[COMMITTEE].post(generate, {"name": record.name})
		self.assertEqual(again.status_code, 200)
		frappe.db.rollback()
		attached = {"attached_to_doctype": DocType.ANALYSIS_REPORT, "attached_to_name": record.name}
		self.assertEqual(frappe.db.count("File", attached), 1)  # replaced, not piled up

	def others(self) -> int:
		"""Receipts of the quarter on this site outside the worked example (other tests' leftovers)."""
		frappe.db.rollback()
		return frappe.db.count(
			"Complaint Receipt", {"received_on": ("between", ["2025-10-01", "2025-12-31"])}
		) - sum(1 for receipts, *_ in COMPLAINTS for day, _channel in receipts if day.startswith("2025-1"))

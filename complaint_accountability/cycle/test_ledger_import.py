"""Importing the hand-kept ledger into the site: all or nothing, once, and in step with ledger mode."""

from pathlib import Path

import frappe

from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.cycle.ledger_import import run_import
from complaint_accountability.ledger.assess import assess_ledger
from complaint_accountability.ledger.reader import read_ledger
from complaint_accountability.rules.defaults import default_channels, default_rates, default_violation_types
from complaint_accountability.rules.periods import period
from complaint_accountability.rules.settings import AccountabilitySettings
from complaint_accountability.tests.utils import AccountabilityTestCase, attach_ledger, record_counts
from complaint_accountability.vocabulary import DocType

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ledger.xlsx"
COUNTED = ("Institution", "Accountable Person", "Complaint", "Responsibility Finding")


def example_ledger(tmp_dir: Path) -> tuple[Path, str]:
	"""The example ledger with case numbers of this run, so cases already on the site do not match."""
	from openpyxl import load_workbook

	book = load_workbook(EXAMPLE)
	tag = frappe.generate_hash(length=6)
	for row in book.active.iter_rows(min_row=2):
		row[0].value = f"{tag}-{row[0].value}"
	path = tmp_dir / "ledger.xlsx"
	book.save(path)
	return path, tag


class TestLedgerImport(AccountabilityTestCase):
	def test_a_bad_ledger_creates_nothing_and_lists_its_problems(self):
		before = record_counts(COUNTED)
		name = attach_ledger("bad.csv", "投诉编号,受理日期\nX-1,昨天\n".encode())
		result = run_import(name)
		self.assertEqual(result["status"], "Failed")
		log = frappe.db.get_value("Ledger Import", name, "import_log")
		self.assertIn("第1行 [投诉渠道]: 缺少必需列", log)
		self.assertEqual(record_counts(COUNTED), before)

	def test_the_example_ledger_imports_once_and_compiles_as_ledger_mode_assesses(self):
		import tempfile

		ledger_path, tag = example_ledger(Path(tempfile.mkdtemp()))
		before = record_counts(COUNTED)
		result = run_import(attach_ledger("ledger.xlsx", ledger_path.read_bytes()))
		self.assertEqual(result["status"], "Successful")
		self.assertEqual(result["complaints_created"], 15)
		self.assertEqual(result["receipts_added"], 20)
		self.assertEqual(frappe.db.count("Complaint") - before["Complaint"], 15)
		self.assertEqual(result["violations_created"], 2)
		# TS2026-007's 2026-10-10 receipt was charged in 2026-10: a finding already handed off
		self.assertEqual(result["charged_findings_created"], 1)
		again = run_import(attach_ledger("ledger-again.xlsx", ledger_path.read_bytes()))
		self.assertEqual((again["complaints_created"], again["receipts_added"]), (0, 0))

		compile_period("2026-11")
		site = {}
		for row in frappe.get_all(
			"Responsibility Finding",
			fields=["employee_number", "liability", "amount"],
			filters={
				"accountability_period": "2026-11",
				"liability": ("in", ["Direct", "Management"]),
				"complaint": (
					"in",
					frappe.get_all("Complaint", {"ledger_number": ("like", f"{tag}-%")}, pluck="name"),
				),
			},
		):
			site[row.employee_number] = site.get(row.employee_number, 0) + row.amount
		settings = AccountabilitySettings()
		channels = default_channels()
		ledger = assess_ledger(
			read_ledger(ledger_path, channels, default_violation_types()),
			period("2026-11", settings),
			channels,
			default_rates(),
			settings,
		)
		expected = {}
		for row in ledger.charges[ledger.charges["liability"] != "Handling Violation"].itertuples():
			expected[row.employee_number] = expected.get(row.employee_number, 0) + row.amount
		self.assertEqual(site, {k: float(v) for k, v in expected.items()})


class TestImportedViolations(AccountabilityTestCase):
	"""A violation ledger mode already charged (违规扣款期间) arrives handed off in that period and is
	never charged again; one it did not charge takes the first period that can charge it."""

	def test_charged_and_uncharged_violations(self):
		tag = frappe.generate_hash(length=6)
		header = "投诉编号,受理日期,投诉渠道,是否转办,处理机构,首次协调结果,直接责任人,管理责任人,投诉岗人员,违规类型,违规扣款,违规扣款期间"
		rows = [
			f"{tag}-1,2022-12-05,网络,否,,待定,,,导入投诉岗({tag}1),服务态度问题,50,2022-12",
			f"{tag}-2,2022-12-06,网络,是,导入测试支公司,满意,,,导入投诉岗({tag}1),未填写处理意见,30,",
		]
		name = attach_ledger(f"{tag}.csv", "\n".join([header, *rows]).encode())
		result = run_import(name)
		self.assertEqual(
			result["status"], "Successful", frappe.db.get_value("Ledger Import", name, "import_log")
		)
		found = {
			f.violation_type: f
			for f in frappe.get_all(
				"Responsibility Finding",
				filters={"person": f"{tag}1"},
				fields=["violation_type", "accountability_period", "workflow_state", "docstatus", "amount"],
			)
		}
		charged, open_ = found["服务态度问题"], found["未填写处理意见"]
		self.assertEqual(
			(charged.accountability_period, charged.workflow_state, charged.docstatus, charged.amount),
			("2022-12", "Handed Off", 1, 50),
		)
		self.assertEqual((open_.accountability_period, open_.workflow_state), ("2022-12", "Draft"))
		again = run_import(attach_ledger(f"{tag}-again.csv", "\n".join([header, *rows]).encode()))
		self.assertEqual((again["charged_findings_created"], again["violations_created"]), (0, 0))

	def test_a_stamp_is_judged_by_the_sites_cycle(self):
		"""With the cycle starting on the 10th, 2022-12-15 is in period 2023-01: a 违规扣款期间 of 2022-12
		would charge it before it was received, and is refused; under the default 21st it would pass."""
		frappe.db.set_single_value(DocType.SETTINGS, "period_start_day", 10)
		tag = frappe.generate_hash(length=6)
		header = "投诉编号,受理日期,投诉渠道,是否转办,处理机构,首次协调结果,直接责任人,管理责任人,投诉岗人员,违规类型,违规扣款,违规扣款期间"

		def ledger(stamp: str) -> bytes:
			row = f"{tag}-1,2022-12-15,网络,否,,待定,,,导入投诉岗({tag}2),服务态度问题,50,{stamp}"
			return "\n".join([header, row]).encode()

		early = attach_ledger(f"{tag}-early.csv", ledger("2022-12"))
		self.assertEqual(run_import(early)["status"], "Failed")
		log = frappe.db.get_value("Ledger Import", early, "import_log")
		self.assertIn("[违规扣款期间]", log)
		self.assertIn("2023-01", log)
		own = attach_ledger(f"{tag}-own.csv", ledger("2023-01"))
		result = run_import(own)
		self.assertEqual(
			result["status"], "Successful", frappe.db.get_value("Ledger Import", own, "import_log")
		)
		self.assertEqual(
			frappe.db.get_value("Responsibility Finding", {"person": f"{tag}2"}, "accountability_period"),
			"2023-01",
		)


class TestImportedDisputeTypes(AccountabilityTestCase):
	def test_a_complaint_takes_its_ledger_dispute_type(self):
		tag = frappe.generate_hash(length=6)
		header = "投诉编号,受理日期,投诉渠道,是否转办,处理机构,首次协调结果,直接责任人,管理责任人,纠纷类型"
		name = attach_ledger(
			f"{tag}.csv", f"{header}\n{tag}-1,2022-11-05,网络,否,,待定,,,退保纠纷\n".encode()
		)
		self.assertEqual(run_import(name)["status"], "Successful")
		self.assertEqual(
			frappe.db.get_value("Complaint", {"ledger_number": f"{tag}-1"}, "dispute_type"), "退保纠纷"
		)

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

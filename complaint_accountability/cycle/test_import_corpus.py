"""The malformed-ledger corpus through the site import: every file refused, nothing created."""

import json
from pathlib import Path

import frappe

from complaint_accountability.cycle.ledger_import import run_import
from complaint_accountability.tests.utils import AccountabilityTestCase, attach_ledger, record_counts

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"
COUNTED = ("Institution", "Accountable Person", "Complaint", "Responsibility Finding", "Business Line")


class TestImportCorpus(AccountabilityTestCase):
	def test_every_malformed_ledger_is_refused_with_its_row_and_creates_nothing(self):
		expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
		before = record_counts(COUNTED)
		wrong = []
		for name, case in sorted(expected.items()):
			content = (CORPUS / "bad" / name).read_bytes()
			if "known_gap" in case or not content:
				continue  # Frappe's File refuses an empty upload before any import could start
			ledger_import = attach_ledger(name, content)
			result = run_import(ledger_import)
			log = frappe.db.get_value("Ledger Import", ledger_import, "import_log") or ""
			# A file-level problem may read differently once Frappe has stored the upload under its own name.
			reason = case["reason"] if case["row"] else "文件:"
			place = f"第{case['row']}行" if case["row"] else "文件"
			if result["status"] != "Failed" or place not in log or reason not in log:
				wrong.append(f"{name}: {result['status']} {log[:200]!r}")
		self.assertEqual(wrong, [])
		self.assertEqual(record_counts(COUNTED), before)

"""The malformed-ledger corpus through the site import: every file refused, nothing created."""

import json
from pathlib import Path

import frappe

from complaint_accountability.accountability.ledger_import import run_import
from complaint_accountability.tests.utils import AccountabilityTestCase

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"
COUNTED = ("Institution", "Accountable Person", "Complaint", "Responsibility Finding", "Business Line")


class TestImportCorpus(AccountabilityTestCase):
	def test_every_malformed_ledger_is_refused_with_its_row_and_creates_nothing(self):
		expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
		before = {doctype: frappe.db.count(doctype) for doctype in COUNTED}
		wrong = []
		for name, case in sorted(expected.items()):
			content = (CORPUS / "bad" / name).read_bytes()
			if "known_gap" in case or not content:
				continue  # Frappe's File refuses an empty upload before any import could start
			file = frappe.get_doc(
				{"doctype": "File", "file_name": name, "is_private": 1, "content": content}
			).insert()
			ledger_import = frappe.get_doc(
				{"doctype": "Ledger Import", "ledger_file": file.file_url}
			).insert()
			result = run_import(ledger_import.name)
			log = frappe.db.get_value("Ledger Import", ledger_import.name, "import_log") or ""
			# A file-level problem may read differently once Frappe has stored the upload under its own name.
			reason = case["reason"] if case["row"] else "文件:"
			place = f"第{case['row']}行" if case["row"] else "文件"
			if result["status"] != "Failed" or place not in log or reason not in log:
				wrong.append(f"{name}: {result['status']} {log[:200]!r}")
		self.assertEqual(wrong, [])
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in COUNTED}, before)

"""Importing a hand-kept ledger into the site, all or nothing.

The ledger is read and validated by the same frappe-free reader as ledger mode; only a valid
ledger creates anything. Institutions, persons and complaints are created where missing
(complaints by their ledger number, so importing the same ledger again adds nothing), receipts
the site lacks are added, and receipts the ledger marks as charged (扣款期间) become findings
already handed off for that period, so the compile never charges them again and payroll never
sees them twice.

The import is the leading group's (api.import_ledger admits no one else), and what it creates —
institutions, persons, business lines, complaints — it creates on their behalf, though their role
may not create institutions or persons by hand.
"""

from collections import Counter, defaultdict
from decimal import Decimal

import frappe
import pandas as pd
from frappe import _
from frappe.utils import now_datetime

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.complaint_accountability.doctype.ledger_import.ledger_import import COUNTS
from complaint_accountability.configuration import (
	branch_institution,
	channel_book,
	rate_table,
	rule_settings,
	violation_type,
)
from complaint_accountability.ledger.problems import LedgerInvalid
from complaint_accountability.ledger.reader import DESK_INSTITUTION, Ledger, read_ledger
from complaint_accountability.rules.periods import period_name_of
from complaint_accountability.rules.rates import CHANNEL_LIABILITIES, HANDLING_VIOLATION, MissingRate
from complaint_accountability.vocabulary import DocType, FindingState

from . import proposed_findings

IMPORT = DocType.LEDGER_IMPORT


class ImportRefused(Exception):
	"""What stops an import before anything is created, said to the leading group in its log."""


def run_import(import_name: str) -> dict:
	"""Import all or nothing: a ledger that fails validation, or a load stopped midway (a receipt
	with no rate in force), leaves the site as it was and says why in the import's log."""
	doc = frappe.get_doc(IMPORT, import_name)
	types = {name: violation_type(name) for name in frappe.get_all(DocType.VIOLATION_TYPE, pluck="name")}
	frappe.db.savepoint(SAVEPOINT)
	try:
		settings = rule_settings()  # the site's cycle decides which period a receipt's date is in
		ledger = read_ledger(
			_ledger_path(doc),
			channel_book(),
			types,
			frappe.get_all(DocType.DISPUTE_TYPE, pluck="name"),
			settings,
		)
		counts = LedgerLoader(ledger, _root_institution(), settings).load()
	except LedgerInvalid as error:
		return _failed(doc, error.report(), len(error.problems))
	except ImportRefused as error:
		frappe.db.rollback(save_point=SAVEPOINT)
		return _failed(doc, str(error), 1)
	except MissingRate as error:
		frappe.db.rollback(save_point=SAVEPOINT)
		log = _("A charged receipt has no penalty rate in force ({0}): add the rate, then import again")
		return _failed(doc, log.format(error), 1)
	doc.db_set({"status": "Successful", "import_log": "", "imported_on": now_datetime(), **counts})
	return {"status": "Successful", **counts}


SAVEPOINT = "ledger_import"


def _failed(doc, log: str, problems: int) -> dict:
	doc.db_set({"status": "Failed", "import_log": log, "imported_on": now_datetime()})
	return {"status": "Failed", "problems": problems}


def _ledger_path(doc) -> str:
	"""The ledger file attached to this import, and only that: an import reads no one else's file."""
	file = frappe.db.get_value(
		"File",
		{"file_url": doc.ledger_file, "attached_to_doctype": IMPORT, "attached_to_name": doc.name},
		"name",
	)
	if not file or not frappe.has_permission("File", "read", doc=file):
		raise ImportRefused(_("The ledger file {0} is not attached to this import").format(doc.ledger_file))
	return frappe.get_doc("File", file).get_full_path()


def _root_institution() -> str:
	"""Where new institutions and persons with none of their own go: the branch."""
	root = branch_institution()
	if not root:
		raise ImportRefused(
			_(
				"There is no branch institution to put the ledger's institutions under: create the branch (the top of the institution tree) or set it in Complaint Accountability Settings, then import again"
			)
		)
	return root


class LedgerLoader:
	def __init__(self, ledger: Ledger, root: str, settings):
		self.ledger = ledger
		self.root = root
		self.complaint_of: dict[str, str] = {}  # ledger number -> Complaint
		self.settings = settings
		self.counts = Counter()

	def load(self) -> dict:
		root = self.root
		self.ensure_institutions(root)
		self.ensure_persons(root)
		receipt_names = self.ensure_complaints()
		self.mark_charged(receipt_names)
		self.create_violations()
		return {key: self.counts[key] for key in COUNTS}

	def ensure_institutions(self, root: str | None) -> None:
		names = set(self.ledger.cases["institution"]) - {""}
		if len(self.ledger.violations):
			names.add(DESK_INSTITUTION)
		existing = set(
			frappe.get_all(DocType.INSTITUTION, filters={"name": ("in", list(names))}, pluck="name")
		)
		for name in sorted(names - existing):
			frappe.get_doc(
				{
					"doctype": DocType.INSTITUTION,
					"institution_name": name,
					"parent_institution": root,
					"institution_type": "Department" if name == DESK_INSTITUTION else "Sub-branch",
				}
			).insert(ignore_permissions=True)
			self.counts["institutions_created"] += 1

	def ensure_persons(self, root: str | None) -> None:
		first_case = {}
		for case, number in zip(
			self.ledger.persons["case"], self.ledger.persons["employee_number"], strict=True
		):
			first_case.setdefault(number, case)
		officers = set(self.ledger.violations["employee_number"])
		existing = set(
			frappe.get_all(
				DocType.ACCOUNTABLE_PERSON, filters={"name": ("in", list(self.ledger.names))}, pluck="name"
			)
		)
		for number, name in sorted(self.ledger.names.items()):
			if number in existing:
				continue
			institution = (
				DESK_INSTITUTION
				if number in officers
				else self.ledger.cases.at[first_case[number], "institution"] or root
			)
			frappe.get_doc(
				{
					"doctype": DocType.ACCOUNTABLE_PERSON,
					"employee_number": number,
					"full_name": name,
					"institution": institution,
					"is_complaint_desk": int(number in officers),
				}
			).insert(ignore_permissions=True)
			self.counts["persons_created"] += 1

	def ensure_complaints(self) -> dict[int, str]:
		"""Create or extend each case; return ledger row → receipt name."""
		receipt_names = {}
		self.complaint_of = dict(
			frappe.get_all(
				DocType.COMPLAINT,
				fields=["ledger_number", "name"],
				as_list=True,
				filters={"ledger_number": ("in", list(self.ledger.cases.index))},
			)
		)
		for case, rows in self.ledger.receipts.groupby("case", sort=True):
			existing = self.complaint_of.get(case)
			doc = frappe.get_doc(DocType.COMPLAINT, existing) if existing else self.new_complaint(case)
			have = Counter((str(r.received_on), r.channel) for r in doc.receipts)
			added = []
			for row in rows.itertuples():
				key = (str(row.received_on), row.channel)
				if have[key]:
					have[key] -= 1
					continue
				added.append(
					(
						row.row,
						doc.append("receipts", {"received_on": row.received_on, "channel": row.channel}),
					)
				)
			if existing and not added:
				continue
			doc.save(ignore_permissions=True) if existing else doc.insert(ignore_permissions=True)
			self.complaint_of[case] = doc.name
			self.counts["complaints_created"] += 0 if existing else 1
			self.counts["receipts_added"] += len(added)
			receipt_names.update({sheet_row: receipt.name for sheet_row, receipt in added})
		return receipt_names

	def new_complaint(self, case: str):
		facts = self.ledger.cases.loc[case]
		persons = self.ledger.persons[self.ledger.persons["case"] == case]
		if facts["business_line"] and not frappe.db.exists(DocType.BUSINESS_LINE, facts["business_line"]):
			frappe.get_doc(
				{"doctype": DocType.BUSINESS_LINE, "business_line_name": facts["business_line"]}
			).insert(ignore_permissions=True)
		return frappe.get_doc(
			{
				"doctype": DocType.COMPLAINT,
				"ledger_number": case,
				"customer_name": facts["customer"] or case,
				"business_line": facts["business_line"] or None,
				"dispute_type": facts["dispute_type"] or None,
				"transferred": int(facts["transferred"]),
				"handling_institution": facts["institution"] or None,
				"first_coordination_outcome": facts["outcome"],
				"referred": int(facts["referred"]),
				"referral_note": _("Marked 另议 in the ledger") if facts["referred"] else None,
				"responsible_persons": [
					{"person": p.employee_number, "liability": p.liability, "determined_by": "Complaint Desk"}
					for p in persons.itertuples()
				],
			}
		)

	def mark_charged(self, receipt_names: dict[int, str]) -> None:
		"""Receipts the ledger says were charged: findings already handed off, one per case, person,
		liability and period, so they count as made and never reach payroll again."""
		charged = self.ledger.receipts[
			self.ledger.receipts["charged_period"].notna()
			& self.ledger.receipts["row"].isin(list(receipt_names))
		]
		if charged.empty:
			return
		rates = rate_table()
		persons = self.ledger.persons[self.ledger.persons["liability"].isin(CHANNEL_LIABILITIES)]
		pairs = charged.merge(persons[["case", "employee_number", "liability"]], on="case")
		frame = pd.DataFrame(
			{
				"complaint": pairs["case"].map(self.complaint_of),
				"receipt": pairs["row"].map(receipt_names),
				"channel": pairs["channel"],
				"received_on": pairs["received_on"],
				"receipt_kind": "",
				"person": pairs["employee_number"],
				"liability": pairs["liability"],
				"period": pairs["charged_period"],
			}
		)
		rate_rows = [
			rates.rate_on(c, lia, d)
			for c, lia, d in zip(frame["channel"], frame["liability"], frame["received_on"], strict=True)
		]
		frame["penalty_rate"] = [r.label for r in rate_rows]
		frame["cents"] = [int(r.amount * 100) for r in rate_rows]
		for period, rows in frame.groupby("period"):
			periods.ensure_period(period)
			self.counts["charged_findings_created"] += proposed_findings.create_proposed(
				period, rows.drop(columns="period"), state=FindingState.HANDED_OFF, docstatus=1
			)

	def create_violations(self) -> None:
		"""The ledger's desk-officer violations the site lacks become findings. One ledger mode already
		charged (违规扣款期间) is a finding already handed off in that period, so it is never charged or
		paid again; any other takes the first period that can charge it (rules.md §4)."""
		violations = self.ledger.violations
		if not len(violations):
			return
		found = frappe.get_all(
			DocType.FINDING,
			filters={
				"complaint": ("in", list({self.complaint_of[case] for case in violations["case"]})),
				"violation_type": ("is", "set"),
				"docstatus": ("<", 2),
			},
			fields=["complaint", "person", "violation_type"],
		)
		made = {(f.complaint, f.person, f.violation_type) for f in found}
		charged = defaultdict(list)
		for v in violations.itertuples():
			complaint = self.complaint_of[v.case]
			if (complaint, v.employee_number, v.violation_type) in made:
				continue
			made.add((complaint, v.employee_number, v.violation_type))
			if v.charged_period:
				charged[v.charged_period].append(
					(complaint, v.employee_number, HANDLING_VIOLATION, v.violation_type, Decimal(v.amount))
				)
				continue
			finding = frappe.get_doc(
				{
					"doctype": DocType.FINDING,
					"complaint": complaint,
					"person": v.employee_number,
					"liability": HANDLING_VIOLATION,
					"violation_type": v.violation_type,
					"amount": Decimal(v.amount),
					"workflow_state": FindingState.DRAFT,
				}
			)
			# the period of its receipt is the earliest that may charge it (Responsibility Finding.set_period)
			finding.flags.period_floor = period_name_of(v.received_on, self.settings)
			finding.insert(ignore_permissions=True)
			self.counts["violations_created"] += 1
		for period, rows in sorted(charged.items()):
			periods.ensure_period(period)
			proposed_findings.write_findings(period, rows, FindingState.HANDED_OFF, docstatus=1)
			self.counts["charged_findings_created"] += len(rows)

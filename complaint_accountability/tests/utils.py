"""Factories and a base class for the integration tests on a real site."""

import frappe
from frappe.model.workflow import apply_workflow

from complaint_accountability.vocabulary import Action

try:  # v16 names it IntegrationTestCase; v15 has FrappeTestCase
	from frappe.tests import IntegrationTestCase as SiteTestCase
except ImportError:
	from frappe.tests.utils import FrappeTestCase as SiteTestCase


class AccountabilityTestCase(SiteTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.db.set_single_value("System Settings", "time_zone", "Asia/Shanghai")
		frappe.set_user("Administrator")


def make_institution(
	name: str, parent: str | None = None, manager: str | None = None, is_group: int = 1
) -> str:
	if not frappe.db.exists("Institution", name):
		frappe.get_doc(
			{
				"doctype": "Institution",
				"institution_name": name,
				"parent_institution": parent,
				"institution_type": "Branch" if not parent else "Sub-branch",
				"is_group": is_group,
				"complaint_manager": manager,
			}
		).insert()
	elif manager:
		frappe.db.set_value("Institution", name, "complaint_manager", manager)
	return name


def make_user(email: str, *roles: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.add_roles(*roles)
	return email


def make_institution_tree(
	branch: str, a: str, a_child: str, b: str, manager_a: str | None = None, manager_b: str | None = None
) -> None:
	"""A branch with two sub-branches, the first with a department of its own."""
	make_institution(branch)
	make_institution(a, branch, manager=manager_a)
	make_institution(a_child, a, is_group=0)
	make_institution(b, branch, manager=manager_b)


def make_person(number: str, name: str, institution: str, user: str | None = None) -> str:
	if not frappe.db.exists("Accountable Person", number):
		frappe.get_doc(
			{
				"doctype": "Accountable Person",
				"employee_number": number,
				"full_name": name,
				"institution": institution,
				"user": user,
			}
		).insert()
	return number


def make_business_volume(institution: str, start: str, end: str, premium="1000000.00", policies=100):
	"""An institution's business volume (not yet inserted)."""
	return frappe.get_doc(
		{
			"doctype": "Institution Business Volume",
			"institution": institution,
			"from_date": start,
			"to_date": end,
			"premium": premium,
			"policies": policies,
		}
	)


def make_complaint(
	receipts,
	outcome="Unresolved",
	institution="测试城东支公司",
	persons=(),
	transferred=1,
	referred=0,
	customer="测试客户",
	**fields,
) -> frappe._dict:
	"""receipts: (date, channel) pairs; persons: (employee number, liability) pairs; a customer_phone
	or customer_id_number goes to the complaint's Customer Contact."""
	contact = {key: fields.pop(key) for key in ("customer_phone", "customer_id_number") if key in fields}
	doc = frappe.get_doc(
		{
			"doctype": "Complaint",
			"customer_name": customer,
			"transferred": transferred,
			"handling_institution": institution if transferred else None,
			"first_coordination_outcome": outcome,
			"referred": referred,
			"referral_note": "另议" if referred else None,
			"receipts": [{"received_on": day, "channel": channel} for day, channel in receipts],
			"responsible_persons": [{"person": p, "liability": lia} for p, lia in persons],
			**fields,
		}
	).insert()
	if contact:
		frappe.get_doc({"doctype": "Customer Contact", "complaint": doc.name, **contact}).insert()
		doc.reload()
	return doc


def findings_of(complaint: str, **filters) -> list[frappe._dict]:
	return frappe.get_all(
		"Responsibility Finding",
		filters={"complaint": complaint, **filters},
		fields=[
			"name",
			"person",
			"liability",
			"amount",
			"accountability_period",
			"workflow_state",
			"docstatus",
		],
		order_by="liability asc, person asc",
	)


def amounts(complaint: str, period: str | None = None) -> dict[str, float]:
	out: dict[str, float] = {}
	for row in findings_of(complaint, **({"accountability_period": period} if period else {})):
		out[row.liability] = out.get(row.liability, 0) + row.amount
	return out


def advance(finding: str, *actions: str) -> frappe._dict:
	doc = frappe.get_doc("Responsibility Finding", finding)
	for action in actions:
		doc = apply_workflow(doc, action)
	return doc


def finalize(finding: str):
	return advance(finding, "Propose", "Send to Committee", "Approve")


def attach_ledger(name: str, content: bytes | str) -> str:
	"""A Ledger Import of an uploaded (private) ledger file, not yet run."""
	file = frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1})
	ledger_file = file.insert().file_url
	return frappe.get_doc({"doctype": "Ledger Import", "ledger_file": ledger_file}).insert().name


def record_counts(doctypes) -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in doctypes}


def make_appeal(
	finding: str,
	user: str,
	file: bool = True,
	reason: str = "已提供无责证据",
	evidence: str | None = "/files/evidence.pdf",
):
	"""An appeal on ``finding`` drafted (and filed, unless file=False) by ``user``, as in the desk."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(
			{"doctype": "Appeal", "responsibility_finding": finding, "reason": reason, "evidence": evidence}
		).insert()
		return apply_workflow(doc, Action.FILE) if file else doc
	finally:
		frappe.set_user(previous)


COMMITTED_DOCTYPES = (
	("Period Document", ()),
	("Appeal", ()),
	("Penalty Entry", ()),
	("Responsibility Finding", ("Finding Charge",)),
	("Complaint", ("Complaint Receipt", "Complaint Responsible Person")),
	("Accountable Person", ()),
)


def remove_committed_records(period: str, person_prefix: str, institution_prefix: str) -> None:
	"""Remove what a test committed for other connections to see (REST threads, concurrent workers).

	Submitted records cannot be deleted through the ORM, so rows go directly.
	"""
	filters = {
		"Accountable Person": {"name": ("like", f"{person_prefix}%")},
		"Complaint": {"handling_institution": ("like", f"{institution_prefix}%")},
	}
	for doctype, children in COMMITTED_DOCTYPES:
		names = frappe.get_all(
			doctype, filters=filters.get(doctype, {"accountability_period": period}), pluck="name"
		)
		if doctype == "Complaint":
			frappe.db.delete("Customer Contact", {"complaint": ("in", names or [""])})
		for child in children:
			frappe.db.delete(child, {"parent": ("in", names or [""])})
		frappe.db.delete(doctype, {"name": ("in", names or [""])})
	frappe.db.delete("Accountability Period", {"name": period})
	frappe.db.commit()

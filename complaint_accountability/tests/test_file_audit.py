"""The audit of private files copied by URL before borrowing was refused: it names the copy whose
owner may not read the file's first row, and not one whose owner may."""

import frappe

from complaint_accountability.file_access import audit_copied_private_files
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	make_complaint,
	make_institution_tree,
	make_user,
)

BRANCH, A, A_CHILD, B = "审计测试分公司", "审计测试甲支公司", "审计测试甲营业部", "审计测试乙支公司"
MANAGER_A, MANAGER_B, COMMITTEE = (
	"audit-icm-a@example.com",
	"audit-icm-b@example.com",
	"audit-comm@example.com",
)


def file_record(owner: str, **fields) -> frappe._dict:
	"""A File as it stands in the database, whoever made it (here as Administrator, unchecked)."""
	doc = frappe.get_doc({"doctype": "File", "is_private": 1, **fields}).insert()
	frappe.db.set_value("File", doc.name, "owner", owner, update_modified=False)
	return doc


class TestFileAudit(AccountabilityTestCase):
	def test_a_copy_whose_owner_cannot_read_the_first_row_is_named(self):
		make_user(MANAGER_A, "Institution Complaint Manager")
		make_user(MANAGER_B, "Institution Complaint Manager")
		make_user(COMMITTEE, "Accountability Committee")
		make_institution_tree(BRANCH, A, A_CHILD, B, manager_a=MANAGER_A, manager_b=MANAGER_B)
		complaint_b = make_complaint([("2025-03-03", "网络")], institution=B).name
		original = file_record(
			MANAGER_B,
			file_name="audit-b.pdf",
			content=b"%PDF-1.4 audit of B",
			attached_to_doctype="Complaint",
			attached_to_name=complaint_b,
		)
		borrowed = file_record(MANAGER_A, file_url=original.file_url)
		reader = file_record(COMMITTEE, file_url=original.file_url)
		named = {
			row["name"]: row for row in audit_copied_private_files() if row["file_url"] == original.file_url
		}
		self.assertEqual(set(named), {borrowed.name})
		self.assertEqual(
			(named[borrowed.name]["owner"], named[borrowed.name]["first_record"]), (MANAGER_A, original.name)
		)
		self.assertNotIn(reader.name, named)

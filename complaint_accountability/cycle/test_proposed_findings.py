"""The compile writes findings and charges in bulk, past the controller: a compiled finding saved
again through the ORM (by the scheduler's user or by a desk officer, the workflow's first editor)
must come out exactly as the bulk write left it."""

import frappe

from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	findings_of,
	make_complaint,
	make_institution,
	make_person,
	make_user,
)
from complaint_accountability.vocabulary import DocType, Role

DESK = "bulk-desk@example.com"
VOLATILE = {"modified", "modified_by"}


def stored(name: str) -> dict:
	"""The finding and its charges as the database holds them."""
	doc = frappe.get_doc(DocType.FINDING, name).as_dict(no_default_fields=False)
	doc["charges"] = [{k: v for k, v in row.items() if k not in VOLATILE} for row in doc["charges"]]
	return {k: v for k, v in doc.items() if k not in VOLATILE}


class TestBulkFindingsMatchTheORM(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(DESK, Role.DESK)
		make_user("bulk-staff@example.com", Role.STAFF)
		make_institution("批量测试分公司")
		make_institution("批量测试支公司", "批量测试分公司")
		make_person("BK-D1", "批量直接", "批量测试支公司", user="bulk-staff@example.com")
		make_person("BK-M1", "批量管理", "批量测试支公司")
		case = make_complaint(
			[("2023-03-02", "客服热线"), ("2023-03-05", "监管局"), ("2023-03-09", "客服热线")],
			institution="批量测试支公司",
			persons=[("BK-D1", "Direct"), ("BK-M1", "Management")],
		)
		compile_period("2023-03")
		cls.findings = [f.name for f in findings_of(case.name)]

	def test_a_compiled_finding_saved_again_through_the_orm_changes_nothing(self):
		for name in self.findings:
			before = stored(name)
			self.assertEqual(len(before["charges"]), 3)
			frappe.get_doc(DocType.FINDING, name).save()
			self.assertEqual(stored(name), before, name)

	def test_a_desk_officers_save_changes_nothing_either(self):
		frappe.set_user(DESK)
		try:
			for name in self.findings:
				before = stored(name)
				frappe.get_doc(DocType.FINDING, name).save()
				self.assertEqual(stored(name), before, name)
		finally:
			frappe.set_user("Administrator")

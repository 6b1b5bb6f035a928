"""The complaint's own rules that no report or cycle test covers."""

import frappe

from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	make_complaint,
	make_institution,
	make_user,
)
from complaint_accountability.vocabulary import DocType

MANAGER = "cp-icm@example.com"


class TestComplaint(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(MANAGER, "Institution Complaint Manager")
		make_institution("投诉件测试分公司")
		make_institution("投诉件测试支公司", "投诉件测试分公司", manager=MANAGER)

	def test_a_complaint_never_transferred_has_no_handling_institution(self):
		doc = make_complaint([("2025-03-03", "网络")], institution="投诉件测试支公司")
		self.assertTrue(frappe.has_permission(DocType.COMPLAINT, "read", doc=doc.name, user=MANAGER))
		doc.transferred = 0  # registered as transferred by mistake
		doc.save()
		self.assertIsNone(frappe.db.get_value(DocType.COMPLAINT, doc.name, "handling_institution"))
		# the branch's own: the institution's manager no longer sees it, as the indicators count it
		self.assertFalse(frappe.has_permission(DocType.COMPLAINT, "read", doc=doc.name, user=MANAGER))

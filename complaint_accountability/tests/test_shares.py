"""Shares that outgrew the row rule or the roles: Frappe honours a share before any rule, so the
ones made before check_share (or outgrown since) are cut back by prune_shares."""

import frappe

from complaint_accountability.permissions import prune_shares
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	make_institution_tree,
	make_person,
	make_user,
)

BRANCH, A, A_CHILD, B = "共享测试分公司", "共享测试甲支公司", "共享测试甲营业部", "共享测试乙支公司"
STAFF, STAFF_B = "share-staff-a@example.com", "share-staff-b@example.com"


def unchecked_share(doctype: str, name: str, user: str, **rights) -> str:
	"""A DocShare as one made before check_share existed: stored without its validation."""
	share = frappe.get_doc(
		{"doctype": "DocShare", "share_doctype": doctype, "share_name": name, "user": user, **rights}
	)
	share.flags.ignore_validate = True
	share.insert(ignore_permissions=True)
	return share.name


class TestShares(AccountabilityTestCase):
	def test_a_share_beyond_the_rule_or_the_roles_is_cut_back(self):
		make_user(STAFF, "Accountable Staff")
		make_user(STAFF_B, "Accountable Staff")
		make_institution_tree(BRANCH, A, A_CHILD, B)
		own, other = (
			make_person("SHR-A1", "共享甲员工", A, user=STAFF),
			make_person("SHR-B1", "共享乙员工", B),
		)
		writable = unchecked_share("Accountable Person", own, STAFF, read=1, write=1)
		foreign = unchecked_share("Accountable Person", other, STAFF, read=1)
		# as Frappe decides it: the share gives what neither the role nor the row rule does
		self.assertTrue(frappe.has_permission("Accountable Person", "write", doc=own, user=STAFF))
		self.assertTrue(frappe.has_permission("Accountable Person", "read", doc=other, user=STAFF))
		stranger = unchecked_share("Accountable Person", own, STAFF_B, read=1)  # outside the rule too

		self.assertEqual(prune_shares(STAFF) + prune_shares(STAFF_B), 3)  # this test's own shares
		self.assertFalse(frappe.has_permission("Accountable Person", "write", doc=own, user=STAFF))
		self.assertFalse(frappe.has_permission("Accountable Person", "read", doc=other, user=STAFF))
		self.assertTrue(frappe.has_permission("Accountable Person", "read", doc=own, user=STAFF))
		self.assertEqual(frappe.db.get_value("DocShare", writable, ["read", "write"]), (1, 0))
		self.assertFalse(frappe.db.exists("DocShare", foreign))
		self.assertFalse(frappe.db.exists("DocShare", stranger))
		prune_shares()  # every share on the site, as the daily job does
		self.assertEqual(prune_shares(STAFF) + prune_shares(STAFF_B), 0)  # run twice, the same
		self.assertEqual(frappe.db.get_value("DocShare", writable, ["read", "write"]), (1, 0))

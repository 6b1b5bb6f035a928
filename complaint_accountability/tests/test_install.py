"""What install-app and migrate leave on a site, with no manual step."""

import frappe

from complaint_accountability.install import seed_defaults
from complaint_accountability.tests.utils import AccountabilityTestCase


class TestInstall(AccountabilityTestCase):
	def test_defaults_roles_workflows_and_indexes_are_there(self):
		self.assertEqual(frappe.db.count("Complaint Channel"), 8)
		self.assertGreaterEqual(frappe.db.count("Penalty Rate", {"valid_from": "2020-01-01"}), 16)
		self.assertEqual(frappe.db.count("Handling Violation Type"), 4)
		self.assertEqual(
			frappe.db.count(
				"Role",
				{
					"name": (
						"in",
						[
							"Accountability Committee",
							"Accountable Staff",
							"Institution Complaint Manager",
							"Payroll Officer",
						],
					)
				},
			),
			4,
		)
		self.assertEqual(frappe.db.get_value("Workflow", "Responsibility Finding", "is_active"), 1)
		self.assertTrue(frappe.db.has_index("tabResponsibility Finding", "period_person"))
		self.assertEqual(frappe.db.get_value("Currency", "CNY", "symbol"), "¥")

	def test_seeding_again_keeps_an_administrators_change(self):
		name = "客服热线-Direct-2020-01-01"
		frappe.db.set_value("Penalty Rate", name, "amount", 120)
		seed_defaults()
		self.assertEqual(frappe.db.get_value("Penalty Rate", name, "amount"), 120)

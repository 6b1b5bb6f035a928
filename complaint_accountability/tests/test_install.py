"""What install-app and migrate leave on a site, with no manual step."""

import frappe

from complaint_accountability.desk_home import WORKSPACE
from complaint_accountability.install import after_install, seed_defaults
from complaint_accountability.rules.defaults import load
from complaint_accountability.tests.utils import AccountabilityTestCase, make_user


class TestInstall(AccountabilityTestCase):
	def test_defaults_roles_workflows_and_indexes_are_there(self):
		self.assertEqual(frappe.db.count("Complaint Channel"), 8)
		shipped = {record["name"] for record in load("penalty_rate")}
		self.assertEqual(len(shipped), 16)  # 8 channels, direct and management
		self.assertEqual(shipped - set(frappe.get_all("Penalty Rate", pluck="name")), set())
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
		self.assertEqual(frappe.db.get_value("Workflow", "Remediation", "is_active"), 1)
		self.assertEqual(
			set(frappe.get_all("Dispute Type", pluck="name"))
			>= {"理赔纠纷", "销售纠纷", "退保纠纷", "承保纠纷", "保单服务纠纷", "其他"},
			True,
		)
		self.assertTrue(frappe.db.has_index("tabResponsibility Finding", "period_person"))
		self.assertEqual(frappe.db.get_value("Currency", "CNY", "symbol"), "¥")

	def test_seeding_again_keeps_an_administrators_change(self):
		name = "客服热线-Direct-2020-01-01"
		frappe.db.set_value("Penalty Rate", name, "amount", 120)
		seed_defaults()
		self.assertEqual(frappe.db.get_value("Penalty Rate", name, "amount"), 120)

	def test_dispute_types_are_seeded_where_missing_and_an_administrators_change_stays(self):
		frappe.db.set_value("Dispute Type", "理赔纠纷", "description", "管理员改写的说明")
		frappe.delete_doc("Dispute Type", "其他")
		seed_defaults()
		self.assertEqual(frappe.db.get_value("Dispute Type", "理赔纠纷", "description"), "管理员改写的说明")
		self.assertTrue(frappe.db.exists("Dispute Type", "其他"))

	def test_money_shows_yuan_where_the_site_had_no_currency(self):
		frappe.db.set_default("currency", None)
		after_install()
		self.assertEqual(frappe.db.get_default("currency"), "CNY")

	def test_the_apps_users_land_on_its_workspace(self):
		already = make_user("landing-old@example.com")
		frappe.db.set_value("User", already, "default_workspace", None)
		frappe.get_doc("User", already).add_roles("Accountable Staff")  # a role given before the hook
		frappe.db.set_value("User", already, "default_workspace", None)
		after_install()  # an upgrade finds the users who hold the app's roles
		self.assertEqual(frappe.db.get_value("User", already, "default_workspace"), WORKSPACE)
		new = make_user("landing-new@example.com", "Payroll Officer")
		self.assertEqual(frappe.db.get_value("User", new, "default_workspace"), WORKSPACE)
		other = make_user("landing-other@example.com", "Blogger")
		self.assertIsNone(frappe.db.get_value("User", other, "default_workspace"))
		self.assertTrue(frappe.db.exists("Workspace", WORKSPACE))

	def test_the_administrators_setup_checklist_is_on_the_workspace(self):
		onboarding = frappe.get_doc("Module Onboarding", "Complaint Accountability Setup")
		steps = [frappe.get_doc("Onboarding Step", row.step) for row in onboarding.steps]
		self.assertIn("Complaint Accountability Settings", [s.reference_document for s in steps])
		self.assertIn("Accountability Administrator", [r.role for r in onboarding.allow_roles])
		content = frappe.db.get_value("Workspace", WORKSPACE, "content")
		self.assertIn('"onboarding_name": "Complaint Accountability Setup"', content)

	def test_a_rate_links_under_a_title_in_the_sites_language(self):
		frappe.db.set_single_value("System Settings", "language", "zh")
		rate = frappe.get_doc("Penalty Rate", "客服热线-Direct-2020-01-01")
		rate.save()
		self.assertEqual(rate.title, "客服热线 直接责任人 2020-01-01")

"""The settings accessor: each setting is its stored value, or else its one declared default."""

import frappe

from complaint_accountability.configuration import settings
from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.setting_defaults import declared_defaults
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	amounts,
	make_complaint,
	make_institution,
	make_person,
)
from complaint_accountability.vocabulary import DocType


class TestSettingsDefaults(AccountabilityTestCase):
	def forget(self, fieldname: str) -> None:
		"""A settings record saved before this field existed: no stored value for it."""
		frappe.db.delete("Singles", {"doctype": DocType.SETTINGS, "field": fieldname})
		frappe.clear_document_cache(DocType.SETTINGS, DocType.SETTINGS)

	def test_a_check_box_never_stored_reads_as_its_default_not_as_off(self):
		frappe.db.set_single_value(DocType.SETTINGS, "same_channel_repeat_charged", 1)
		self.forget("same_channel_repeat_charged")
		# Frappe would load the missing check box as 0; the form shows (and a save keeps) the default
		self.assertEqual(frappe.get_doc(DocType.SETTINGS).same_channel_repeat_charged, 1)
		self.assertIs(settings().rules.same_channel_repeat_charged, True)
		frappe.get_doc(DocType.SETTINGS).save()
		self.assertEqual(frappe.db.get_single_value(DocType.SETTINGS, "same_channel_repeat_charged"), 1)

	def test_a_same_channel_repeat_is_charged_when_the_setting_was_never_stored(self):
		self.forget("same_channel_repeat_charged")
		make_institution("设置测试分公司")
		make_institution("设置测试支公司", "设置测试分公司")
		make_person("ST-D1", "设置直接", "设置测试支公司")
		complaint = make_complaint(
			[("2023-04-25", "客服热线"), ("2023-05-02", "客服热线")],
			institution="设置测试支公司",
			persons=[("ST-D1", "Direct")],
		)
		compile_period("2023-05")
		self.assertEqual(amounts(complaint.name, "2023-05"), {"Direct": 200})

	def test_every_setting_falls_back_to_its_declared_default(self):
		for fieldname in declared_defaults():
			self.forget(fieldname)
		configured = settings()
		self.assertEqual(configured.rules.period_start_day, 21)
		self.assertEqual(configured.rules.appeal_deadline_day, 26)
		self.assertEqual(configured.rules.decision_days, 15)
		self.assertTrue(configured.auto_compile and configured.auto_confirm and configured.auto_hand_off)
		self.assertEqual(configured.document_prefix, "客服")
		self.assertEqual(configured.letterhead.printing_organ, "分公司客户服务部")
		self.assertEqual(configured.wage_component, "投诉责任追究扣款")

	def test_a_stored_value_wins_over_the_default(self):
		frappe.db.set_single_value(
			DocType.SETTINGS, {"same_channel_repeat_charged": 0, "appeal_deadline_day": 27}
		)
		configured = settings()
		self.assertIs(configured.rules.same_channel_repeat_charged, False)
		self.assertEqual(configured.rules.appeal_deadline_day, 27)

	def test_settings_the_rules_cannot_run_on_are_refused_when_saved(self):
		doc = frappe.get_doc(DocType.SETTINGS)
		stored = settings().rules.period_start_day
		doc.period_start_day = 30  # no February has a 30th
		with self.assertRaisesRegex(frappe.ValidationError, "period_start_day"):
			doc.save()
		self.assertEqual(settings().rules.period_start_day, stored)
		# control: a day the rules take is saved
		doc.reload()
		doc.period_start_day = 20
		doc.save()
		self.assertEqual(settings().rules.period_start_day, 20)

	def test_a_period_name_is_not_blamed_for_broken_settings(self):
		from complaint_accountability.complaint_accountability.doctype.accountability_period.accountability_period import (
			window_or_throw,
		)

		frappe.db.set_single_value(DocType.SETTINGS, "period_start_day", 30)  # around the form
		with self.assertRaisesRegex(ValueError, "period_start_day"):
			window_or_throw("2026-11")
		with self.assertRaisesRegex(frappe.ValidationError, "YYYY-MM"):
			frappe.db.set_single_value(DocType.SETTINGS, "period_start_day", 21)
			window_or_throw("2026-13")

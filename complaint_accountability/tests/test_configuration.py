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
		# the loaded document turns the missing check box into 0: the bug this accessor avoids
		self.assertEqual(frappe.get_doc(DocType.SETTINGS).same_channel_repeat_charged, 0)
		self.assertIs(settings().rules.same_channel_repeat_charged, True)

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

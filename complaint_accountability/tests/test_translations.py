"""The app's Chinese must not rename Frappe's words: a translation in the app's file replaces
Frappe's own for the whole site (the app once turned every 'File' into 提交申诉 and 'Open' into
待整理). Only the words below may read differently, each for its reason."""

import csv

import frappe
from frappe.translate import get_all_translations

from complaint_accountability.tests.utils import AccountabilityTestCase

# The measures' own values, which the contract spells in English (liability, receipt kind).
DOMAIN_WORDS = {"Direct", "Repeat"}
# Frappe's wording improved without a change of meaning.
CLEARER = {
	"Amended From",
	"Analytics",
	"Cancelled",
	"Confirmed",
	"Disabled",
	"Draft",
	"Full Name",
	"Pending",
	"Progress",
	"Queued",
	"Reports",
	"Revoke",
	"Revoked",
	"Total",
	"Verified",  # 已验证 (a remediation's last state), where Frappe's 验证 reads as the verb
	"Workflow State",
	"{0} of {1}",
}


# Frappe's own Chinese gone wrong on the screens of the month ("1米" for a minute ago, 解雇 for
# Dismiss): corrected for the whole site, as the app's users read them every day.
MISTRANSLATED = {"{0} m", "{0} d", "{0} w", "{0} M", "{0} y", "Clear", "Reload File", "Skip", "Dismiss"}


def translations(app: str) -> dict[str, str]:
	with open(frappe.get_app_path(app, "translations", "zh.csv"), encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2}


class TestTranslations(AccountabilityTestCase):
	def test_the_apps_chinese_leaves_frappes_words_alone(self):
		ours, frappes = translations("complaint_accountability"), translations("frappe")
		renamed = {word for word in ours if word in frappes and ours[word] != frappes[word]}
		self.assertEqual(renamed - DOMAIN_WORDS - CLEARER - MISTRANSLATED, set())
		merged = get_all_translations("zh")  # what the desk shows: every app's file together
		for word in ("File", "Open", "Closed", "Amount", "User"):
			self.assertEqual(merged.get(word), frappes.get(word), word)

"""Every setting's one declared default (Complaint Accountability Settings). Frappe-free.

The rules' and the letterhead's defaults are `rules.settings.AccountabilitySettings` (ledger mode
reads the same), and the site's own are `SITE_DEFAULTS` below. The settings doctype's JSON repeats
them for the form, and a site-free test holds the JSON to them; `configuration.settings()` falls
back to them wherever the settings record stores no value.
"""

from dataclasses import fields

from complaint_accountability.rules.settings import AccountabilitySettings

# Ledger mode's alone: a site numbers its notices from a yearly series, and knows each desk officer's
# institution (its ledger import still takes ledger.reader.DESK_INSTITUTION, this setting's default).
LEDGER_ONLY = ("first_document_number", "desk_institution")
SITE_DEFAULTS = {
	"auto_compile": True,
	"auto_confirm": True,
	"auto_hand_off": True,
	# a step on more cases (or a ledger file larger than 512 KiB) runs in the background queue
	"background_threshold": 200,
	"hr_recipients": "",
	"finance_recipients": "",
	# the salary components payroll deducts each penalty entry under
	"wage_component": "投诉责任追究扣款",
	"performance_component": "投诉岗绩效扣款",
	# where receipts of complaints never transferred count in the indicators; "" is the tree's top
	"branch_institution": "",
}


def declared_defaults() -> dict:
	"""Every site setting's default, from the one place each is declared."""
	return {
		**{f.name: f.default for f in fields(AccountabilitySettings) if f.name not in LEDGER_ONLY},
		**SITE_DEFAULTS,
	}

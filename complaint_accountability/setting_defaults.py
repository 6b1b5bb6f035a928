"""Every setting's one declared default (Complaint Accountability Settings). Frappe-free.

The rules' defaults are `rules.settings.AccountabilitySettings`, the letterhead's
`documents.model.Letterhead`, and the site's own are `SITE_DEFAULTS` below. The settings doctype's
JSON repeats them for the form, and a site-free test holds the JSON to them; `configuration.settings()`
falls back to them wherever the settings record stores no value.
"""

from dataclasses import fields

from complaint_accountability.documents.model import DEFAULT_DOCUMENT_PREFIX, Letterhead
from complaint_accountability.rules.settings import AccountabilitySettings

LETTERHEAD_FIELDS = ("issuing_organ", "issuing_department", "printed_by")
SITE_DEFAULTS = {
	"auto_compile": True,
	"auto_confirm": True,
	"auto_hand_off": True,
	# a step on more cases (or a ledger file larger than 512 KiB) runs in the background queue
	"background_threshold": 200,
	"document_prefix": DEFAULT_DOCUMENT_PREFIX,
	"hr_recipients": "",
	"finance_recipients": "",
	# the salary components payroll deducts each penalty entry under
	"wage_component": "投诉责任追究扣款",
	"performance_component": "投诉岗绩效扣款",
	# where receipts of complaints never transferred count in the indicators; "" is the tree's top
	"branch_institution": "",
}


def declared_defaults() -> dict:
	"""Every setting's default, from the one place each is declared."""
	return {
		**{f.name: f.default for f in fields(AccountabilitySettings)},
		**{name: getattr(Letterhead, name) for name in LETTERHEAD_FIELDS},
		**SITE_DEFAULTS,
	}

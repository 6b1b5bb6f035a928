"""A period's first and last statuses get names of their own: "Open" and "Closed", translated for
the app, had renamed Frappe's own Open and Closed everywhere on the site."""

import frappe

from complaint_accountability.vocabulary import DocType, PeriodStatus


def execute():
	for old, new in (("Open", PeriodStatus.OPEN), ("Closed", PeriodStatus.PAID)):
		frappe.db.set_value(DocType.PERIOD, {"status": old}, "status", new, update_modified=False)

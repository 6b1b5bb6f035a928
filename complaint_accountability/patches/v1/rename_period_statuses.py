"""A period's first and last statuses get names of their own: "Open" and "Closed", translated for
the app, had renamed Frappe's own Open and Closed everywhere on the site. A period's status now
follows from its stamps and entries, so each period is given the status they say."""

import frappe

from complaint_accountability.complaint_accountability.doctype.accountability_period.accountability_period import (
	refresh_status,
)
from complaint_accountability.vocabulary import DocType


def execute():
	for name in frappe.get_all(DocType.PERIOD, pluck="name"):
		refresh_status(name)

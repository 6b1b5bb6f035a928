"""Rates get a title for their links (网络 直接责任人 2020-01-01), where their name shows English."""

import frappe

from complaint_accountability.vocabulary import DocType


def execute():
	for name in frappe.get_all(DocType.PENALTY_RATE, filters={"title": ("is", "not set")}, pluck="name"):
		rate = frappe.get_doc(DocType.PENALTY_RATE, name)
		rate.validate()
		rate.db_set("title", rate.title, update_modified=False)

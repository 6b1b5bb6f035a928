"""Appeals and penalty entries no longer copy the person's login: who may read them is decided from
the person record itself, so a relinked login takes effect at once."""

import frappe

from complaint_accountability.vocabulary import DocType


def execute():
	for doctype in (DocType.APPEAL, DocType.PENALTY_ENTRY):
		if frappe.db.has_column(doctype, "person_user"):
			frappe.db.sql_ddl(f"alter table `tab{doctype}` drop column `person_user`")

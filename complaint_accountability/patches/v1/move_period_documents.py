"""A period's documents move from its child table (Period Institution Document) to Period Document
records, one per institution and kind, and their PDFs are attached to those records: a file is then
readable by those who may read its record, not by everyone who reads the period."""

import frappe

from complaint_accountability.vocabulary import DocType

# The names as they were when the documents moved: a patch keeps them, whatever the app calls them later.
OLD = "Period Institution Document"
ASSESSMENT_TABLE, NOTICE = "Assessment Table", "Notice"
KINDS = (
	(ASSESSMENT_TABLE, "assessment_file", "assessment_sent_on"),
	(NOTICE, "notice_file", "notice_issued_on"),
)
TITLE = {ASSESSMENT_TABLE: "处罚考核表", NOTICE: "正式文件"}
NOT_SENT = "Not Sent"


def execute():
	if not frappe.db.table_exists(OLD):
		return
	for row in frappe.db.sql(f"select * from `tab{OLD}`", as_dict=True):
		for kind, file_field, sent_field in KINDS:
			if not row.get(file_field) or frappe.db.exists(
				DocType.PERIOD_DOCUMENT,
				{"accountability_period": row.parent, "institution": row.institution, "kind": kind},
			):
				continue
			record = frappe.get_doc(
				{
					"doctype": DocType.PERIOD_DOCUMENT,
					"accountability_period": row.parent,
					"institution": row.institution,
					"kind": kind,
					"title": f"{TITLE[kind]}-{row.parent}-{row.institution}",
					"document_number": row.document_number if kind == NOTICE else None,
					"total": row.total,
					"file": row.get(file_field),
					"rendered_on": row.get(sent_field),
					"sent_on": row.get(sent_field),
					# the old table could not tell a sent document from one that was not
					"delivery_status": NOT_SENT,
					"delivery_note": "Moved from the period's document table; its delivery is unknown",
				}
			).insert(ignore_permissions=True)
			frappe.db.set_value(
				"File",
				{
					"file_url": row.get(file_field),
					"attached_to_doctype": DocType.PERIOD,
					"attached_to_name": row.parent,
				},
				{
					"attached_to_doctype": DocType.PERIOD_DOCUMENT,
					"attached_to_name": record.name,
					"attached_to_field": "file",
				},
			)
	frappe.db.sql_ddl(f"drop table if exists `tab{OLD}`")

"""Customers' raw phone and ID numbers move from Complaint to Customer Contact, and leave no trace on
the complaint: its columns are dropped and its version history forgets them."""

import json

import frappe

from complaint_accountability.vocabulary import DocType

RAW = ("customer_phone", "customer_id_number")


def execute():
	columns = [c for c in RAW if frappe.db.has_column(DocType.COMPLAINT, c)]
	if not columns:
		return
	rows = frappe.db.sql(
		"select name, {} from `tabComplaint` where {}".format(
			", ".join(f"`{c}`" for c in columns), " or ".join(f"ifnull(`{c}`, '') != ''" for c in columns)
		),
		as_dict=True,
	)
	for row in rows:
		if not frappe.db.exists(DocType.CUSTOMER_CONTACT, row.name):
			contact = frappe.new_doc(DocType.CUSTOMER_CONTACT)
			contact.update({"complaint": row.name, **{c: row.get(c) for c in columns}})
			contact.insert(ignore_permissions=True)
	for column in columns:
		frappe.db.sql_ddl(f"alter table `tabComplaint` drop column `{column}`")
	forget_in_versions(set(columns))


def forget_in_versions(fields: set[str]) -> None:
	for name, data in frappe.get_all(
		"Version", filters={"ref_doctype": DocType.COMPLAINT}, fields=["name", "data"], as_list=True
	):
		try:
			changes = json.loads(data or "{}")
		except ValueError:
			continue
		kept = [change for change in changes.get("changed") or [] if change[0] not in fields]
		if len(kept) != len(changes.get("changed") or []):
			changes["changed"] = kept
			frappe.db.set_value("Version", name, "data", json.dumps(changes), update_modified=False)

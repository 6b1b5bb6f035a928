"""A remediation shows its owner's name (整改责任人姓名) beside the login, in the form and the list;
those made before the field fetch it here, once."""

import frappe

from complaint_accountability.vocabulary import DocType


def execute():
	remediation, user = frappe.qb.DocType(DocType.REMEDIATION), frappe.qb.DocType("User")
	(
		frappe.qb.update(remediation)
		.join(user)
		.on(user.name == remediation.remediation_owner)
		.set(remediation.remediation_owner_name, user.full_name)
		.where(remediation.remediation_owner_name.isnull() | (remediation.remediation_owner_name == ""))
		.run()
	)

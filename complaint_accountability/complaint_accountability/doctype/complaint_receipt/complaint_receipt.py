from frappe.model.document import Document


class ComplaintReceipt(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accountability_period: DF.Data | None
		channel: DF.Link
		note: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		receipt_kind: DF.Literal["", "Initial", "Repeat", "Escalation", "Multi-channel"]
		received_on: DF.Date
	# end: auto-generated types
	pass

from frappe.model.document import Document


class FindingCharge(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		channel: DF.Link | None
		charge_key: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		penalty_rate: DF.Link | None
		receipt: DF.Data | None
		receipt_kind: DF.Literal["", "Initial", "Repeat", "Escalation", "Multi-channel"]
		received_on: DF.Date | None
	# end: auto-generated types
	pass

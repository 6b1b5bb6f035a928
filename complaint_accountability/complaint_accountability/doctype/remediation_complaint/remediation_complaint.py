from frappe.model.document import Document


class RemediationComplaint(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		case_status: DF.Literal["Out of Scope", "Exempt", "Accountable", "Awaiting Outcome", "Referred"]
		complaint: DF.Link
		first_received_on: DF.Date | None
		handling_institution: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass

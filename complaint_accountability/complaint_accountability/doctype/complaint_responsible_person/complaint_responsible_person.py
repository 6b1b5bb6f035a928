from frappe.model.document import Document


class ComplaintResponsiblePerson(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		determined_by: DF.Literal["Complaint Desk", "Business Line", "Committee"]
		full_name: DF.Data | None
		liability: DF.Literal["Direct", "Management"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		person: DF.Link
	# end: auto-generated types
	pass

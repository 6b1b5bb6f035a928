from frappe.model.document import Document


class BusinessLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		business_line_name: DF.Data
		reviewer: DF.Link | None
	# end: auto-generated types
	pass

from frappe.utils.nestedset import NestedSet


class Institution(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint_manager: DF.Link | None
		disabled: DF.Check
		email: DF.Data | None
		institution_name: DF.Data
		institution_type: DF.Literal["Branch", "Department", "Sub-branch"]
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_institution: DF.Link | None
		rgt: DF.Int
	# end: auto-generated types
	nsm_parent_field = "parent_institution"

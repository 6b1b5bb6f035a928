from frappe.utils.nestedset import NestedSet


class Institution(NestedSet):
	nsm_parent_field = "parent_institution"

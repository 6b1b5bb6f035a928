"""Dispute Type (纠纷类型): the regulator's categories of complaints (理赔纠纷, 销售纠纷…)."""

from frappe.model.document import Document


class DisputeType(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		dispute_type_name: DF.Data
	# end: auto-generated types
	pass

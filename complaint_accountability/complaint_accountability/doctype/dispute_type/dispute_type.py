"""Dispute Type (纠纷类型): the regulator's categories of complaints (理赔纠纷, 销售纠纷…)."""

from frappe.model.document import Document


class DisputeType(Document):
	pass

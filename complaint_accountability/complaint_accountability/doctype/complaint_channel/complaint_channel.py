import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.vocabulary import DocType


class ComplaintChannel(Document):
	def validate(self):
		self.validate_rank_is_unique()

	def validate_rank_is_unique(self):
		other = frappe.db.get_value(DocType.CHANNEL, {"rank": self.rank, "name": ("!=", self.name)})
		if other:
			frappe.throw(
				_("Rank {0} is already used by channel {1}").format(self.rank, other),
				title=_("Duplicate Rank"),
			)

import frappe
from frappe import _
from frappe.model.document import Document

from complaint_accountability.vocabulary import DocType


class ComplaintChannel(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		aliases: DF.SmallText | None
		channel_name: DF.Data
		is_regulator: DF.Check
		rank: DF.Int

	# end: auto-generated types
	def validate(self):
		self.validate_rank_is_unique()

	def validate_rank_is_unique(self):
		other = frappe.db.get_value(DocType.CHANNEL, {"rank": self.rank, "name": ("!=", self.name)})
		if other:
			frappe.throw(
				_("Rank {0} is already used by channel {1}").format(self.rank, other),
				title=_("Duplicate Rank"),
			)

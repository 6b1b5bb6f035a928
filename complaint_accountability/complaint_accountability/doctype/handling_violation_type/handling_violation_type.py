from decimal import Decimal

from frappe import _, throw
from frappe.model.document import Document

from complaint_accountability.rules.violations import ViolationType


class HandlingViolationType(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		is_late_feedback: DF.Check
		max_amount: DF.Currency
		min_amount: DF.Currency
		violation_name: DF.Data

	# end: auto-generated types
	def validate(self):
		try:
			ViolationType(self.name, Decimal(str(self.min_amount)), Decimal(str(self.max_amount)))
		except ValueError:
			throw(_("The minimum amount must not be above the maximum amount"), title=_("Invalid Range"))

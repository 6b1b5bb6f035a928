from decimal import Decimal

from frappe import _, throw
from frappe.model.document import Document

from complaint_accountability.rules.violations import ViolationType


class HandlingViolationType(Document):
	def validate(self):
		try:
			ViolationType(self.name, Decimal(str(self.min_amount)), Decimal(str(self.max_amount)))
		except ValueError:
			throw(_("The minimum amount must not be above the maximum amount"), title=_("Invalid Range"))

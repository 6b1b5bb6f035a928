from frappe.model.document import Document

from complaint_accountability.accountability import period_summary, periods


class AccountabilityPeriod(Document):
	def validate(self):
		periods.set_window(self)

	def onload(self):
		self.set_onload("summary", period_summary.summary(self.name))

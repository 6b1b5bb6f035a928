"""Complaint Analysis Report (投诉情况分析报告): one record per quarter, named like 2026-Q4, holding the
quarter's PDF; the leading group makes it with 生成报告 (analytics/analysis_report.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from complaint_accountability.controllers.server_fields import keep_server_values
from complaint_accountability.rules.indicators import InvalidQuarterName, quarter_window

# Set when the PDF is made, never by a request.
SERVER_FIELDS = (
	"from_date",
	"to_date",
	"file",
	"rendered_on",
	"rendered_by",
	"receipts",
	"regulator_receipts",
	"per_100m_premium",
	"per_10k_policies",
)


class ComplaintAnalysisReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		file: DF.Attach | None
		from_date: DF.Date | None
		per_100m_premium: DF.Float
		per_10k_policies: DF.Float
		quarter: DF.Data
		receipts: DF.Int
		regulator_receipts: DF.Int
		rendered_by: DF.Link | None
		rendered_on: DF.Datetime | None
		to_date: DF.Date | None

	# end: auto-generated types
	def validate(self):
		keep_server_values(self, SERVER_FIELDS)
		self.set_window()

	def set_window(self) -> None:
		self.quarter = (self.quarter or "").strip()
		try:
			window = quarter_window(self.quarter)
		except InvalidQuarterName:
			frappe.throw(
				_("Write the quarter as YYYY-Qn, e.g. 2026-Q4, not {0}").format(frappe.bold(self.quarter)),
				title=_("Invalid Quarter"),
			)
		if window.start > getdate(today()):
			frappe.throw(_("Quarter {0} has not begun").format(self.quarter), title=_("Invalid Quarter"))
		self.from_date, self.to_date = window.start, window.end


@frappe.whitelist(methods=["POST"])
def generate(name: str) -> dict:
	"""生成报告: render the quarter's PDF and attach it in place of the one before (leading group)."""
	from complaint_accountability.analytics.analysis_report import make_pdf

	return make_pdf(name)

"""Institution Business Volume (业务规模): an institution's premium and policies over a month or a
quarter, the denominators of the regulator's ratios. Entered by hand or through Data Import."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from complaint_accountability.vocabulary import DocType


class OverlappingVolume(frappe.ValidationError):
	pass


class InstitutionBusinessVolume(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from_date: DF.Date
		institution: DF.Link
		naming_series: DF.Literal["BV-.YYYY.-.#####"]
		note: DF.SmallText | None
		policies: DF.Int
		premium: DF.Currency
		to_date: DF.Date

	# end: auto-generated types
	def validate(self):
		self.validate_dates()
		self.validate_no_overlap()

	def validate_dates(self) -> None:
		if self.from_date and self.to_date and getdate(self.from_date) > getdate(self.to_date):
			frappe.throw(
				_("The start date {0} is after the end date {1}").format(
					getdate(self.from_date), getdate(self.to_date)
				),
				title=_("Invalid Dates"),
			)

	def validate_no_overlap(self) -> None:
		"""A day of an institution's business counts once: no two rows of one institution overlap."""
		if not (self.institution and self.from_date and self.to_date):
			return
		# One writer at a time per institution, so two imports cannot both pass the check.
		frappe.db.get_value(DocType.INSTITUTION, self.institution, "name", for_update=True)
		clash = frappe.get_all(
			DocType.BUSINESS_VOLUME,
			filters={
				"institution": self.institution,
				"name": ("!=", self.name or ""),
				"from_date": ("<=", self.to_date),
				"to_date": (">=", self.from_date),
			},
			fields=["name", "from_date", "to_date"],
			order_by="from_date asc",
			limit=1,
		)
		if clash:
			frappe.throw(
				_("{0} already has business volume from {1} to {2} ({3}), which overlaps {4} to {5}").format(
					self.institution,
					clash[0].from_date,
					clash[0].to_date,
					clash[0].name,
					getdate(self.from_date),
					getdate(self.to_date),
				),
				OverlappingVolume,
				title=_("Overlapping Business Volume"),
			)

"""Penalty Rate (扣款标准): the amount per channel and liability, in force from a date."""

import frappe
from frappe import _
from frappe.model.document import Document


class PenaltyRate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		channel: DF.Link
		is_example: DF.Check
		liability: DF.Literal["Direct", "Management"]
		title: DF.Data | None
		valid_from: DF.Date

	# end: auto-generated types
	def validate(self):
		# What a link to the rate shows, in the site's language: 网络 直接责任人 2026-11-01
		# (its name spells the liability in English).
		liability = _(self.liability, lang=frappe.get_system_settings("language") or None)
		self.title = f"{self.channel} {liability} {self.valid_from}"

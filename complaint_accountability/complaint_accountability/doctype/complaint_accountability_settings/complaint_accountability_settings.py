from frappe.model.document import Document


class ComplaintAccountabilitySettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		appeal_deadline_day: DF.Int
		auto_compile: DF.Check
		auto_confirm: DF.Check
		auto_hand_off: DF.Check
		background_threshold: DF.Int
		branch_institution: DF.Link | None
		complex_case_days: DF.Int
		decision_days: DF.Int
		document_prefix: DF.Data | None
		especially_complex_case_days: DF.Int
		finance_recipients: DF.SmallText | None
		hr_recipients: DF.SmallText | None
		issuing_department: DF.Data | None
		issuing_organ: DF.Data | None
		payroll_day: DF.Int
		performance_component: DF.Data | None
		period_start_day: DF.Int
		printed_by: DF.Data | None
		same_channel_repeat_charged: DF.Check
		wage_component: DF.Data | None
	# end: auto-generated types
	pass

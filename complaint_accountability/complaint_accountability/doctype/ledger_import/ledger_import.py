from frappe.model.document import Document


class LedgerImport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		charged_findings_created: DF.Int
		complaints_created: DF.Int
		import_log: DF.LongText | None
		imported_on: DF.Datetime | None
		institutions_created: DF.Int
		ledger_file: DF.Attach
		persons_created: DF.Int
		receipts_added: DF.Int
		status: DF.Literal["Pending", "Successful", "Failed"]
		violations_created: DF.Int
	# end: auto-generated types
	pass

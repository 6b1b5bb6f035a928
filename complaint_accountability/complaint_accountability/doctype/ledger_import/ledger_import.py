"""Ledger Import (台账导入): a hand-kept ledger attached to be imported, and what its import did."""

from frappe.model.document import Document

from complaint_accountability.controllers.server_fields import keep_server_values

COUNTS = (
	"institutions_created",
	"persons_created",
	"complaints_created",
	"receipts_added",
	"charged_findings_created",
	"violations_created",
)
# what the import did, written by the import alone
SERVER_FIELDS = ("status", "import_log", "imported_on", *COUNTS)


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
		title: DF.Data | None
		violations_created: DF.Int
	# end: auto-generated types

	def validate(self):
		keep_server_values(self, SERVER_FIELDS)
		# the list and the form show the file's name, not its private path
		self.title = (self.ledger_file or "").rsplit("/", 1)[-1]

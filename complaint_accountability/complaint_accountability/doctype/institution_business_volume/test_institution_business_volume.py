"""Institution Business Volume: start before end, nothing negative, no two rows of one institution
overlapping; entered by hand or through Frappe's Data Import."""

import frappe
from frappe.core.doctype.data_import.importer import Importer

from complaint_accountability.complaint_accountability.doctype.institution_business_volume.institution_business_volume import (
	OverlappingVolume,
)
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	make_institution,
)
from complaint_accountability.tests.utils import make_business_volume as volume
from complaint_accountability.vocabulary import DocType

BRANCH, EAST, WEST = "规模测试分公司", "规模测试城东支公司", "规模测试城西支公司"
IMPORTED = "规模测试导入支公司"  # Data Import commits each row: its own institution, cleaned up after


def remove_imported() -> None:
	frappe.db.delete(DocType.BUSINESS_VOLUME, {"institution": IMPORTED})
	mine = {"reference_doctype": DocType.BUSINESS_VOLUME, "import_file": ("like", "%business-volume%.csv")}
	for name in frappe.get_all("Data Import", mine, pluck="name"):
		frappe.db.delete("Data Import Log", {"data_import": name})
		frappe.db.delete("Data Import", {"name": name})
	frappe.db.commit()


class TestInstitutionBusinessVolume(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_institution(BRANCH)
		make_institution(EAST, BRANCH)
		make_institution(WEST, BRANCH)
		make_institution(IMPORTED, BRANCH)
		remove_imported()

	@classmethod
	def tearDownClass(cls):
		remove_imported()
		super().tearDownClass()

	def setUp(self):
		self.committed = False  # Data Import commits, which ends the savepoint
		frappe.db.savepoint("volume_test")

	def tearDown(self):
		if not self.committed:
			frappe.db.rollback(save_point="volume_test")

	def test_a_quarter_and_the_months_around_it(self):
		volume(EAST, "2025-10-01", "2025-12-31").insert()
		volume(EAST, "2025-09-01", "2025-09-30").insert()  # the day before is free
		volume(EAST, "2026-01-01", "2026-01-31").insert()
		volume(WEST, "2025-11-01", "2025-11-30").insert()  # another institution's month
		saved = frappe.get_all(
			DocType.BUSINESS_VOLUME,
			{"institution": ("in", [EAST, WEST])},
			pluck="from_date",
			order_by="from_date",
		)
		self.assertEqual(
			[str(day) for day in saved], ["2025-09-01", "2025-10-01", "2025-11-01", "2026-01-01"]
		)

	def test_overlapping_rows_of_one_institution_are_refused(self):
		first = volume(EAST, "2025-10-01", "2025-12-31").insert()
		for start, end in (
			("2025-12-31", "2026-01-31"),
			("2025-11-01", "2025-11-30"),
			("2025-01-01", "2026-12-31"),
		):
			with self.assertRaises(OverlappingVolume) as refused:
				volume(EAST, start, end).insert()
			self.assertIn(first.name, str(refused.exception))
		first.premium = "2000000.00"
		first.save()  # a row never overlaps itself

	def test_dates_and_amounts_are_checked(self):
		with self.assertRaisesRegex(frappe.ValidationError, "2025-12-31.*2025-10-01"):
			volume(EAST, "2025-12-31", "2025-10-01").insert()
		with self.assertRaises(frappe.NonNegativeError):
			volume(EAST, "2025-10-01", "2025-12-31", premium="-1").insert()
		with self.assertRaises(frappe.NonNegativeError):
			volume(EAST, "2025-10-01", "2025-12-31", policies=-5).insert()

	def test_data_import_by_the_column_labels(self):
		csv = (
			"Institution,Start Date,End Date,Premium,Policies\n"
			f"{IMPORTED},2025-04-01,2025-05-31,120000000.00,24000\n"
			f"{IMPORTED},2025-06-01,2025-06-30,80000000.00,16000\n"
			f"{IMPORTED},2025-06-15,2025-06-30,1.00,1\n"  # overlaps the row above: refused with its reason
		)
		file = frappe.get_doc(
			{"doctype": "File", "file_name": "business-volume.csv", "content": csv, "is_private": 1}
		).insert()
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": DocType.BUSINESS_VOLUME,
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		self.committed = True
		Importer(DocType.BUSINESS_VOLUME, data_import=data_import).import_data()
		imported = frappe.get_all(
			DocType.BUSINESS_VOLUME,
			filters={"institution": IMPORTED},
			fields=["from_date", "premium", "policies"],
			order_by="from_date asc",
		)
		self.assertEqual(
			[(str(r.from_date), r.premium, r.policies) for r in imported],
			[("2025-04-01", 120000000.0, 24000), ("2025-06-01", 80000000.0, 16000)],
		)
		log = frappe.get_all(
			"Data Import Log", {"data_import": data_import.name, "success": 0}, pluck="messages"
		)
		self.assertEqual(len(log), 1)
		self.assertIn("2025-06-01", log[0])  # the row it overlaps
		self.assertIn("2025-06-15", log[0])

"""Small ledgers written as csv or xlsx for the ledger-mode tests."""

import csv
from pathlib import Path

from openpyxl import Workbook

from complaint_accountability.ledger import columns as col

HEADER = list(col.REQUIRED + col.OPTIONAL)
GOOD_ROW = {
	col.CASE_NUMBER: "A-1",
	col.RECEIVED_ON: "2026-11-02",
	col.CHANNEL: "网络",
	col.TRANSFERRED: "是",
	col.INSTITUTION: "城东支公司",
	col.OUTCOME: "未化解",
	col.DIRECT_PERSONS: "王芳(E1001)",
	col.MANAGEMENT_PERSONS: "李强(M1001)",
}


def row(**changes) -> dict:
	"""A good row with some cells changed; keyword names are the Chinese headers."""
	return {**GOOD_ROW, **changes}


def write_csv(path: Path, rows: list[dict], header=HEADER, encoding="utf-8") -> Path:
	with open(path, "w", newline="", encoding=encoding) as f:
		writer = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
		writer.writeheader()
		writer.writerows(rows)
	return path


def write_xlsx(path: Path, rows: list[list], header=HEADER) -> Path:
	book = Workbook()
	sheet = book.active
	sheet.append(header)
	for values in rows:
		sheet.append(values)
	book.save(path)
	return path

"""Which cells of an xlsx's first sheet hold a formula or an error value, read from the sheet's XML.

calamine (the fast reader) gives each cell's cached value only: a formula's last result, and an
empty cell for #N/A. A ledger must hold values typed or pasted as values, so both are refused;
this scans the raw sheet XML for them. The XML is inflated in chunks and searched with one
regular expression; only a chunk with a hit is walked row by row to name the rows. A row's number
is its r attribute, or one more than the row before it where it has none (as Excel reads a sheet
written without row numbers); a chunk with no hit is only looked at for its last row's number.
"""

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from posixpath import basename, dirname, join, normpath
from xml.etree import ElementTree

CHUNK = 8 << 20
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
FORMULA_MARK = re.compile(rb"<" + _PREFIX + rb"f[\s/>]")
ERROR_MARKS = (b't="e"', b"t='e'")
ROW = re.compile(rb"<(" + _PREFIX + rb")row\b([^>]*?)(?:/>|>(.*?)</\1row>)", re.S)
CELL = re.compile(rb"<(" + _PREFIX + rb")c\b([^>]*?)(?:/>|>(.*?)</\1c>)", re.S)
FORMULA = re.compile(rb"<(" + _PREFIX + rb")f\b[^>]*?(?:/>|>(.*?)</\1f>)", re.S)
VALUE = re.compile(rb"<(" + _PREFIX + rb")v\b[^>]*>(.*?)</\1v>", re.S)
ROW_NUMBER = re.compile(rb"\br\s*=\s*[\"'](\d+)[\"']")
ROW_START = re.compile(rb"<" + _PREFIX + rb"row\b([^>]*)>")
ERROR_TYPE = re.compile(rb"\bt\s*=\s*[\"']e[\"']")
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class UnreadableWorkbook(ValueError):
	"""The archive is no workbook the scan can read: a part it needs is missing, or it has no sheet."""


@dataclass(frozen=True)
class FlaggedCell:
	row: int  # sheet row number
	formula: str | None  # the formula as typed (=TODAY()), "" for a shared formula's copies
	error: str | None  # the error value (#N/A)


def first_sheet_path(archive: zipfile.ZipFile) -> str:
	"""The part name of the workbook's first sheet, as Excel orders them (found through the package's
	relationships: the workbook is xl/workbook.xml in most files, not in all)."""
	workbook_path = _target(archive, "", "officeDocument") or "xl/workbook.xml"
	workbook = ElementTree.fromstring(_part(archive, workbook_path))
	sheet = next((element for element in workbook.iter() if element.tag.endswith("}sheet")), None)
	if sheet is None:
		raise UnreadableWorkbook("工作簿里没有工作表")
	path = _target(archive, workbook_path, sheet.get(RELATIONSHIP_ID))
	if path is None or path not in archive.NameToInfo:
		raise UnreadableWorkbook(f"找不到第一个工作表“{sheet.get('name', '')}”的内容")
	return path


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
	try:
		return archive.read(name)
	except KeyError:
		raise UnreadableWorkbook(f"文件里缺少 {name},不是完整的 Excel 工作簿") from None


def _target(archive: zipfile.ZipFile, source: str, wanted: str) -> str | None:
	"""The part a relationship of ``source`` ("" for the package) points at: by Id, or by type name."""
	try:
		rels = archive.read(join(dirname(source), "_rels", f"{basename(source)}.rels"))
	except KeyError:  # no relationships part
		return None
	relationships = ElementTree.fromstring(rels)
	for relationship in relationships.iter(RELATIONSHIPS):
		if wanted in (relationship.get("Id"), relationship.get("Type", "").rsplit("/", 1)[-1]):
			target = relationship.get("Target")
			return target.lstrip("/") if target.startswith("/") else normpath(join(dirname(source), target))
	return None


def flagged_cells(archive: zipfile.ZipFile) -> Iterator[FlaggedCell]:
	"""Every formula and error cell of the first sheet, in sheet order."""
	with archive.open(first_sheet_path(archive)) as stream:
		carry, row = b"", 0  # row: the number of the last row read
		while True:
			chunk = stream.read(CHUNK)
			data = carry + chunk
			cut = _after_last_row(data) if chunk else len(data)
			complete, carry = data[:cut], data[cut:]
			if _suspect(complete):
				flagged, row = _flagged_in(complete, row)
				yield from flagged
			else:
				row = _last_row_number(complete, row)
			if not chunk:
				return


def _suspect(xml: bytes) -> bool:
	"""A quick look: may this XML hold a formula or an error cell? (Plain searches, no row walked.)"""
	return bool(FORMULA_MARK.search(xml)) or any(mark in xml for mark in ERROR_MARKS)


def _after_last_row(data: bytes) -> int:
	"""Where the last complete row element ends (0 if none does): rows are never cut in two."""
	position = len(data)
	while True:
		position = data.rfind(b"row>", 0, position)
		if position < 0:
			return 0
		if data[data.rfind(b"<", 0, position) + 1 : position].startswith(b"/"):
			return position + len(b"row>")


def _row_number(attributes: bytes, previous: int) -> int:
	number = ROW_NUMBER.search(attributes)
	return int(number.group(1)) if number else previous + 1


def _last_row_number(xml: bytes, previous: int) -> int:
	"""The number of the last row in ``xml``, the row before it being ``previous``. Its r attribute where it
	has one (the usual case: no row is walked); else the rows are counted from the last one that has."""
	start = _last_row_start(xml)
	if start is None:
		return previous
	attributes = ROW_START.match(xml, start)
	if attributes and ROW_NUMBER.search(attributes.group(1)):
		return int(ROW_NUMBER.search(attributes.group(1)).group(1))
	for row in ROW_START.finditer(xml):
		previous = _row_number(row.group(1), previous)
	return previous


def _last_row_start(xml: bytes) -> int | None:
	"""Where the last row element starts (<row or <x:row), if any."""
	position = len(xml)
	while True:
		position = xml.rfind(b"row", 0, position)
		if position < 0:
			return None
		opening = xml.rfind(b"<", 0, position)
		if opening >= 0 and ROW_START.match(xml, opening):
			return opening


def _flagged_in(xml: bytes, previous: int) -> tuple[list[FlaggedCell], int]:
	"""The formula and error cells of ``xml`` (complete rows, the row before them being ``previous``), and
	the number of its last row."""
	flagged = []
	for row in ROW.finditer(xml):
		previous = _row_number(row.group(2), previous)
		body = row.group(3) or b""
		if not _suspect(body):
			continue
		for cell in CELL.finditer(body):
			attributes, content = cell.group(2), cell.group(3) or b""
			formula = FORMULA.search(content)
			error = VALUE.search(content) if ERROR_TYPE.search(attributes) else None
			if formula or error:
				flagged.append(
					FlaggedCell(
						previous,
						"=" + _text(formula.group(2))
						if formula and formula.group(2)
						else ("" if formula else None),
						_text(error.group(2)) if error else None,
					)
				)
	return flagged, previous


def _text(raw: bytes) -> str:
	return unescape(raw.decode("utf-8", "replace")).strip()

"""Writing one sheet of text cells as an xlsx, fast: the ledger written back (hundreds of thousands of rows).

A general writer (openpyxl, xlsxwriter) spends microseconds on every cell; a sheet of text needs
none of its machinery. Here the sheet XML is built a block of rows at a time with plain string
operations and deflated into the archive as it goes, so memory stays bounded by a block. The
package holds the parts Excel requires (content types, relationships, workbook, worksheet and a
minimal stylesheet: the header row bold and frozen), with fixed timestamps, so the same cells
always give the same bytes.

Every text reads back as written (calamine, the reader ledger mode uses, is held to it by a test):
characters XML cannot carry are written as Excel writes them (_x0001_), a text that itself looks like
such an escape has its underscore escaped (_x005F_x0041_ for _x0041_), and a carriage return is a
character reference (XML would turn it into a line feed). What Excel cannot hold is refused with its
row and column: a cell over 32,767 characters, and the noncharacters U+FFFE and U+FFFF (Excel's own
escape for them, _xFFFE_, reads back as those seven characters).
"""

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .problems import LedgerInvalid, LedgerProblem

BLOCK_ROWS = 20_000
COMPRESS_LEVEL = 3
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 cannot carry; Excel writes them as _xHHHH_.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text that a reader would take for such an escape: its underscore is escaped in turn (_x005F_).
LOOKS_ESCAPED = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
# Unicode noncharacters: no XML can carry them and Excel's escape for them does not read back.
NONCHARACTERS = re.compile("[\ufffe\uffff]")
# What a column's text needs: escaped markup, a carriage return, illegal characters or text like an escape,
# or spaces kept at either end of a cell (the cells of a column are looked at joined by newlines).
NEEDS_CARE = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|\n\\s|\\s\n|_x[0-9A-Fa-f]{4}_")
MAX_CELL = 32_767  # characters in an Excel cell
PLAIN_TEXT = "<t>"
PRESERVED_TEXT = '<t xml:space="preserve">'

STATIC_PARTS = {
	"[Content_Types].xml": (
		'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
		'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
		'<Default Extension="xml" ContentType="application/xml"/>'
		'<Override PartName="/xl/workbook.xml" '
		'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
		'<Override PartName="/xl/worksheets/sheet1.xml" '
		'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
		'<Override PartName="/xl/styles.xml" '
		'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
		"</Types>"
	),
	"_rels/.rels": (
		f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
		f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
		"</Relationships>"
	),
	"xl/_rels/workbook.xml.rels": (
		f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
		f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
		f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
		"</Relationships>"
	),
	"xl/styles.xml": (
		f'<styleSheet xmlns="{MAIN}">'
		'<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>'
		'<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>'
		'<fills count="2"><fill><patternFill patternType="none"/></fill>'
		'<fill><patternFill patternType="gray125"/></fill></fills>'
		'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
		'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
		'<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
		'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
		'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
		"</styleSheet>"
	),
}


def column_letters(count: int) -> list[str]:
	"""A, B, …, Z, AA, AB, …: the names of the first ``count`` columns."""
	letters = []
	for number in range(1, count + 1):
		name = ""
		while number:
			number, remainder = divmod(number - 1, 26)
			name = chr(65 + remainder) + name
		letters.append(name)
	return letters


def write_text_sheet(path: Path, sheet_name: str, header: list[str], columns: list[list[str]]) -> None:
	"""An xlsx of one sheet: the header in row 1 (bold, frozen), then ``columns`` as text cells; "" is a blank cell.
	Raises LedgerInvalid, naming the sheet row and column, for a cell Excel cannot hold (no file is left)."""
	try:
		_write(path, sheet_name, header, columns)
	except LedgerInvalid:
		Path(path).unlink(missing_ok=True)
		raise


def _write(path: Path, sheet_name: str, header: list[str], columns: list[list[str]]) -> None:
	letters = column_letters(len(header))
	names = [name or f"{letter}列" for name, letter in zip(header, letters, strict=True)]
	rows = len(columns[0]) if columns else 0
	with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as archive:
		for name, xml in STATIC_PARTS.items():
			_write_part(archive, name, XML_HEAD + xml)
		_write_part(
			archive,
			"xl/workbook.xml",
			f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
			f'<sheet name={quoteattr(sheet_name)} sheetId="1" r:id="rId1"/></sheets></workbook>',
		)
		info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", FIXED_TIME)
		info.compress_type = zipfile.ZIP_DEFLATED
		with archive.open(info, "w", force_zip64=True) as sheet:
			last = f"{letters[-1]}{rows + 1}" if letters else "A1"
			sheet.write(
				(
					f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><dimension ref="A1:{last}"/>'
					'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
					'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
				).encode()
			)
			texts, text_tag = _cell_texts(header, lambda index: (1, names[index]))
			header_cells = "".join(
				f'<c r="{letter}1" s="1" t="inlineStr"><is>{text_tag}{text}</t></is></c>'
				for letter, text in zip(letters, texts, strict=True)
				if text
			)
			sheet.write(f'<row r="1">{header_cells}</row>'.encode())
			for start in range(0, rows, BLOCK_ROWS):
				sheet.write(
					_rows_xml(letters, names, [c[start : start + BLOCK_ROWS] for c in columns], start + 2)
				)
			sheet.write(b"</sheetData></worksheet>")


def _rows_xml(letters: list[str], names: list[str], columns: list[list[str]], first_row: int) -> bytes:
	numbers = [str(n) for n in range(first_row, first_row + len(columns[0]))]
	cells = []
	for letter, name, values in zip(letters, names, columns, strict=True):
		texts, text_tag = _cell_texts(values, lambda index, name=name: (first_row + index, name))
		cells.append(
			[
				f'<c r="{letter}{number}" t="inlineStr"><is>{text_tag}{text}</t></is></c>' if text else ""
				for text, number in zip(texts, numbers, strict=True)
			]
		)
	return "".join(
		f'<row r="{number}">{"".join(row)}</row>'
		for number, row in zip(numbers, zip(*cells, strict=True), strict=True)
	).encode()


def _cell_texts(values: list[str], where: Callable[[int], tuple[int, str]]) -> tuple[list[str], str]:
	"""Cell texts (of a column, or of the header row) ready for <t>, and the <t> tag to open them with. The
	cells are looked at joined; only those that need it are escaped value by value (and keep their spaces at
	either end). ``where(i)`` is the sheet row and column name of cell i, for a cell Excel cannot hold."""
	try:
		joined = "\n".join(values)
	except TypeError:  # not all text: None is a blank cell, anything else its str()
		values = ["" if value is None else str(value) for value in values]
		joined = "\n".join(values)
	if len(joined) > MAX_CELL and max(map(len, values)) > MAX_CELL:
		_refuse(values, where, lambda value: len(value) > MAX_CELL, _too_long)
	if not NEEDS_CARE.search(f"\n{joined}\n"):
		return values, PLAIN_TEXT
	if NONCHARACTERS.search(joined):
		_refuse(values, where, NONCHARACTERS.search, _noncharacter)
	# Each step only where the cells hold what it is for (most columns that need care only keep spaces).
	if any(mark in joined for mark in "&<>"):
		values = [escape(value) for value in values]
	if "_x" in joined:
		values = [LOOKS_ESCAPED.sub("_x005F_", value) for value in values]
	if ILLEGAL.search(joined):
		values = [ILLEGAL.sub(_excel_escape, value) for value in values]
	if "\r" in joined:
		values = [value.replace("\r", "&#13;") for value in values]
	return values, PRESERVED_TEXT


def _refuse(values: list[str], where, bad, reason) -> None:
	"""LedgerInvalid for each cell that ``bad`` finds: its sheet row, column name and ``reason(value)``."""
	raise LedgerInvalid(
		[LedgerProblem(*where(index), reason(value)) for index, value in enumerate(values) if bad(value)]
	)


def _too_long(value: str) -> str:
	return f"单元格有 {len(value)} 个字符,超过 Excel 单元格最多 {MAX_CELL} 个字符的上限,无法写回 xlsx,请缩短"


def _noncharacter(value: str) -> str:
	code = ord(NONCHARACTERS.search(value).group())
	return f"单元格含有字符 U+{code:04X}(不是文字,多由编码错误产生),xlsx 无法保存,请删除"


def _excel_escape(match: re.Match) -> str:
	return f"_x{ord(match.group()):04X}_"


def _write_part(archive: zipfile.ZipFile, name: str, xml: str) -> None:
	info = zipfile.ZipInfo(name, FIXED_TIME)
	info.compress_type = zipfile.ZIP_DEFLATED
	archive.writestr(info, xml.encode())

"""The xlsx pieces of ledger mode: the formula and error scan, the text-sheet writer, person cells at once."""

import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from complaint_accountability.ledger import columns as col
from complaint_accountability.ledger.cli import main
from complaint_accountability.ledger.files import read_ledger_file, write_ledger_file
from complaint_accountability.ledger.persons import (
	PersonCellError,
	parse_person_cell,
	parse_person_cells,
)
from complaint_accountability.ledger.problems import LedgerInvalid
from complaint_accountability.ledger.xlsx_scan import flagged_cells
from complaint_accountability.ledger.xlsx_text import column_letters, write_text_sheet

from .ledgers import HEADER, row, write_csv, write_xlsx

PREFIXED_SHEET = (
	'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
	'<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>投诉编号</x:t></x:is></x:c></x:row>'
	'<x:row r="2"><x:c r="A2"><x:f t="shared" ref="A2:A3" si="0">B2*2</x:f><x:v>4</x:v></x:c></x:row>'
	'<x:row r="3"><x:c r="A3"><x:f t="shared" si="0"/><x:v>6</x:v></x:c></x:row>'
	'<x:row r="4"/>'
	'<x:row r="5"><x:c r="A5" t="e"><x:v>#REF!</x:v></x:c><x:c r="B5" t="inlineStr"><x:is><x:t>a &lt;f&gt; t="e"</x:t>'
	"</x:is></x:c></x:row></x:sheetData></x:worksheet>"
)


def archive_with(sheet_xml: str, workbook: str = "xl/workbook.xml") -> zipfile.ZipFile:
	"""An xlsx-shaped archive: the workbook at ``workbook`` (found through _rels/.rels), its first sheet."""
	folder, name = workbook.rsplit("/", 1)
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w") as archive:
		archive.writestr(
			"_rels/.rels",
			'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
			'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
			f'relationships/officeDocument" Target="{workbook}"/></Relationships>',
		)
		archive.writestr(
			workbook,
			'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
			'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
			'<sheets><sheet name="台账" sheetId="1" r:id="rId7"/></sheets></workbook>',
		)
		archive.writestr(
			f"{folder}/_rels/{name}.rels",
			'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
			'<Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
		)
		archive.writestr("xl/worksheets/data.xml", sheet_xml)
	return zipfile.ZipFile(buffer)


def test_the_scan_finds_prefixed_shared_formulas_and_errors_by_row():
	cells = list(flagged_cells(archive_with(PREFIXED_SHEET)))
	assert [(c.row, c.formula, c.error) for c in cells] == [
		(2, "=B2*2", None),
		(3, "", None),
		(5, None, "#REF!"),
	]


def test_the_scan_finds_the_first_sheet_wherever_the_workbook_is():
	cells = list(flagged_cells(archive_with(PREFIXED_SHEET, workbook="main/book.xml")))
	assert [c.row for c in cells] == [2, 3, 5]


def test_the_scan_reads_rows_cut_across_chunks(monkeypatch):
	from complaint_accountability.ledger import xlsx_scan

	monkeypatch.setattr(xlsx_scan, "CHUNK", 7)
	cells = list(flagged_cells(archive_with(PREFIXED_SHEET)))
	assert [c.row for c in cells] == [2, 3, 5]


NUMBERLESS_SHEET = (
	'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
	'<row><c t="inlineStr"><is><t>投诉编号</t></is></c></row>'
	"<row><c><v>1</v></c></row>"
	"<row><c><f>B2*2</f><v>4</v></c></row>"
	'<row r="7"><c><v>1</v></c></row>'
	'<row/><row><c t="e"><v>#N/A</v></c></row>'
	"</sheetData></worksheet>"
)


@pytest.mark.parametrize("chunk", [7, 8 << 20])
def test_rows_written_without_numbers_are_counted(monkeypatch, chunk):
	"""A row without r is the row after the one before it (after row 7: rows 8 and 9)."""
	from complaint_accountability.ledger import xlsx_scan

	monkeypatch.setattr(xlsx_scan, "CHUNK", chunk)
	cells = list(flagged_cells(archive_with(NUMBERLESS_SHEET)))
	assert [(c.row, c.formula, c.error) for c in cells] == [(3, "=B2*2", None), (9, None, "#N/A")]


def test_a_workbook_without_row_numbers_names_the_formulas_row(tmp_path, capsys):
	values = [row()[h] for h in col.REQUIRED]
	made = write_xlsx(
		tmp_path / "made.xlsx", [values, [*values[:7], "=A1"], values], header=list(col.REQUIRED)
	)
	ledger = tmp_path / "l.xlsx"
	with zipfile.ZipFile(made) as source, zipfile.ZipFile(ledger, "w") as target:
		for item in source.infolist():
			data = source.read(item)
			if item.filename.startswith("xl/worksheets/"):
				data = re.sub(rb'(<(?:row|c)\b[^>]*?) r="[A-Z]*[0-9]+"', rb"\1", data)
			target.writestr(item, data)
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 2
	assert "第3行: 单元格含公式“=A1”" in capsys.readouterr().err


def test_the_text_sheet_keeps_every_cell_as_written(tmp_path):
	header = [f"列{n}" for n in range(30)]
	columns = [[f"{n}-{r}" for r in range(3)] for n in range(30)]
	columns[0] = ["a & b <c>", " 前后有空格 ", "控制\x0b字符"]
	columns[1] = ["", "多行\n文字", ""]
	path = tmp_path / "t.xlsx"
	write_text_sheet(path, "台账", header, columns)
	sheet = load_workbook(path, read_only=True).worksheets[0]
	rows = list(sheet.iter_rows(values_only=True))
	assert rows[0] == tuple(header)
	assert rows[1][:3] == ("a & b <c>", None, "2-0") and rows[1][29] == "29-0"
	assert rows[2][:2] == (" 前后有空格 ", "多行\n文字")
	assert rows[3][0] == "控制_x000B_字符"  # Excel's escape for a character XML cannot hold
	assert column_letters(28)[-3:] == ["Z", "AA", "AB"]


def test_a_ledger_written_back_reads_back_the_same_and_the_same_bytes(tmp_path):
	ledger = read_ledger_file(write_csv(tmp_path / "l.csv", [row(), row(**{"客户姓名": "赵=敏"})]))
	write_ledger_file(ledger, tmp_path / "a.xlsx")
	write_ledger_file(ledger, tmp_path / "b.xlsx")
	assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
	again = read_ledger_file(tmp_path / "a.xlsx")
	assert again.attrs["header"] == HEADER and again.equals(ledger)


ROUND_TRIP = [
	"_x0041_",  # Excel's escape for A, as text: must not read back as A
	"_x005F_",
	"x_x000D_y",
	"_xD83D_",
	"cr\r\nlf",
	"lone\rcr",
	"ctl\x01\x02end",
	"a & b <c> _x0041_",
	"tab\tin",
	"多行\n文字",
	"0012",
	"emoji😀",
	"x" * 32_767,
]


def calamine_cells(path) -> list[list]:
	return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)


def test_every_text_reads_back_through_calamine_as_written(tmp_path):
	path = tmp_path / "t.xlsx"
	write_text_sheet(path, "台账", ["文本", "_x0042_"], [ROUND_TRIP, ["plain"] * len(ROUND_TRIP)])
	rows = calamine_cells(path)
	assert rows[0] == ["文本", "_x0042_"]
	assert [r[0] for r in rows[1:]] == ROUND_TRIP
	assert read_ledger_file(path)["文本"].tolist() == [text.strip() for text in ROUND_TRIP]


@pytest.mark.parametrize(
	("text", "reason"),
	[
		("x" * 32_768, "单元格有 32768 个字符,超过 Excel 单元格最多 32767 个字符的上限"),
		("bom\ufffe", "单元格含有字符 U+FFFE"),
		("\uffff", "单元格含有字符 U+FFFF"),
	],
)
def test_a_cell_excel_cannot_hold_is_refused_by_row_and_column(tmp_path, text, reason):
	path = tmp_path / "t.xlsx"
	with pytest.raises(LedgerInvalid) as refused:
		write_text_sheet(path, "台账", ["投诉编号", ""], [["A-1", "A-2", "A-3"], ["", "", text]])
	(problem,) = refused.value.problems
	assert (problem.row, problem.column) == (4, "B列") and reason in problem.reason
	assert not path.exists()


CELL_PARTS = st.sampled_from(
	["王芳(E1001)", "李强（M1001）", " 赵敏 ( E-2 ) ", "王芳", "(E1)", "王芳(E 1)", "", " "]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELL_PARTS, max_size=4).map("、".join), min_size=1, max_size=12))
def test_cells_parsed_at_once_equal_cells_parsed_one_by_one(cells):
	persons, errors = parse_person_cells(cells)
	for index, cell in enumerate(cells):
		mine = persons[persons["cell"] == index]
		try:
			expected = tuple(dict.fromkeys(parse_person_cell(cell)))
		except PersonCellError as error:
			assert errors[index] == str(error) and mine.empty
			continue
		assert index not in errors
		assert list(zip(mine["full_name"], mine["employee_number"], strict=True)) == [
			(p.full_name, p.employee_number) for p in expected
		]
		assert list(mine["position"]) == list(range(len(expected)))


def rewritten(source, target, parts: dict[str, bytes | None]):
	"""A copy of the xlsx ``source`` with some parts replaced (None: left out)."""
	with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
		for item in old.infolist():
			data = parts.get(item.filename, old.read(item))
			if data is not None:
				new.writestr(item, data)
	return target


@pytest.mark.parametrize(
	("parts", "reason"),
	[
		(
			{
				"xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
				b"<sheets/></workbook>"
			},
			"无法打开 Excel 文件: 工作簿里没有工作表",
		),
		({"xl/worksheets/sheet1.xml": None}, "无法打开 Excel 文件: 找不到第一个工作表“台账”的内容"),
		({"xl/workbook.xml": None}, "无法打开 Excel 文件: 文件里缺少 xl/workbook.xml"),
		({"xl/workbook.xml": b"<workbook"}, "无法打开 Excel 文件,文件已损坏或不是 xlsx"),
	],
)
def test_a_workbook_that_cannot_be_read_says_why(tmp_path, parts, reason):
	good = tmp_path / "good.xlsx"
	write_text_sheet(good, "台账", HEADER, [[value] for value in row().values()] + [[""]] * 9)
	with pytest.raises(LedgerInvalid) as refused:
		read_ledger_file(rewritten(good, tmp_path / "bad.xlsx", parts))
	(problem,) = refused.value.problems
	assert problem.row == 0 and reason in problem.reason


def test_a_fault_of_the_program_is_not_reported_as_a_bad_file(tmp_path, monkeypatch):
	from complaint_accountability.ledger import files

	def broken(archive):
		raise TypeError("a bug")

	monkeypatch.setattr(files, "flagged_cells", broken)
	good = tmp_path / "good.xlsx"
	write_text_sheet(good, "台账", HEADER, [[value] for value in row().values()] + [[""]] * 9)
	with pytest.raises(TypeError, match="a bug"):
		read_ledger_file(good)

"""Reading a ledger file (xlsx or csv) into a frame of text cells, and writing one back.

An xlsx is read by calamine (Rust, through python-calamine): its first sheet's values as Python
objects, turned into text column by column. Formulas and error values, which calamine does not
report, are found in the sheet's XML (xlsx_scan.py). A csv is read by pandas' C parser.
"""

import io
import re
import zipfile
import zlib
from itertools import zip_longest
from pathlib import Path
from xml.etree.ElementTree import ParseError

import numpy as np
import pandas as pd

from .cells import excel_text
from .problems import HEADER_ROW, LedgerInvalid, LedgerProblem
from .xlsx_scan import UnreadableWorkbook, flagged_cells
from .xlsx_text import write_text_sheet

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
LEDGER_SHEET = "台账"


def read_ledger_file(path: Path) -> pd.DataFrame:
	"""The first sheet (or the csv) as text; raises LedgerInvalid for an unreadable file.

	Columns are the header cells (``_blank_N`` for a blank one), ``attrs["header"]`` the header as
	written; the index is the data row's position, so sheet row = index + 2.
	"""
	path = Path(path)
	if not path.is_file():
		raise LedgerInvalid([LedgerProblem(0, "", f"找不到台账文件 {path}")])
	suffix = path.suffix.lower()
	if suffix in EXCEL_SUFFIXES:
		frame = _read_excel(path)
	elif suffix == ".csv":
		frame = _read_csv(path)
	else:
		raise LedgerInvalid(
			[LedgerProblem(0, "", f"台账应为 .xlsx 或 .csv 文件,不是 {suffix or '无扩展名'}")]
		)
	_check_header(frame)
	return frame


def _read_excel(path: Path) -> pd.DataFrame:
	"""The first sheet's values as text. A file that is no readable workbook (not a zip, a part missing or
	damaged, no sheet) is refused; any other error is a fault of this program and is not hidden as one."""
	from python_calamine import CalamineError, CalamineWorkbook

	try:
		with zipfile.ZipFile(path) as archive:
			flagged = list(flagged_cells(archive))
		rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
	except UnreadableWorkbook as error:
		raise LedgerInvalid([LedgerProblem(0, "", f"无法打开 Excel 文件: {error}")]) from None
	except (zipfile.BadZipFile, zlib.error, EOFError, ParseError, CalamineError) as error:
		raise LedgerInvalid(
			[LedgerProblem(0, "", f"无法打开 Excel 文件,文件已损坏或不是 xlsx: {error}")]
		) from None
	problems = [
		LedgerProblem(cell.row, "", f"单元格含公式“{cell.formula[:30]}”,请粘贴为数值后再导入")
		if cell.formula
		else LedgerProblem(cell.row, "", "单元格含公式,请粘贴为数值后再导入")
		for cell in flagged
		if cell.formula is not None and cell.row != HEADER_ROW
	]
	problems += [
		LedgerProblem(cell.row, "", f"单元格为错误值“{cell.error}”,请更正后再导入")
		for cell in flagged
		if cell.error is not None and cell.formula is None
	]
	columns = list(zip_longest(*rows, fillvalue=""))
	del rows
	text = [
		[value.strip() if type(value) is str else excel_text(value) for value in column] for column in columns
	]
	del columns
	problems += _typed_formulas_and_errors(text)
	if problems:
		raise LedgerInvalid(problems)
	return _frame(text)


def _typed_formulas_and_errors(columns: list[list[str]]) -> list[LedgerProblem]:
	"""Text cells that read as a formula or an error value (what openpyxl used to see) are refused too.
	A column is looked at joined first; only one that may hold such a cell is looked at cell by cell."""
	problems = []
	for column in columns:
		joined = "\n".join(column[HEADER_ROW:])
		if "\n=" not in f"\n{joined}" and not any(error in joined for error in EXCEL_ERRORS):
			continue
		for index, value in enumerate(column[HEADER_ROW:], start=HEADER_ROW + 1):
			if value.startswith("="):
				problems.append(LedgerProblem(index, "", f"单元格含公式“{value[:30]}”,请粘贴为数值后再导入"))
			elif value in EXCEL_ERRORS:
				problems.append(LedgerProblem(index, "", f"单元格为错误值“{value}”,请更正后再导入"))
	return problems


def _read_csv(path: Path) -> pd.DataFrame:
	raw = path.read_bytes()
	for encoding in CSV_ENCODINGS:
		try:
			text = raw.decode(encoding)
		except UnicodeDecodeError:
			continue
		try:
			# Blank lines are kept so every row keeps the number Excel shows for it.
			frame = pd.read_csv(
				io.StringIO(text), dtype=str, keep_default_na=False, header=None, skip_blank_lines=False
			)
		except pd.errors.EmptyDataError:
			raise LedgerInvalid([LedgerProblem(HEADER_ROW, "", "台账是空的:第1行应为表头")]) from None
		except pd.errors.ParserError as error:
			line = re.search(r"line (\d+)", str(error))
			where = int(line.group(1)) if line else 0
			raise LedgerInvalid([LedgerProblem(where, "", "该行的列数与表头不一致,或引号未闭合")]) from None
		del raw, text
		return _frame([frame[column].fillna("").str.strip().tolist() for column in frame.columns])
	raise LedgerInvalid([LedgerProblem(0, "", "csv 文件编码无法识别,请另存为 UTF-8 编码")])


def _frame(columns: list[list[str]]) -> pd.DataFrame:
	"""Header row and data rows from text columns (each holding the header cell first)."""
	end = len(columns[0]) if columns else 0
	while end and not any(column[end - 1] for column in columns):
		end -= 1  # blank rows at the end are no rows
	if not end:
		raise LedgerInvalid([LedgerProblem(HEADER_ROW, "", "台账是空的:第1行应为表头")])
	frame = pd.DataFrame({i: _object_array(column[1:end]) for i, column in enumerate(columns)}, copy=False)
	frame.attrs["header"] = [column[0] for column in columns]
	return frame


def _object_array(values: list[str]) -> np.ndarray:
	array = np.empty(len(values), dtype=object)
	array[:] = values
	return array


def _check_header(frame: pd.DataFrame) -> None:
	header = frame.attrs["header"]
	seen, problems = set(), []
	for name in header:
		if name and name in seen:
			problems.append(LedgerProblem(HEADER_ROW, name, "表头重复"))
		seen.add(name)
	if problems:
		raise LedgerInvalid(problems)
	frame.columns = [name or f"_blank_{i}" for i, name in enumerate(header)]


def written_header(frame: pd.DataFrame) -> list[str]:
	"""The header to write: the ledger's as written (a blank cell stays blank), then the columns added to it."""
	given = list(frame.attrs.get("header", []))[: len(frame.columns)]
	return given + [str(name) for name in frame.columns[len(given) :]]


def write_ledger_file(frame: pd.DataFrame, path: Path) -> None:
	"""The ledger back in the format it came in, all cells as text, under the header it came with."""
	header = written_header(frame)
	if path.suffix.lower() == ".csv":
		frame.to_csv(path, index=False, header=header, encoding="utf-8-sig")
	else:
		write_text_sheet(path, LEDGER_SHEET, header, [frame[c].tolist() for c in frame.columns])

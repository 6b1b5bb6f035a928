"""Reading a ledger file (xlsx or csv) into a frame of text cells, and writing one back."""

import io
import re
from pathlib import Path

import pandas as pd

from .cells import excel_text
from .problems import HEADER_ROW, LedgerInvalid, LedgerProblem

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def read_ledger_file(path: Path) -> pd.DataFrame:
	"""The first sheet (or the csv) as text; raises LedgerInvalid for an unreadable file."""
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
	from openpyxl import load_workbook

	try:
		book = load_workbook(path, read_only=True, data_only=False)
	except Exception as error:
		raise LedgerInvalid([LedgerProblem(0, "", f"无法打开 Excel 文件: {error}")]) from None
	sheet = book.worksheets[0]
	sheet.reset_dimensions()  # a read-only sheet otherwise trusts the size the file claims and drops rows
	problems, rows = [], []
	for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
		row = [excel_text(value) for value in cells]
		for value in row:
			if value.startswith("=") and number > HEADER_ROW:
				problems.append(LedgerProblem(number, "", f"单元格含公式“{value[:30]}”,请粘贴为数值后再导入"))
			elif value in EXCEL_ERRORS:
				problems.append(LedgerProblem(number, "", f"单元格为错误值“{value}”,请更正后再导入"))
		rows.append(row)
	book.close()
	if problems:
		raise LedgerInvalid(problems)
	return _frame(rows)


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
		return _frame(frame.to_numpy().tolist())
	raise LedgerInvalid([LedgerProblem(0, "", "csv 文件编码无法识别,请另存为 UTF-8 编码")])


def _frame(rows: list[list[str]]) -> pd.DataFrame:
	while rows and not any(str(v).strip() for v in rows[-1]):
		rows.pop()
	if not rows:
		raise LedgerInvalid([LedgerProblem(HEADER_ROW, "", "台账是空的:第1行应为表头")])
	header = [str(v).strip() for v in rows[0]]
	width = max(len(header), *(len(r) for r in rows))
	header += [""] * (width - len(header))
	body = [[str(v).strip() for v in r] + [""] * (width - len(r)) for r in rows[1:]]
	frame = pd.DataFrame(body, columns=range(width), dtype=object)
	frame.attrs["header"] = header
	return frame


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


def write_ledger_file(frame: pd.DataFrame, path: Path) -> None:
	"""The ledger back in the format it came in, all cells as text."""
	if path.suffix.lower() == ".csv":
		frame.to_csv(path, index=False, encoding="utf-8-sig")
	else:
		frame.to_excel(path, index=False, sheet_name="台账")

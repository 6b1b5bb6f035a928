"""Regenerate the corpus of malformed ledgers: bad/*, good/* and expected.json.

    python3 tests/corpus/make_corpus.py

Every bad ledger is a good ledger with one deliberate fault (or, for the "several-*" files, a
few); expected.json says where the reader must point: sheet row (the header is row 1; 0 for a
problem with the whole file), column header ("" for a row-level problem) and a substring of
the reason as the reader prints it. "also" lists further problems that must be listed too,
"count" the exact number of problems. An entry with "known_gap" is a ledger the reader should
refuse (or point at differently) but currently does not; its row/column/reason say what a fix
should report, and the test skips it.

The output is deterministic (fixed zip timestamps and document properties), so regenerating
does not churn the committed files.
"""

import csv
import io
import json
import random
import re
import shutil
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.formula import ArrayFormula

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere

from complaint_accountability.ledger import columns as col
from tests.ledgers import GOOD_ROW, row
from tests.ledgers import HEADER as LEDGER_HEADER

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"
GOOD = HERE / "good"
EXPECTED = HERE / "expected.json"

# The corpus was made before the optional column 违规扣款期间 existed; its ledgers stay without it (a
# ledger may leave any optional column out), so adding a column does not rewrite every file.
HEADER = [name for name in LEDGER_HEADER if name != col.VIOLATION_CHARGED_PERIOD]
VIOLATION = {col.DESK_OFFICERS: "何琳(D0001)", col.VIOLATION_TYPE: "未按时效反馈", col.VIOLATION_AMOUNT: "50"}
FIXED_TIME = (2026, 1, 1, 0, 0, 0)

MISSING_FILE_NAMES = {
	col.CASE_NUMBER: "case-number",
	col.RECEIVED_ON: "received-on",
	col.CHANNEL: "channel",
	col.TRANSFERRED: "transferred",
	col.INSTITUTION: "institution",
	col.OUTCOME: "outcome",
	col.DIRECT_PERSONS: "direct-persons",
	col.MANAGEMENT_PERSONS: "management-persons",
}


def second(**changes) -> dict:
	"""A good row of another case, another day, other people."""
	return row(
		**{
			col.CASE_NUMBER: "A-2",
			col.RECEIVED_ON: "2026-11-05",
			col.DIRECT_PERSONS: "赵敏(E1002)",
			**changes,
		}
	)


def csv_text(rows: list[dict], header=HEADER) -> str:
	buffer = io.StringIO()
	writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\r\n")
	writer.writeheader()
	writer.writerows(rows)
	return buffer.getvalue()


def csv_bytes(rows: list[dict], header=HEADER, encoding="utf-8") -> bytes:
	return csv_text(rows, header).encode(encoding)


def xlsx_bytes(rows: list[dict], header=HEADER, edit=None, sheet_xml=None) -> bytes:
	"""An xlsx of the rows ("" cells left blank); ``edit(book)`` may change the workbook first and
	``sheet_xml(xml)`` the first sheet's XML after saving."""
	book = Workbook()
	sheet = book.active
	sheet.title = "台账"
	if header is not None:
		sheet.append(header)
	for values in rows:
		sheet.append([None if values.get(name, "") == "" else values[name] for name in header or HEADER])
	if edit:
		edit(book)
	book.properties.created = datetime(*FIXED_TIME)
	buffer = io.BytesIO()
	book.save(buffer)
	return normalise_zip(buffer.getvalue(), sheet_xml)


def normalise_zip(data: bytes, sheet_xml=None) -> bytes:
	"""The same archive with fixed timestamps, so regenerating gives the same bytes."""
	source = zipfile.ZipFile(io.BytesIO(data))
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
		for item in source.infolist():
			content = source.read(item.filename)
			if item.filename == "docProps/core.xml":
				content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", content)
			if item.filename == "xl/worksheets/sheet1.xml" and sheet_xml:
				content = sheet_xml(content)
			target.writestr(zipfile.ZipInfo(item.filename, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
	return buffer.getvalue()


def problem(row: int, column: str, reason: str) -> dict:
	return {"row": row, "column": column, "reason": reason}


CORPUS: dict[str, tuple[bytes, dict]] = {}


def add(name: str, data: bytes, row: int, column: str, reason: str, about: str, **extra) -> None:
	assert name not in CORPUS, name
	expectation = {**problem(row, column, reason), "about": about}
	if "also" in extra:
		extra["also"] = [problem(*p) for p in extra["also"]]
	CORPUS[name] = (data, {**expectation, **extra})


def wrong_types() -> None:
	amount = col.VIOLATION_AMOUNT
	add(
		"amount-text.csv",
		csv_bytes([row(**{**VIOLATION, amount: "五十"})]),
		2,
		amount,
		"金额“五十”不是数字",
		"text in 违规扣款",
	)
	add(
		"amount-text.xlsx",
		xlsx_bytes([row(**{**VIOLATION, amount: "50元整"})]),
		2,
		amount,
		"不是数字",
		"text after the number in 违规扣款",
	)
	add(
		"amount-negative.csv",
		csv_bytes([row(**{**VIOLATION, amount: "-50"})]),
		2,
		amount,
		"非负数",
		"negative money",
	)
	add(
		"amount-three-decimals.csv",
		csv_bytes([row(**{**VIOLATION, amount: "50.125"})]),
		2,
		amount,
		"不超过两位小数",
		"money with 3 decimals",
	)
	add(
		"amount-three-decimals.xlsx",
		xlsx_bytes([row(**{**VIOLATION, amount: 50.125})]),
		2,
		amount,
		"不超过两位小数",
		"a numeric xlsx cell with 3 decimals",
	)
	add(
		"amount-nan.csv",
		csv_bytes([row(**{**VIOLATION, amount: "NaN"})]),
		2,
		amount,
		"非负数",
		"NaN is parsed by Decimal but is no amount",
	)
	date = col.RECEIVED_ON
	add(
		"date-yesterday.csv",
		csv_bytes([row(**{date: "昨天"})]),
		2,
		date,
		"无法识别的日期“昨天”",
		"a word instead of a date",
	)
	add(
		"date-number.csv",
		csv_bytes([row(), second(**{date: "12345"})]),
		3,
		date,
		"无法识别的日期",
		"a bare number in 受理日期",
	)
	add(
		"date-serial.csv",
		csv_bytes([row(**{date: "46330"})]),
		2,
		date,
		"无法识别的日期“46330”",
		"an Excel serial number as text",
	)
	add(
		"date-serial.xlsx",
		xlsx_bytes([row(**{date: 46330})]),
		2,
		date,
		"无法识别的日期“46330”",
		"an Excel serial number in an unformatted numeric cell",
	)
	add(
		"date-feb-30.csv",
		csv_bytes([row(**{date: "2026-02-30"})]),
		2,
		date,
		"日期“2026-02-30”不存在",
		"a day that does not exist",
	)
	add(
		"date-month-13.csv",
		csv_bytes([row(**{date: "2026-13-01"})]),
		2,
		date,
		"日期“2026-13-01”不存在",
		"a month that does not exist",
	)
	add(
		"date-us-order.csv",
		csv_bytes([row(**{date: "11/02/2026"})]),
		2,
		date,
		"无法识别的日期",
		"month/day/year order",
	)
	add("date-blank.csv", csv_bytes([row(), second(**{date: ""})]), 3, date, "不能为空", "no received date")
	add(
		"date-1999.csv",
		csv_bytes([row(**{date: "1999-12-31"})]),
		2,
		date,
		"不在 2000–2099 年之间",
		"a date before 2000",
	)
	add(
		"date-2100.xlsx",
		xlsx_bytes([row(**{date: datetime(2100, 1, 1)})]),
		2,
		date,
		"日期“2100-01-01”不在 2000–2099 年之间",
		"a real date cell after 2099",
	)
	add(
		"date-1900.xlsx",
		xlsx_bytes([row(**{date: datetime(1900, 1, 1)})]),
		2,
		date,
		"日期“1900-01-01”不在 2000–2099 年之间",
		"serial 1 formatted as a date",
	)


def columns_and_sheets() -> None:
	for name, stem in MISSING_FILE_NAMES.items():
		header = [h for h in HEADER if h != name]
		maker = xlsx_bytes if stem in ("channel", "management-persons") else csv_bytes
		suffix = ".xlsx" if maker is xlsx_bytes else ".csv"
		add(
			f"missing-{stem}{suffix}",
			maker([row()], header=header),
			1,
			name,
			"缺少必需列",
			f"no {name} column",
		)
	two_missing = [h for h in HEADER if h not in (col.OUTCOME, col.INSTITUTION)]
	add(
		"missing-two-columns.csv",
		csv_bytes([row()], header=two_missing),
		1,
		col.INSTITUTION,
		"缺少必需列",
		"two required columns missing: both named",
		also=[(1, col.OUTCOME, "缺少必需列")],
		count=2,
	)
	add(
		"title-row.xlsx",
		xlsx_bytes([row()], edit=_title_row),
		1,
		col.CASE_NUMBER,
		"缺少必需列",
		"a title in row 1 pushes the header to row 2",
		count=len(col.REQUIRED),
	)
	add(
		"header-duplicate.csv",
		csv_bytes([row()], header=[*HEADER, col.CHANNEL]),
		1,
		col.CHANNEL,
		"表头重复",
		"投诉渠道 twice",
	)
	duplicated = [*HEADER, f" {col.VIOLATION_AMOUNT} "]
	add(
		"header-duplicate-spaces.xlsx",
		xlsx_bytes([row()], header=duplicated),
		1,
		col.VIOLATION_AMOUNT,
		"表头重复",
		"违规扣款 twice, once with spaces around it",
	)
	add("empty.csv", b"", 1, "", "台账是空的", "a 0-byte csv")
	add("empty-commas.csv", b",,,,,,,\r\n,,,,,,,\r\n", 1, "", "台账是空的", "a csv of blank cells only")
	add("empty.xlsx", xlsx_bytes([], header=None), 1, "", "台账是空的", "an empty sheet")
	add(
		"first-sheet-empty.xlsx",
		xlsx_bytes([], header=None, edit=lambda book: _second_sheet(book)),
		1,
		"",
		"台账是空的",
		"the ledger is on the second sheet, the first is empty",
	)
	add("header-only.csv", csv_bytes([]), 2, "", "台账没有数据行", "a header and no data rows")
	add(
		"header-only-blank-rows.xlsx",
		xlsx_bytes([{col.CUSTOMER: " "}, {}, {col.VIOLATION_TYPE: "  "}]),
		2,
		"",
		"台账没有数据行",
		"a header and rows of blank cells",
	)


def _title_row(book) -> None:
	book.active.insert_rows(1)
	book.active["A1"] = "2026年投诉台账"


def _second_sheet(book) -> None:
	sheet = book.create_sheet("台账2")
	sheet.append(HEADER)
	sheet.append([GOOD_ROW.get(h) for h in HEADER])


def cases_and_persons() -> None:
	case, direct, management = col.CASE_NUMBER, col.DIRECT_PERSONS, col.MANAGEMENT_PERSONS
	add("case-blank.csv", csv_bytes([row(), second(**{case: ""})]), 3, case, "不能为空", "no case number")
	add(
		"case-spaces.xlsx", xlsx_bytes([row(**{case: "   "})]), 2, case, "不能为空", "a case number of spaces"
	)
	add(
		"case-two-customers.csv",
		csv_bytes(
			[
				row(**{col.CUSTOMER: "张三"}),
				row(**{col.CUSTOMER: "李四", col.RECEIVED_ON: "2026-11-09", col.CHANNEL: "监管局"}),
			]
		),
		3,
		col.CUSTOMER,
		"投诉编号 A-1 的客户姓名前后不一致(张三、李四)",
		"one case number, two customers",
	)
	add(
		"person-number-two-names.csv",
		csv_bytes([row(), second(**{direct: "王五(E1001)"})]),
		3,
		"",
		"工号 E1001 同时对应“王芳”和“王五”",
		"one 工号 with two names in two cases",
	)
	add(
		"person-number-two-names.xlsx",
		xlsx_bytes([row(**{management: "王方(E1001)"})]),
		2,
		"",
		"工号 E1001 同时对应",
		"one 工号 as 直接责任人 and, with a typo, as 管理责任人",
	)
	bad_persons = {
		"person-no-parentheses.csv": (direct, "王芳 E1001", "无法识别“王芳 E1001”"),
		"person-empty-parentheses.csv": (direct, "王芳()", "无法识别“王芳()”"),
		"person-unclosed.csv": (management, "李强(M1001", "无法识别“李强(M1001”"),
		"person-unopened.csv": (management, "李强M1001)", "无法识别“李强M1001)”"),
		"person-name-only.xlsx": (management, "李强", "无法识别“李强”"),
		"person-number-only.csv": (direct, "(E1001)", "无法识别“(E1001)”"),
		"person-number-with-space.csv": (direct, "王芳(E 1001)", "无法识别“王芳(E 1001)”"),
		"person-number-chinese.csv": (direct, "王芳(工号一)", "无法识别“王芳(工号一)”"),
		"person-second-without-number.csv": (direct, "王芳(E1001)、赵敏", "无法识别“赵敏”"),
		"person-space-separated.csv": (direct, "王芳(E1001) 赵敏(E1002)", "姓名(工号)"),
	}
	for name, (column, value, reason) in bad_persons.items():
		maker = xlsx_bytes if name.endswith(".xlsx") else csv_bytes
		add(name, maker([row(**{column: value})]), 2, column, reason, f"person cell “{value}”")
	add(
		"person-bad-desk-officer.csv",
		csv_bytes([row(**{**VIOLATION, col.DESK_OFFICERS: "何琳"})]),
		2,
		col.DESK_OFFICERS,
		"无法识别“何琳”",
		"a desk officer without 工号",
	)
	add(
		"person-placeholder-number.csv",
		csv_bytes([row(**{direct: "王芳(-)"})]),
		2,
		direct,
		"工号",
		"a placeholder “-” as 工号",
	)
	add(
		"person-number-renamed-in-case.csv",
		csv_bytes(
			[row(), row(**{col.RECEIVED_ON: "2026-11-09", col.CHANNEL: "监管局", direct: "王五(E1001)"})]
		),
		3,
		"",
		"工号 E1001 同时对应",
		"a later row of the same case names E1001 王五",
	)


def cell_words() -> None:
	add(
		"channel-unknown.csv",
		csv_bytes([row(), second(**{col.CHANNEL: "微博"})]),
		3,
		col.CHANNEL,
		"未知的投诉渠道“微博”",
		"an unknown channel",
	)
	add(
		"channel-unknown.xlsx",
		xlsx_bytes([row(**{col.CHANNEL: "12345"})]),
		2,
		col.CHANNEL,
		"未知的投诉渠道“12345”",
		"a phone number that is no channel alias",
	)
	add("channel-blank.csv", csv_bytes([row(**{col.CHANNEL: ""})]), 2, col.CHANNEL, "不能为空", "no channel")
	add(
		"outcome-unknown.csv",
		csv_bytes([row(), second(**{col.OUTCOME: "还行"})]),
		3,
		col.OUTCOME,
		"未知的首次协调结果“还行”",
		"an unknown outcome",
	)
	add(
		"outcome-unknown.xlsx",
		xlsx_bytes([row(**{col.OUTCOME: "已解决"})]),
		2,
		col.OUTCOME,
		"未知的首次协调结果“已解决”",
		"an outcome word not in the list",
	)
	add(
		"transferred-maybe.csv",
		csv_bytes([row(**{col.TRANSFERRED: "也许"})]),
		2,
		col.TRANSFERRED,
		"应填“是”或“否”,不是“也许”",
		"是否转办 neither 是 nor 否",
	)
	add(
		"transferred-tick.xlsx",
		xlsx_bytes([row(**{col.TRANSFERRED: "√"})]),
		2,
		col.TRANSFERRED,
		"应填“是”或“否”",
		"a tick mark in 是否转办",
	)
	add(
		"transferred-blank.csv",
		csv_bytes([row(**{col.TRANSFERRED: ""})]),
		2,
		col.TRANSFERRED,
		"不能为空",
		"no 是否转办",
	)
	add(
		"referred-maybe.csv",
		csv_bytes([row(**{col.REFERRED: "待议"})]),
		2,
		col.REFERRED,
		"应填“是”或“否”,不是“待议”",
		"另议 neither 是 nor 否",
	)
	add(
		"transferred-no-institution.csv",
		csv_bytes([row(**{col.INSTITUTION: ""})]),
		2,
		col.INSTITUTION,
		"投诉 A-1 已转办,处理机构不能为空",
		"transferred without 处理机构",
	)
	add(
		"transferred-later-no-institution.csv",
		csv_bytes(
			[
				row(**{col.TRANSFERRED: "否", col.INSTITUTION: ""}),
				row(**{col.RECEIVED_ON: "2026-11-09", col.INSTITUTION: ""}),
			]
		),
		2,
		col.INSTITUTION,
		"处理机构不能为空",
		"transferred on a later row, no 处理机构 on any row: reported at the case's first row",
	)


def violations() -> None:
	officer, kind, amount = col.DESK_OFFICERS, col.VIOLATION_TYPE, col.VIOLATION_AMOUNT
	add(
		"violation-officer-no-type.csv",
		csv_bytes([row(**{officer: "何琳(D0001)"})]),
		2,
		kind,
		"没有写违规类型",
		"投诉岗人员 without 违规类型",
	)
	add(
		"violation-type-no-amount.csv",
		csv_bytes([row(**{**VIOLATION, amount: ""})]),
		2,
		amount,
		"没有写违规扣款金额",
		"违规类型 without 违规扣款",
	)
	add(
		"violation-amount-no-officer.csv",
		csv_bytes([row(**{amount: "50"})]),
		2,
		officer,
		"没有写投诉岗人员",
		"违规扣款 without 投诉岗人员",
	)
	add(
		"violation-type-no-officer.xlsx",
		xlsx_bytes([row(**{kind: "服务态度问题"})]),
		2,
		officer,
		"没有写投诉岗人员",
		"违规类型 without 投诉岗人员",
	)
	add(
		"violation-unknown-type.csv",
		csv_bytes([row(**{**VIOLATION, kind: "态度差"})]),
		2,
		kind,
		"未知的违规类型“态度差”",
		"an unknown violation type",
	)
	for name, value in (("low", "10"), ("zero", "0"), ("high", "250")):
		add(
			f"violation-amount-{name}.csv",
			csv_bytes([row(**{**VIOLATION, amount: value})]),
			2,
			amount,
			f"20–200 元之间,不是 {value} 元",
			f"violation amount {value}, outside 20–200",
		)
	add(
		"violation-amount-just-over.xlsx",
		xlsx_bytes([row(**{**VIOLATION, amount: 200.01})]),
		2,
		amount,
		"不是 200.01 元",
		"200.01 as a number cell",
	)
	add(
		"violation-conflicting-amounts.csv",
		csv_bytes(
			[
				row(**VIOLATION),
				row(**{**VIOLATION, col.RECEIVED_ON: "2026-11-09", col.CHANNEL: "监管局", amount: "80"}),
			]
		),
		3,
		amount,
		"已在第2行记为50元,同一案件同一违规只扣一次",
		"one officer, case and type with 50 and 80",
	)
	add(
		"amount-misgrouped-comma.csv",
		csv_bytes([row(**{**VIOLATION, amount: "1,20"})]),
		2,
		amount,
		"金额“1,20”",
		"a decimal comma (1,20 meant 1.20)",
	)
	period = col.CHARGED_PERIOD
	for name, value in (("slash", "2026/11"), ("month-13", "2026-13"), ("short-year", "26-11")):
		add(
			f"period-{name}.csv",
			csv_bytes([row(**{period: value})]),
			2,
			period,
			f"扣款期间“{value}”应写作 YYYY-MM",
			f"扣款期间 {value}",
		)
	add(
		"period-as-date.xlsx",
		xlsx_bytes([row(**{period: datetime(2026, 11, 1)})]),
		2,
		period,
		"扣款期间“2026-11-01”应写作 YYYY-MM",
		"2026-11 typed into Excel and turned into a date",
	)


def formulas() -> None:
	def today(book) -> None:
		book.active["B2"] = "=TODAY()"

	def plus_one(book) -> None:
		book.active["N3"] = "=A1+1"

	def several(book) -> None:
		book.active["B2"] = "=TODAY()"
		book.active["E4"] = "=VLOOKUP(A4,机构!A:B,2,FALSE)"

	def array(book) -> None:
		book.active["I2"] = ArrayFormula("I2", "=A2&B2")

	def error_value(book) -> None:
		cell = book.active["E2"]
		cell.value = "#N/A"
		cell.data_type = "e"

	add(
		"formula-today.xlsx",
		xlsx_bytes([row()], edit=today),
		2,
		"",
		"单元格含公式“=TODAY()”",
		"=TODAY() in 受理日期",
	)
	add(
		"formula-a1-plus-one.xlsx",
		xlsx_bytes([row(), second(**VIOLATION)], edit=plus_one),
		3,
		"",
		"单元格含公式“=A1+1”",
		"=A1+1 in 违规扣款",
	)
	add(
		"formula-several.xlsx",
		xlsx_bytes([row(), second(), second(**{col.CASE_NUMBER: "A-3"})], edit=several),
		2,
		"",
		"=TODAY()",
		"formulas on rows 2 and 4: both listed",
		also=[(4, "", "=VLOOKUP(")],
		count=2,
	)
	add(
		"formula-array.xlsx",
		xlsx_bytes([row()], edit=array),
		2,
		"",
		"公式",
		"an array (Ctrl+Shift+Enter) formula",
	)
	add(
		"error-value.xlsx",
		xlsx_bytes([row()], edit=error_value),
		2,
		"",
		"#N/A",
		"an #N/A error value (a failed VLOOKUP pasted as values) in 处理机构",
	)


def encodings_and_files() -> None:
	good = csv_text([row(**{col.CUSTOMER: "张三"})])
	add(
		"encoding-utf16.csv",
		good.encode("utf-16"),
		0,
		"",
		"csv 文件编码无法识别",
		"UTF-16 with a byte-order mark",
	)
	add(
		"encoding-utf16-tabs.csv",
		good.replace(",", "\t").encode("utf-16"),
		0,
		"",
		"csv 文件编码无法识别",
		"Excel's “Unicode text” (UTF-16, tab separated) renamed .csv",
	)
	add(
		"encoding-utf16be-no-bom.csv",
		good.encode("utf-16-be"),
		0,
		"",
		"csv 文件编码无法识别",
		"UTF-16 big-endian without a byte-order mark",
	)
	ascii_header = "case_no,received,channel\r\nA-1,2026-11-02,wangluo\r\n"
	add(
		"encoding-utf16le-ascii.csv",
		ascii_header.encode("utf-16-le"),
		1,
		col.CASE_NUMBER,
		"缺少必需列",
		"UTF-16 without BOM decodes (NULs and all) but has no header the reader can find",
		count=len(col.REQUIRED),
	)
	sjis = csv_bytes([row(**{col.CUSTOMER: "@@@@"})]).replace(b"@@@@", "ﾔﾏﾀﾞ".encode("shift_jis"))
	add(
		"encoding-shift-jis-cell.csv",
		sjis,
		0,
		"",
		"csv 文件编码无法识别",
		"one Shift-JIS cell (half-width katakana) in a UTF-8 file",
	)
	latin = csv_bytes([row(**{col.CUSTOMER: "@@@@"})]).replace(b"@@@@", "José Müller".encode("latin-1"))
	add("encoding-latin1-cell.csv", latin, 0, "", "csv 文件编码无法识别", "one Latin-1 cell in a UTF-8 file")
	header = [*col.REQUIRED, col.CUSTOMER]
	truncated = csv_bytes([row(**{col.CUSTOMER: "张三"})], header=header).rstrip(b"\r\n")[:-1]
	add(
		"encoding-truncated-utf8.csv",
		truncated,
		0,
		"",
		"csv 文件编码无法识别",
		"a UTF-8 file cut in the middle of its last character",
	)
	xlsx = xlsx_bytes([row()])
	add("ledger.xls", xlsx, 0, "", "不是 .xls", "an .xls extension")
	add("ledger.txt", csv_bytes([row()]), 0, "", "不是 .txt", "a .txt extension")
	add("no-extension", csv_bytes([row()]), 0, "", "无扩展名", "no extension")
	add(
		"corrupt.xlsx",
		random.Random(20261102).randbytes(4096),
		0,
		"",
		"无法打开 Excel 文件",
		"random bytes named .xlsx",
	)
	add("truncated.xlsx", xlsx[: len(xlsx) // 2], 0, "", "无法打开 Excel 文件", "an xlsx cut in half")
	add("csv-named-xlsx.xlsx", csv_bytes([row()]), 0, "", "无法打开 Excel 文件", "a csv named .xlsx")
	add("xlsx-named-csv.csv", xlsx, 0, "", "csv 文件编码无法识别", "an xlsx named .csv")
	unclosed = csv_text([row(), second()]).replace("A-2,", '"A-2,', 1)
	add("csv-unclosed-quote.csv", unclosed.encode("utf-8"), 0, "", "引号未闭合", "an unclosed quote")
	extra = csv_text([row(), second()]).replace("\r\nA-2,", "\r\nA-2,多出来的,", 1)
	add(
		"csv-extra-field.csv",
		extra.encode("utf-8"),
		3,
		"",
		"列数与表头不一致",
		"a row with one field more than the header",
	)
	blank_line = csv_text([row(), second(**{col.CHANNEL: "微博"})]).replace("\r\nA-2,", "\r\n\r\nA-2,", 1)
	add(
		"csv-blank-line.csv",
		blank_line.encode("utf-8"),
		4,
		col.CHANNEL,
		"未知的投诉渠道“微博”",
		"a blank line (row 3 in Excel) before the bad row",
	)
	add(
		"xlsx-wrong-dimension.xlsx",
		xlsx_bytes(
			[row(), second(**{col.CHANNEL: "微博"})],
			sheet_xml=lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:H2"', xml),
		),
		3,
		col.CHANNEL,
		"未知的投诉渠道“微博”",
		"a sheet whose stored dimension (A1:H2) is smaller than its data",
	)


def near_misses() -> None:
	"""Known headers typed slightly wrong: refused, so that what the column holds is never ignored."""
	add(
		"header-misspelled-optional.csv",
		csv_bytes(
			[
				row(**{col.RECEIVED_ON: "2026-10-10", "扣款月份": "2026-10"}),
				row(**{col.RECEIVED_ON: "2026-11-05", col.CHANNEL: "监管局"}),
			],
			header=_renamed(col.CHARGED_PERIOD, "扣款月份"),
		),
		1,
		"扣款月份",
		"未知的列名“扣款月份”,是否应为“扣款期间”",
		"扣款期间 written 扣款月份: ignored, the 2026-10 receipt would be charged again (E1001 600 instead of 500)",
	)
	add(
		"header-near-miss-charged-period.csv",
		csv_bytes(
			[
				row(**{col.RECEIVED_ON: "2026-11-02", "扣款期": "2026-11"}),
				row(**{col.RECEIVED_ON: "2026-11-09"}),
			],
			header=_renamed(col.CHARGED_PERIOD, "扣款期"),
		),
		1,
		"扣款期",
		"未知的列名“扣款期”,是否应为“扣款期间”",
		"扣款期间 typed 扣款期: ignored, a receipt already charged would be charged again (200 instead of 100)",
		count=1,
	)
	add(
		"header-near-miss-violation-period.xlsx",
		xlsx_bytes(
			[row(**{**VIOLATION, "违规扣款期": "2026-10", col.RECEIVED_ON: "2026-10-12"})],
			header=[*HEADER, "违规扣款期"],
		),
		1,
		"违规扣款期",
		"是否应为“违规扣款期间”",
		"违规扣款期间 typed 违规扣款期: a violation charged in 2026-10 would be charged again",
	)
	add(
		"header-swapped-business-line.csv",
		csv_bytes([row(**{"业务线条": "车险"})], header=_renamed(col.BUSINESS_LINE, "业务线条")),
		1,
		"业务线条",
		"是否应为“业务条线”",
		"业务条线 with two characters swapped",
	)
	add(
		"header-full-width-note.xlsx",
		xlsx_bytes(
			[row(**{**VIOLATION, "违规扣款（元）": "50"})],
			header=_renamed(col.VIOLATION_AMOUNT, "违规扣款（元）"),
		),
		1,
		"违规扣款（元）",
		"是否应为“违规扣款”",
		"违规扣款 with a note in full-width brackets",
	)
	add(
		"header-near-miss-required.csv",
		csv_bytes([row(**{"投诉编码": "A-1"})], header=_renamed(col.CASE_NUMBER, "投诉编码")),
		1,
		"投诉编码",
		"是否应为“投诉编号”",
		"投诉编号 typed 投诉编码: named as near and as missing",
		also=[(1, col.CASE_NUMBER, "缺少必需列")],
		count=2,
	)


def _renamed(name: str, typed: str) -> list[str]:
	return [typed if header == name else header for header in HEADER]


def several() -> None:
	rows = [
		row(**{col.CHANNEL: "微博"}),
		second(**{col.RECEIVED_ON: "昨天"}),
		second(**{col.CASE_NUMBER: "A-3", col.DIRECT_PERSONS: "王芳"}),
		second(**{col.CASE_NUMBER: "A-4", **VIOLATION, col.VIOLATION_AMOUNT: "250"}),
		second(**{col.CASE_NUMBER: "A-5", col.TRANSFERRED: "也许"}),
		second(**{col.CASE_NUMBER: "A-6", col.CHARGED_PERIOD: "2026/11"}),
	]
	add(
		"several-problems.csv",
		csv_bytes(rows),
		2,
		col.CHANNEL,
		"未知的投诉渠道",
		"six rows, one fault each",
		also=[
			(3, col.RECEIVED_ON, "无法识别的日期"),
			(4, col.DIRECT_PERSONS, "无法识别“王芳”"),
			(5, col.VIOLATION_AMOUNT, "20–200"),
			(6, col.TRANSFERRED, "应填“是”或“否”"),
			(7, col.CHARGED_PERIOD, "YYYY-MM"),
		],
		count=6,
	)
	one_row = row(
		**{col.RECEIVED_ON: "2026-02-30", col.CHANNEL: "微博", col.OUTCOME: "还行", col.CUSTOMER: "张三"}
	)
	add(
		"several-in-one-row.xlsx",
		xlsx_bytes([row(**{col.CUSTOMER: "李四"}), one_row]),
		3,
		col.RECEIVED_ON,
		"不存在",
		"one row with three bad cells, and its case's customer conflicting with row 2 (reported "
		"at row 2: the row without a valid date sorts first)",
		also=[
			(3, col.CHANNEL, "未知的投诉渠道"),
			(3, col.OUTCOME, "未知的首次协调结果"),
			(2, col.CUSTOMER, "客户姓名前后不一致(张三、李四)"),
		],
		count=4,
	)
	add(
		"several-cases-and-persons.csv",
		csv_bytes(
			[
				row(),
				second(**{col.DIRECT_PERSONS: "王五(E1001)"}),
				second(**{col.CASE_NUMBER: "A-3", col.INSTITUTION: ""}),
				second(**{col.CASE_NUMBER: ""}),
			]
		),
		3,
		"",
		"工号 E1001 同时对应",
		"a 工号 conflict, a transferred case without 处理机构 and a blank case number",
		also=[(4, col.INSTITUTION, "投诉 A-3 已转办,处理机构不能为空"), (5, col.CASE_NUMBER, "不能为空")],
		count=3,
	)


def good_ledgers() -> dict[str, bytes]:
	rows = [row(**{col.CUSTOMER: "张三"}), second(**VIOLATION)]
	return {"good.csv": csv_bytes(rows), "good.xlsx": xlsx_bytes(rows)}


def build() -> dict[str, dict]:
	for make in (
		wrong_types,
		columns_and_sheets,
		cases_and_persons,
		cell_words,
		violations,
		formulas,
		encodings_and_files,
		near_misses,
		several,
	):
		make()
	for folder in (BAD, GOOD):
		shutil.rmtree(folder, ignore_errors=True)
		folder.mkdir(parents=True)
	for name, (data, _) in CORPUS.items():
		(BAD / name).write_bytes(data)
	for name, data in good_ledgers().items():
		(GOOD / name).write_bytes(data)
	expected = {name: expectation for name, (_, expectation) in sorted(CORPUS.items())}
	EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent="\t") + "\n", encoding="utf-8")
	return expected


if __name__ == "__main__":
	expected = build()
	size = sum(p.stat().st_size for p in BAD.iterdir())
	gaps = sum("known_gap" in e for e in expected.values())
	print(f"{len(expected)} bad ledgers ({gaps} known gaps), {size / 1024:.0f} KiB in {BAD}", file=sys.stderr)

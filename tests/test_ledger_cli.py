"""Ledger mode end to end: the CLI on small ledgers, good and bad."""

import csv
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from complaint_accountability.ledger import columns as col
from complaint_accountability.ledger.cli import main

from .ledgers import row, write_csv, write_xlsx

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def payroll(out: Path, name: str) -> list[dict]:
	with open(out / f"payroll-{name}.csv", encoding="utf-8") as f:
		return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def november(tmp_path_factory):
	out = tmp_path_factory.mktemp("nov") / "out"
	assert main(["assess", str(EXAMPLES / "ledger.xlsx"), "--period", "2026-11", "--out", str(out)]) == 0
	return out


def test_example_ledger_payroll_lines(november):
	lines = {(r["employee_number"], r["component"]): r for r in payroll(november, "2026-11")}
	assert list(payroll(november, "2026-11")[0]) == [
		"period",
		"employee_number",
		"full_name",
		"institution",
		"component",
		"amount",
	]
	assert lines[("E2001", "Wage Deduction")]["amount"] == "900.00"  # E3 600 + E4 200 + the 20th 100
	assert lines[("E1001", "Wage Deduction")]["amount"] == "300.00"  # E2 100 + E7 200
	assert lines[("D0001", "Performance Deduction")]["amount"] == "130.00"  # E8 80 + attitude 50
	# app.md: the handling institution of the person's first charged case (TS2026-008, 营业部), in ledger mode
	assert lines[("D0001", "Performance Deduction")]["institution"] == "营业部"
	assert lines[("E4001", "Wage Deduction")]["institution"] == "营业部"


def test_example_ledger_assessment_table_sheets(november):
	book = load_workbook(november / "处罚考核表-2026-11.xlsx", read_only=True)
	assert book.sheetnames == ["机构汇总", "人员汇总", "扣款明细", "未扣款案件"]
	detail = list(book["扣款明细"].iter_rows(values_only=True))
	assert detail[0][:4] == ("处理机构", "投诉编号", "台账行号", "受理日期")
	assert sum(r[-1] for r in detail[1:]) == 4580
	reasons = {r[1]: r[3] for r in list(book["未扣款案件"].iter_rows(values_only=True))[1:]}
	assert reasons["TS2026-005"] == "明显不属于保险责任,免责"
	assert reasons["TS2026-015"] == "责任人待认定"


def test_example_ledger_written_back_with_charged_period(november):
	book = load_workbook(november / "台账-2026-11.xlsx", read_only=True)
	rows = list(book.worksheets[0].iter_rows(values_only=True))
	index = rows[0].index(col.CHARGED_PERIOD)
	charged = {(r[0], r[1]): r[index] for r in rows[1:]}
	assert charged[("TS2026-007", "2026-10-10")] == "2026-10"
	assert charged[("TS2026-007", "2026-11-05")] == "2026-11"
	assert charged[("TS2026-013", "2026-11-21")] in (None, "")


def test_example_ledger_notices_one_per_institution(november):
	notices = sorted((november / "notices").glob("*.pdf"))
	assert [p.name for p in notices] == [
		f"正式文件-2026-11-{i}.pdf"
		for i in sorted(["分公司客户服务部", "城东支公司", "城西支公司", "营业部"])
	]
	text = "".join(page.extract_text() for page in PdfReader(notices[2]).pages)
	assert "城西支公司" in text and "刘洋" in text


def test_rerun_on_the_written_ledger_gives_the_same_payroll(november, tmp_path):
	again = tmp_path / "again"
	assert (
		main(["assess", str(november / "台账-2026-11.xlsx"), "--period", "2026-11", "--out", str(again)]) == 0
	)
	assert payroll(again, "2026-11") == payroll(november, "2026-11")


def test_the_same_ledger_and_period_give_the_same_bytes(november, tmp_path):
	again = tmp_path / "again"
	assert main(["assess", str(EXAMPLES / "ledger.xlsx"), "--period", "2026-11", "--out", str(again)]) == 0
	first = {p.relative_to(november): p.read_bytes() for p in november.rglob("*") if p.is_file()}
	second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
	assert first.keys() == second.keys() and len(first) == 7
	assert [name for name in first if first[name] != second[name]] == []


def test_next_period_charges_only_what_is_new(november, tmp_path):
	december = tmp_path / "dec"
	assert (
		main(["assess", str(november / "台账-2026-11.xlsx"), "--period", "2026-12", "--out", str(december)])
		== 0
	)
	lines = {(r["employee_number"], r["component"]): r["amount"] for r in payroll(december, "2026-12")}
	assert lines == {("E2001", "Wage Deduction"): "100.00", ("M2001", "Wage Deduction"): "50.00"}


def test_rates_file_applies_a_new_rate_from_its_date(tmp_path):
	ledger = write_csv(
		tmp_path / "l.csv",
		[
			row(**{col.RECEIVED_ON: "2026-10-25", col.CHANNEL: "客服热线", col.MANAGEMENT_PERSONS: ""}),
			row(**{col.RECEIVED_ON: "2026-11-02", col.CHANNEL: "客服热线", col.MANAGEMENT_PERSONS: ""}),
		],
	)
	out = tmp_path / "out"
	args = [
		"assess",
		str(ledger),
		"--period",
		"2026-11",
		"--out",
		str(out),
		"--rates",
		str(EXAMPLES / "rates-2026-11.csv"),
	]
	assert main(args) == 0
	assert payroll(out, "2026-11")[0]["amount"] == "250.00"  # E10: 100 + 150


BAD_LEDGERS = {
	"unknown channel": ([row(**{col.CHANNEL: "微博"})], 2, col.CHANNEL, "未知的投诉渠道"),
	"unknown outcome": ([row(), row(**{col.OUTCOME: "还行"})], 3, col.OUTCOME, "未知的首次协调结果"),
	"bad date": ([row(**{col.RECEIVED_ON: "下周二"})], 2, col.RECEIVED_ON, "无法识别的日期"),
	"impossible date": ([row(**{col.RECEIVED_ON: "2026-02-30"})], 2, col.RECEIVED_ON, "不存在"),
	"person without number": ([row(**{col.DIRECT_PERSONS: "王芳"})], 2, col.DIRECT_PERSONS, "姓名(工号)"),
	"violation above range": (
		[
			row(
				**{
					col.DESK_OFFICERS: "何琳(D1)",
					col.VIOLATION_TYPE: "未按时效反馈",
					col.VIOLATION_AMOUNT: "250",
				}
			)
		],
		2,
		col.VIOLATION_AMOUNT,
		"20–200",
	),
	"transferred without institution": (
		[row(**{col.INSTITUTION: ""})],
		2,
		col.INSTITUTION,
		"处理机构不能为空",
	),
	"transferred not yes or no": ([row(**{col.TRANSFERRED: "也许"})], 2, col.TRANSFERRED, "是"),
	"empty case number": ([row(), row(**{col.CASE_NUMBER: ""})], 3, col.CASE_NUMBER, "不能为空"),
	"one number two names": (
		[row(), row(**{col.CASE_NUMBER: "A-2", col.DIRECT_PERSONS: "王五(E1001)"})],
		3,
		"",
		"E1001",
	),
	"bad charged period": ([row(**{col.CHARGED_PERIOD: "2026/11"})], 2, col.CHARGED_PERIOD, "YYYY-MM"),
	"customer conflict": (
		[row(**{col.CUSTOMER: "甲"}), row(**{col.CUSTOMER: "乙", col.RECEIVED_ON: "2026-11-03"})],
		3,
		col.CUSTOMER,
		"不一致",
	),
}


@pytest.mark.parametrize("name", sorted(BAD_LEDGERS))
def test_bad_ledger_is_refused_with_row_and_nothing_written(name, tmp_path, capsys):
	rows, sheet_row, column, reason = BAD_LEDGERS[name]
	ledger = write_csv(tmp_path / "bad.csv", rows)
	out = tmp_path / "out"
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(out)]) == 2
	message = capsys.readouterr().err
	assert f"第{sheet_row}行" in message and column in message and reason in message
	assert not out.exists()
	assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_every_problem_is_listed_at_once(tmp_path, capsys):
	ledger = write_csv(tmp_path / "bad.csv", [row(**{col.CHANNEL: "微博"}), row(**{col.RECEIVED_ON: "昨天"})])
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 2
	message = capsys.readouterr().err
	assert "2 处错误" in message and "第2行" in message and "第3行" in message


def test_missing_required_column_is_named(tmp_path, capsys):
	header = [h for h in col.REQUIRED if h != col.OUTCOME]
	ledger = write_csv(tmp_path / "bad.csv", [row()], header=header)
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 2
	assert f"第1行 [{col.OUTCOME}]: 缺少必需列" in capsys.readouterr().err


def test_formula_cells_are_refused(tmp_path, capsys):
	values = [row()[h] for h in col.REQUIRED]
	values[1] = "=TODAY()"
	ledger = write_xlsx(tmp_path / "bad.xlsx", [values], header=list(col.REQUIRED))
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 2
	assert "公式" in capsys.readouterr().err


def test_gb18030_csv_is_read(tmp_path):
	ledger = write_csv(tmp_path / "gbk.csv", [row()], encoding="gb18030")
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 0
	assert payroll(tmp_path / "out", "2026-11")[0]["full_name"] == "王芳"


def test_an_existing_output_folder_keeps_other_files(tmp_path):
	out = tmp_path / "out"
	out.mkdir()
	(out / "mine.txt").write_text("keep")
	shutil.copy(EXAMPLES / "ledger.xlsx", tmp_path / "ledger.xlsx")
	assert main(["assess", str(tmp_path / "ledger.xlsx"), "--period", "2026-11", "--out", str(out)]) == 0
	assert (out / "mine.txt").read_text() == "keep"
	assert not list(tmp_path.glob(".staging-*"))


def test_a_cell_too_long_for_excel_stops_the_run_with_its_row_and_column(tmp_path, capsys):
	"""openpyxl cuts a cell at Excel's limit; another program may not: the cell is made one character longer."""
	values = [row()[h] for h in col.REQUIRED]
	made = write_xlsx(tmp_path / "made.xlsx", [[*values, "x" * 32_767]], header=[*col.REQUIRED, "备注"])
	ledger = tmp_path / "l.xlsx"
	with zipfile.ZipFile(made) as source, zipfile.ZipFile(ledger, "w") as target:
		for item in source.infolist():
			data = source.read(item)
			target.writestr(item, data.replace(b"x" * 32_767, b"x" * 32_768))
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 2
	assert (
		"第2行 [备注]: 单元格有 32768 个字符,超过 Excel 单元格最多 32767 个字符的上限"
		in capsys.readouterr().err
	)
	assert not (tmp_path / "out").exists()


def sheet_rows(path: Path) -> list[list]:
	return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)


def test_the_ledger_written_back_keeps_its_header_and_its_row_numbers(tmp_path):
	"""A blank header cell stays blank, only the column the run wrote in is added, and a blank row stays, so
	the 台账行号 of the assessment table names the row of the file written back."""
	header = [*col.REQUIRED, "", "备注"]
	first = [row()[h] for h in col.REQUIRED] + ["无表头的数据", "已回访"]
	second = [row(**{col.CASE_NUMBER: "A-2", col.RECEIVED_ON: "2026-11-03"})[h] for h in col.REQUIRED]
	ledger = write_xlsx(tmp_path / "l.xlsx", [first, [""] * len(header), [*second, "", ""]], header=header)
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 0
	back = sheet_rows(tmp_path / "out" / "台账-2026-11.xlsx")
	assert back[0] == [*header, col.CHARGED_PERIOD]
	assert back[1] == [*first, "2026-11"] and back[2] == [""] * (len(header) + 1)
	detail = list(load_workbook(tmp_path / "out" / "处罚考核表-2026-11.xlsx")["扣款明细"].values)
	numbers = {(r[1], r[2]) for r in detail[1:]}
	assert numbers == {("A-1", 2), ("A-2", 4)} and back[4 - 1][0] == "A-2"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_run_that_charges_nothing_writes_the_ledger_back_as_it_was(tmp_path, suffix):
	header = [*col.REQUIRED, "", "备注"]
	values = [row(**{col.OUTCOME: "满意"})[h] for h in col.REQUIRED] + ["x", "y"]
	if suffix == ".csv":
		ledger = tmp_path / "l.csv"
		with open(ledger, "w", newline="", encoding="utf-8") as f:
			csv.writer(f).writerows([header, values])
	else:
		ledger = write_xlsx(tmp_path / "l.xlsx", [values], header=header)
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 0
	back = tmp_path / "out" / f"台账-2026-11{suffix}"
	if suffix == ".csv":
		with open(back, encoding="utf-8-sig", newline="") as f:
			assert list(csv.reader(f)) == [header, values]
	else:
		assert sheet_rows(back) == [header, values]


def test_a_rerun_into_the_same_folder_replaces_the_periods_outputs_as_a_whole(tmp_path):
	"""Run 2026-11 with two institutions charged, then with a ledger charging nothing in 2026-11: the first
	run's notices go; 2026-10's files and the user's own stay."""
	out = tmp_path / "out"
	charged = [row(), row(**{col.CASE_NUMBER: "A-2", col.INSTITUTION: "城西支公司"})]
	assert (
		main(
			["assess", str(write_csv(tmp_path / "a.csv", charged)), "--period", "2026-11", "--out", str(out)]
		)
		== 0
	)
	assert len(list((out / "notices").glob("正式文件-2026-11-*.pdf"))) == 2
	(out / "notices" / "正式文件-2026-10-城东支公司.pdf").write_bytes(b"October's")
	(out / "notices" / "mine.txt").write_text("keep")
	(out / "台账-2026-11.xlsx").write_bytes(b"from a run on the xlsx")
	exempt = [row(**{col.OUTCOME: "满意"})]
	assert (
		main(["assess", str(write_csv(tmp_path / "b.csv", exempt)), "--period", "2026-11", "--out", str(out)])
		== 0
	)
	assert sorted(p.name for p in (out / "notices").iterdir()) == [
		"mine.txt",
		"正式文件-2026-10-城东支公司.pdf",
	]
	assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
		"payroll-2026-11.csv",
		"台账-2026-11.csv",
		"处罚考核表-2026-11.xlsx",
	]
	assert payroll(out, "2026-11") == []

"""Header cells: a near miss of a known column is refused by name; a column of the branch's own is kept."""

import csv

import pytest

from complaint_accountability.ledger import columns as col
from complaint_accountability.ledger.cli import main
from complaint_accountability.ledger.files import read_ledger_file
from complaint_accountability.ledger.headers import header_key, near_misses
from complaint_accountability.ledger.problems import LedgerInvalid
from complaint_accountability.ledger.reader import parse_ledger
from complaint_accountability.rules.defaults import default_channels, default_violation_types

from .ledgers import HEADER, row, write_csv

KNOWN = col.REQUIRED + col.OPTIONAL


# Near misses of the tool's own columns: refused, naming the column meant.
REFUSED = [
	("扣款期", col.CHARGED_PERIOD),
	("扣款月份", col.CHARGED_PERIOD),
	("扣款月", col.CHARGED_PERIOD),
	("扣款日期", col.CHARGED_PERIOD),
	("扣款 期间", col.CHARGED_PERIOD),
	("扣款期限", col.CHARGED_PERIOD),
	("已扣款的期间", col.CHARGED_PERIOD),
	("扣款所属期间", col.CHARGED_PERIOD),
	("违规扣款期", col.VIOLATION_CHARGED_PERIOD),
	("违规扣款月份", col.VIOLATION_CHARGED_PERIOD),
	("业务线条", col.BUSINESS_LINE),
	("业务线", col.BUSINESS_LINE),
	("违规扣款（元）", col.VIOLATION_AMOUNT),
	("违规扣款金额", col.VIOLATION_AMOUNT),
	("投诉编码", col.CASE_NUMBER),
	("纠纷类别", col.DISPUTE_TYPE),
	("违规类别", col.VIOLATION_TYPE),
	("首次协商结果", col.OUTCOME),
	("是否另议", col.REFERRED),
	# a note in any brackets, one after another, or a separator or format hint after the name (B1)
	("扣款期间【YYYY-MM】", col.CHARGED_PERIOD),
	("扣款期间[YYYY-MM]", col.CHARGED_PERIOD),
	("扣款期间〔月〕", col.CHARGED_PERIOD),
	("扣款期间《工具填写》", col.CHARGED_PERIOD),
	("扣款期间〈月〉", col.CHARGED_PERIOD),
	("扣款期间(注)(工具)", col.CHARGED_PERIOD),
	("扣款期间 YYYY-MM", col.CHARGED_PERIOD),
	("扣款期间YYYY-MM", col.CHARGED_PERIOD),
	("扣款期间/月", col.CHARGED_PERIOD),
	("扣款期间:", col.CHARGED_PERIOD),
	("违规扣款期间【工具填写】", col.VIOLATION_CHARGED_PERIOD),
	("另议【是/否】", col.REFERRED),
	("违规扣款【元】", col.VIOLATION_AMOUNT),
	("违规扣款元", col.VIOLATION_AMOUNT),
	("首次协调结果【必填】", col.OUTCOME),
]

# Columns of the branch's own: kept and carried along, whatever known columns stand beside them.
ACCEPTED = [
	*("客户电话", "投诉内容", "备注", "处理意见", "经办人", "回访结果", "回访日期", "联系电话", "保单号"),
	*("结案时间", "所属机构", "险种", "ＡＢＣ投诉渠道"),
	# a period word alone, or after another subject than a known column's
	*("月份", "日期", "时间", "期间", "处理时间", "处理日期", "办理时间", "办理日期", "处理月份"),
	"受理机构",
	# a known name and a word describing it
	*("另议原因", "另议说明", "另议事项", "违规扣款说明", "违规扣款原因", "违规扣款标准", "扣款期间说明"),
	*("直接责任人工号", "管理责任人工号", "投诉岗人员工号", "直接责任人部门", "业务条线名称", "投诉渠道类别"),
	# a part of a known name
	*("编号", "姓名", "协调结果", "结果", "责任人", "投诉岗", "客户", "处理", "类型"),
	# beside the column itself: a numbered copy, another time of the required date
	*("客户姓名2", "受理时间", "受理月份"),
]


def header_problems(tmp_path, extra: str, header=HEADER) -> list:
	"""What the reader says of a one-row ledger with ``extra`` added to ``header``: its problems, or []."""
	ledger = write_csv(tmp_path / "l.csv", [{**row(), extra: "x"}], [*header, extra])
	try:
		parse_ledger(read_ledger_file(ledger), default_channels(), default_violation_types())
	except LedgerInvalid as error:
		return error.problems
	return []


@pytest.mark.parametrize(("typed", "meant"), REFUSED)
def test_a_near_miss_names_the_column_it_should_be(tmp_path, typed, meant):
	(problem,) = header_problems(tmp_path, typed)
	assert (problem.row, problem.column) == (1, typed)
	assert f"未知的列名“{typed}”,是否应为“{meant}”?" in problem.reason
	assert str(problem).startswith(f"第1行 [{typed}]: ")


@pytest.mark.parametrize("extra", ACCEPTED)
def test_the_branchs_own_columns_are_not_near_misses(tmp_path, extra):
	assert header_problems(tmp_path, extra) == []


@pytest.mark.parametrize(
	("extra", "meant"),
	[("受理时间", col.RECEIVED_ON), ("受理月份", col.RECEIVED_ON), ("客户姓名2", col.CUSTOMER)],
)
def test_what_is_kept_beside_a_column_is_a_near_miss_without_it(extra, meant):
	header = [name for name in KNOWN if name != meant]
	problems = near_misses([*header, extra], KNOWN, col.REQUIRED)
	assert [p.column for p in problems] == [extra] and f"是否应为“{meant}”" in problems[0].reason


def test_a_note_in_the_name_is_explained():
	(problem,) = near_misses(["扣款期间【YYYY-MM】"], KNOWN, col.REQUIRED)
	assert "列名须与“扣款期间”完全一致" in problem.reason


def test_keys_fold_width_spaces_case_notes_and_period_words():
	assert header_key("扣款　期间") == header_key("扣款期间") == header_key("扣款月份")
	assert (
		header_key("违规扣款(元)")
		== header_key("违规扣款（元）")
		== header_key("违规扣款【元】")
		== "违规扣款"
	)
	assert header_key("扣款期间 (注) 〔月〕") == "扣款期间"
	assert header_key("Ｅmail") == "email"
	assert header_key("月份") == "月份" and header_key("处理月份") == "处理期间"


def test_a_near_miss_is_refused_and_nothing_is_written(tmp_path, capsys):
	"""The money bug of issue 13: with 扣款期间 typed 扣款期, the receipt charged in 2026-11 was charged again."""
	rows = [
		row(**{col.RECEIVED_ON: "2026-11-02", col.CHARGED_PERIOD: "2026-11", col.MANAGEMENT_PERSONS: ""}),
		row(**{col.RECEIVED_ON: "2026-11-25", col.MANAGEMENT_PERSONS: ""}),
	]
	right = write_csv(tmp_path / "right.csv", rows)
	assert main(["assess", str(right), "--period", "2026-12", "--out", str(tmp_path / "right")]) == 0
	with open(tmp_path / "right" / "payroll-2026-12.csv", encoding="utf-8") as f:
		assert [line["amount"] for line in csv.DictReader(f)] == ["100.00"]

	typed = [("扣款期" if name == col.CHARGED_PERIOD else name) for name in HEADER]
	wrong = write_csv(
		tmp_path / "wrong.csv", [{**r, "扣款期": r.get(col.CHARGED_PERIOD, "")} for r in rows], typed
	)
	assert main(["assess", str(wrong), "--period", "2026-12", "--out", str(tmp_path / "wrong")]) == 2
	assert "第1行 [扣款期]: 未知的列名“扣款期”,是否应为“扣款期间”?" in capsys.readouterr().err
	assert not (tmp_path / "wrong").exists()


def test_extra_columns_ride_along_into_the_ledger_written_back(tmp_path):
	header = [*HEADER, "备注", "客户电话", "经办人"]
	extras = {"备注": "已回访", "客户电话": "138****5678", "经办人": "何琳"}
	ledger = write_csv(tmp_path / "l.csv", [row(**extras)], header)
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 0
	with open(tmp_path / "out" / "台账-2026-11.csv", encoding="utf-8-sig") as f:
		(back,) = list(csv.DictReader(f))
	assert {name: back[name] for name in extras} == extras
	assert back[col.CHARGED_PERIOD] == "2026-11"


@pytest.mark.parametrize(
	"typed", ["扣款期间【YYYY-MM】", "扣款期间[YYYY-MM]", "扣款期间 YYYY-MM", "扣款期间/月"]
)
def test_a_charged_period_with_a_note_is_refused_not_charged_again(tmp_path, capsys, typed):
	"""A receipt of 2026-10-10 stamped 2026-10 under 扣款期间【YYYY-MM】 was paid again by 2026-11's run."""
	stamped = {**row(**{col.RECEIVED_ON: "2026-10-10"}), typed: "2026-10"}
	ledger = write_csv(tmp_path / "l.csv", [stamped], [*col.REQUIRED, typed])
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 2
	assert f"第1行 [{typed}]: 未知的列名“{typed}”,是否应为“扣款期间”?" in capsys.readouterr().err
	assert not (tmp_path / "out").exists()


def test_a_time_beside_the_received_date_rides_along(tmp_path):
	ledger = write_csv(tmp_path / "l.csv", [row(受理时间="09:30")], [*HEADER, "受理时间"])
	assert main(["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]) == 0
	with open(tmp_path / "out" / "台账-2026-11.csv", encoding="utf-8-sig") as f:
		(back,) = list(csv.DictReader(f))
	assert back["受理时间"] == "09:30" and back[col.CHARGED_PERIOD] == "2026-11"

"""Header cells: a near miss of a known column is refused by name; a column of the branch's own is kept."""

import csv

import pytest

from complaint_accountability.ledger import columns as col
from complaint_accountability.ledger.cli import main
from complaint_accountability.ledger.headers import header_key, near_misses

from .ledgers import HEADER, row, write_csv

KNOWN = col.REQUIRED + col.OPTIONAL


@pytest.mark.parametrize(
	("typed", "meant"),
	[
		("扣款期", col.CHARGED_PERIOD),
		("扣款月份", col.CHARGED_PERIOD),
		("扣款月", col.CHARGED_PERIOD),
		("扣款日期", col.CHARGED_PERIOD),
		("扣款 期间", col.CHARGED_PERIOD),
		("违规扣款期", col.VIOLATION_CHARGED_PERIOD),
		("违规扣款月份", col.VIOLATION_CHARGED_PERIOD),
		("业务线条", col.BUSINESS_LINE),
		("业务线", col.BUSINESS_LINE),
		("违规扣款（元）", col.VIOLATION_AMOUNT),
		("违规扣款金额", col.VIOLATION_AMOUNT),
		("投诉编码", col.CASE_NUMBER),
		("受理时间", col.RECEIVED_ON),
		("是否另议", col.REFERRED),
		("ＡＢＣ投诉渠道", None),  # three letters too many: not near
	],
)
def test_a_near_miss_names_the_column_it_should_be(typed, meant):
	problems = near_misses([*KNOWN, typed], KNOWN)
	if meant is None:
		assert problems == []
		return
	(problem,) = problems
	assert (problem.row, problem.column) == (1, typed)
	assert f"未知的列名“{typed}”,是否应为“{meant}”" in problem.reason
	assert str(problem).startswith(f"第1行 [{typed}]: ")


@pytest.mark.parametrize(
	"extra",
	[
		"备注",
		"客户电话",
		"经办人",
		"处理意见",
		"投诉内容",
		"回访日期",
		"联系电话",
		"保单号",
		"结案时间",
		"所属机构",
		"险种",
	],
)
def test_the_branchs_own_columns_are_not_near_misses(extra):
	assert near_misses([*KNOWN, extra], KNOWN) == []


def test_keys_fold_width_spaces_case_notes_and_period_words():
	assert header_key("扣款　期间") == header_key("扣款期间") == header_key("扣款月份")
	assert header_key("违规扣款(元)") == header_key("违规扣款（元）") == "违规扣款"
	assert header_key("Ｅmail") == "email"


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

"""Handling violations in ledger mode (rules.md §4): charged once, by the first run that can, whatever the case."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from complaint_accountability.ledger import columns as col
from complaint_accountability.ledger.assess import assess_ledger
from complaint_accountability.ledger.cli import main
from complaint_accountability.ledger.notices import penalty_lines
from complaint_accountability.ledger.reader import read_ledger
from complaint_accountability.rules.defaults import default_channels, default_rates, default_violation_types
from complaint_accountability.rules.periods import period
from complaint_accountability.rules.rates import HANDLING_VIOLATION
from complaint_accountability.rules.settings import AccountabilitySettings

from .ledgers import row, write_csv

OFFICER = "何琳(D0001)"
LATE_FEEDBACK = {col.DESK_OFFICERS: OFFICER, col.VIOLATION_TYPE: "未按时效反馈", col.VIOLATION_AMOUNT: "80"}


def assess(ledger: Path, name: str, out: Path) -> int:
	return main(["assess", str(ledger), "--period", name, "--out", str(out)])


def performance(out: Path, name: str) -> dict[str, str]:
	with open(out / f"payroll-{name}.csv", encoding="utf-8") as f:
		return {
			r["employee_number"]: r["amount"]
			for r in csv.DictReader(f)
			if r["component"] == "Performance Deduction"
		}


def written_back(out: Path, name: str) -> list[dict]:
	with open(out / f"台账-{name}.csv", encoding="utf-8-sig") as f:
		return list(csv.DictReader(f))


def assessed(path: Path, rows: list[dict], name: str = "2026-11"):
	"""The assessment of period ``name`` of a ledger of ``rows`` written to ``path``, default rates and settings."""
	ledger = read_ledger(write_csv(path, rows), default_channels(), default_violation_types())
	settings = AccountabilitySettings()
	return assess_ledger(ledger, period(name, settings), default_channels(), default_rates(), settings)


def test_a_violation_recorded_after_its_periods_run_is_charged_by_the_next(tmp_path):
	october = row(**{col.CASE_NUMBER: "A-1", col.RECEIVED_ON: "2026-10-25"})
	november = write_csv(tmp_path / "nov.csv", [october])
	assert assess(november, "2026-11", tmp_path / "nov") == 0
	assert performance(tmp_path / "nov", "2026-11") == {}

	rows = written_back(tmp_path / "nov", "2026-11")
	rows[0].update(LATE_FEEDBACK)  # the desk records the late feedback after November's run
	december = write_csv(tmp_path / "dec.csv", rows)
	assert assess(december, "2026-12", tmp_path / "dec") == 0
	assert performance(tmp_path / "dec", "2026-12") == {"D0001": "80.00"}
	(back,) = written_back(tmp_path / "dec", "2026-12")
	assert back[col.VIOLATION_CHARGED_PERIOD] == "2026-12"
	assert back[col.CHARGED_PERIOD] == "2026-11"  # the receipt itself was charged in November

	assert assess(write_csv(tmp_path / "jan.csv", [back]), "2027-01", tmp_path / "jan") == 0
	assert performance(tmp_path / "jan", "2027-01") == {}


def test_a_violation_charged_by_another_period_is_not_charged_again(tmp_path):
	"""Recorded late, charged by December's run; November run again on that ledger charges it no more."""
	charged = row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-11-02", col.VIOLATION_CHARGED_PERIOD: "2026-12"})
	assert assess(write_csv(tmp_path / "l.csv", [charged]), "2026-11", tmp_path / "out") == 0
	assert performance(tmp_path / "out", "2026-11") == {}
	(back,) = written_back(tmp_path / "out", "2026-11")
	assert back[col.VIOLATION_CHARGED_PERIOD] == "2026-12"


@pytest.mark.parametrize("later_mark", ["", "2026-10"])
def test_a_violation_on_a_second_row_of_the_same_case_counts_as_the_same(tmp_path, later_mark):
	"""The run that charged it marks every row recording it: a later period's row may carry the mark too."""
	rows = [
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-10-12", col.VIOLATION_CHARGED_PERIOD: "2026-10"}),
		row(
			**{
				**LATE_FEEDBACK,
				col.RECEIVED_ON: "2026-11-03",
				col.CHANNEL: "监管局",
				col.VIOLATION_CHARGED_PERIOD: later_mark,
			}
		),
	]
	assert assess(write_csv(tmp_path / "l.csv", rows), "2026-11", tmp_path / "out") == 0
	assert performance(tmp_path / "out", "2026-11") == {}


@pytest.mark.parametrize(
	("changes", "status"),
	[
		({col.OUTCOME: "满意"}, "免责"),
		({col.TRANSFERRED: "否", col.INSTITUTION: ""}, "不在追责范围"),
		({col.OUTCOME: "待定"}, "待定"),
		({col.REFERRED: "是"}, "另议"),
	],
)
def test_a_violation_is_charged_whatever_the_cases_status(tmp_path, capsys, changes, status):
	ledger = write_csv(tmp_path / "l.csv", [row(**{**LATE_FEEDBACK, **changes})])
	assert assess(ledger, "2026-11", tmp_path / "out") == 0
	assert f"投诉件状态: {status} 1" in capsys.readouterr().out
	assert performance(tmp_path / "out", "2026-11") == {"D0001": "80.00"}
	(back,) = written_back(tmp_path / "out", "2026-11")
	assert back[col.VIOLATION_CHARGED_PERIOD] == "2026-11"
	assert back[col.CHARGED_PERIOD] == ""  # the case itself is charged nothing


def test_a_violation_received_after_the_period_waits(tmp_path):
	later = row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-11-21"})
	assert assess(write_csv(tmp_path / "l.csv", [later]), "2026-11", tmp_path / "out") == 0
	assert performance(tmp_path / "out", "2026-11") == {}
	assert written_back(tmp_path / "out", "2026-11")[0][col.VIOLATION_CHARGED_PERIOD] == ""


def test_two_charged_periods_for_one_violation_are_refused(tmp_path, capsys):
	rows = [
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-10-12", col.VIOLATION_CHARGED_PERIOD: "2026-10"}),
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-11-03", col.VIOLATION_CHARGED_PERIOD: "2026-11"}),
	]
	assert assess(write_csv(tmp_path / "l.csv", rows), "2026-11", tmp_path / "out") == 2
	assert (
		f"第3行 [{col.VIOLATION_CHARGED_PERIOD}]: 何琳在投诉 A-1 的“未按时效反馈”已在第2行记为 2026-10 已扣款"
		in (capsys.readouterr().err)
	)
	assert not (tmp_path / "out").exists()


def test_a_rerun_of_the_same_period_gives_the_same_files(tmp_path):
	rows = [
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-10-25"}),
		row(**{col.CASE_NUMBER: "A-2", col.RECEIVED_ON: "2026-11-05", col.DIRECT_PERSONS: "赵敏(E1002)"}),
	]
	ledger = write_csv(tmp_path / "l.csv", rows)
	assert assess(ledger, "2026-11", tmp_path / "first") == 0
	assert assess(tmp_path / "first" / "台账-2026-11.csv", "2026-11", tmp_path / "again") == 0
	for name in ("payroll-2026-11.csv", "台账-2026-11.csv", "处罚考核表-2026-11.xlsx"):
		assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_two_violation_types_of_one_officer_on_one_case_are_two_notice_lines(tmp_path):
	rows = [
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-11-10"}),
		row(
			**{
				**LATE_FEEDBACK,
				col.VIOLATION_TYPE: "服务态度问题",
				col.VIOLATION_AMOUNT: "50",
				col.RECEIVED_ON: "2026-11-12",
				col.CHANNEL: "监管局",
			}
		),
	]
	result = assessed(tmp_path / "l.csv", rows)
	desk = result.charges[result.charges["liability"] == HANDLING_VIOLATION]
	lines = [(line.employee_number, line.channels, line.amount) for line in penalty_lines(desk)]
	assert lines == [("D0001", "未按时效反馈", Decimal("80")), ("D0001", "服务态度问题", Decimal("50"))]


def test_two_charged_periods_are_refused_naming_the_row_that_set_the_first(tmp_path, capsys):
	rows = [
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-10-01"}),
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-10-12", col.VIOLATION_CHARGED_PERIOD: "2026-10"}),
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-11-03", col.VIOLATION_CHARGED_PERIOD: "2026-11"}),
	]
	assert assess(write_csv(tmp_path / "l.csv", rows), "2026-12", tmp_path / "out") == 2
	assert (
		f"第4行 [{col.VIOLATION_CHARGED_PERIOD}]: 何琳在投诉 A-1 的“未按时效反馈”已在第3行记为 2026-10 已扣款"
		in capsys.readouterr().err
	)


def test_a_charged_period_before_the_receipts_own_is_refused(tmp_path, capsys):
	"""Received 2026-11-10 and marked charged in 2026-05: 2026-11's run would never charge it."""
	early = row(**{col.RECEIVED_ON: "2026-11-10", col.CHARGED_PERIOD: "2026-05"})
	assert assess(write_csv(tmp_path / "l.csv", [row(), early]), "2026-11", tmp_path / "out") == 2
	assert (
		f"第3行 [{col.CHARGED_PERIOD}]: 扣款期间 2026-05 早于这条投诉记录所属的考核期 2026-11(受理日期 2026-11-10)"
		in capsys.readouterr().err
	)
	assert not (tmp_path / "out").exists()


def test_a_violation_charged_before_its_own_period_is_refused(tmp_path, capsys):
	rows = [
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-11-10"}),
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-11-12", col.VIOLATION_CHARGED_PERIOD: "2026-10"}),
	]
	assert assess(write_csv(tmp_path / "l.csv", rows), "2026-11", tmp_path / "out") == 2
	assert (
		f"第3行 [{col.VIOLATION_CHARGED_PERIOD}]: 违规扣款期间 2026-10 早于何琳在投诉 A-1 的“未按时效反馈”"
		"所属的考核期 2026-11(受理日期 2026-11-10)" in capsys.readouterr().err
	)


def test_the_periods_follow_the_settings_start_day(tmp_path):
	"""With periods starting on the 26th, 2026-10-23 belongs to 2026-10: a 扣款期间 of 2026-10 is its own."""
	(tmp_path / "s.json").write_text('{"period_start_day": 26}', encoding="utf-8")
	stamped = write_csv(
		tmp_path / "l.csv", [row(**{col.RECEIVED_ON: "2026-10-23", col.CHARGED_PERIOD: "2026-10"})]
	)
	args = ["assess", str(stamped), "--period", "2026-11", "--out", str(tmp_path / "out")]
	assert main([*args, "--settings", str(tmp_path / "s.json")]) == 0
	assert main([*args[:-1], str(tmp_path / "default")]) == 2  # by the 21st, 2026-10-23 is in 2026-11


def test_a_case_charged_only_by_a_violation_is_not_listed_as_not_charged(tmp_path):
	rows = [
		row(**{**LATE_FEEDBACK, col.OUTCOME: "满意"}),
		row(**{col.CASE_NUMBER: "A-2", col.OUTCOME: "满意", col.DIRECT_PERSONS: "赵敏(E1002)"}),
	]
	result = assessed(tmp_path / "l.csv", rows)
	assert set(result.charges["case"]) == {"A-1"}
	assert result.not_charged["case"].tolist() == ["A-2"]


def test_the_desks_department_comes_from_the_settings(tmp_path):
	(tmp_path / "s.json").write_text('{"desk_institution": "锦程分公司客户服务部"}', encoding="utf-8")
	ledger = write_csv(tmp_path / "l.csv", [row(**{**LATE_FEEDBACK, col.OUTCOME: "满意"})])
	args = ["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out")]
	assert main([*args, "--settings", str(tmp_path / "s.json")]) == 0
	assert [p.name for p in (tmp_path / "out" / "notices").iterdir()] == [
		"正式文件-2026-11-锦程分公司客户服务部.pdf"
	]


def test_a_desk_officers_payroll_line_names_the_handling_institution_of_the_first_case(tmp_path):
	"""app.md: in ledger mode, the handling institution of the person's first charged case in the period;
	a case never transferred is handled by the desk's own department."""
	rows = [
		row(
			**{
				**LATE_FEEDBACK,
				col.CASE_NUMBER: "A-2",
				col.RECEIVED_ON: "2026-11-05",
				col.INSTITUTION: "城西支公司",
			}
		),
		row(**{**LATE_FEEDBACK, col.RECEIVED_ON: "2026-11-09"}),
		row(
			**{
				**LATE_FEEDBACK,
				col.CASE_NUMBER: "A-3",
				col.RECEIVED_ON: "2026-11-12",
				col.TRANSFERRED: "否",
				col.INSTITUTION: "",
			}
		),
	]
	result = assessed(tmp_path / "l.csv", rows)
	(line,) = [p for p in result.payroll if p.employee_number == "D0001"]
	assert (line.institution, line.amount) == ("城西支公司", Decimal("240"))
	only_untransferred = assessed(tmp_path / "u.csv", rows[2:])
	assert [p.institution for p in only_untransferred.payroll] == ["分公司客户服务部"]

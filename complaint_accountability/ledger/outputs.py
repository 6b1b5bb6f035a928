"""Writing one period's results: assessment table, notices, payroll csv and the ledger back.

Everything is written to a staging folder first and moved into place only when all of it
succeeded, so a failed run leaves the output folder as it was. A run replaces the period's outputs
of an earlier run in the same folder as a whole: a notice that this run does not write again (its
institution has no penalty now) is removed; other periods' files and files of the user's own stay.
"""

import csv
import gc
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..documents.labels import LIABILITY_LABEL, RECEIPT_KIND_LABEL
from ..rules.payroll import PAYROLL_COLUMNS, PERFORMANCE_DEDUCTION, WAGE_DEDUCTION, component_for, money
from . import stages
from .assess import LedgerAssessment
from .files import EXCEL_SUFFIXES, write_ledger_file
from .stages import Stopwatch

DETAIL_HEADERS = {
	"institution": "处理机构",
	"case": "投诉编号",
	"row": "台账行号",
	"received_on": "受理日期",
	"channel": "投诉渠道",
	"receipt_kind": "投诉类型",
	"full_name": "姓名",
	"employee_number": "工号",
	"liability": "责任类型",
	"violation_type": "违规类型",
	"rate": "扣款标准",
	"amount": "扣款金额",
}
MONEY_COLUMNS = {"工资扣款", "绩效扣款", "合计", "扣款金额"}
NOT_CHARGED_HEADERS = {
	"institution": "处理机构",
	"case": "投诉编号",
	"status": "案件状态",
	"reason": "未扣款原因",
}


def assessment_frames(result: LedgerAssessment) -> dict[str, pd.DataFrame]:
	"""The sheets of the assessment table, with Chinese headers."""
	detail = result.charges.copy()
	detail["component"] = detail["liability"].map(component_for)
	by_person = detail.pivot_table(
		index=["institution", "employee_number", "full_name"],
		columns="component",
		values="amount",
		aggfunc="sum",
		fill_value=0,
	).reset_index()
	for component in (WAGE_DEDUCTION, PERFORMANCE_DEDUCTION):
		if component not in by_person:
			by_person[component] = 0
	by_person["total"] = by_person[WAGE_DEDUCTION] + by_person[PERFORMANCE_DEDUCTION]
	people = by_person.rename(
		columns={
			"institution": "机构",
			"employee_number": "工号",
			"full_name": "姓名",
			WAGE_DEDUCTION: "工资扣款",
			PERFORMANCE_DEDUCTION: "绩效扣款",
			"total": "合计",
		}
	)[["机构", "姓名", "工号", "工资扣款", "绩效扣款", "合计"]]
	institutions = people.groupby("机构", as_index=False).agg(
		人数=("工号", "nunique"),
		工资扣款=("工资扣款", "sum"),
		绩效扣款=("绩效扣款", "sum"),
		合计=("合计", "sum"),
	)
	detail["liability"] = detail["liability"].map(LIABILITY_LABEL)
	detail["receipt_kind"] = detail["receipt_kind"].map(lambda k: RECEIPT_KIND_LABEL.get(k, ""))
	frames = {
		"机构汇总": institutions,
		"人员汇总": people,
		"扣款明细": detail[list(DETAIL_HEADERS)].rename(columns=DETAIL_HEADERS),
		"未扣款案件": result.not_charged[list(NOT_CHARGED_HEADERS)].rename(columns=NOT_CHARGED_HEADERS),
	}
	for frame in frames.values():
		for name in MONEY_COLUMNS:
			if name in frame:
				frame[name] = frame[name].map(money)
	return frames


def write_assessment_table(result: LedgerAssessment, path: Path) -> None:
	"""The assessment table with xlsxwriter: money as numbers (Excel cells hold doubles; the sums were made in
	Decimal) shown with two decimals, dates as dates, the header row bold and frozen. Written in memory with
	fixed timestamps, so the same period gives the same bytes."""
	import xlsxwriter

	with xlsxwriter.Workbook(str(path), {"in_memory": True, "default_date_format": "yyyy-mm-dd"}) as book:
		book.set_properties({"created": datetime.combine(result.period.end_date, datetime.min.time())})
		bold = book.add_format({"bold": True})
		money_format = book.add_format({"num_format": "#,##0.00"})
		for sheet_name, frame in assessment_frames(result).items():
			sheet = book.add_worksheet(sheet_name)
			for index, name in enumerate(frame.columns):
				sheet.set_column(
					index, index, _width(name, frame[name]), money_format if name in MONEY_COLUMNS else None
				)
			sheet.write_row(0, 0, list(frame.columns), bold)
			sheet.freeze_panes(1, 0)
			values = [
				[float(v) for v in frame[name]] if name in MONEY_COLUMNS else frame[name].tolist()
				for name in frame.columns
			]
			for number, row in enumerate(zip(*values, strict=True), start=1):
				sheet.write_row(number, 0, row)


def _width(header: str, values: pd.Series) -> float:
	"""A column wide enough for its header and its longest value among the first thousand (CJK counts double)."""
	texts = [header, *map(str, values.head(1000))]
	return min(60, 2 + max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) for text in texts))


def write_payroll_csv(result: LedgerAssessment, path: Path) -> None:
	with open(path, "w", newline="", encoding="utf-8") as f:
		writer = csv.DictWriter(f, fieldnames=PAYROLL_COLUMNS)
		writer.writeheader()
		writer.writerows(line.as_row() for line in result.payroll)


def write_all(
	result: LedgerAssessment,
	out_dir: Path,
	ledger_suffix: str,
	render_notices: Callable[[LedgerAssessment], dict[str, bytes]],
	stopwatch: Stopwatch | None = None,
) -> list[Path]:
	"""Write every output of the period into ``out_dir``, all or nothing; return the files written."""
	timed = (stopwatch or Stopwatch()).stage
	out_dir = Path(out_dir)
	out_dir.parent.mkdir(parents=True, exist_ok=True)
	name = result.period.name
	with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=".staging-") as staging:
		staging = Path(staging)
		with timed(stages.ASSESSMENT_TABLE):
			write_assessment_table(result, staging / f"处罚考核表-{name}.xlsx")
		with timed(stages.PAYROLL):
			write_payroll_csv(result, staging / f"payroll-{name}.csv")
		with timed(stages.LEDGER_BACK):
			write_ledger_file(result.ledger, staging / f"台账-{name}{ledger_suffix}")
			# Let go of the largest thing held before the notices' renderers are forked: they would share the
			# pages, and copy those where their own objects land (a 200,000-row ledger: some 140 MiB more).
			result.ledger = None
			gc.collect()
		with timed(stages.NOTICES):
			notices = staging / "notices"
			notices.mkdir()
			for institution, pdf in render_notices(result).items():
				(notices / f"正式文件-{name}-{_safe(institution)}.pdf").write_bytes(pdf)
		out_dir.mkdir(exist_ok=True)
		earlier = period_outputs(out_dir, name)
		written = []
		for item in sorted(staging.rglob("*")):
			if item.is_file():
				target = out_dir / item.relative_to(staging)
				target.parent.mkdir(parents=True, exist_ok=True)
				shutil.move(str(item), target)
				written.append(target)
	for stale in sorted(set(earlier) - set(written)):
		stale.unlink(missing_ok=True)
	return written


def period_outputs(out_dir: Path, name: str) -> list[Path]:
	"""The files a run of period ``name`` writes that are in ``out_dir`` now (from an earlier run)."""
	names = [f"处罚考核表-{name}.xlsx", f"payroll-{name}.csv"]
	names += [f"台账-{name}{suffix}" for suffix in (".csv", *EXCEL_SUFFIXES)]
	found = [out_dir / file_name for file_name in names if (out_dir / file_name).is_file()]
	return found + sorted(
		path for path in (out_dir / "notices").glob(f"正式文件-{name}-*.pdf") if path.is_file()
	)


def _safe(name: str) -> str:
	return "".join("_" if ch in '/\\:*?"<>|' else ch for ch in name)

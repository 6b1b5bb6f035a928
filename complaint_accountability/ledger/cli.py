"""complaint-accountability assess LEDGER --period YYYY-MM --out DIR [--rates FILE] [--settings FILE]"""

import argparse
import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from ..documents.labels import STATUS_LABEL
from ..rules.defaults import default_channels, default_rates, default_violation_types
from ..rules.periods import InvalidPeriodName, period
from ..rules.settings import AccountabilitySettings
from . import stages
from .assess import LedgerAssessment, assess_ledger
from .files import read_ledger_file
from .outputs import write_all
from .problems import LedgerInvalid
from .rates_file import read_rates_file
from .reader import parse_ledger
from .stages import Stopwatch

# A settings file may also name the notices' date; by default it is the day after the appeal deadline.
ISSUE_DATE = "issue_date"


def _progress(message: str) -> None:
	print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load_settings_file(path: Path | None) -> tuple[AccountabilitySettings, date | None]:
	"""Settings (AccountabilitySettings' names, each optional) and the notices' date from a JSON file."""
	values = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
	unknown = set(values) - set(AccountabilitySettings.names()) - {ISSUE_DATE}
	if unknown:
		raise ValueError(f"settings file: unknown keys {', '.join(sorted(unknown))}")
	issue_date = date.fromisoformat(values[ISSUE_DATE]) if values.get(ISSUE_DATE) else None
	return AccountabilitySettings.from_values(values), issue_date


def notice_renderer(settings: AccountabilitySettings, issue_date: date | None):
	def render(result: LedgerAssessment) -> dict[str, bytes]:
		from ..documents.model import Letterhead
		from ..documents.render import render_period
		from .notices import institution_documents

		documents = institution_documents(
			result,
			issue_date or result.period.appeal_deadline + timedelta(days=1),
			settings.document_prefix,
			settings.first_document_number,
		)
		_progress(f"正在生成 {len(documents)} 份正式文件(PDF)……")
		return render_period(
			documents,
			Letterhead(
				issuing_organ=settings.issuing_organ,
				issuing_department=settings.issuing_department,
				printed_by=settings.printed_by,
			),
			"notice",
		)

	return render


def run_assessment(args, stopwatch: Stopwatch) -> tuple[LedgerAssessment, list[Path]]:
	"""One ``assess`` run, each stage timed on ``stopwatch``; returns the result and the files written."""
	settings, issue_date = load_settings_file(args.settings)
	the_period = period(args.period, settings)
	channels = default_channels()
	rates = read_rates_file(args.rates, channels) if args.rates else default_rates()
	_progress(f"读取台账 {args.ledger} ……")
	with stopwatch.stage(stages.READ):
		frame = read_ledger_file(args.ledger)
	with stopwatch.stage(stages.VALIDATE):
		ledger = parse_ledger(frame, channels, default_violation_types(), settings=settings)
	del frame
	_progress(
		f"核算 {the_period.name} 考核期({the_period.start_date} 至 {the_period.end_date}),"
		f"{len(ledger.receipts)} 条投诉记录、{len(ledger.cases)} 件投诉……"
	)
	with stopwatch.stage(stages.ASSESS):
		result = assess_ledger(ledger, the_period, channels, rates, settings)
	del ledger
	written = write_all(
		result, args.out, Path(args.ledger).suffix.lower(), notice_renderer(settings, issue_date), stopwatch
	)
	return result, written


def assess_command(args) -> int:
	started = time.perf_counter()
	stopwatch = Stopwatch()
	result, written = run_assessment(args, stopwatch)
	print(summary(result, written, time.perf_counter() - started, stopwatch))
	return 0


def summary(result: LedgerAssessment, written: list[Path], seconds: float, stopwatch: Stopwatch) -> str:
	period = result.period
	statuses = "、".join(f"{STATUS_LABEL[name]} {count}" for name, count in result.statuses.items() if count)
	lines = [
		f"考核期 {period.name}: {period.start_date} 至 {period.end_date},申诉截止 {period.appeal_deadline},"
		f"发薪日 {period.payroll_date}",
		f"投诉件状态: {statuses}",
		f"扣款 {len(result.charges)} 笔,涉及 {result.charges['employee_number'].nunique()} 人、"
		f"{result.charges['institution'].nunique()} 个机构,合计 {result.total:.2f} 元",
		f"工资单 {len(result.payroll)} 行;未扣款案件 {len(result.not_charged)} 件",
		f"写出 {len(written)} 个文件,用时 {seconds:.1f} 秒({stopwatch.summary()}):",
	]
	return "\n".join(lines + [f"  {path}" for path in written])


def build_parser() -> argparse.ArgumentParser:
	parser = argparse.ArgumentParser(
		prog="complaint-accountability",
		description="投诉管理责任追究: assess a hand-kept complaint ledger with no database.",
	)
	commands = parser.add_subparsers(dest="command", required=True)
	assess = commands.add_parser("assess", help="assess one monthly period of a ledger (xlsx or csv)")
	assess.add_argument("ledger", type=Path, help="the ledger file (.xlsx or .csv)")
	assess.add_argument("--period", required=True, help="the period to assess, YYYY-MM")
	assess.add_argument("--out", required=True, type=Path, help="folder for the results")
	assess.add_argument("--rates", type=Path, help="rates file replacing the default (example) rates")
	assess.add_argument("--settings", type=Path, help="JSON file of settings and letterhead")
	assess.set_defaults(run=assess_command)
	return parser


def main(argv: list[str] | None = None) -> int:
	args = build_parser().parse_args(argv)
	try:
		return args.run(args)
	except LedgerInvalid as error:
		print(error.report(limit=200), file=sys.stderr)
		return 2
	except (InvalidPeriodName, ValueError, OSError) as error:
		print(f"错误: {error}", file=sys.stderr)
		return 2


if __name__ == "__main__":
	sys.exit(main())

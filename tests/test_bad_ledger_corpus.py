"""The corpus of malformed ledgers (tests/corpus): each is refused, pointed at, and nothing is written.

Regenerate the corpus with ``python3 tests/corpus/make_corpus.py``.
"""

import json
import re
import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from complaint_accountability.ledger import columns as col
from complaint_accountability.ledger.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
PROBLEM_COUNT = re.compile(r"台账有 (\d+) 处错误")


def assess(ledger: Path, out: Path) -> int:
	return main(["assess", str(ledger), "--period", "2026-11", "--out", str(out)])


def problem_lines(stderr: str) -> list[str]:
	return [line.strip() for line in stderr.splitlines() if line.strip().startswith(("第", "文件"))]


def assert_listed(lines: list[str], row: int, column: str, reason: str) -> None:
	place = f"第{row}行" if row else "文件"
	where = f"{place} [{column}]: " if column else f"{place}: "
	found = [line for line in lines if line.startswith(where)]
	assert any(reason in line for line in found), f"no “{where}…{reason}…” in:\n" + "\n".join(lines)


def assert_nothing_written(tmp_path: Path, out: Path, kept: list[str]) -> None:
	assert not out.exists()
	assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)  # no .staging-* left either


def test_corpus_matches_expected_json():
	files = sorted(p.name for p in (CORPUS / "bad").iterdir())
	assert files == sorted(EXPECTED)
	assert len(files) >= 55
	assert sum(p.stat().st_size for p in (CORPUS / "bad").iterdir()) < 3_000_000


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_ledger_is_refused_with_its_problems_and_nothing_written(name, tmp_path, capsys):
	expected = EXPECTED[name]
	if "known_gap" in expected:
		pytest.skip(f"known gap: {expected['known_gap']}")
	ledger = tmp_path / name
	shutil.copyfile(CORPUS / "bad" / name, ledger)
	out = tmp_path / "out"
	assert assess(ledger, out) == 2
	stderr = capsys.readouterr().err
	lines = problem_lines(stderr)
	assert_listed(lines, expected["row"], expected["column"], expected["reason"])
	for also in expected.get("also", []):
		assert_listed(lines, also["row"], also["column"], also["reason"])
	if "count" in expected:
		assert PROBLEM_COUNT.search(stderr).group(1) == str(expected["count"])
	assert_nothing_written(tmp_path, out, [name])
	assert (CORPUS / "bad" / name).read_bytes() == ledger.read_bytes()


@pytest.mark.parametrize("name", ["good.csv", "good.xlsx"])
def test_good_ledger_alongside_still_passes(name, tmp_path):
	shutil.copyfile(CORPUS / "good" / name, tmp_path / name)
	out = tmp_path / "out"
	assert assess(tmp_path / name, out) == 0
	written = {p.name for p in out.iterdir()}
	assert {"payroll-2026-11.csv", "处罚考核表-2026-11.xlsx", f"台账-2026-11{Path(name).suffix}"} <= written
	assert not list(tmp_path.glob(".staging-*"))


HUGE_ROWS = 200_000
HUGE_BAD_ROW = 150_001  # sheet row: the header is row 1
RECEIPTS_PER_CASE = 10  # 20,000 cases: the reader's cost grows with cases (persons() walks them)


def write_huge_ledger(path: Path) -> None:
	"""200,000 receipts of 20,000 cases, all good but the channel of sheet row 150,001."""
	channels = ("客服热线", "网络", "总公司", "监管局", "新闻媒体") * 2
	outcomes = ("未化解", "待定", "满意", "撤诉", "未化解")
	first_day = date(2024, 1, 1)
	lines = [",".join((*col.REQUIRED, col.CUSTOMER))]
	for index in range(HUGE_ROWS):
		case, receipt = divmod(index, RECEIPTS_PER_CASE)
		received = (first_day + timedelta(days=case % 1000 + receipt)).isoformat()
		channel = "微博" if index + 2 == HUGE_BAD_ROW else channels[receipt]
		lines.append(
			f"TS{case:07d},{received},{channel},是,机构{case % 20},{outcomes[case % 5]},"
			f"员工{case % 300}(E{case % 300:04d}),经理{case % 20}(M{case % 20:03d}),客户{case}"
		)
	path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_huge_ledger_reports_its_single_problem_by_row(tmp_path, capsys):
	ledger = tmp_path / "huge.csv"
	write_huge_ledger(ledger)
	out = tmp_path / "out"
	started = time.perf_counter()
	assert assess(ledger, out) == 2
	seconds = time.perf_counter() - started
	stderr = capsys.readouterr().err
	lines = problem_lines(stderr)
	assert PROBLEM_COUNT.search(stderr).group(1) == "1"
	assert len(lines) == 1
	assert_listed(lines, HUGE_BAD_ROW, col.CHANNEL, "未知的投诉渠道“微博”")
	assert_nothing_written(tmp_path, out, ["huge.csv"])
	assert seconds < 60, f"reading {HUGE_ROWS} rows took {seconds:.1f} s"

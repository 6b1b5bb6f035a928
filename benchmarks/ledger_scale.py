"""Ledger mode at a large branch's scale: one whole `assess`, each stage's time and the peak memory.

    python benchmarks/ledger_scale.py [--runs 3] [--ledgers cumulative heavy] [--data DIR]

Two made-up ledgers (benchmarks/synthetic_ledger.py, written once into --data and kept):

- cumulative: 200,000 receipts over 36 periods, xlsx, the last period (about 5,000 receipts) assessed;
  target 20 s and 1 GiB;
- heavy: 20,000 receipts in one period, csv; target 45 s and 1.5 GiB, notices kept whole (each
  institution's lines in one table, page numbers running — checked here with pdftotext).

Each run is a fresh child process (`--child`), so imports and memory start from nothing as for a
user. It reports each stage's wall and CPU seconds (CPU includes the notice renderers) and its
peak memory: the run's whole process tree (the process, its forked render and font workers) as
the proportional set size (PSS) summed over the tree, sampled every SAMPLE_SECONDS from /proc, so
that pages a fork shares with its parent count once; this is what the target is checked against.
Beside it, each process's own peak resident size (the largest of the process and of its workers),
which counts shared pages in every process that maps them. The machine's load average is printed
beside each run: other work on the machine slows a run down.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

TARGETS = {"cumulative": (20.0, 1024), "heavy": (45.0, 1536)}  # seconds, MiB
PERIOD = "2026-11"
NUMBER = re.compile(r"—\s*(\d+)\s*—")
SAMPLE_SECONDS = 0.1


def process_tree(pid: int) -> list[int]:
	"""The process and all its descendants (the children of each of its threads), as /proc lists them now."""
	found = [pid]
	for task in Path(f"/proc/{pid}/task").glob("*"):
		try:
			children = (task / "children").read_text().split()
		except OSError:  # the task ended meanwhile
			continue
		for child_pid in children:
			found += process_tree(int(child_pid))
	return found


def tree_pss_kib(pid: int) -> int:
	"""Proportional set size summed over the process tree, in KiB: shared pages divided among their sharers."""
	total = 0
	for member in process_tree(pid):
		try:
			with open(f"/proc/{member}/smaps_rollup") as rollup:
				total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
		except (OSError, StopIteration):  # ended meanwhile
			continue
	return total


class TreeMemory:
	"""The peak of tree_pss_kib over a process's life, sampled in a thread every SAMPLE_SECONDS."""

	def __init__(self, pid: int):
		self.pid, self.peak_kib = pid, 0
		self._done = threading.Event()
		self._thread = threading.Thread(target=self._sample, daemon=True)
		self._thread.start()

	def _sample(self) -> None:
		while not self._done.is_set():
			self.peak_kib = max(self.peak_kib, tree_pss_kib(self.pid))
			self._done.wait(SAMPLE_SECONDS)

	def stop(self) -> float:
		"""Stop sampling; the peak in MiB."""
		self._done.set()
		self._thread.join()
		return self.peak_kib / 1024


def child(ledger: Path, out: Path) -> None:
	"""One assess, as the CLI runs it, with its stopwatch and peak memory printed as JSON."""
	from complaint_accountability.ledger.cli import run_assessment
	from complaint_accountability.ledger.stages import Stopwatch

	stopwatch = Stopwatch()
	started = time.perf_counter()
	args = SimpleNamespace(ledger=ledger, period=PERIOD, out=out, rates=None, settings=None)
	result, written = run_assessment(args, stopwatch)
	own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
	report = {
		"seconds": time.perf_counter() - started,
		"wall": stopwatch.wall,
		"cpu": stopwatch.cpu,
		"main_mib": own.ru_maxrss / 1024,
		"worker_mib": workers.ru_maxrss / 1024,
		"charges": len(result.charges),
		"notices": sum(1 for path in written if path.suffix == ".pdf"),
	}
	print(json.dumps(report, ensure_ascii=False))


def run_once(ledger: Path, out: Path) -> dict:
	shutil.rmtree(out, ignore_errors=True)
	process = subprocess.Popen(
		[sys.executable, __file__, "--child", str(ledger), "--out", str(out)],
		stdout=subprocess.PIPE,
		stderr=subprocess.PIPE,
		text=True,
	)
	memory = TreeMemory(process.pid)
	stdout, stderr = process.communicate()
	tree_mib = memory.stop()
	if process.returncode:
		raise SystemExit(f"assess failed:\n{stderr[-3000:]}")
	return {**json.loads(stdout.strip().splitlines()[-1]), "tree_pss_mib": tree_mib}


def check_notices(folder: Path) -> str:
	"""Every notice: page k is numbered — k —, and its table lists lines 1..n with n the count it states."""
	pages_total, notices = 0, sorted((folder / "notices").glob("*.pdf"))
	for pdf in notices:
		text = subprocess.run(
			["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
		)
		pages = text.stdout.split("\f")[:-1]
		numbers = [NUMBER.findall(page)[-1:] for page in pages]
		if numbers != [[str(k)] for k in range(1, len(pages) + 1)]:
			raise SystemExit(f"{pdf.name}: page numbers {numbers}")
		stated = re.search(r"(\d+)人次", re.sub(r"\s+", "", text.stdout))
		rows = [int(m) for m in re.findall(r"^\s*(\d+)\s+\S", text.stdout, re.M)]
		if stated and int(stated.group(1)) not in rows:
			raise SystemExit(
				f"{pdf.name}: states {stated.group(1)} lines, the table's numbers stop at {max(rows)}"
			)
		pages_total += len(pages)
	return f"{len(notices)} notices, {pages_total} pages, page numbers and line counts checked"


def load() -> str:
	return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--runs", type=int, default=3)
	parser.add_argument("--ledgers", nargs="+", choices=list(TARGETS), default=list(TARGETS))
	parser.add_argument(
		"--data", type=Path, default=Path(tempfile.gettempdir()) / "complaint-accountability-scale"
	)
	parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
	parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
	args = parser.parse_args()
	if args.child:
		child(args.child, args.out)
		return

	from render_documents import python_loop_seconds
	from synthetic_ledger import ledger_files

	started = time.perf_counter()
	files = ledger_files(args.data)
	print(f"ledgers in {args.data} ({time.perf_counter() - started:.0f} s to make or find)")
	print(f"{os.cpu_count()} CPUs; a 10^7-step Python loop takes {python_loop_seconds():.2f} s now")
	for name in args.ledgers:
		seconds_target, mib_target = TARGETS[name]
		path = files[name]
		print(
			f"\n== {name}: {path.name} ({path.stat().st_size / 2**20:.1f} MiB); target {seconds_target:.0f} s, {mib_target} MiB"
		)
		for run in range(1, args.runs + 1):
			before = load()
			report = run_once(path, args.data / f"out-{name}")
			peak = report["tree_pss_mib"]
			verdict = "ok" if report["seconds"] <= seconds_target and peak <= mib_target else "OVER TARGET"
			stages = ", ".join(
				f"{stage} {wall:.1f}"
				+ (f" (cpu {report['cpu'][stage]:.1f})" if report["cpu"][stage] > wall * 1.2 else "")
				for stage, wall in report["wall"].items()
			)
			print(
				f"run {run}: {report['seconds']:.1f} s ({sum(report['cpu'].values()):.0f} CPU s), "
				f"peak {peak:.0f} MiB summed PSS of the process tree "
				f"(own peak RSS: main {report['main_mib']:.0f}, largest worker {report['worker_mib']:.0f}) {verdict}; "
				f"{report['charges']} charges, {report['notices']} notices; load {before}\n"
				f"        {stages}"
			)
		print("        " + check_notices(args.data / f"out-{name}"))


if __name__ == "__main__":
	main()

"""Benchmark: render a month's notices and assessment tables for 100 synthetic institutions.

Run: python3 benchmarks/render_documents.py [--institutions 100] [--sample 5] [--workers N]
"""

import argparse
import os
import random
import re
import sys
import time
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader

from complaint_accountability.documents.context import KINDS
from complaint_accountability.documents.model import InstitutionDocument, Letterhead, PenaltyLine
from complaint_accountability.documents.numerals import doc_number, money_in_chinese_capitals
from complaint_accountability.documents.render import render_one_plain, render_period, worker_count
from complaint_accountability.ledger.stages import cpu_seconds

SURNAMES = (
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏辉建国红梅海燕晓东志强文斌雪梅佳怡子涵浩然宇轩欣怡梓萱俊杰思远"
CITIES = (
	"石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁 "
	"呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛"
).split()
COUNTIES = "城区 开发区 高新区 东城 西城 南城 北城 新区 滨海 经济区".split()
POSTS = (
	"理赔专员",
	"查勘定损员",
	"客服部经理",
	"投诉处理岗",
	"销售主管",
	"核保员",
	"支公司总经理",
	"营业部经理",
)
LIABILITIES = ("直接责任人", "管理责任人", "投诉岗处理违规")
CHANNELS = ("客服热线", "网络", "总公司", "行业协会", "监管局", "新闻媒体", "监管局(升级)", "客服热线(重复)")
AMOUNTS = tuple(
	Decimal(value) for value in ("20", "50", "80.50", "100", "150", "200", "300", "500", "1000", "1350")
)


def person_name(rng: random.Random) -> str:
	return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def institution_names(count: int) -> list[str]:
	names = [f"{city}中心支公司" for city in CITIES]
	names += [f"{city}{county}支公司" for county in COUNTIES for city in CITIES]
	return names[:count]


def penalty_line(rng: random.Random, index: int) -> PenaltyLine:
	channels = "、".join(rng.sample(CHANNELS, rng.choice((1, 1, 2, 3))))
	return PenaltyLine(
		person_name=person_name(rng),
		employee_number=f"{rng.randint(10000000, 99999999)}",
		post=rng.choice(POSTS),
		case_number=f"TS202611{index:05d}",
		liability=rng.choice(LIABILITIES),
		channels=channels,
		amount=rng.choice(AMOUNTS),
	)


MAX_LINES = 18  # tables of 1–2 pages and notices of 3: the issue's "each 1–3 pages" (25 lines: notices of 4)


def synthetic_period(
	count: int = 100, seed: int = 7, max_lines: int = MAX_LINES
) -> list[InstitutionDocument]:
	"""count institutions with 1 to max_lines penalty lines each."""
	rng = random.Random(seed)
	docs = []
	for number, institution in enumerate(institution_names(count), start=1):
		lines = tuple(penalty_line(rng, number * 100 + i) for i in range(rng.randint(1, max_lines)))
		docs.append(
			InstitutionDocument(
				institution=institution,
				period="2026-11",
				period_start=date(2026, 10, 21),
				period_end=date(2026, 11, 20),
				appeal_deadline=date(2026, 11, 26),
				lines=lines,
				doc_number=doc_number("客发", 2026, number),
				issue_date=date(2026, 12, 28),
			)
		)
	return docs


LETTERHEAD = Letterhead(issuing_organ="XX财产保险股份有限公司XX分公司", issuing_department="客户服务部")


def pdf_text_and_fonts(pdf: bytes) -> tuple[str, set[str], int]:
	"""Text without whitespace, the embedded font names (subset tag dropped) and the page count."""
	reader = PdfReader(BytesIO(pdf))
	text = "".join(page.extract_text() or "" for page in reader.pages)
	names = {
		str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
		for page in reader.pages
		for font in page["/Resources"]["/Font"].values()
	}
	return re.sub(r"\s+", "", text), names, len(reader.pages)


def verify(doc: InstitutionDocument, pdf: bytes) -> int:
	"""Check the PDF names the institution and its total (figures and 大写) in CJK text; return its pages."""
	text, _fonts, pages = pdf_text_and_fonts(pdf)
	for expected in (doc.institution, f"{doc.total:,.2f}", money_in_chinese_capitals(doc.total)):
		if expected not in text:
			raise AssertionError(f"{doc.institution}: {expected!r} not in the PDF text")
	return pages


def verify_fonts(pdfs: dict[str, bytes]) -> set[str]:
	"""Every font of the fast path's PDFs is one of the subset faces (no fallback to a system font)."""
	names = set().union(*(pdf_text_and_fonts(pdf)[1] for pdf in pdfs.values()))
	if not all(name.startswith("CA-") for name in names):
		raise AssertionError(f"unexpected fonts: {sorted(names)}")
	return names


def python_loop_seconds(steps: int = 10**7) -> float:
	"""A fixed piece of pure-Python work: on a shared VM its time shows how fast the CPU is right now."""
	started, total = time.process_time(), 0
	for step in range(steps):
		total += step
	return time.process_time() - started


def bench_period(docs, kind: str, workers: int | None) -> float:
	cpu, started = cpu_seconds(), time.perf_counter()
	pdfs = render_period(docs, LETTERHEAD, kind, workers=workers)
	elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
	pages = [verify(doc, pdfs[doc.institution]) for doc in docs]
	faces = verify_fonts(pdfs)
	sizes = [len(pdf) for pdf in pdfs.values()]
	assert max(sizes) < 1024 * 1024, "a PDF is over 1 MB"
	print(
		f"{kind:10} {len(pdfs)} PDFs, {sum(pages)} pages ({min(pages)}-{max(pages)} per PDF): "
		f"{elapsed:.2f} s, {elapsed / len(pdfs) * 1000:.0f} ms per PDF "
		f"({cpu:.1f} CPU s, {cpu / len(pdfs) * 1000:.0f} CPU ms per PDF); "
		f"largest {max(sizes) / 1024:.0f} KiB, mean {sum(sizes) / len(sizes) / 1024:.0f} KiB; "
		f"fonts {', '.join(sorted(faces))}"
	)
	return elapsed


def bench_plain(docs, kind: str) -> float:
	started = time.perf_counter()
	for doc in docs:
		verify(doc, render_one_plain(doc, LETTERHEAD, kind))
	per_document = (time.perf_counter() - started) / len(docs)
	print(f"{kind:10} plain baseline (render_one_plain): {per_document:.2f} s per PDF, sample of {len(docs)}")
	return per_document


def arguments() -> argparse.Namespace:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--institutions", type=int, default=100)
	parser.add_argument("--seed", type=int, default=7)
	parser.add_argument(
		"--max-lines", type=int, default=MAX_LINES, help="penalty lines per institution: 1 to this"
	)
	parser.add_argument(
		"--sample", type=int, default=5, help="documents per kind for the plain baseline (0: skip)"
	)
	parser.add_argument("--workers", type=int, default=None, help="render processes (default: the CPUs)")
	return parser.parse_args()


def main() -> None:
	args = arguments()
	docs = synthetic_period(args.institutions, args.seed, args.max_lines)
	print(
		f"{len(docs)} institutions, {sum(len(doc.lines) for doc in docs)} penalty lines, "
		f"{worker_count(len(docs), args.workers)} render processes, {os.cpu_count()} CPUs; "
		f"CPU speed now: a 10^7-step Python loop takes {python_loop_seconds():.2f} s"
	)
	fast = {kind: bench_period(docs, kind, args.workers) for kind in KINDS}
	print(f"both kinds: {sum(fast.values()):.2f} s for {2 * len(docs)} PDFs")
	if args.sample:
		sample = docs[: args.sample]
		for kind in KINDS:
			plain = bench_plain(sample, kind)
			print(f"{kind:10} plain / fast per PDF: {plain / (fast[kind] / len(docs)):.0f}x")


if __name__ == "__main__":
	main()

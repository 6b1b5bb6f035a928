"""Benchmark: render a month's notices and assessment tables for 100 synthetic institutions.

Run: python3 benchmarks/render_documents.py [institutions] [seed]
"""

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

from complaint_accountability.documents.model import InstitutionDocument, Letterhead, PenaltyLine
from complaint_accountability.documents.numerals import doc_number, money_in_chinese_capitals
from complaint_accountability.documents.render import render_one_plain, render_period

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


def synthetic_period(count: int = 100, seed: int = 7) -> list[InstitutionDocument]:
	"""count institutions, each with 4–50 penalty lines (1–3 pages of table)."""
	rng = random.Random(seed)
	docs = []
	for number, institution in enumerate(institution_names(count), start=1):
		lines = tuple(penalty_line(rng, number * 100 + i) for i in range(rng.randint(4, 50)))
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


def pdf_text(pdf: bytes) -> tuple[str, int]:
	reader = PdfReader(BytesIO(pdf))
	text = "".join(page.extract_text() or "" for page in reader.pages)
	return re.sub(r"\s+", "", text), len(reader.pages)


def verify(doc: InstitutionDocument, pdf: bytes) -> int:
	"""Check the PDF text names the institution and its total (figures and 大写); return its pages."""
	text, pages = pdf_text(pdf)
	for expected in (doc.institution, f"{doc.total:,.2f}", money_in_chinese_capitals(doc.total)):
		if expected not in text:
			raise AssertionError(f"{doc.institution}: {expected!r} not in the PDF text")
	return pages


def bench_period(docs, kind: str) -> float:
	started = time.perf_counter()
	pdfs = render_period(docs, LETTERHEAD, kind)
	elapsed = time.perf_counter() - started
	pages = [verify(doc, pdfs[doc.institution]) for doc in docs]
	sizes = [len(pdf) for pdf in pdfs.values()]
	print(
		f"{kind:10} {len(pdfs)} PDFs, {sum(pages)} pages ({min(pages)}-{max(pages)} per PDF): "
		f"{elapsed:.2f} s total, {elapsed / len(pdfs) * 1000:.0f} ms per PDF, "
		f"max size {max(sizes) / 1024:.0f} KiB, mean {sum(sizes) / len(sizes) / 1024:.0f} KiB"
	)
	return elapsed


def bench_plain(docs, kind: str, sample: int = 5) -> float:
	started = time.perf_counter()
	for doc in docs[:sample]:
		verify(doc, render_one_plain(doc, LETTERHEAD, kind))
	per_document = (time.perf_counter() - started) / sample
	print(f"{kind:10} plain baseline: {per_document:.2f} s per PDF (sample of {sample})")
	return per_document


def main() -> None:
	count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
	seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
	docs = synthetic_period(count, seed)
	print(f"{len(docs)} institutions, {sum(len(doc.lines) for doc in docs)} penalty lines")
	fast = {kind: bench_period(docs, kind) for kind in ("notice", "assessment")}
	total = sum(fast.values())
	print(f"both kinds: {total:.2f} s for {2 * len(docs)} PDFs")
	for kind in ("notice", "assessment"):
		plain = bench_plain(docs, kind)
		print(f"{kind:10} speed-up per PDF: {plain / (fast[kind] / len(docs)):.1f}x")


if __name__ == "__main__":
	main()

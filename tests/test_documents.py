"""Documents (处罚考核表, 正式文件): numerals, templates and PDF rendering. Plain pytest, no Frappe."""

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest

from complaint_accountability.documents import fonts
from complaint_accountability.documents.context import document_context, organ_mark_size
from complaint_accountability.documents.model import InstitutionDocument, Letterhead, PenaltyLine
from complaint_accountability.documents.numerals import (
	chinese_date,
	chinese_month,
	doc_number,
	money_in_chinese_capitals,
	money_in_figures,
)

FULLWIDTH_COMMA = "\uff0c"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pydyf")


@pytest.mark.parametrize(
	("amount", "capitals"),
	[
		("1350", "壹仟叁佰伍拾元整"),
		("80.50", "捌拾元伍角"),
		("100.05", "壹佰元零伍分"),
		("0", "零元整"),
		("0.00", "零元整"),
		("10010", "壹万零壹拾元整"),
		("10", "壹拾元整"),
		("20", "贰拾元整"),
		("200", "贰佰元整"),
		("101", "壹佰零壹元整"),
		("110", "壹佰壹拾元整"),
		("1001", "壹仟零壹元整"),
		("1010", "壹仟零壹拾元整"),
		("1000.05", "壹仟元零伍分"),
		("120.30", "壹佰贰拾元叁角"),
		("0.50", "伍角"),
		("0.05", "伍分"),
		("0.15", "壹角伍分"),
		("3.15", "叁元壹角伍分"),
		("100000", "壹拾万元整"),
		("10001000", "壹仟万壹仟元整"),
		("10000100", "壹仟万零壹佰元整"),
		("1000010", "壹佰万零壹拾元整"),
		("100000001", "壹亿零壹元整"),
		("100010000", "壹亿零壹万元整"),
		("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
		("-20", "负贰拾元整"),
	],
)
def test_money_in_chinese_capitals(amount, capitals):
	assert money_in_chinese_capitals(Decimal(amount)) == capitals


def test_money_refuses_float_and_fractions_of_a_fen():
	with pytest.raises(TypeError):
		money_in_chinese_capitals(80.5)
	with pytest.raises(ValueError):
		money_in_chinese_capitals(Decimal("1.005"))
	with pytest.raises(ValueError):
		money_in_chinese_capitals(Decimal("1000000000000"))
	assert money_in_chinese_capitals(Decimal("80.500")) == "捌拾元伍角"
	assert money_in_chinese_capitals(1350) == "壹仟叁佰伍拾元整"


def test_money_in_figures():
	assert money_in_figures(Decimal("1350")) == "1,350.00"
	assert money_in_figures(Decimal("80.5")) == "80.50"
	assert money_in_figures(Decimal("0")) == "0.00"


def test_chinese_date_and_month():
	assert chinese_date(date(2026, 12, 28)) == "2026年12月28日"
	assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"  # GB/T 9704: no leading zeros
	assert chinese_month("2026-11") == "2026年11月"
	assert chinese_month("2027-01") == "2027年1月"
	with pytest.raises(ValueError):
		chinese_month("2026-13")


def test_doc_number():
	assert doc_number("客发", 2026, 12) == "客发〔2026〕12号"
	assert doc_number("", 2026, 3) == "〔2026〕3号"
	with pytest.raises(ValueError):
		doc_number("客发", 26, 1)
	with pytest.raises(ValueError):
		doc_number("客发", 2026, 0)


def line(name: str, amount: str, number: str = "10001", liability: str = "直接责任人") -> PenaltyLine:
	return PenaltyLine(
		name, number, "理赔专员", f"TS{number}", liability, "客服热线、监管局(升级)", Decimal(amount)
	)


def institution(name: str, seq: int, lines: tuple[PenaltyLine, ...]) -> InstitutionDocument:
	return InstitutionDocument(
		institution=name,
		period="2026-11",
		period_start=date(2026, 10, 21),
		period_end=date(2026, 11, 20),
		appeal_deadline=date(2026, 11, 26),
		lines=lines,
		doc_number=doc_number("客发", 2026, seq),
		issue_date=date(2026, 12, 28),
	)


LETTERHEAD = Letterhead("XX财产保险股份有限公司XX分公司", "客户服务部")
DOCS = [
	institution(
		"锦州中心支公司",
		12,
		(line("张伟", "1350", "20001"), line("欧阳晓明", "80.50", "20002", "管理责任人")),
	),
	institution("葫芦岛中心支公司", 13, (line("王秀英", "100.05", "30001", "投诉岗处理违规"),)),
	institution("盘锦营业部", 14, ()),
]


def test_model_total_and_types():
	assert DOCS[0].total == Decimal("1430.50")
	assert DOCS[2].total == Decimal("0")
	assert isinstance(institution("x", 1, [line("甲", "1")]).lines, tuple)
	with pytest.raises(TypeError):
		line("甲", "1").__class__("甲", "1", "岗", "TS1", "直接责任人", "网络", 1.5)
	assert LETTERHEAD.copy_to == ("人力资源部", "计划财务部")
	assert LETTERHEAD.printing_organ == "客户服务部"


def test_context_is_preformatted():
	context = document_context(DOCS[0], LETTERHEAD, "notice")
	assert context["title"] == "关于2026年11月投诉管理责任追究处罚结果的通报"
	assert context["period_range"] == "2026年10月21日至2026年11月20日"
	assert context["total"] == "1,430.50"
	assert context["total_capitals"] == "壹仟肆佰叁拾元伍角"
	assert context["copy_to"] == f"人力资源部{FULLWIDTH_COMMA}计划财务部"
	assert context["lines"][1] == {
		"no": 2,
		"person_name": "欧阳晓明",
		"employee_number": "20002",
		"post": "理赔专员",
		"case_number": "TS20002",
		"liability": "管理责任人",
		"channels": "客服热线、监管局(升级)",
		"amount": "80.50",
	}
	assert document_context(DOCS[0], LETTERHEAD, "assessment")["title"] == "投诉管理责任追究处罚考核表"
	with pytest.raises(ValueError):
		document_context(DOCS[0], LETTERHEAD, "memo")
	assert float(organ_mark_size("X" * 40)[:-2]) < float(organ_mark_size("短文件")[:-2]) == 36


def test_templates_render_with_plain_jinja_like_frappe():
	"""Frappe resolves app-prefixed template names; the templates need no custom filters or globals."""
	from jinja2 import Environment, FileSystemLoader, PrefixLoader

	from complaint_accountability.documents.render import PACKAGE_DIR, TEMPLATES

	environment = Environment(
		loader=PrefixLoader({"complaint_accountability": FileSystemLoader(str(PACKAGE_DIR))})
	)
	for kind, name in TEMPLATES.items():
		html = environment.get_template(name).render(**document_context(DOCS[0], LETTERHEAD, kind))
		assert "锦州中心支公司" in html and "壹仟肆佰叁拾元伍角" in html and "欧阳晓明" in html
	notice = environment.get_template(TEMPLATES["notice"]).render(
		**document_context(DOCS[0], LETTERHEAD, "notice")
	)
	assert (
		"客发〔2026〕12号" in notice
		and "如实在工资中兑现" in notice
		and "投诉管理责任追究工作领导小组" in notice
	)
	table = environment.get_template(TEMPLATES["assessment"]).render(
		**document_context(DOCS[0], LETTERHEAD, "assessment")
	)
	assert "应于2026年11月26日前提供有效无责证据提出申诉" in table
	assert "逾期未提出申诉意见的" in table and "视同对处罚结果无异议" in table


def compact(text: str) -> str:
	return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
	from pypdf import PdfReader

	return compact("".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages))


def pdf_fonts(pdf: bytes) -> dict[str, bool]:
	"""BaseFont name → embedded, over every page's font resources (descendant CID fonts included)."""
	from pypdf import PdfReader

	found = {}
	for page in PdfReader(BytesIO(pdf)).pages:
		for font in page["/Resources"]["/Font"].values():
			font = font.get_object()
			for descendant in font.get("/DescendantFonts", [font]):
				descendant = descendant.get_object()
				descriptor = descendant.get("/FontDescriptor")
				descriptor = descriptor.get_object() if descriptor else {}
				embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
				found[str(descendant["/BaseFont"])] = embedded
	return found


@pytest.fixture(scope="module")
def rendered():
	from complaint_accountability.documents.render import render_period

	return {kind: render_period(DOCS, LETTERHEAD, kind, workers=1) for kind in ("notice", "assessment")}


def test_one_pdf_per_institution_in_order(rendered):
	for pdfs in rendered.values():
		assert list(pdfs) == [doc.institution for doc in DOCS]
		assert all(pdf.startswith(b"%PDF") for pdf in pdfs.values())


@pytest.mark.parametrize("kind", ["notice", "assessment"])
def test_pdf_text_is_the_document(rendered, kind):
	for doc in DOCS:
		text = pdf_text(rendered[kind][doc.institution])
		assert doc.institution in text
		assert compact(money_in_chinese_capitals(doc.total)) in text
		assert money_in_figures(doc.total) in text
		for penalty in doc.lines:
			assert penalty.person_name in text
			assert penalty.employee_number in text
			assert money_in_figures(penalty.amount) in text
		if kind == "notice":
			assert doc.doc_number in text
			assert f"抄送：人力资源部{FULLWIDTH_COMMA}计划财务部" in text
			assert "如实在工资中兑现" in text
			assert "2026年12月28日印发" in text
		else:
			assert "处罚考核表" in text
			assert "应于2026年11月26日前提供有效无责证据提出申诉" in text


def test_pdfs_are_small_and_embed_only_the_subset_faces(rendered):
	families = {role.family.replace(" ", "-") for role in fonts.ROLES}
	for pdfs in rendered.values():
		for pdf in pdfs.values():
			assert len(pdf) < 1024 * 1024
			embedded = pdf_fonts(pdf)
			assert embedded and all(embedded.values())
			for name in embedded:
				assert re.fullmatch(r"/[A-Z]{6}\+(.+?)(-Bold)?", name).group(1) in families, name


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdftotext_reads_chinese(rendered, tmp_path):
	path = tmp_path / "notice.pdf"
	path.write_bytes(rendered["notice"]["锦州中心支公司"])
	text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
	assert "XX财产保险股份有限公司XX分公司文件" in text
	assert "关于2026年11月投诉管理责任追究处罚结果" in text
	assert "— 1 —" in text or "—1—" in compact(text)


def test_every_character_comes_from_the_subset():
	from complaint_accountability.documents.render import render_css, subset_texts

	texts = subset_texts(DOCS, LETTERHEAD, render_css(fonts.subset_families()))
	with fonts.build_subset_faces(texts) as faces:
		assert faces.missing == set()
		assert faces.size < 1024 * 1024


def test_parallel_rendering_gives_the_same_documents():
	from complaint_accountability.documents.render import render_period, worker_count

	docs = [
		institution(f"测试{index}支公司", index, (line("李雷", "20", f"4000{index}"),))
		for index in range(1, 9)
	]
	assert worker_count(len(docs), 2) == 2
	pdfs = render_period(docs, LETTERHEAD, "assessment", workers=2)
	assert list(pdfs) == [doc.institution for doc in docs]
	for doc in docs:
		assert doc.institution in pdf_text(pdfs[doc.institution])


def test_render_one_and_duplicates():
	from complaint_accountability.documents.render import render_one, render_period

	assert "盘锦营业部" in pdf_text(render_one(DOCS[2], LETTERHEAD, "notice"))
	with pytest.raises(ValueError):
		render_period([DOCS[0], DOCS[0]], LETTERHEAD, "notice")
	with pytest.raises(ValueError):
		render_period(DOCS, LETTERHEAD, "memo")
	assert render_period([], LETTERHEAD, "notice") == {}


def test_missing_fonts_name_the_debian_package(monkeypatch):
	monkeypatch.setattr(fonts, "_installed", lambda: ())
	monkeypatch.setattr(fonts, "NOTO_DIRS", ("/nonexistent",))
	fonts.find_face.cache_clear()
	try:
		with pytest.raises(fonts.FontsMissing, match="fonts-noto-cjk"):
			fonts.find_face("body")
	finally:
		fonts.find_face.cache_clear()


def test_font_override_from_environment(monkeypatch):
	source = fonts.find_face("title")
	monkeypatch.setenv("COMPLAINT_ACCOUNTABILITY_FONT_BODY", f"{source.path}#{source.index}")
	fonts.find_face.cache_clear()
	try:
		assert fonts.find_face("body").path == source.path
	finally:
		fonts.find_face.cache_clear()


def test_large_subsets_are_subset_again_per_pdf(monkeypatch):
	from complaint_accountability.documents import render

	monkeypatch.setattr(render, "FULL_FONTS_LIMIT", 0)
	pdf = render.render_period(DOCS[1:2], LETTERHEAD, "assessment", workers=1)["葫芦岛中心支公司"]
	text = pdf_text(pdf)
	assert "王秀英" in text and "壹佰元零伍分" in text
	assert all(pdf_fonts(pdf).values())


def test_headings_use_their_own_face_without_falling_back(rendered):
	"""Table headings are set in the heading face: its subset must hold them (no mixed fonts)."""
	from complaint_accountability.documents.render import static_text

	source = fonts.find_face("heading")
	((data, missing),) = fonts.cached_subsets(
		[(source, fonts.role_text(fonts.ROLE_BY_NAME["heading"], {"heading": static_text()}))]
	)
	assert not (set("序号姓名工号岗位投诉编号责任类型投诉渠道扣款金额合计大写") & missing)
	assert data[:4] in (b"OTTO", b"\x00\x01\x00\x00")


def page_count(pdf: bytes) -> int:
	from pypdf import PdfReader

	return len(PdfReader(BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def batch_of_three():
	"""A long notice between two short ones, written as one batch and also one by one."""
	from complaint_accountability.documents.render import (
		PeriodRenderer,
		render_css,
		render_html,
		subset_texts,
	)

	long_lines = tuple(line(f"职员{index:02d}", "50", f"5{index:04d}") for index in range(30))
	docs = [DOCS[1], institution("朝阳中心支公司", 21, long_lines), DOCS[2]]
	htmls = [render_html(doc, LETTERHEAD, "notice") for doc in docs]
	css = render_css(fonts.subset_families())
	with fonts.build_subset_faces(subset_texts(docs, LETTERHEAD, css)) as faces:
		renderer = PeriodRenderer(faces.font_face_css(), css, full_fonts=True)
		yield docs, renderer.pdfs(htmls), [renderer.pdf(html) for html in htmls]


def test_a_batch_is_cut_at_each_documents_own_pages(batch_of_three):
	docs, batched, alone = batch_of_three
	assert [page_count(pdf) for pdf in batched] == [page_count(pdf) for pdf in alone]
	assert page_count(batched[1]) > page_count(batched[0])
	for doc, pdf in zip(docs, batched, strict=True):
		text = pdf_text(pdf)
		assert doc.institution in text and doc.doc_number in text
		assert all(other.doc_number not in text for other in docs if other is not doc)
		assert "—1—" in text  # page numbers start again in every document
		assert all(pdf_fonts(pdf).values())


def test_a_batch_keeps_each_documents_title(batch_of_three):
	from pypdf import PdfReader

	_docs, batched, alone = batch_of_three
	for pdf, own in zip(batched, alone, strict=True):
		title = PdfReader(BytesIO(pdf)).metadata["/Title"]
		assert title.startswith("关于2026年11月") and title == PdfReader(BytesIO(own)).metadata["/Title"]


def test_split_refuses_counts_that_do_not_cut_the_pdf(batch_of_three):
	from complaint_accountability.documents.split import split_pages

	_docs, _batched, alone = batch_of_three
	pages = page_count(alone[0])
	with pytest.raises(ValueError, match="do not cut"):
		split_pages(alone[0], [pages + 1], ["x"])
	with pytest.raises(ValueError, match="do not cut"):
		split_pages(alone[0], [pages, 0], ["x", "y"])
	with pytest.raises(ValueError, match="titles"):
		split_pages(alone[0], [pages], [])
	assert page_count(split_pages(alone[0], [pages], ["x"])[0]) == pages


def test_batches_take_every_document_once_longest_first():
	from complaint_accountability.documents.render import MAX_BATCH, batches

	htmls = ["x" * length for length in (5, 50, 20, 20, 1, 70, 3) * 10]
	work = batches(htmls, 2)
	flat = [index for batch in work for index in batch]
	assert sorted(flat) == list(range(len(htmls)))
	assert [len(htmls[index]) for index in flat] == sorted(map(len, htmls), reverse=True)
	assert max(map(len, work)) <= MAX_BATCH and len(work) >= 2 * 3
	assert batches(["a"], 4) == [[0]]


def test_forked_batches_give_each_institution_its_pdf():
	from complaint_accountability.documents.render import batches, render_period

	docs = [
		institution(
			f"批次{index}支公司", index, tuple(line("韩梅梅", "30", f"6{index}{n}") for n in range(index % 4))
		)
		for index in range(1, 15)
	]
	assert max(map(len, batches(["x"] * len(docs), 2))) > 1
	pdfs = render_period(docs, LETTERHEAD, "assessment", workers=2)
	assert list(pdfs) == [doc.institution for doc in docs]
	for doc in docs:
		text = pdf_text(pdfs[doc.institution])
		assert doc.institution in text and money_in_figures(doc.total) in text
		assert all(other.institution not in text for other in docs if other is not doc)


def test_browsers_get_collapsed_rules_and_weasyprint_the_halves():
	"""WeasyPrint paints four-sided half rules fast; a browser would round each half up to a pixel."""
	from complaint_accountability.documents.render import render_css

	families = fonts.system_families()
	for_weasyprint, for_browser = render_css(families), render_css(families, browser=True)
	assert "border: 0.375pt solid #000" in for_weasyprint
	assert "border-collapse: collapse" not in for_weasyprint
	assert "border-collapse: collapse" in for_browser.split("table.penalties {", 1)[1]
	assert "@page notice, :blank {" in for_weasyprint and "@page notice {" in for_browser
	assert ", :blank" not in for_browser  # a browser not knowing :blank would drop the whole rule


def test_long_documents_are_written_alone():
	"""A notice of many pages gains nothing from sharing a PDF; batched together they would hold every page."""
	from complaint_accountability.documents.render import MAX_BATCH_HTML, batches

	htmls = ["x" * (MAX_BATCH_HTML // 2 + 1)] * 6 + ["y" * 100] * 40
	work = batches(htmls, 2)
	assert all(sum(index < 6 for index in batch) == 1 for batch in work[:6])
	assert all(sum(len(htmls[index]) for index in batch) <= MAX_BATCH_HTML for batch in work)
	assert sorted(index for batch in work for index in batch) == list(range(len(htmls)))


def test_the_post_column_is_left_out_when_no_line_has_a_post():
	"""A ledger names no 岗位: the notice has no empty column, and 投诉渠道 gets its width."""
	from complaint_accountability.documents.render import render_html

	without = institution(
		"营口中心支公司", 15, (PenaltyLine("张伟", "1", "", "TS1", "直接责任人", "网络", Decimal(100)),)
	)
	assert document_context(DOCS[0], LETTERHEAD, "notice")["post_column"] is True
	assert document_context(without, LETTERHEAD, "notice")["post_column"] is False
	html = render_html(without, LETTERHEAD, "notice")
	assert "岗位" not in html and 'class="penalties without-post"' in html and 'colspan="6">合计' in html
	assert "<th>岗位</th>" in render_html(DOCS[0], LETTERHEAD, "notice")


def test_a_page_holding_only_the_record_is_numbered_like_the_others(tmp_path):
	"""19 lines fill the last page up to the signature, so the 版记 (抄送, 印发) goes to a page of its own."""
	from complaint_accountability.documents.render import render_one

	lines = tuple(line(f"职员{index:02d}", "50", f"5{index:04d}") for index in range(19))
	(tmp_path / "n.pdf").write_bytes(
		render_one(institution("朝阳中心支公司", 21, lines), LETTERHEAD, "notice")
	)
	text = subprocess.run(
		["pdftotext", "-layout", str(tmp_path / "n.pdf"), "-"], capture_output=True, text=True
	)
	pages = text.stdout.split("\f")[:-1]
	assert compact(pages[-1]).startswith("抄送")
	assert [re.findall(r"—\s*(\d+)\s*—", page) for page in pages] == [
		[str(n)] for n in range(1, len(pages) + 1)
	]


def test_the_signature_never_stands_on_a_page_without_body_text():
	"""GB/T 9704-2012 7.3.5.1. With 3, 4 and 21 penalty lines the signature and date used to fall
	alone onto the last page; now the closing line of the body goes with them."""
	from pypdf import PdfReader

	from complaint_accountability.documents.render import render_period

	counts = (3, 4, 21)
	docs = [
		institution(f"落款{n:02d}", n, tuple(line(f"员工{i}", "100.00", f"1{i:04d}") for i in range(n)))
		for n in counts
	]
	pdfs = render_period(docs, LETTERHEAD, "notice")
	for doc in docs:
		pages = [compact(page.extract_text()) for page in PdfReader(BytesIO(pdfs[doc.institution])).pages]
		signed = [page for page in pages if "客户服务部2026年12月28日" in page.split("抄送")[0]]
		assert len(signed) == 1, (len(doc.lines), pages[-1])
		assert "特此通报" in signed[0], (len(doc.lines), signed[0])


def test_a_batch_leaves_no_layout_behind_for_the_collector():
	"""A batch's layout is reference cycles; under fewer_collections' thresholds they were never collected
	and a render worker grew by some 40 MiB a batch. Each batch's layout is collected once it is written."""
	import gc

	from complaint_accountability.documents.render import (
		PeriodRenderer,
		_batch_pdfs,
		fewer_collections,
		render_css,
		render_html,
		subset_texts,
	)

	docs = [
		institution(f"测试{index}支公司", index, (line("李雷", "20", f"4000{index}"),))
		for index in range(1, 7)
	]
	htmls = [render_html(doc, LETTERHEAD, "notice") for doc in docs]
	css = render_css(fonts.subset_families())
	with fonts.build_subset_faces(subset_texts(docs, LETTERHEAD, css, {"notice": htmls})) as faces:
		renderer = PeriodRenderer(faces.font_face_css(), css, full_fonts=True)
		with fewer_collections():  # as in a render worker: what existed before is frozen
			pdfs = [pdf for batch in (htmls[:3], htmls[3:]) for pdf in _batch_pdfs(renderer, batch)]
			left = gc.collect()
	assert len(pdfs) == len(docs) and left < 100

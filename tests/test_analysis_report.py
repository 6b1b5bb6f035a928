"""The quarterly 投诉情况分析报告: inline SVG charts, the document's wording, and the PDF itself (its
text read back with pypdf and pdftotext, its fonts only the subset faces). Plain pytest, no Frappe."""

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from complaint_accountability.documents.analysis import (
	AccountabilityResults,
	AnalysisReport,
	OpenRemediation,
	change_words,
	quarter_label,
)
from complaint_accountability.documents.charts import Series, bar_chart, line_chart, nice_ceiling
from complaint_accountability.documents.model import Letterhead
from complaint_accountability.rules.indicators import EMPTY, Figures, group_rows
from tests.test_documents import compact, pdf_fonts, pdf_text
from tests.test_indicators import Q4, A, B, worked_example_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pydyf")
D = Decimal
SVG = "{http://www.w3.org/2000/svg}"
FAMILY = "CA Body"


# ---- charts


def parsed(svg: str) -> ElementTree.Element:
	return ElementTree.fromstring(svg)


def test_a_bar_chart_draws_a_bar_per_value_and_leaves_out_the_missing():
	svg = parsed(
		bar_chart(
			"各机构亿元保费投诉量",
			["城东支公司", "城西支公司"],
			[Series("本季度", [D("1.42"), D("2.00")]), Series("上季度", [D("0.77"), None])],
			FAMILY,
			decimals=2,
		)
	)
	assert svg.get("font-family") == FAMILY and svg.get("width") == "480pt"
	bars = [r for r in svg.iter(f"{SVG}rect") if float(r.get("width")) > 8]  # not the legend's swatches
	assert len(bars) == 3
	texts = [t.text for t in svg.iter(f"{SVG}text")]
	assert {"1.42", "2.00", "0.77", "城东支公司", "本季度", "上季度"} <= set(texts)


def test_a_line_chart_breaks_where_a_value_is_missing():
	svg = parsed(
		line_chart(
			"趋势",
			["一季度", "二季度", "三季度", "四季度"],
			[Series("亿元", [D(1), None, D(2), D(3)])],
			FAMILY,
		)
	)
	assert len(list(svg.iter(f"{SVG}polyline"))) == 1  # the first point stands alone
	assert len(list(svg.iter(f"{SVG}circle"))) == 3


def test_charts_of_nothing_and_long_labels_still_draw():
	svg = parsed(bar_chart("空", ["一个很长很长很长的机构名称"], [Series("本季度", [None])], FAMILY))
	assert "一个很长很长很" + "…" in [t.text for t in svg.iter(f"{SVG}text")]
	assert nice_ceiling(0) == 1 and nice_ceiling(D("1.92")) == 2 and nice_ceiling(7) == 10
	assert nice_ceiling(D("0.31")) == D("0.5") and nice_ceiling(230) == 250


def test_charts_refuse_floats_and_misfit_series():
	with pytest.raises(TypeError):
		Series("x", [1.5])
	with pytest.raises(ValueError):
		bar_chart("x", ["a", "b"], [Series("s", [1])], FAMILY)


def test_chart_text_is_escaped():
	svg = bar_chart("<标题>", ["A&B"], [Series("本季度", [1])], FAMILY)
	assert "&lt;标题&gt;" in svg and "A&amp;B" in svg
	parsed(svg)


# ---- wording


def test_quarters_and_changes_in_words():
	assert quarter_label("2025-Q4") == "2025年第四季度"
	assert quarter_label("2026-Q1", short=True) == "2026年一季度"
	assert change_words(D("84.834")) == "上升84.83%"
	assert change_words(D("-50")) == "下降50.00%"
	assert change_words(D("0.001")) == "持平"
	assert change_words(None) == "无可比数据"


# ---- the PDF of the worked example


def worked_example_report() -> AnalysisReport:
	rows = tuple(worked_example_rows().values())
	disputes = group_rows(
		["理赔纠纷", "销售纠纷", None],
		[
			{"理赔纠纷": Figures(receipts=3), "销售纠纷": Figures(receipts=1), None: Figures(receipts=1)},
			{},
			{},
		],
		[EMPTY] * 3,
	)
	lines = group_rows(
		["车险", "非车险"],
		[{"车险": Figures(receipts=4), "非车险": Figures(receipts=1)}, {}, {}],
		[EMPTY] * 3,
	)
	trend = (
		("2025-Q2", Figures(receipts=3, premium=D("200000000"), policies=D("40000"))),
		("2025-Q3", rows[0].figures.previous),
		("2025-Q4", rows[0].figures.current),
	)
	results = AccountabilityResults(
		periods=("2025-10", "2025-11", "2025-12"),
		persons=3,
		findings=4,
		amount=D("950.00"),
		by_liability=(
			("直接责任人", 2, D("600.00")),
			("管理责任人", 1, D("300.00")),
			("投诉岗处理违规", 1, D("50.00")),
		),
		appeals_filed=2,
		appeals_upheld=1,
		appeals_revoked=1,
	)
	remediation = OpenRemediation(
		"RM-2025-00001", "城东支公司理赔时效整改", A, "张三", date(2025, 12, 15), "In Progress", True
	)
	return AnalysisReport(
		"2025-Q4", Q4, rows, tuple(disputes), tuple(lines), trend, results, (remediation,), date(2026, 1, 5)
	)


@pytest.fixture(scope="module")
def analysis_pdf() -> bytes:
	from complaint_accountability.documents.render import render_analysis

	return render_analysis(
		worked_example_report(),
		Letterhead(issuing_organ="某某财产保险股份有限公司某某分公司", issuing_department="客户服务部"),
	)


def test_the_pdf_says_the_quarters_figures(analysis_pdf):
	text = pdf_text(analysis_pdf)
	for expected in (
		"2025年第四季度投诉情况分析报告",
		"某某财产保险股份有限公司某某分公司客户服务部",
		"统计期间：2025年10月1日至2025年12月31日",
		"本季度共受理客户投诉5件，环比上升400.00%，同比上升400.00%；其中监管转办投诉2件",
		"亿元保费投诉量1.92件/亿元，环比上升244.83%",
		"万张保单投诉量0.89件/万张",
		"超时办结占比25.00%",
		# the institutions' table: A with its subtree, its ratios and their changes
		"城东支公司3121,100.0036,1001.42+84.83%",
		"城西支公司115,000.0020,0002.00",
		"理赔纠纷360.00%—",  # nothing the quarter before: no 环比
		"未填写120.00%",
		"车险480.00%",
		"共追究责任人员3人、4人次，扣款合计人民币950.00元（大写：玖佰伍拾元整）",
		"维持处罚1件、撤销处罚1件、尚待决定0件",
		"RM-2025-00001",
		"城东支公司理赔时效整改",
		"整改中",
		"2026年1月5日",
	):
		assert compact(expected) in text, expected


def test_the_pdf_charts_are_vector_text_in_the_subset_faces(analysis_pdf):
	text = pdf_text(analysis_pdf)
	assert "各机构亿元保费投诉量" in text and "全辖监管指标趋势" in text and "各纠纷类型投诉量" in text
	assert "2025年三季度" in text  # the trend's axis
	faces = pdf_fonts(analysis_pdf)
	assert faces and all(subset for subset in faces.values()), faces
	assert {name.split("+")[-1] for name in faces} <= {"CA-Body", "CA-Heading", "CA-Title-Bold"}
	assert len(analysis_pdf) < 400 * 1024


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_reads_the_report(analysis_pdf, tmp_path):
	path = tmp_path / "analysis.pdf"
	path.write_bytes(analysis_pdf)
	text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
	assert "投诉情况分析报告" in text and "城西支公司" in text and B in text

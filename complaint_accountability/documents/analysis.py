"""The quarterly 投诉情况分析报告: what it says (plain values) and the template variables, preformatted.

Frappe-free. The site gathers an AnalysisReport (analytics/analysis_report.py); render.py lays it out
with the same letterhead, stylesheet and subset CJK faces as the notices.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from complaint_accountability.rules.indicators import (
	Figures,
	IndicatorRow,
	Window,
	change,
	rounded,
	share,
	top_rows,
)

from .charts import Series, bar_chart, line_chart
from .model import Letterhead
from .numerals import chinese_date, money_in_chinese_capitals, money_in_figures

TITLE = "投诉情况分析报告"
QUARTER_NUMERALS = "一二三四"
TEN_THOUSAND = Decimal(10_000)
NOT_SET = "未填写"
NOTHING = "—"
# The remediation workflow's states, as the document names them.
REMEDIATION_STATE_LABEL = {
	"Open": "待整改",
	"In Progress": "整改中",
	"Done": "已完成待验收",
	"Verified": "已验收",
}
TOP_GROUPS = 8  # dispute types and business lines listed; the rest are summed as 其他


@dataclass(frozen=True)
class AccountabilityResults:
	"""The quarter's periods: determined findings and the appeals against them."""

	periods: tuple[str, ...]
	persons: int
	findings: int
	amount: Decimal
	by_liability: tuple[tuple[str, int, Decimal], ...]  # (直接责任人…, findings, amount)
	appeals_filed: int
	appeals_upheld: int
	appeals_revoked: int

	@property
	def appeals_pending(self) -> int:
		return self.appeals_filed - self.appeals_upheld - self.appeals_revoked


@dataclass(frozen=True)
class OpenRemediation:
	name: str
	title: str
	institution: str
	owner: str
	due_on: date | None
	state: str
	overdue: bool


@dataclass(frozen=True)
class AnalysisReport:
	quarter: str  # 2026-Q4
	window: Window
	institutions: tuple[IndicatorRow, ...]  # tree order, the total last
	dispute_types: tuple[IndicatorRow, ...]
	business_lines: tuple[IndicatorRow, ...]
	trend: tuple[tuple[str, Figures], ...]  # (quarter, the branch's figures), oldest first
	results: AccountabilityResults
	remediations: tuple[OpenRemediation, ...]
	issue_date: date

	@property
	def total(self) -> IndicatorRow:
		return self.institutions[-1]


def quarter_label(quarter: str, short: bool = False) -> str:
	"""2026-Q4 → 2026年第四季度 (short: 2026年四季度, for a chart's axis)."""
	year, number = quarter.split("-Q")
	return f"{year}年{'' if short else '第'}{QUARTER_NUMERALS[int(number) - 1]}季度"


def ratio_text(value: Decimal | None) -> str:
	return NOTHING if value is None else f"{rounded(value):,.2f}"


def change_text(value: Decimal | None) -> str:
	"""A change for a table cell: +12.50%, -5.00%, or — where there is nothing to compare with."""
	return NOTHING if value is None else f"{rounded(value):+,.2f}%"


def change_words(value: Decimal | None) -> str:
	"""A change for a sentence: 上升12.50%, 下降5.00%, 持平, 无可比数据."""
	if value is None:
		return "无可比数据"
	if not rounded(value):
		return "持平"
	return f"{'上升' if value > 0 else '下降'}{abs(rounded(value)):,.2f}%"


def share_text(value: Decimal | None) -> str:
	return NOTHING if value is None else f"{rounded(value):,.2f}%"


def premium_in_ten_thousands(value: Decimal) -> str:
	return f"{rounded(value / TEN_THOUSAND):,.2f}"


def institution_line(row: IndicatorRow, label: str) -> dict:
	figures, now = row.figures, row.figures.current
	return {
		"name": label,
		"indent": row.indent,
		"is_total": row.is_total,
		"receipts": f"{now.receipts:,}",
		"regulator_receipts": f"{now.regulator_receipts:,}",
		"premium": premium_in_ten_thousands(now.premium),
		"policies": f"{rounded(now.policies, Decimal(1)):,}",
		"per_100m": ratio_text(now.per_100m_premium),
		"per_100m_previous": change_text(figures.change_previous("per_100m_premium")),
		"per_100m_year": change_text(figures.change_year("per_100m_premium")),
		"per_10k": ratio_text(now.per_10k_policies),
		"per_10k_previous": change_text(figures.change_previous("per_10k_policies")),
		"per_10k_year": change_text(figures.change_year("per_10k_policies")),
		"decided": f"{now.decided:,}",
		"overdue": f"{now.overdue:,}",
		"overdue_share": share_text(now.overdue_share),
	}


def group_lines(rows: tuple[IndicatorRow, ...]) -> list[dict]:
	"""The largest groups by receipts, the rest summed as 其他, each with its share and 环比."""
	body = sorted((row for row in rows if not row.is_total), key=lambda row: -row.figures.current.receipts)
	whole = rows[-1].figures.current.receipts
	shown, rest = body[:TOP_GROUPS], body[TOP_GROUPS:]

	def line(name: str, current: int, previous: int) -> dict:
		return {
			"name": name,
			"receipts": f"{current:,}",
			"share": share_text(share(current, whole)),
			"previous": change_text(change(current, previous)),
		}

	lines = [
		line(row.key or NOT_SET, row.figures.current.receipts, row.figures.previous.receipts) for row in shown
	]
	if rest:
		lines.append(
			line(
				"其他（合并）",
				sum(row.figures.current.receipts for row in rest),
				sum(row.figures.previous.receipts for row in rest),
			)
		)
	return lines


def overview(report: AnalysisReport) -> str:
	figures, now = report.total.figures, report.total.figures.current
	return (
		f"本季度共受理客户投诉{now.receipts:,}件，环比{change_words(figures.change_previous('receipts'))}，"
		f"同比{change_words(figures.change_year('receipts'))}；其中监管转办投诉{now.regulator_receipts:,}件。"
		f"亿元保费投诉量{ratio_text(now.per_100m_premium)}件/亿元，"
		f"环比{change_words(figures.change_previous('per_100m_premium'))}，"
		f"同比{change_words(figures.change_year('per_100m_premium'))}；"
		f"万张保单投诉量{ratio_text(now.per_10k_policies)}件/万张，"
		f"环比{change_words(figures.change_previous('per_10k_policies'))}，"
		f"同比{change_words(figures.change_year('per_10k_policies'))}。"
		f"本季度办结投诉{now.decided:,}件，其中超过处理时限办结{now.overdue:,}件，"
		f"超时办结占比{share_text(now.overdue_share)}。"
	)


def charts(report: AnalysisReport, font_family: str) -> dict[str, str]:
	"""The institutions' 亿元保费投诉量 now and before, the branch's two ratios over the quarters, and
	the dispute types' receipts."""
	tops = top_rows(report.institutions)
	trend_labels = [quarter_label(quarter, short=True) for quarter, _ in report.trend]
	disputes = [row for row in report.dispute_types if not row.is_total][:TOP_GROUPS]
	return {
		"institutions": bar_chart(
			"各机构亿元保费投诉量",
			[row.key for row in tops],
			[
				Series("本季度", [rounded(row.figures.current.per_100m_premium) for row in tops]),
				Series("上季度", [rounded(row.figures.previous.per_100m_premium) for row in tops]),
			],
			font_family,
			"件/亿元",
			decimals=2,
		)
		if tops
		else "",
		"trend": line_chart(
			"全辖监管指标趋势",
			trend_labels,
			[
				Series("亿元保费投诉量", [rounded(figures.per_100m_premium) for _, figures in report.trend]),
				Series("万张保单投诉量", [rounded(figures.per_10k_policies) for _, figures in report.trend]),
			],
			font_family,
			decimals=2,
		),
		"disputes": bar_chart(
			"各纠纷类型投诉量",
			[row.key or NOT_SET for row in disputes],
			[
				Series("本季度", [row.figures.current.receipts for row in disputes]),
				Series("上季度", [row.figures.previous.receipts for row in disputes]),
			],
			font_family,
			"件",
		)
		if disputes
		else "",
	}


def results_context(results: AccountabilityResults) -> dict:
	return {
		"periods": "、".join(results.periods) or NOTHING,
		"persons": results.persons,
		"findings": results.findings,
		"amount": money_in_figures(results.amount),
		"amount_capitals": money_in_chinese_capitals(results.amount),
		"by_liability": [
			{"liability": label, "findings": count, "amount": money_in_figures(amount)}
			for label, count, amount in results.by_liability
		],
		"appeals_filed": results.appeals_filed,
		"appeals_upheld": results.appeals_upheld,
		"appeals_revoked": results.appeals_revoked,
		"appeals_pending": results.appeals_pending,
	}


def remediation_lines(items: tuple[OpenRemediation, ...]) -> list[dict]:
	return [
		{
			"name": item.name,
			"title": item.title,
			"institution": item.institution,
			"owner": item.owner,
			"due_on": chinese_date(item.due_on) if item.due_on else NOTHING,
			"state": REMEDIATION_STATE_LABEL.get(item.state, item.state),
			"overdue": "是" if item.overdue else "否",
		}
		for item in items
	]


def analysis_context(report: AnalysisReport, letterhead: Letterhead, font_family: str) -> dict:
	"""Everything analysis_report.html prints, as strings and lists."""
	label = quarter_label(report.quarter)
	return {
		"title": f"{label}{TITLE}",
		"issuer": f"{letterhead.issuing_organ}{letterhead.issuing_department}",
		"issuing_department": letterhead.issuing_department,
		"quarter_label": label,
		"period_range": f"{chinese_date(report.window.start)}至{chinese_date(report.window.end)}",
		"issue_date": chinese_date(report.issue_date),
		"overview": overview(report),
		"institutions": [
			institution_line(row, "合计" if row.is_total else row.key) for row in report.institutions
		],
		"dispute_types": group_lines(report.dispute_types),
		"business_lines": group_lines(report.business_lines),
		"charts": charts(report, font_family),
		"results": results_context(report.results),
		"remediations": remediation_lines(report.remediations),
		"overdue_remediations": sum(item.overdue for item in report.remediations),
	}

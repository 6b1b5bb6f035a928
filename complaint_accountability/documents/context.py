"""Template variables: every value preformatted, so plain Jinja (also Frappe's) can print them."""

from .model import InstitutionDocument, Letterhead
from .numerals import chinese_date, chinese_month, money_in_chinese_capitals, money_in_figures

NOTICE = "notice"
ASSESSMENT = "assessment"
KINDS = (NOTICE, ASSESSMENT)
ASSESSMENT_TITLE = "投诉管理责任追究处罚考核表"
ORGAN_MARK_SUFFIX = "文件"
TYPE_AREA_WIDTH_PT = 442  # 156 mm
ORGAN_MARK_MAX_PT = 36
FULLWIDTH_COMMA = "\uff0c"


def organ_mark_size(mark: str) -> str:
	"""Font size for the red 发文机关标志 so that it fits on one line of the type area."""
	fitting = TYPE_AREA_WIDTH_PT * 0.96 / max(len(mark), 1)
	return f"{min(ORGAN_MARK_MAX_PT, int(fitting * 2) / 2):g}pt"


def title_of(doc: InstitutionDocument, letterhead: Letterhead) -> str:
	return letterhead.title.format(period=chinese_month(doc.period), institution=doc.institution)


def line_rows(doc: InstitutionDocument) -> list[dict]:
	return [
		{
			"no": index,
			"person_name": line.person_name,
			"employee_number": line.employee_number,
			"post": line.post,
			"case_number": line.case_number,
			"liability": line.liability,
			"channels": line.channels,
			"amount": money_in_figures(line.amount),
		}
		for index, line in enumerate(doc.lines, start=1)
	]


def check_kind(kind: str) -> None:
	if kind not in KINDS:
		raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def document_context(doc: InstitutionDocument, letterhead: Letterhead, kind: str) -> dict:
	"""Everything notice.html and assessment_table.html print, as strings, numbers and lists."""
	check_kind(kind)
	mark = f"{letterhead.issuing_organ}{ORGAN_MARK_SUFFIX}"
	return {
		"kind": kind,
		"institution": doc.institution,
		"period": doc.period,
		"period_label": chinese_month(doc.period),
		"period_range": f"{chinese_date(doc.period_start)}至{chinese_date(doc.period_end)}",
		"appeal_deadline": chinese_date(doc.appeal_deadline),
		"issue_date": chinese_date(doc.issue_date),
		"doc_number": doc.doc_number,
		"title": title_of(doc, letterhead) if kind == NOTICE else ASSESSMENT_TITLE,
		"organ_mark": mark,
		"organ_mark_size": organ_mark_size(mark),
		"issuing_organ": letterhead.issuing_organ,
		"issuing_department": letterhead.issuing_department,
		"copy_to": FULLWIDTH_COMMA.join(letterhead.copy_to),
		"printed_by": letterhead.printing_organ,
		"lines": line_rows(doc),
		"post_column": any(line.post for line in doc.lines),
		"line_count": len(doc.lines),
		"person_count": len({(line.employee_number, line.person_name) for line in doc.lines}),
		"total": money_in_figures(doc.total),
		"total_capitals": money_in_chinese_capitals(doc.total),
	}


def title_texts(doc: InstitutionDocument, letterhead: Letterhead) -> str:
	"""The text set in the title face (标志, 标题), for subsetting that face only as far as needed."""
	return f"{letterhead.issuing_organ}{ORGAN_MARK_SUFFIX}{title_of(doc, letterhead)}{ASSESSMENT_TITLE}"

"""The quarterly 投诉情况分析报告: the quarter's figures gathered as the user may see them, rendered by
documents/ (the notices' letterhead, stylesheet and subset faces) and attached, private, to the
quarter's Complaint Analysis Report. Made again on request: the PDF is replaced, never duplicated.
"""

import frappe
from frappe.utils import get_fullname, getdate, now_datetime, today

from complaint_accountability.analytics.indicators import (
	BUSINESS_LINE,
	DISPUTE_TYPE,
	INSTITUTION,
	indicator_rows,
)
from complaint_accountability.complaint_accountability.doctype.remediation.remediation import is_overdue
from complaint_accountability.configuration import money, settings
from complaint_accountability.documents.analysis import (
	TITLE,
	AccountabilityResults,
	AnalysisReport,
	OpenRemediation,
)
from complaint_accountability.documents.labels import LIABILITY_LABEL
from complaint_accountability.file_access import delete_app_file
from complaint_accountability.permissions import and_row_condition, only_committee
from complaint_accountability.rules.indicators import quarter_window, quarters_up_to, rounded
from complaint_accountability.vocabulary import (
	CHANNEL_LIABILITIES,
	DETERMINED,
	HANDLING_VIOLATION,
	Decision,
	DocType,
	RemediationState,
)

TREND_QUARTERS = 5  # the quarter and the four before it


def gather(quarter: str, user: str) -> AnalysisReport:
	window = quarter_window(quarter)
	institutions = indicator_rows(window, INSTITUTION, user)
	earlier = quarters_up_to(quarter, TREND_QUARTERS)[:-1]
	trend = [(q, indicator_rows(quarter_window(q), INSTITUTION, user)[-1].figures.current) for q in earlier]
	trend.append((quarter, institutions[-1].figures.current))
	return AnalysisReport(
		quarter=quarter,
		window=window,
		institutions=tuple(institutions),
		dispute_types=tuple(indicator_rows(window, DISPUTE_TYPE, user)),
		business_lines=tuple(indicator_rows(window, BUSINESS_LINE, user)),
		trend=tuple(trend),
		results=accountability_results(window, user),
		remediations=open_remediations(user),
		issue_date=getdate(today()),
	)


def accountability_results(window, user: str) -> AccountabilityResults:
	"""The periods ending in the quarter: their finally determined findings and the appeals filed."""
	periods = frappe.get_all(
		DocType.PERIOD,
		filters={"end_date": ("between", [window.start, window.end])},
		order_by="name asc",
		pluck="name",
	)
	values = {"periods": periods or [""], "states": DETERMINED}
	findings = frappe.db.sql(
		f"""select f.liability, count(*), sum(f.amount)
		from `tabResponsibility Finding` f
		where f.accountability_period in %(periods)s and f.docstatus = 1 and f.workflow_state in %(states)s
		{and_row_condition(DocType.FINDING, user, "f")}
		group by f.liability""",
		values,
	)
	persons = frappe.db.sql(
		f"""select count(distinct f.person) from `tabResponsibility Finding` f
		where f.accountability_period in %(periods)s and f.docstatus = 1 and f.workflow_state in %(states)s
		{and_row_condition(DocType.FINDING, user, "f")}""",
		values,
	)[0][0]
	appeals = dict(
		frappe.db.sql(
			f"""select a.decision, count(*) from `tabAppeal` a
			where a.accountability_period in %(periods)s and a.docstatus = 1
			{and_row_condition(DocType.APPEAL, user, "a")}
			group by a.decision""",
			values,
		)
	)
	by_liability = {liability: (int(n), money(amount)) for liability, n, amount in findings}
	order = (*CHANNEL_LIABILITIES, HANDLING_VIOLATION)
	return AccountabilityResults(
		periods=tuple(periods),
		persons=int(persons or 0),
		findings=sum(n for n, _amount in by_liability.values()),
		amount=sum((amount for _n, amount in by_liability.values()), money(0)),
		by_liability=tuple(
			(LIABILITY_LABEL[liability], *by_liability[liability])
			for liability in order
			if liability in by_liability
		),
		appeals_filed=sum(appeals.values()),
		appeals_upheld=appeals.get(Decision.UPHELD, 0),
		appeals_revoked=appeals.get(Decision.REVOKED, 0),
	)


def open_remediations(user: str) -> tuple[OpenRemediation, ...]:
	"""Remediation items not yet verified, the earliest due first."""
	rows = frappe.get_list(
		DocType.REMEDIATION,
		filters={"workflow_state": ("!=", RemediationState.VERIFIED)},
		fields=["name", "title", "institution", "remediation_owner", "due_on", "workflow_state"],
		order_by="due_on asc, name asc",
		limit_page_length=0,
		user=user,
	)
	return tuple(
		OpenRemediation(
			name=r.name,
			title=r.title,
			institution=r.institution,
			owner=get_fullname(r.remediation_owner),
			due_on=getdate(r.due_on) if r.due_on else None,
			state=r.workflow_state,
			overdue=is_overdue(r.due_on, r.workflow_state),
		)
		for r in rows
	)


def make_pdf(name: str) -> dict:
	"""Render the quarter's report and attach it to its record in place of the one before."""
	from complaint_accountability.documents.render import render_analysis

	only_committee()
	record = frappe.get_doc(DocType.ANALYSIS_REPORT, name)
	record.check_permission("write")
	report = gather(record.quarter, frappe.session.user)
	pdf = render_analysis(report, settings().letterhead)
	for old in frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": DocType.ANALYSIS_REPORT,
			"attached_to_name": name,
			"attached_to_field": "file",
		},
		pluck="name",
	):
		delete_app_file(old)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{TITLE}-{record.quarter}.pdf",
			"content": pdf,
			"is_private": 1,
			"attached_to_doctype": DocType.ANALYSIS_REPORT,
			"attached_to_name": name,
			"attached_to_field": "file",
		}
	).insert(ignore_permissions=True)
	now = report.total.figures.current
	record.db_set(
		{
			"file": file.file_url,
			"rendered_on": now_datetime(),
			"rendered_by": frappe.session.user,
			"receipts": now.receipts,
			"regulator_receipts": now.regulator_receipts,
			"per_100m_premium": rounded(now.per_100m_premium),
			"per_10k_policies": rounded(now.per_10k_policies),
		}
	)
	return {"file": file.file_url}

"""Frappe v15 endpoints that answer about rows without the row rules, replaced through
hooks.py's override_whitelisted_methods with versions that apply them."""

import frappe
from frappe import _, client
from frappe import email as frappe_email
from frappe.core.doctype.prepared_report import prepared_report
from frappe.desk import like, listview, search
from frappe.desk.doctype.dashboard_chart import dashboard_chart as chart_api
from frappe.desk.doctype.notification_log import notification_log
from frappe.desk.doctype.tag import tag as tag_api
from frappe.desk.form import document_follow, linked_with
from frappe.desk.form import utils as form_utils
from frappe.model import document as frappe_document
from frappe.query_builder.functions import Count
from frappe.templates.includes.comments import comments as web_comments
from frappe.templates.includes.likes import likes as web_likes
from frappe.utils import cint, get_safe_filters, getdate
from pypika import Order
from pypika.terms import LiteralValue

from complaint_accountability.permissions import ROW_RULES, check_doctype, check_row


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""frappe.client.get_count: v15 counts any doctype's rows for anyone, whatever they may read, so a
	filter could recover values row by row. This one counts what frappe.get_list returns: the rows
	the user may read (403 without read permission)."""
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as total"], order_by=None, as_list=True
	)
	return rows[0][0] if rows else 0


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str) -> dict:
	"""The cancel dialog's linked documents, for a document the user may read (v15 only asks)."""
	check_row(doctype, name)
	return linked_with.get_submitted_linked_docs(doctype, name)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's counts. For "Assigned To", v15 counts the assignments of whatever rows the
	filters match, readable or not (and of any doctype's rows of the same name); here only of the
	doctype's rows the user may read, chosen in the database."""
	check_doctype(doctype)
	if field != "assigned_to":
		return listview.get_group_by_count(doctype, current_filters, field)
	readable = frappe.get_list(
		doctype,
		filters=frappe.parse_json(current_filters),
		fields=["name"],
		order_by=None,
		limit_page_length=0,
		run=False,
	)
	todo, user = frappe.qb.DocType("ToDo"), frappe.qb.DocType("User")
	count = Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.join(user)
		.on(todo.allocated_to == user.name)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& todo.reference_name.isin(LiteralValue(f"({readable})"))
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=Order.desc)
		.limit(50)
		.run(as_dict=True)
	)


# ---- link search: ignore_user_permissions=1 makes v15 list with ignore_permissions, dropping the
# row rules; the app uses no User Permissions, so nothing legitimate needs it.


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	return search.search_link(
		doctype,
		txt,
		query,
		filters,
		page_length,
		searchfield,
		reference_doctype,
		ignore_user_permissions=False,
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	return search.search_widget(
		doctype,
		txt,
		query,
		searchfield,
		start,
		page_length,
		filters,
		filter_fields,
		as_dict,
		reference_doctype,
		ignore_user_permissions=False,
	)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""A ruled row the user may not read is answered as one that does not exist."""
	if (
		doctype in ROW_RULES
		and isinstance(docname, str)
		and frappe.db.exists(doctype, docname)
		and not frappe.has_permission(doctype, "read", doc=docname)
	):
		return frappe._dict()
	return client.validate_link(doctype, docname, fields)


# ---- tags and likes: v15 writes them on any row, readable or not


@frappe.whitelist()
def add_tag(tag, dt, dn, color=None):
	check_row(dt, dn, "write")
	return tag_api.add_tag(tag, dt, dn, color)


@frappe.whitelist()
def add_tags(tags, dt, docs, color=None):
	for name in frappe.parse_json(docs):
		check_row(dt, name, "write")
	return tag_api.add_tags(tags, dt, docs, color)


@frappe.whitelist()
def remove_tag(tag, dt, dn):
	check_row(dt, dn, "write")
	return tag_api.remove_tag(tag, dt, dn)


@frappe.whitelist()
def toggle_like(doctype, name, add=False):
	check_row(doctype, name)
	return like.toggle_like(doctype, name, add)


@frappe.whitelist()
def make_prepared_report(report_name, filters=None):
	"""v15 queues any report for anyone; here only for those the report is open to."""
	if not frappe.get_doc("Report", report_name).is_permitted():
		frappe.throw(_("You may not run the report {0}").format(_(report_name)), frappe.PermissionError)
	return prepared_report.make_prepared_report(report_name, filters)


@frappe.whitelist()
def dashboard_chart(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	"""A dashboard chart's figures. v15 answers a saved chart from one cache every user shares (the rows
	one user may read, shown to the next), checks neither the chart nor its doctype, and sums a heatmap
	with frappe.get_all, past every permission, over any column a request names. Here a chart the user
	may read, on a doctype they may read, computed for them each time, a heatmap by frappe.get_list."""
	if chart_name:
		spec = frappe.get_doc("Dashboard Chart", chart_name)
		spec.check_permission("read")
	else:
		spec = frappe._dict(frappe.parse_json(chart) or {})
	if spec.chart_type != "Report":
		check_doctype(spec.document_type)
	if spec.type == "Heatmap" and spec.chart_type != "Group By":
		return _heatmap(
			spec, frappe.parse_json(filters) or frappe.parse_json(spec.filters_json) or [], heatmap_year
		)
	return chart_api.get.__wrapped__(
		chart_name=chart_name,
		chart=None if chart_name else chart,
		filters=filters,
		from_date=from_date,
		to_date=to_date,
		timespan=timespan,
		time_interval=time_interval,
		heatmap_year=heatmap_year,
	)


def _heatmap(spec, filters: list, heatmap_year) -> dict:
	"""v15's heatmap query (dashboard_chart.get_heatmap_chart_config) through the user's rows."""
	datefield = spec.based_on
	year = cint(heatmap_year or spec.heatmap_year) or getdate().year
	filters = [
		*filters,
		[spec.document_type, "docstatus", "<", 2, False],
		[spec.document_type, datefield, ">", f"{year}-01-01", False],
		[spec.document_type, datefield, "<", f"{year + 1}-01-01", False],
	]
	aggregate = chart_api.get_aggregate_function(spec.chart_type)
	rows = frappe.get_list(
		spec.document_type,
		fields=[f"unix_timestamp({datefield})", f"{aggregate}({spec.value_based_on or 1})"],
		filters=filters,
		group_by=f"date({datefield})",
		order_by=f"{datefield} asc",
		as_list=True,
	)
	return {"labels": [], "dataPoints": dict(rows)}


# ---- titles, counts, tags, follows, comments and links that v15 gives for any row


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""A link's title (a person's name, a remediation's title) only for a row the user may read; for
	any other its name, as v15 shows a doctype without link titles."""
	if not frappe.has_permission(doctype, "read", doc=docname):
		return docname
	return search.get_link_title(doctype, docname)


@frappe.whitelist()
def get_next(doctype, value, prev, filters=None, sort_order="desc", sort_field="modified"):
	"""The form's previous/next arrows. v15 reads the sort field of whatever row ``value`` names and
	compares the user's own rows with it, so a sort on any column bounds another row's value. Here
	``value`` must be a row the user may read."""
	check_row(doctype, value)
	return form_utils.get_next(doctype, value, prev, filters, sort_order, sort_field)


@frappe.whitelist()
def get_workflow_state_count(doctype: str, workflow_state_field: str, states):
	"""The list's counts by workflow state, of the rows the user may read (v15 counts them all)."""
	check_doctype(doctype)
	if workflow_state_field not in frappe.get_meta(doctype).get_valid_columns():
		return None
	rows = frappe.get_list(
		doctype,
		fields=[workflow_state_field, "count(*) as count"],
		filters={workflow_state_field: ["not in", frappe.parse_json(states) or []]},
		group_by=workflow_state_field,
		order_by=None,
	)
	return [row for row in rows if row[workflow_state_field]]


@frappe.whitelist()
def get_tagged_docs(doctype: str, tag: str):
	"""The rows carrying a tag, of those the user may read (v15 names them all)."""
	return frappe.get_list(
		doctype, filters=[[doctype, "_user_tags", "like", tag]], fields=["name"], as_list=True
	)


@frappe.whitelist()
def get_follow_users(doctype: str, doc_name: str):
	check_row(doctype, doc_name)
	return document_follow.get_follow_users(doctype, doc_name)


@frappe.whitelist(allow_guest=True)
def add_web_comment(comment, comment_email, comment_by, reference_doctype, reference_name, route):
	"""The website's comment box: v15 lets any logged-in user comment on any row, under any name, and
	mails its owner the row's title. A user comments only on a row they may read."""
	if frappe.session.user != "Guest":
		check_row(reference_doctype, reference_name)
	return web_comments.add_comment(
		comment, comment_email, comment_by, reference_doctype, reference_name, route
	)


@frappe.whitelist(allow_guest=True)
def add_web_like(reference_doctype, reference_name, like, route=""):
	"""The website's like button. v15 answers for any row name, to guests too: a 404 for a name that
	does not exist and a 500 for one of the app's doctypes (they keep no likes), so anyone could tell
	which findings and entries exist. Here nothing for a doctype the user does not read, only a row
	they may read, and only where the doctype keeps likes."""
	check_doctype(reference_doctype)
	check_row(reference_doctype, reference_name)
	if not frappe.get_meta(reference_doctype).has_field("disable_likes"):
		frappe.throw(_("{0} takes no likes").format(_(reference_doctype)))
	return web_likes.like(reference_doctype, reference_name, like, route)


@frappe.whitelist()
def unlock_document(doctype: str | None = None, name: str | None = None, args=None):
	"""v15 lets anyone release any document's lock; here one who may change the row."""
	if not doctype and not name and args:
		args = frappe.parse_json(args)
		doctype, name = str(args["doctype"]), str(args["name"])
	check_row(doctype, name, "write")
	return frappe_document.unlock_document(doctype, name)


@frappe.whitelist()
def mark_notification_read(docname: str):
	"""v15 marks anyone's notification read by its name: a penalty notice could be hidden from its
	person before they saw it. Here one's own only."""
	if frappe.db.get_value("Notification Log", str(docname), "for_user") != frappe.session.user:
		frappe.throw(_("You may mark only your own notifications"), frappe.PermissionError)
	return notification_log.mark_as_read(docname)


@frappe.whitelist()
def relink(name, reference_doctype=None, reference_name=None):
	"""Linking an email to a row: v15 lets anyone move any email onto any row, where its readers
	would read it. Here one who may change the email, onto a row they may read."""
	check_row("Communication", name, "write")
	if reference_doctype and reference_name:
		check_row(reference_doctype, reference_name)
	return frappe_email.relink(name, reference_doctype, reference_name)

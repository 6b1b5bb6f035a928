# Imported under a private name: Frappe reads every public name of hooks.py as a hook.
from complaint_accountability import vocabulary as _names

app_name = "complaint_accountability"
app_title = "Complaint Accountability"
app_publisher = "complaint_accountability"
app_description = "投诉管理责任追究: channels, penalty scale, monthly cycle, appeals, notices and payroll"
app_email = "dev@complaint-accountability.local"
app_license = "MIT"

# Roles and workflows are fixtures (imported on every migrate). Channels, example rates and
# violation types are seeded by install.py only where missing, so an administrator's changes survive.
fixtures = [
	{"dt": "Role", "filters": [["name", "in", list(_names.ROLES)]]},
	{"dt": "Workflow", "filters": [["name", "in", list(_names.WORKFLOWS)]]},
	{"dt": "Workflow State", "filters": [["name", "in", list(_names.WORKFLOW_STATES)]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", list(_names.WORKFLOW_ACTIONS)]]},
]

jinja = {"methods": ["complaint_accountability.cycle.period_documents.accountability_documents_html"]}

after_install = "complaint_accountability.install.after_install"
after_migrate = "complaint_accountability.install.after_install"

scheduler_events = {
	"cron": {
		# Early on the period start day (the 21st by default): compile the period that just ended.
		"30 1 * * *": ["complaint_accountability.tasks.compile_ended_period"],
	},
	"hourly": ["complaint_accountability.cycle.period_documents.sync_delivery_status"],
	"daily": [
		"complaint_accountability.tasks.mark_overdue_complaints",
		# a share outgrown by a role removed or a move between institutions
		"complaint_accountability.permissions.prune_shares",
	],
	"daily_long": [
		"complaint_accountability.tasks.confirm_unappealed_findings",
		"complaint_accountability.tasks.hand_off_confirmed_findings",
	],
}

# The row rule (permissions.py) for every doctype it rules, its child tables, and attached files.
permission_query_conditions = {
	**{doctype: "complaint_accountability.permissions.query_conditions" for doctype in _names.ROW_RULED},
	**{child: "complaint_accountability.permissions.query_conditions" for child in _names.ROW_RULED_CHILDREN},
	"File": "complaint_accountability.permissions.file_query_conditions",
	"Workflow Action": "complaint_accountability.permissions.workflow_action_query_conditions",
}
has_permission = {
	**{doctype: "complaint_accountability.permissions.has_row_permission" for doctype in _names.ROW_RULED},
	"Workflow Action": "complaint_accountability.permissions.workflow_action_permission",
	"Notification Log": "complaint_accountability.permissions.notification_log_permission",
}

doc_events = {
	# an attach field set to a private file the user cannot open would give them a record of it
	"*": {"validate": "complaint_accountability.file_access.check_attach_fields"},
	"User": {
		"validate": [
			"complaint_accountability.desk_home.set_default_workspace",
			"complaint_accountability.permissions.keep_restricted_users_from_following",
		],
		"on_update": "complaint_accountability.permissions.prune_user_shares",
	},
	# sharing (and assigning, which shares) never opens a row beyond its row rule nor adds to a role
	"DocShare": {"validate": "complaint_accountability.permissions.check_share"},
	# following mails a row's changes: only one's own follows, of rows one reads, and not for scoped users
	"Document Follow": {"validate": "complaint_accountability.permissions.check_follow"},
}

# A user's new File record may not borrow the URL of a private file they cannot open, nor land on a
# row they may not change (file_access.py).
override_doctype_class = {"File": "complaint_accountability.overrides.file.File"}

# Endpoints of Frappe v15 that answer without the row rules.
override_whitelisted_methods = {
	"frappe.client.get_count": "complaint_accountability.overrides.frappe_api.get_count",
	"frappe.client.validate_link": "complaint_accountability.overrides.frappe_api.validate_link",
	"frappe.desk.search.search_link": "complaint_accountability.overrides.frappe_api.search_link",
	"frappe.desk.search.search_widget": "complaint_accountability.overrides.frappe_api.search_widget",
	"frappe.desk.doctype.tag.tag.add_tag": "complaint_accountability.overrides.frappe_api.add_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "complaint_accountability.overrides.frappe_api.add_tags",
	"frappe.desk.doctype.tag.tag.remove_tag": "complaint_accountability.overrides.frappe_api.remove_tag",
	"frappe.desk.like.toggle_like": "complaint_accountability.overrides.frappe_api.toggle_like",
	"frappe.core.doctype.prepared_report.prepared_report.make_prepared_report": (
		"complaint_accountability.overrides.frappe_api.make_prepared_report"
	),
	"frappe.desk.listview.get_group_by_count": "complaint_accountability.overrides.frappe_api.get_group_by_count",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": (
		"complaint_accountability.overrides.frappe_api.dashboard_chart"
	),
	"frappe.desk.search.get_link_title": "complaint_accountability.overrides.frappe_api.get_link_title",
	"frappe.desk.form.utils.get_next": "complaint_accountability.overrides.frappe_api.get_next",
	"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count": (
		"complaint_accountability.overrides.frappe_api.get_workflow_state_count"
	),
	"frappe.desk.doctype.tag.tag.get_tagged_docs": "complaint_accountability.overrides.frappe_api.get_tagged_docs",
	"frappe.desk.form.document_follow.get_follow_users": (
		"complaint_accountability.overrides.frappe_api.get_follow_users"
	),
	"frappe.templates.includes.comments.comments.add_comment": (
		"complaint_accountability.overrides.frappe_api.add_web_comment"
	),
	"frappe.email.relink": "complaint_accountability.overrides.frappe_api.relink",
	"frappe.desk.doctype.notification_log.notification_log.mark_as_read": (
		"complaint_accountability.overrides.frappe_api.mark_notification_read"
	),
	"frappe.templates.includes.likes.likes.like": "complaint_accountability.overrides.frappe_api.add_web_like",
	"frappe.model.document.unlock_document": "complaint_accountability.overrides.frappe_api.unlock_document",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": (
		"complaint_accountability.overrides.frappe_api.get_submitted_linked_docs"
	),
}

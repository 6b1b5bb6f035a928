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
}
has_permission = {
	doctype: "complaint_accountability.permissions.has_row_permission" for doctype in _names.ROW_RULED
}

doc_events = {
	"User": {"validate": "complaint_accountability.desk_home.set_default_workspace"},
	# sharing (and assigning, which shares) never opens a row beyond its row rule
	"DocShare": {"validate": "complaint_accountability.permissions.check_share"},
}

# A user's new File record may not borrow the URL of a private file they cannot open.
override_doctype_class = {"File": "complaint_accountability.overrides.file.File"}

# Endpoints of Frappe v15 that answer without the row rules.
override_whitelisted_methods = {
	"frappe.client.get_count": "complaint_accountability.overrides.frappe_api.get_count",
	"frappe.desk.listview.get_group_by_count": "complaint_accountability.overrides.frappe_api.get_group_by_count",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": (
		"complaint_accountability.overrides.frappe_api.get_submitted_linked_docs"
	),
}

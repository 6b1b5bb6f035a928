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
	"daily_long": [
		"complaint_accountability.tasks.confirm_unappealed_findings",
		"complaint_accountability.tasks.hand_off_confirmed_findings",
	],
}

permission_query_conditions = {
	"Complaint": "complaint_accountability.permissions.complaint_query",
	"Responsibility Finding": "complaint_accountability.permissions.finding_query",
	"Appeal": "complaint_accountability.permissions.appeal_query",
	"Penalty Entry": "complaint_accountability.permissions.penalty_entry_query",
}

has_permission = {
	"Complaint": "complaint_accountability.permissions.has_complaint_permission",
	"Responsibility Finding": "complaint_accountability.permissions.has_finding_permission",
	"Appeal": "complaint_accountability.permissions.has_appeal_permission",
	"Penalty Entry": "complaint_accountability.permissions.has_penalty_entry_permission",
}

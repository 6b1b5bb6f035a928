"""The files the app ships: doctypes with the contract's names, fixtures, hooks, translations."""

import csv
import json
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "complaint_accountability"
DOCTYPES = APP / "complaint_accountability" / "doctype"

# app.md's pinned names: doctype -> key fields
CONTRACT = {
	"Institution": ["institution_name", "parent_institution", "institution_type", "complaint_manager"],
	"Business Line": ["business_line_name"],
	"Accountable Person": ["full_name", "employee_number", "institution", "user", "employee"],
	"Complaint Channel": ["channel_name", "rank", "is_regulator"],
	"Penalty Rate": ["channel", "liability", "amount", "valid_from"],
	"Handling Violation Type": ["violation_name", "min_amount", "max_amount"],
	"Complaint": [
		"customer_name",
		"policy_number",
		"business_line",
		"transferred",
		"handling_institution",
		"first_coordination_outcome",
		"referred",
		"receipts",
		"responsible_persons",
		"case_status",
		"dispute_type",
	],
	"Complaint Receipt": ["channel", "received_on", "receipt_kind"],
	"Complaint Responsible Person": ["person", "liability", "determined_by"],
	"Responsibility Finding": [
		"complaint",
		"person",
		"liability",
		"violation_type",
		"accountability_period",
		"amount",
		"charges",
	],
	"Appeal": ["responsibility_finding", "appellant", "reason", "evidence", "filed_on", "decision"],
	"Accountability Period": ["start_date", "end_date", "appeal_deadline", "payroll_date", "status"],
	"Penalty Entry": [
		"person",
		"employee_number",
		"institution",
		"component",
		"amount",
		"payroll_date",
		"responsibility_finding",
		"status",
		"payroll_reference",
	],
	"Complaint Accountability Settings": [],
	"Dispute Type": ["dispute_type_name"],
	"Institution Business Volume": ["institution", "from_date", "to_date", "premium", "policies"],
	# `owner` is Frappe's own field (who created the record): the remediation's owner is remediation_owner
	"Remediation": [
		"institution",
		"root_cause",
		"measures",
		"remediation_owner",
		"due_on",
		"complaints",
		"evidence",
	],
}
SELECT_OPTIONS = {
	("Complaint", "first_coordination_outcome"): {
		"Pending",
		"Withdrawn",
		"Not Insurance Liability",
		"Satisfied",
		"Unresolved",
	},
	("Complaint", "case_status"): {"Out of Scope", "Exempt", "Accountable", "Awaiting Outcome", "Referred"},
	("Appeal", "decision"): {"Pending", "Upheld", "Revoked"},
	("Penalty Entry", "component"): {"Wage Deduction", "Performance Deduction"},
	("Penalty Entry", "status"): {"Pending", "Handed Off", "Deducted", "Cancelled"},
	("Complaint Responsible Person", "determined_by"): {"Complaint Desk", "Business Line", "Committee"},
}
ROLES = {
	"Complaint Desk Officer",
	"Complaint Manager",
	"Institution Complaint Manager",
	"Business Line Reviewer",
	"Accountability Committee",
	"Payroll Officer",
	"Finance Viewer",
	"Accountable Staff",
	"Accountability Administrator",
}


def doctype_json(name: str) -> dict:
	snake = name.lower().replace(" ", "_")
	return json.loads((DOCTYPES / snake / f"{snake}.json").read_text(encoding="utf-8"))


def fields(name: str) -> dict[str, dict]:
	return {f["fieldname"]: f for f in doctype_json(name)["fields"]}


@pytest.mark.parametrize("doctype", sorted(CONTRACT))
def test_doctype_has_the_contracts_fields(doctype):
	meta = doctype_json(doctype)
	assert meta["name"] == doctype and meta["module"] == "Complaint Accountability"
	assert set(CONTRACT[doctype]) <= set(fields(doctype))
	assert meta["field_order"] == [f["fieldname"] for f in meta["fields"]]
	if not meta.get("istable"):
		assert meta.get("track_changes") == 1 or meta.get("issingle")


@pytest.mark.parametrize("key", sorted(SELECT_OPTIONS))
def test_select_options_are_the_contracts(key):
	doctype, fieldname = key
	options = {o for o in fields(doctype)[fieldname]["options"].split("\n") if o}
	assert options == SELECT_OPTIONS[key]


def test_links_point_at_shipped_or_core_doctypes():
	shipped = {json.loads(p.read_text(encoding="utf-8"))["name"] for p in DOCTYPES.glob("*/*.json")}
	assert set(CONTRACT) <= shipped
	core = {"User", "Workflow State"}
	for doctype in shipped:
		for field in fields(doctype).values():
			if field["fieldtype"] in ("Link", "Table"):
				assert field["options"] in shipped | core, (doctype, field["fieldname"])


def test_charge_keys_and_penalty_entries_are_unique_in_the_database():
	assert fields("Finding Charge")["charge_key"].get("unique") == 1
	assert fields("Penalty Entry")["responsibility_finding"].get("unique") == 1
	assert fields("Appeal")["open_for_finding"].get("unique") == 1


def test_fixtures_ship_roles_and_both_workflows():
	fixtures = APP / "fixtures"
	assert {r["name"] for r in json.loads((fixtures / "role.json").read_text())} == ROLES
	workflows = {w["name"]: w for w in json.loads((fixtures / "workflow.json").read_text())}
	finding_states = {s["state"] for s in workflows["Responsibility Finding"]["states"]}
	assert finding_states == {
		"Draft",
		"Preliminary",
		"Business Line Review",
		"Committee Review",
		"Final",
		"Appealed",
		"Confirmed",
		"Revoked",
		"Handed Off",
	}
	assert {s["state"] for s in workflows["Appeal"]["states"]} == {"Draft", "Filed", "Upheld", "Revoked"}
	assert {s["state"] for s in workflows["Remediation"]["states"]} == {
		"Open",
		"In Progress",
		"Done",
		"Verified",
	}
	states = {s["name"] for s in json.loads((fixtures / "workflow_state.json").read_text())}
	actions = {a["name"] for a in json.loads((fixtures / "workflow_action_master.json").read_text())}
	for workflow in workflows.values():
		assert {s["state"] for s in workflow["states"]} <= states
		assert {t["action"] for t in workflow["transitions"]} <= actions
		assert {s["allow_edit"] for s in workflow["states"]} <= ROLES


def test_the_remediation_workflow_leaves_the_work_to_its_owner_and_the_verifying_to_the_committee():
	workflows = {w["name"]: w for w in json.loads((APP / "fixtures" / "workflow.json").read_text())}
	workflow = workflows["Remediation"]
	moves = {(t["state"], t["action"], t["next_state"]) for t in workflow["transitions"]}
	assert moves == {
		("Open", "Start", "In Progress"),
		("In Progress", "Complete", "Done"),
		("Done", "Verify", "Verified"),
		("Done", "Return", "In Progress"),
	}
	for transition in workflow["transitions"]:
		if transition["action"] in ("Start", "Complete"):
			assert transition["condition"] == "doc.remediation_owner == frappe.session.user"
		else:
			assert transition["allowed"] == "Accountability Committee"
			if transition["action"] == "Verify":
				assert transition["condition"] == "doc.remediation_owner != frappe.session.user"
	assert {s["doc_status"] for s in workflow["states"]} == {"0"}
	editors = {(s["state"], s["allow_edit"]) for s in workflow["states"]}
	assert {role for state, role in editors if state != "In Progress"} == {"Accountability Committee"}


def hooks() -> dict:
	from complaint_accountability import hooks as module

	return {name: value for name, value in vars(module).items() if not name.startswith("_")}


def test_the_vocabulary_names_the_contracts_roles_and_the_shipped_workflows():
	from complaint_accountability import vocabulary

	assert set(vocabulary.ROLES) == ROLES
	workflows = json.loads((APP / "fixtures" / "workflow.json").read_text())
	assert {w["name"] for w in workflows} == set(vocabulary.WORKFLOWS)
	shipped_states = {s["state"] for w in workflows for s in w["states"]}
	assert shipped_states == set(vocabulary.WORKFLOW_STATES)
	assert {t["action"] for w in workflows for t in w["transitions"]} == set(vocabulary.WORKFLOW_ACTIONS)


def test_the_settings_form_shows_each_settings_declared_default():
	"""The settings JSON repeats the defaults for the form; configuration.settings() falls back to
	the declared ones. They must be the same, or a setting reads one way and shows another."""
	from complaint_accountability.setting_defaults import declared_defaults

	shown = fields("Complaint Accountability Settings")
	for name, default in declared_defaults().items():
		field = shown[name]
		expected = str(int(default)) if isinstance(default, bool | int) else default
		assert field.get("default", "") == expected, name


def test_hooks_schedule_the_cycle_and_guard_rows():
	values = hooks()
	scheduled = [
		m
		for methods in values["scheduler_events"].values()
		for m in (methods if isinstance(methods, list) else [x for v in methods.values() for x in v])
	]
	assert {m.rsplit(".", 1)[1] for m in scheduled} == {
		"compile_ended_period",
		"confirm_unappealed_findings",
		"hand_off_confirmed_findings",
		"mark_overdue_complaints",
		"prune_shares",
		"sync_delivery_status",
	}
	for doctype in (
		"Complaint",
		"Responsibility Finding",
		"Appeal",
		"Penalty Entry",
		"Period Document",
		"Institution Business Volume",
		"Remediation",
		"Complaint Analysis Report",
	):
		assert doctype in values["permission_query_conditions"] and doctype in values["has_permission"]
	for child in (
		"Complaint Receipt",
		"Complaint Responsible Person",
		"Finding Charge",
		"Remediation Complaint",
		"Remediation Evidence",
	):
		assert child in values["permission_query_conditions"], child
	for dotted in scheduled + list(values["permission_query_conditions"].values()):
		module, function = dotted.rsplit(".", 1)
		source = (APP.parent / (module.replace(".", "/") + ".py")).read_text()
		assert f"def {function}(" in source, dotted


def test_defaults_are_the_rules_eight_channels():
	channels = json.loads((APP / "defaults" / "complaint_channel.json").read_text(encoding="utf-8"))
	assert [c["channel_name"] for c in sorted(channels, key=lambda c: c["rank"])] == [
		"客服热线",
		"网络",
		"总公司",
		"行业协会",
		"其他外部单位",
		"监管局",
		"新闻媒体",
		"国家金融监督管理总局",
	]


USER_STRING = re.compile(r"""(?<![A-Za-z0-9])_{1,2}\(\s*(["'])((?:\\.|(?!\1).)+)\1""")


def user_visible_strings() -> set[str]:
	found = set()
	for path in list(APP.rglob("*.py")) + list(APP.rglob("*.js")):
		if "tests" in path.parts:
			continue
		found |= {m.group(2) for m in USER_STRING.finditer(path.read_text(encoding="utf-8"))}
	for path in DOCTYPES.glob("*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		found.add(meta["name"])
		for field in meta["fields"]:
			found |= {field[key] for key in ("label", "description") if field.get(key)}
			if field["fieldtype"] == "Select" and field["fieldname"] != "naming_series":
				found |= {o for o in field.get("options", "").split("\n") if o}
	return found


def test_every_user_visible_string_has_a_chinese_translation():
	with open(APP / "translations" / "zh.csv", encoding="utf-8") as f:
		translated = {row[0]: row[1] for row in csv.reader(f) if row}
	missing = sorted(s for s in user_visible_strings() if not translated.get(s))
	assert missing == []

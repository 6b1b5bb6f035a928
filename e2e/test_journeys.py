"""One journey per role through a month of the cycle (README: "the monthly cycle as the users
live it"), in the desk as each user works it, in Chinese. Each asserts what the user sees; a
journey writes down every wrong thing and fails at the end with the list."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import BRANCH, EAST, STAFF, WEST
from desk import ARTIFACTS

EVIDENCE = "申诉证据-情况说明.txt"


def _evidence_file() -> Path:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	path = ARTIFACTS / EVIDENCE
	path.write_text("情况说明:该投诉发生时本人休假,有请假审批单为证。\n", encoding="utf-8")
	return path


# ---------------------------------------------------------------- 管理员: set the month up


def test_administrator_sets_up_channels_rates_institutions_and_persons(journey_for, baseline):
	j = journey_for("admin")
	j.step("open the 投诉责任追究 workspace from the sidebar")
	j.open_workspace()
	j.chinese("the workspace")

	j.step("open 投诉责任追究设置 and set the issuing organ")
	if j.workspace_link("投诉责任追究设置") and j.wait_form():
		j.chinese("the settings form")
		j.fill("issuing_organ", "E2E保险股份有限公司分公司")
		j.save()

	j.step("the eight channels in 投诉渠道")
	j.goto("/app/complaint-accountability")
	if j.workspace_link("投诉渠道"):
		names = j.list_names()
		j.check(len(names) == 8, f"the channel list shows {len(names)} channels, not 8: {names}")
		j.chinese("the channel list")

	j.step("a new 扣款标准 (penalty rate) from a future date")
	j.goto("/app/complaint-accountability")
	if j.workspace_link("扣款标准"):
		j.money("the penalty rate list")
		j.page.locator(".page-container:visible .primary-action").click()
		j.wait_form()
		j.set_link("channel", "客服热线")
		j.set_select("liability", "直接责任人")
		j.fill("amount", "120")
		j.fill("valid_from", "2099-01-01")
		if j.save():
			j.chinese("the penalty rate form")
			j.goto("/app/penalty-rate")
			j.list_names()
			j.money("the penalty rate list with the new rate")

	j.step("a new sub-branch under the branch in 机构")
	j.goto("/app/institution/new")
	if j.wait_form():
		j.fill("institution_name", "E2E新区支公司")
		j.set_select("institution_type", "中支/支公司")
		j.set_link("parent_institution", BRANCH)
		j.save()
		j.chinese("the institution form")

	j.step("a new 责任人员 (accountable person) in that sub-branch")
	j.goto("/app/complaint-accountability")
	if j.workspace_link("责任人员"):
		j.page.locator(".page-container:visible .primary-action").click()
		j.wait_form()
		j.fill("full_name", "新员工孙八")
		j.fill("employee_number", "E2E900")
		j.set_link("institution", "E2E新区支公司")
		j.save()
		j.chinese("the accountable person form")
	j.finish()


def test_system_manager_gives_an_accountable_person_a_desk_user(journey_for, baseline):
	"""The last setup step of the cycle table: users, with the app's roles, linked to persons."""
	from conftest import WEST_CLERK

	email = f"e2e-wangwu-{dt.datetime.now():%H%M%S}@example.com"
	j = journey_for("sysmgr")
	j.step("用户 → 新建: a desk user for 王五")
	j.goto("/app/user")
	j.page.locator(".page-container:visible .primary-action").first.click()
	full_form = j.page.locator(".modal.show button", has_text=re.compile("Edit Full Form|完整表单|编辑完整"))
	try:  # Frappe offers a quick entry first
		full_form.first.click(timeout=5_000)
	except Exception:
		pass
	if not j.wait_form():
		j.stop("the new user form did not open")
	j.fill("email", email)
	j.fill("first_name", "王五")
	welcome = j.field("send_welcome_email").locator("input[type=checkbox]").first
	if welcome.count() and welcome.is_checked():
		welcome.uncheck()  # no mail server on this site
	# Frappe's own notice that a new user has no role yet (roles are ticked on the saved user)
	if not j.save(allow=re.compile("No Roles Specified|has no roles enabled|未指定角色")):
		j.stop("the user could not be saved")
	j.step("give the user the role 责任人员工 (Accountable Staff)")
	tab = j.page.locator(".page-container:visible .form-tabs .nav-link", has_text=re.compile("角色|Roles"))
	if tab.count():
		tab.first.click()
	box = j.page.locator('.page-container:visible input[type=checkbox][data-unit="Accountable Staff"]').first
	try:
		box.wait_for(state="visible", timeout=10_000)
	except Exception:
		j.stop("the user form shows no Accountable Staff role to tick")
	label = j.page.locator('.page-container:visible .label-area[data-unit="Accountable Staff"]').first.inner_text().strip()
	j.check(label == "责任人员工", f"the role reads «{label}» on the user form, not 责任人员工")
	for role in ("Complaint Desk Officer", "Accountability Committee", "Institution Complaint Manager"):
		shown = j.page.locator(f'.page-container:visible .label-area[data-unit="{role}"]').first.inner_text().strip()
		j.check(shown != role, f"the role {role} is shown untranslated on the user form")
	box.check()
	j.save()
	j.step(f"link the user on 责任人员 {WEST_CLERK} (王五)")
	j.goto(f"/app/accountable-person/{WEST_CLERK}")
	if j.wait_form(WEST_CLERK):
		j.set_link("user", email)
		j.save()
		j.check(j.doc_value("user") == email, f"the person's user is {j.doc_value('user')!r}")
		j.chinese("the accountable person form")
	j.finish()


# ---------------------------------------------------------------- 投诉岗: register a complaint


def test_desk_officer_registers_a_complaint_transfers_it_and_records_the_outcome(journey_for, baseline):
	j = journey_for("desk")
	j.step("open the workspace and its 新建投诉件 shortcut")
	j.open_workspace()
	j.chinese("the workspace")
	if not j.workspace_link("新建投诉件"):
		j.goto("/app/complaint/new")
	j.wait_form()
	j.chinese("the new complaint form")

	j.step("fill the customer and the first receipt (客服热线, today)")
	j.fill("customer_name", "E2E来电客户周女士")
	j.fill("policy_number", "P2026000123")
	grid = j.field("receipts")
	grid.locator(".grid-add-row").click()
	row = grid.locator(".grid-body .grid-row").last
	row.locator('[data-fieldname="channel"]').first.click()
	j.set_link("channel", "客服热线", scope=row.locator('[data-fieldname="channel"]').first)
	row.locator('[data-fieldname="received_on"]').first.click()
	date_box = row.locator('[data-fieldname="received_on"] input').first
	date_box.fill(baseline.today.isoformat())
	date_box.press("Escape")
	j.step("save the complaint")
	if not j.save():
		j.stop("the complaint could not be saved")
	name = j.doc_value("name")
	j.check(bool(re.match(r"TS-\d{4}-\d+", name or "")), f"the saved complaint is named {name!r}")
	kind = j.page.evaluate("() => (cur_frm.doc.receipts || [])[0]?.receipt_kind")
	j.check(kind == "Initial", f"the first receipt's kind is {kind!r}, not Initial")

	j.step("transfer it to 城东支公司 and record the first coordination outcome 未化解")
	j.field("transferred").locator("input[type=checkbox]").first.check()
	j.settle()
	j.set_link("handling_institution", EAST)
	j.set_select("first_coordination_outcome", "未化解")
	j.save()
	status = j.field_text("case_status")
	j.check("追责" in status, f"the case status reads «{status}», not 追责 (Accountable)")
	headline = j.page.locator(".page-container:visible .form-dashboard .form-headline, .page-container:visible .form-message").all_inner_texts()
	j.check(any("处理决定" in h or "时限" in h for h in headline), f"the form shows no handling time limit; its headline is {headline}")
	j.chinese("the saved complaint")

	j.step("the complaint list shows it")
	j.goto("/app/complaint")
	names = j.list_names()
	j.check(name in names, f"the complaint list does not show {name}; it shows {names}")
	j.chinese("the complaint list")
	j.finish()


# ---------------------------------------------------------------- 投诉管理岗: name the persons, move findings


def test_complaint_manager_names_persons_and_sends_a_finding_to_the_committee(journey_for, baseline):
	complaint = baseline.need("unnamed", "complaints")
	finding = baseline.need("to_propose")
	j = journey_for("manager")
	j.step("open the complaint list from the workspace")
	j.open_workspace()
	j.workspace_link("投诉件")
	j.step(f"open complaint {complaint} and name the direct responsible person")
	if j.open_from_list(complaint) or (j.goto(f"/app/complaint/{complaint}") or j.wait_form(complaint)):
		grid = j.field("responsible_persons")
		grid.locator(".grid-add-row").click()
		row = grid.locator(".grid-body .grid-row").last
		row.locator('[data-fieldname="person"]').first.click()
		j.set_link("person", STAFF, scope=row.locator('[data-fieldname="person"]').first)
		row.locator('[data-fieldname="liability"]').first.click()
		row.locator('[data-fieldname="liability"] select').select_option(label="直接责任人")
		j.save()
		persons = j.page.evaluate("() => (cur_frm.doc.responsible_persons || []).map(r => r.person)")
		j.check(STAFF in persons, f"after saving, the responsible persons are {persons}")
		j.chinese("the complaint form")

	j.step("待初步认定: the findings still in draft")
	j.goto("/app/complaint-accountability")
	j.workspace_link("待初步认定")
	names = j.list_names()
	j.check(finding in names, f"the draft findings list does not show {finding}; it shows {names}")
	j.chinese("the findings list")
	j.step(f"open {finding}, 操作 → 提交初步认定, then 操作 → 提交领导小组")
	if j.open_from_list(finding) or (j.goto(f"/app/responsibility-finding/{finding}") or j.wait_form(finding)):
		j.money("the finding")
		j.chinese("the finding form")
		if j.workflow_action("提交初步认定", "Preliminary"):
			j.workflow_action("提交领导小组", "Committee Review")
		j.chinese("the finding after its transitions")
	j.finish()


# ---------------------------------------------------------------- 业务条线: decide where the desk cannot


def test_business_line_reviewer_sends_a_finding_on_to_the_committee(journey_for, baseline):
	finding = baseline.need("business_line")
	j = journey_for("business_line")
	j.step("open 业务条线认定 from the workspace")
	j.open_workspace()
	j.workspace_link("业务条线认定中")
	names = j.list_names()
	j.check(finding in names, f"the list does not show {finding}; it shows {names}")
	j.step(f"open {finding} and 操作 → 提交领导小组")
	if j.open_from_list(finding) or (j.goto(f"/app/responsibility-finding/{finding}") or j.wait_form(finding)):
		j.money("the finding")
		j.workflow_action("提交领导小组", "Committee Review")
		j.chinese("the finding form")
	j.finish()


# ---------------------------------------------------------------- 领导小组: the committee's month


def test_committee_compiles_approves_decides_issues_and_imports(journey_for, baseline):
	to_approve = baseline.need("committee")
	appeal = baseline.need("to_decide", "appeals")
	j = journey_for("committee")
	j.step("open 考核期 from the workspace")
	j.open_workspace()
	j.chinese("the workspace")
	j.workspace_link("考核期")
	names = j.list_names()
	j.check(baseline.compile in names, f"the period list does not show {baseline.compile}; it shows {names}")
	j.chinese("the period list")

	j.step(f"open period {baseline.compile} and 月度流程 → 整理考核期")
	if j.open_from_list(baseline.compile) or (j.goto(f"/app/accountability-period/{baseline.compile}") or j.wait_form(baseline.compile)):
		j.custom_button("整理考核期", group="月度流程")
		j.wait_form(baseline.compile)
		j.check(j.doc_value("status") == "Compiled", f"after compiling, the period's status reads «{j.field_text('status')}», not 已整理")
		summary = j.field_text("summary_html")
		j.check("草稿" in summary, f"the period summary does not list the new draft findings: «{summary[:300]}»")
		j.money("the compiled period")
		j.chinese("the compiled period")

		j.step("move the appeal deadline of the period a week later")
		later = (dt.date.fromisoformat(j.doc_value("appeal_deadline")) + dt.timedelta(days=7)).isoformat()
		j.fill("appeal_deadline", later)
		j.save()
		j.check(j.doc_value("appeal_deadline") == later, f"the appeal deadline is {j.doc_value('appeal_deadline')}, not {later}")

	j.step(f"领导小组审核: open {to_approve} and 操作 → 最终认定")
	j.goto("/app/complaint-accountability")
	j.workspace_link("领导小组审核中")
	if j.open_from_list(to_approve) or (j.goto(f"/app/responsibility-finding/{to_approve}") or j.wait_form(to_approve)):
		j.workflow_action("最终认定", "Final")
		j.money("the approved finding")
		j.chinese("the approved finding")

	j.step(f"申诉: open appeal {appeal} and 操作 → 维持处罚")
	j.goto("/app/complaint-accountability")
	j.workspace_link("申诉")
	if j.open_from_list(appeal) or (j.goto(f"/app/appeal/{appeal}") or j.wait_form(appeal)):
		j.chinese("the appeal form")
		if j.workflow_action("维持处罚", "Upheld"):
			decision = j.doc_value("decision")
			j.check(decision == "Upheld", f"after 维持处罚 the decision is {decision!r}")

	j.step(f"period {baseline.notice}: 发送处罚考核表, 确认无异议认定, 下发正式文件, 移交薪酬兑现")
	j.goto(f"/app/accountability-period/{baseline.notice}")
	if j.wait_form(baseline.notice):
		for label, status in (
			("发送处罚考核表", "Compiled"),
			("确认无异议认定", "Compiled"),
			("下发正式文件", "Notified"),
			("移交薪酬兑现", "Closed"),
		):
			j.step(f"period {baseline.notice}: 月度流程 → {label}")
			j.custom_button(label, group="月度流程")
			j.wait_form(baseline.notice)
			shown = j.field_text("status")
			j.check(j.doc_value("status") == status, f"after {label} the period's status is «{shown}» ({j.doc_value('status')}), not {status}")
		docs = j.page.evaluate("() => (cur_frm.doc.documents || []).map(d => [d.institution, !!d.assessment_file, !!d.notice_file])")
		institutions = {d[0] for d in docs}
		j.check({EAST, WEST} <= institutions, f"the 考核文件 table lists {institutions}, not both sub-branches")
		j.check(all(d[1] and d[2] for d in docs), f"some institution lacks its assessment table or notice: {docs}")
		summary = j.field_text("summary_html")
		j.check(not re.search(r"扣款兑现\s*[:：]\s*0\b", summary), f"the summary shows no penalty entries after the hand-off: «{summary[:200]}»")
		j.money("the notified period")
		j.chinese("the notified period")

	j.step("台账导入: attach a ledger and 开始导入")
	j.goto("/app/complaint-accountability")
	if not j.workspace_link("台账导入"):
		j.goto("/app/ledger-import")
	j.settle()
	j.no_error("opening 台账导入")
	new = j.page.locator(".page-container:visible .primary-action")
	if j.check(new.count() > 0 and new.first.is_visible(), "the Ledger Import list has no 新建 button"):
		new.first.click()
		if j.wait_form():
			ledger = ARTIFACTS / "台账-e2e.csv"
			day = in_period_text(baseline)
			ledger.write_text(
				"投诉编号,受理日期,投诉渠道,是否转办,处理机构,首次协调结果,直接责任人,管理责任人,客户姓名\n"
				f"E2E-L-0001,{day},客服热线,是,{EAST},未化解,钱七(E2E005),,台账客户\n",
				encoding="utf-8",
			)
			if j.attach("ledger_file", ledger) and j.save():
				j.custom_button("开始导入")
				j.wait_form()
				j.check(
					j.doc_value("status") == "Successful",
					f"after 开始导入 the import's status reads «{j.field_text('status')}»; problems: «{j.field_text('import_log')[:300]}»",
				)
				j.chinese("the ledger import")
	j.finish()


def in_period_text(baseline) -> str:
	from desk import in_period

	return in_period(baseline.compile, 9)


# ---------------------------------------------------------------- 责任人员: my findings, my appeal


def test_accountable_staff_opens_own_finding_and_appeals_it_with_evidence(journey_for, baseline):
	mine = baseline.need("staff_appeal")
	others = [baseline.findings[k] for k in ("committee", "appealed", "west_review") if k in baseline.findings]
	j = journey_for("staff")
	j.no_error("logging in")
	j.step("find 责任认定 from the desk")
	if j.open_workspace():
		j.chinese("the workspace")
		j.workspace_link("责任认定")
	else:
		j.goto("/app/responsibility-finding")
	j.no_error("opening 责任认定")
	names = j.list_names()
	j.check(mine in names, f"the findings list does not show the user's own finding {mine}; it shows {names}")
	leaked = sorted(set(others) & set(names))
	j.check(not leaked, f"the findings list shows other people's findings {leaked}")

	j.step(f"open my finding {mine}")
	if not (j.open_from_list(mine) or (j.goto(f"/app/responsibility-finding/{mine}") or j.wait_form(mine))):
		j.stop(f"the user cannot open their own finding {mine}")
	j.money("my finding")
	j.chinese("my finding")

	j.step("appeal from the finding itself")
	appeal_button = j.page.locator(
		".page-container:visible .page-actions button:visible, .page-container:visible .form-dashboard .document-link button"
	).filter(has_text=re.compile("申诉"))
	connections = j.page.locator(".page-container:visible .form-dashboard .document-link", has_text="申诉")
	if appeal_button.count():
		appeal_button.first.click()
	elif connections.count():
		connections.first.locator("button, .btn-new").first.click()
	else:
		j.problem("the finding form offers no way to appeal it (no 申诉 button, no 申诉 connection)")
		j.step("appeal the way that is left: 申诉 list → 新建")
		j.goto("/app/appeal/new")
	if not j.wait_form():
		j.stop("the appeal form did not open")
	if j.doc_value("responsibility_finding") != mine:
		j.set_link("responsibility_finding", mine)
	j.check(j.doc_value("responsibility_finding") == mine, "the appeal is not linked to the finding")
	j.field("reason").locator("textarea").fill("该投诉发生时本人在休假,客户联系的是代班人员。")
	j.attach("evidence", _evidence_file())
	j.step("save the appeal and 操作 → 提交申诉")
	if j.save():
		j.chinese("the appeal form")
		if j.workflow_action("提交申诉", "Filed"):
			filed_on = j.doc_value("filed_on")
			j.check(bool(filed_on), "the filed appeal shows no 提交时间 (filed_on)")
			j.money("the filed appeal")

	j.step("my penalty entries")
	j.goto("/app/penalty-entry")
	j.no_error("opening 扣款兑现")
	entries = j.list_names()
	j.check(bool(entries), "the user sees none of their own penalty entries")
	j.finish()


# ---------------------------------------------------------------- 机构投诉管理员: my subtree only


def test_institution_complaint_manager_sees_own_subtree_and_appeals_for_a_person(journey_for, baseline):
	east = [baseline.complaints[k] for k in ("to_propose", "committee", "icm_appeal")]
	west = [baseline.complaints[k] for k in ("business_line", "west_review", "notice_west")]
	finding = baseline.need("icm_appeal")
	j = journey_for("icm")
	j.step("open 投诉件 from the workspace")
	j.open_workspace()
	j.chinese("the workspace")
	j.workspace_link("投诉件")
	j.no_error("opening the complaint list")
	names = j.list_names()
	missing = sorted(set(east) - set(names))
	j.check(not missing, f"the complaint list lacks complaints of {EAST}: {missing}")
	leaked = sorted(set(west) & set(names))
	j.check(not leaked, f"the complaint list shows complaints of {WEST}: {leaked}")

	j.step("责任认定 of the sub-branch")
	j.goto("/app/responsibility-finding")
	names = j.list_names()
	j.check(finding in names, f"the findings list does not show {finding}")
	west_findings = [baseline.findings[k] for k in ("business_line", "west_review", "notice_west") if k in baseline.findings]
	j.check(not set(west_findings) & set(names), f"the findings list shows {WEST}'s findings")
	j.step(f"appeal {finding} for 李四 with evidence")
	j.goto("/app/appeal/new")
	if j.wait_form():
		j.set_link("responsibility_finding", finding)
		j.field("reason").locator("textarea").fill("李四当日不在岗,已附排班表。")
		j.attach("evidence", _evidence_file())
		if j.save():
			j.workflow_action("提交申诉", "Filed")
		j.chinese("the appeal form")
	j.finish()


# ---------------------------------------------------------------- 薪酬专员: pending entries


def test_payroll_officer_sees_the_pending_penalty_entries(journey_for, baseline):
	j = journey_for("payroll")
	j.step("open 扣款兑现 from the workspace")
	j.open_workspace()
	j.chinese("the workspace")
	j.workspace_link("扣款兑现")
	names = j.list_names()
	j.check(len(names) >= 2, f"the penalty entry list shows {len(names)} entries, not the period {baseline.paid}'s two")
	j.chinese("the penalty entry list")
	indicators = j.page.locator(".frappe-list .list-row .indicator-pill").all_inner_texts()
	j.check(any("待定" in i or "待" in i for i in indicators), f"no entry shows as pending; the indicators read {indicators}")
	if names:
		j.step(f"open entry {names[0]}")
		j.open_from_list(names[0])
		j.money("the penalty entry")
		j.chinese("the penalty entry form")
	j.finish()


# ---------------------------------------------------------------- 计划财务部: reads, changes nothing


def test_finance_viewer_reads_entries_and_the_assessment_report(journey_for, baseline):
	j = journey_for("finance")
	j.step("open 扣款兑现 from the workspace")
	j.open_workspace()
	j.workspace_link("扣款兑现")
	names = j.list_names()
	j.check(len(names) >= 2, f"the penalty entry list shows {len(names)} entries")
	new = j.page.locator(".page-container:visible .primary-action:visible")
	j.check(not new.count(), "a read-only viewer is offered a 新建 button on 扣款兑现")
	j.step("the 处罚考核表 report for the paid period, from the workspace")
	j.goto("/app/complaint-accountability")
	j.workspace_link("处罚考核表")
	j.no_error("opening the report")
	period_filter = j.page.locator('.page-container:visible .page-form .frappe-control[data-fieldname="period"]').first
	j.set_link("period", baseline.paid, scope=period_filter)
	rows = j.page.locator(".page-container:visible .dt-scrollable .dt-row")
	try:
		rows.first.wait_for(state="visible", timeout=15_000)
	except Exception:
		j.problem(f"the report shows no rows for period {baseline.paid}")
	j.settle()
	j.money("the Penalty Assessment report")
	j.chinese("the Penalty Assessment report")
	j.finish()

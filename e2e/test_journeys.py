"""One journey per role through a month of the cycle (README: "the monthly cycle as the users
live it"), in the desk as each user works it, in Chinese. Each asserts what the user sees; a
journey writes down every wrong thing and fails at the end with the list."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import (
	BASE_URL,
	BRANCH,
	DESK_CLERK,
	EAST,
	EAST_HEAD,
	LATE_LOGINS,
	LATE_PERSON,
	PASSWORD,
	STAFF,
	WEST,
	make_user,
)
from desk import ARTIFACTS, Api, Journey, in_period

EVIDENCE = "申诉证据-情况说明.txt"
# A child row's name (frappe.generate_hash, 10 characters), which no user should have to read
RAW_ROW_ID = re.compile(r"\b(?=[a-z0-9]{10}\b)(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{10}\b")
LIABILITIES_ZH = re.compile(r"直接责任人|管理责任人|投诉岗处理违规")


def _evidence_file() -> Path:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	path = ARTIFACTS / EVIDENCE
	path.write_text("情况说明:该投诉发生时本人休假,有请假审批单为证。\n", encoding="utf-8")
	return path


def period_status(j: Journey, expect: str, after: str) -> bool:
	"""The period's status as the form shows it (已整理, 已发文, 已移交, 已兑现)."""
	shown = j.field_text("status")
	return j.check(
		expect in shown,
		f"after {after} the period's status reads «{shown}» ({j.doc_value('status')}), not {expect}",
	)


def finish_all(*journeys: Journey) -> None:
	"""Several users in one test: keep every record, then fail with all of their problems."""
	for j in journeys:
		j.settle()
		j.save_record()
	wrong = [j.report() for j in journeys if j.problems]
	assert not wrong, "\n".join(wrong)


def open_doc(j: Journey, doctype_route: str, name: str) -> bool:
	"""Open ``name`` from the list on screen, or by its address when the list does not show it."""
	return j.open_from_list(name) or (j.goto(f"/app/{doctype_route}/{name}") or j.wait_form(name))


def check_charges(j: Journey, where: str) -> None:
	"""A finding's charges table: receipt kinds in Chinese, no raw row ids."""
	rows = j.grid_rows("charges")
	j.check(bool(rows), f"{where}: the 扣款明细 (charges) table shows no rows")
	for row in rows:  # (the receipt kind in English is caught by Journey.chinese)
		ids = RAW_ROW_ID.findall(row)
		j.check(not ids, f"{where}: a charge row shows a raw row id {ids}: «{row}»")


def check_findings_list(j: Journey, names: list[str], where: str) -> None:
	"""Each row of a findings list shows its amount (¥) and its liability."""
	for row in j.list_texts():
		if not any(n in row for n in names) and names:
			continue
		j.check("¥" in row, f"{where}: a finding's row shows no amount in ¥: «{row}»")
		j.check(
			bool(LIABILITIES_ZH.search(row)), f"{where}: a finding's row does not show its liability: «{row}»"
		)
		break  # one row is enough to see the columns


def appeal_from_final_finding(j: Journey, finding: str, deadline_expected: bool = True) -> str | None:
	"""On the open Final finding: the deadline banner, 提出申诉, evidence through the upload
	dialog, 保存, 操作 → 提交申诉. Returns the filed appeal's name."""
	j.step(f"{finding}: the banner tells the appeal deadline")
	deadline = j.doc_value("appeal_deadline")
	j.check(bool(deadline), f"the finding shows no 申诉截止日期 (appeal_deadline): {deadline!r}")
	shown = j.page.evaluate("d => d && frappe.datetime.str_to_user(d, false, true)", deadline)
	banner = j.headline()
	if deadline_expected:
		j.check(
			"申诉" in banner and bool(shown) and shown in banner,
			f"the Final finding's banner does not give the appeal deadline {shown}: «{banner}»",
		)
	j.step(f"{finding}: 提出申诉")
	button = j.page.locator(".page-container:visible .page-actions button:visible", has_text="提出申诉")
	if not j.check(button.count() > 0, "the Final finding shows no 提出申诉 button"):
		return None
	j.custom_button("提出申诉")  # a message on the way is written down; the user closes it and goes on
	if not j.wait_form():
		return None
	j.check(
		j.doc_value("responsibility_finding") == finding,
		f"the new appeal is for {j.doc_value('responsibility_finding')!r}, not {finding}",
	)
	j.field("reason").locator("textarea").fill("该投诉发生时本人在休假,客户联系的是代班人员。")
	j.attach("evidence", _evidence_file())
	j.step(f"{finding}: save the appeal and 操作 → 提交申诉")
	if not j.save():
		return None
	j.chinese("the appeal form")
	name = j.doc_value("name")
	if j.workflow_action("提交申诉", "Filed"):
		j.check(bool(j.doc_value("filed_on")), "the filed appeal shows no 提交时间 (filed_on)")
		j.money("the filed appeal")
	return name


# ---------------------------------------------------------------- 管理员: set the month up


def test_administrator_sets_up_channels_rates_institutions_and_persons(journey_for, baseline):
	j = journey_for("admin")
	j.step("open the app's workspace from the sidebar: its setup checklist")
	j.open_workspace()
	j.chinese("the workspace")
	checklist = j.page.locator(".page-container:visible .onboarding-widget-box")
	steps = [s.strip() for s in checklist.locator(".onboarding-step .step-text").all_inner_texts()]
	j.check(
		len(steps) >= 6,
		f"the workspace shows the administrator no setup checklist (settings, channels, rates, institutions, persons, users); its steps: {steps}",
	)

	j.step("open 投诉责任追究设置 and set the issuing organ")
	if j.workspace_link("投诉责任追究设置") and j.wait_form():
		j.chinese("the settings form")
		j.fill("issuing_organ", "E2E保险股份有限公司分公司")
		j.save()

	j.step("the eight channels in 投诉渠道")
	j.to_workspace()
	if j.workspace_link("投诉渠道"):
		names = j.list_names()
		j.check(len(names) == 8, f"the channel list shows {len(names)} channels, not 8: {names}")
		j.chinese("the channel list")

	j.step("a new 扣款标准 (penalty rate) from a future date")
	j.to_workspace()
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
	j.to_workspace()
	j.workspace_link("机构")
	j.goto("/app/institution/new")
	if j.wait_form():
		j.fill("institution_name", "E2E新区支公司")
		j.set_select("institution_type", "中支/支公司")
		j.set_link("parent_institution", BRANCH, look="the institution link search")
		j.save()
		j.chinese("the institution form")

	j.step("a new 责任人员 (accountable person) in that sub-branch")
	j.to_workspace()
	if j.workspace_link("责任人员"):
		j.page.locator(".page-container:visible .primary-action").click()
		j.wait_form()
		j.fill("full_name", "新员工孙八")
		j.fill("employee_number", "E2E900")
		j.set_link("institution", "E2E新区支公司", look="the institution link search")
		j.save()
		j.chinese("the accountable person form")
	j.finish()


def test_system_manager_gives_an_accountable_person_a_desk_user(journey_for, baseline):
	"""The last setup step of the cycle table: users, with the app's roles, linked to persons."""
	from conftest import WEST_CLERK

	email = f"e2e-new-wangwu-{dt.datetime.now():%H%M%S}@example.com"
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
	label = (
		j.page.locator('.page-container:visible .label-area[data-unit="Accountable Staff"]')
		.first.inner_text()
		.strip()
	)
	j.check(label == "责任人员工", f"the role reads «{label}» on the user form, not 责任人员工")
	for role in ("Complaint Desk Officer", "Accountability Committee", "Institution Complaint Manager"):
		shown = (
			j.page.locator(f'.page-container:visible .label-area[data-unit="{role}"]')
			.first.inner_text()
			.strip()
		)
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


def _add_receipt(j: Journey, channel: str, day: str) -> None:
	grid = j.field("receipts")
	grid.locator(".grid-add-row").click()
	row = grid.locator(".grid-body .grid-row").last
	row.locator('[data-fieldname="channel"]').first.click()
	j.set_link("channel", channel, scope=row.locator('[data-fieldname="channel"]').first)
	row.locator('[data-fieldname="received_on"]').first.click()
	date_box = row.locator('[data-fieldname="received_on"] input').first
	date_box.fill(day)
	date_box.press("Escape")


def test_desk_officer_registers_a_complaint_transfers_it_and_keeps_the_customer_contact(
	journey_for, baseline
):
	phone, id_number = "13812345678", "110101199001011234"
	j = journey_for("desk")
	j.step("open the workspace, its 投诉件 shortcut and the list's 新建 button")
	j.open_workspace()
	j.chinese("the workspace")
	j.check(j.workspace_link("投诉件"), "the workspace has no 投诉件 shortcut")
	new = j.page.locator(".page-container:visible .page-actions .primary-action:visible")
	if new.count():
		new.first.click()
	else:
		j.check(False, "the complaint list has no 新建 button for the desk officer")
		j.goto("/app/complaint/new")
	j.wait_form()
	j.chinese("the new complaint form")

	j.step("fill the customer and two receipts (客服热线, then 监管局, today)")
	j.fill("customer_name", "E2E来电客户周女士")
	j.fill("policy_number", "P2026000123")
	_add_receipt(j, "客服热线", baseline.today.isoformat())
	_add_receipt(j, "监管局", baseline.today.isoformat())
	j.step("save the complaint")
	if not j.save():
		j.stop("the complaint could not be saved")
	name = j.doc_value("name")
	j.check(bool(re.match(r"TS-\d{4}-\d+", name or "")), f"the saved complaint is named {name!r}")
	kinds = j.page.evaluate("() => (cur_frm.doc.receipts || []).map(r => r.receipt_kind)")
	j.check(kinds == ["Initial", "Escalation"], f"the receipts' kinds are {kinds}, not Initial, Escalation")
	rows = j.grid_rows("receipts")
	j.check(
		len(rows) == 2 and "首次投诉" in rows[0] and "升级投诉" in rows[1],
		f"the receipts table does not read 首次投诉 / 升级投诉: {rows}",
	)

	j.step("transfer it to 城东支公司 and record the first coordination outcome 未化解")
	j.field("transferred").locator("input[type=checkbox]").first.check()
	j.settle()
	j.set_link("handling_institution", EAST, look="the institution link search")
	j.set_select("first_coordination_outcome", "未化解")
	j.save()
	status = j.field_text("case_status")
	j.check("追责" in status, f"the case status reads «{status}», not 追责 (Accountable)")
	headline = j.headline()
	j.check(
		"处理决定" in headline or "时限" in headline,
		f"the form shows no handling time limit; its headline is «{headline}»",
	)
	j.chinese("the saved complaint")

	j.step("the complaint list shows it; open it again from there")
	j.goto("/app/complaint")
	names = j.list_names()
	j.check(name in names, f"the complaint list does not show {name}; it shows {names}")
	j.chinese("the complaint list")
	open_doc(j, "complaint", name)

	j.step("客户联系方式: the customer's phone and ID number, in the dialog")
	if j.custom_button("客户联系方式"):
		dialog = j.page.locator(".modal.show").last
		try:
			dialog.locator('[data-fieldname="customer_phone"] input').wait_for(
				state="visible", timeout=10_000
			)
		except Exception:
			j.problem("the 客户联系方式 dialog shows no 客户电话 field")
		else:
			j.chinese("the customer contact dialog")
			dialog.locator('[data-fieldname="customer_phone"] input').fill(phone)
			dialog.locator('[data-fieldname="customer_id_number"] input').fill(id_number)
			dialog.locator(".modal-footer .btn-primary").click()
			try:
				dialog.wait_for(state="hidden", timeout=15_000)
			except Exception:
				j.problem(f"the 客户联系方式 dialog did not close after 保存: «{dialog.inner_text()[:200]}»")
			j.settle()
			j.no_error("saving the customer contact")
			j.wait_form(name)
			masked_phone = j.field_text("customer_phone_masked")
			masked_id = j.field_text("customer_id_masked")
			j.check(
				"138****5678" in masked_phone,
				f"the complaint shows the phone as «{masked_phone}», not 138****5678",
			)
			j.check(
				"1101**********1234" in masked_id,
				f"the complaint shows the ID number as «{masked_id}», not 1101**********1234",
			)
			body = j.page.locator(".page-container:visible .form-layout").inner_text()
			j.check(
				phone not in body and id_number not in body,
				"the complaint form itself shows the raw phone or ID number",
			)

	j.step("客户联系方式 again: the desk reads what it saved")
	if j.custom_button("客户联系方式"):
		box = j.page.locator('.modal.show [data-fieldname="customer_phone"] input').last
		try:
			box.wait_for(state="visible", timeout=10_000)
			j.check(
				box.input_value() == phone,
				f"the dialog shows the phone as «{box.input_value()}», not {phone}",
			)
		except Exception:
			j.problem("the 客户联系方式 dialog did not open again")
		j.close_dialogs()
	j.field("customer_phone_masked").scroll_into_view_if_needed()

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
	if open_doc(j, "complaint", complaint):
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

	j.step("待初步认定: the findings still in draft, with amount and liability")
	j.to_workspace()
	j.workspace_link("待初步认定")
	names = j.list_names()
	j.check(finding in names, f"the draft findings list does not show {finding}; it shows {names}")
	check_findings_list(j, [finding], "the draft findings list")
	j.chinese("the findings list")
	j.step(f"open {finding}, 操作 → 提交初步认定, then 操作 → 提交领导小组")
	if open_doc(j, "responsibility-finding", finding):
		j.money("the finding")
		j.chinese("the finding form")
		check_charges(j, "the finding")
		if j.workflow_action("提交初步认定", "Preliminary"):
			j.workflow_action("提交领导小组", "Committee Review")
		j.chinese("the finding after its transitions")

	j.step(f"责任认定 → 新建: a handling violation of the desk officer {DESK_CLERK} (赵六) on {complaint}")
	j.goto("/app/responsibility-finding/new")
	if j.wait_form():
		j.set_link("complaint", complaint)
		j.set_link("person", DESK_CLERK)
		j.set_select("liability", "投诉岗处理违规")
		j.set_link("violation_type", "未按时效反馈")
		j.fill("amount", "250")
		j.step("an amount above the type's range is refused, in Chinese")
		j.save_refused(re.compile(r"20(\.00)?\s*至\s*200"))
		j.fill("amount", "80")
		j.step("80 is saved; the server chooses the period")
		if j.save():
			j.check(
				j.doc_value("accountability_period") == baseline.current,
				f"the violation's period is {j.doc_value('accountability_period')!r}, not the period of its receipt {baseline.current}",
			)
			j.check(
				j.doc_value("component") == "Performance Deduction",
				f"the violation is deducted from {j.doc_value('component')!r}, not 绩效",
			)
			j.check(
				float(j.doc_value("amount") or 0) == 80,
				f"the violation's amount is {j.doc_value('amount')!r}, not 80",
			)
			j.chinese("the handling violation")
	j.finish()


# ---------------------------------------------------------------- 业务条线: decide where the desk cannot


def test_business_line_reviewer_sends_a_finding_on_to_the_committee(journey_for, baseline):
	finding = baseline.need("business_line")
	j = journey_for("business_line")
	j.step("open 业务条线认定中 from the workspace")
	j.open_workspace()
	j.workspace_link("业务条线认定中")
	names = j.list_names()
	j.check(finding in names, f"the list does not show {finding}; it shows {names}")
	check_findings_list(j, [finding], "the business line's findings list")
	j.step(f"open {finding} and 操作 → 提交领导小组")
	if open_doc(j, "responsibility-finding", finding):
		j.money("the finding")
		check_charges(j, "the finding")
		j.workflow_action("提交领导小组", "Committee Review")
		j.chinese("the finding form")
	j.finish()


# ---------------------------------------------------------------- 领导小组: the committee's month


def _period_documents(j: Journey, period: str) -> list[str]:
	"""The period form's documents table (kind, delivery status, count), then its link to the
	Period Document list; returns the names the list shows."""
	summary = j.field_text("summary_html")
	j.check(
		bool(re.search(r"处罚考核表\s*(未发送|无收件人|已排队|已发送|失败)\s*\d", summary)),
		f"the period summary does not list its 处罚考核表 by delivery status: «{summary[-300:]}»",
	)
	link = j.field("summary_html").locator('a[href*="/app/period-document"]')
	if not j.check(link.count() > 0, "the period summary has no link to the period's documents"):
		j.goto(f"/app/period-document?accountability_period={period}")
	else:
		link.first.click()
		j.page.wait_for_url(re.compile(r"/app/period-document"))
	j.no_error("opening the period's documents")
	names = j.list_names()
	j.chinese("the period documents list")
	return names


def test_committee_compiles_approves_decides_issues_imports_and_hands_off(journey_for, baseline, admin):
	to_approve = baseline.need("committee")
	upheld = baseline.need("to_decide", "appeals")
	revoked = baseline.need("to_revoke", "appeals")
	j = journey_for("committee")
	j.open_workspace()
	j.chinese("the workspace")
	j.step("the bell: the appeals filed for the committee")
	items = j.bell()
	j.check(any("提出申诉" in i for i in items), f"the bell shows no appeal filed; it shows {items}")
	j.close_bell()

	j.step("open 考核期 from the workspace")
	j.to_workspace()
	j.workspace_link("考核期")
	names = j.list_names()
	j.check(baseline.compile in names, f"the period list does not show {baseline.compile}; it shows {names}")
	j.chinese("the period list")

	j.step(f"open the ended period {baseline.compile} and 月度流程 → 整理考核期")
	if open_doc(j, "accountability-period", baseline.compile):
		j.custom_button("整理考核期", group="月度流程")
		j.wait_form(baseline.compile)
		period_status(j, "已整理", "整理考核期")
		summary = j.field_text("summary_html")
		j.check(
			"草稿" in summary, f"the period summary does not list the new draft findings: «{summary[:300]}»"
		)
		j.money("the compiled period")
		j.chinese("the compiled period")

		later = (baseline.today + dt.timedelta(days=7)).isoformat()
		j.step(f"move the appeal deadline of the period to {later}")
		j.fill("appeal_deadline", later)
		j.save()
		j.check(
			j.doc_value("appeal_deadline") == later,
			f"the appeal deadline is {j.doc_value('appeal_deadline')}, not {later}",
		)

	j.step(f"领导小组审核中: open {to_approve} and 操作 → 最终认定")
	j.to_workspace()
	j.workspace_link("领导小组审核中")
	if open_doc(j, "responsibility-finding", to_approve):
		check_charges(j, "the finding to approve")
		j.workflow_action("最终认定", "Final")
		j.money("the approved finding")
		j.chinese("the approved finding")

	for appeal, action, decision in ((upheld, "维持处罚", "Upheld"), (revoked, "撤销", "Revoked")):
		j.step(f"申诉: open appeal {appeal} and 操作 → {action}")
		j.to_workspace()
		j.workspace_link("申诉")
		if open_doc(j, "appeal", appeal):
			j.chinese("the appeal form")
			if j.workflow_action(action, decision):
				j.check(
					j.doc_value("decision") == decision,
					f"after {action} the decision is {j.doc_value('decision')!r}",
				)
	state = admin.get("Responsibility Finding", baseline.need("to_revoke"))["workflow_state"]
	j.check(state == "Revoked", f"after 撤销 the appealed finding is {state!r}, not Revoked")

	period = baseline.notice
	j.step(f"period {period}: 月度流程 → 发送处罚考核表 with no outgoing email account")
	j.goto(f"/app/accountability-period/{period}")
	if j.wait_form(period):
		j.custom_button(
			"发送处罚考核表",
			group="月度流程",
			dialog=("已生成 2 份文件", "已发送 0 份", "尚未设置发件邮箱账户"),
		)
		j.wait_form(period)
		period_status(j, "已整理", "发送处罚考核表")
		j.step(f"period {period}: 发送处罚考核表 again makes nothing twice, and still says it sent nothing")
		j.custom_button(
			"发送处罚考核表",
			group="月度流程",
			dialog=("已生成 0 份文件", "已发送 0 份", "尚未设置发件邮箱账户"),
		)
		j.wait_form(period)
		j.step(f"period {period}: its documents, by kind and delivery status")
		j.check(
			bool(re.search(r"处罚考核表\s*未发送\s*2", j.field_text("summary_html"))),
			f"the period summary does not say its 2 assessment tables are 未发送: «{j.field_text('summary_html')[-300:]}»",
		)
		docs = _period_documents(j, period)
		rows = j.list_texts()
		j.check(
			len(docs) == 2,
			f"the period's documents list shows {len(docs)} documents, not its 2 assessment tables: {docs}",
		)
		j.check(
			all("处罚考核表" in r for r in rows), f"the documents list does not name them 处罚考核表: {rows}"
		)
		if docs:
			j.step(f"open {docs[0]}: its delivery reads 未发送")
			open_doc(j, "period-document", docs[0])
			j.check(
				"未发送" in j.field_text("delivery_status"),
				f"the unsent document's 送达状态 reads «{j.field_text('delivery_status')}»",
			)
			j.chinese("the period document")
		j.goto(f"/app/accountability-period/{period}")
		j.wait_form(period)
		for label, status, dialog in (
			("确认无异议认定", "已整理", None),
			("下发正式文件", "已发文", ("已生成 2 份文件", "尚未设置发件邮箱账户")),
			("移交薪酬兑现", "已移交", None),
		):
			j.step(f"period {period}: 月度流程 → {label}")
			j.custom_button(label, group="月度流程", dialog=dialog)
			j.wait_form(period)
			period_status(j, status, label)
		summary = j.field_text("summary_html")
		j.check(
			not re.search(r"扣款兑现\s*[:：]\s*0\b", summary),
			f"the summary shows no penalty entries after the hand-off: «{summary[:300]}»",
		)
		j.check(
			"正式文件" in summary, f"the summary lists no 正式文件 after 下发正式文件: «{summary[-300:]}»"
		)
		j.money("the handed-off period")
		j.chinese("the handed-off period")

	j.step("台账导入 from the workspace: attach a ledger and 开始导入")
	j.to_workspace()
	if not j.workspace_link("台账导入"):
		j.goto("/app/ledger-import")
	j.settle()
	j.no_error("opening 台账导入")
	new = j.page.locator(".page-container:visible .primary-action")
	if j.check(new.count() > 0 and new.first.is_visible(), "the Ledger Import list has no 新建 button"):
		new.first.click()
		if j.wait_form():
			ledger = ARTIFACTS / "台账-e2e.csv"
			ledger.write_text(
				"投诉编号,受理日期,投诉渠道,是否转办,处理机构,首次协调结果,直接责任人,管理责任人,客户姓名\n"
				f"E2E-L-0001,{in_period(baseline.compile, 9)},客服热线,是,{EAST},未化解,钱七(E2E005),,台账客户\n",
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


# ---------------------------------------------------------------- 责任人员: my findings, my appeal


def test_accountable_staff_sees_own_findings_appeals_a_final_one_and_sees_own_entries(
	journey_for, baseline, admin
):
	mine = baseline.need("staff_appeal")
	others = [
		baseline.findings[k]
		for k in ("committee", "appealed", "west_review", f"paid_{EAST_HEAD}", "late_link")
		if k in baseline.findings
	]
	j = journey_for("staff")
	j.step("the bell: the notice that a finding is final, with its appeal deadline")
	items = j.bell()
	j.check(
		any(mine in i and "申诉截止" in i for i in items),
		f"the bell shows no notice that {mine} is final with its appeal deadline; it shows {items}",
	)
	j.close_bell()

	j.step("责任认定 from the workspace: exactly my findings, with amounts")
	j.to_workspace()
	j.chinese("the workspace")
	if not j.workspace_link("责任认定", card_link_first=True):
		j.goto("/app/responsibility-finding")
	j.no_error("opening 责任认定")
	names = j.list_names()
	expected = {r["name"] for r in admin.list("Responsibility Finding", {"person": STAFF})}
	j.check(
		set(names) == expected,
		f"the findings list shows {sorted(names)}, not exactly the user's own {sorted(expected)}",
	)
	leaked = sorted(set(others) & set(names))
	j.check(not leaked, f"the findings list shows other people's findings {leaked}")
	check_findings_list(j, [mine], "my findings list")
	j.chinese("my findings list")

	j.step(f"open my Final finding {mine}")
	if not open_doc(j, "responsibility-finding", mine):
		j.stop(f"the user cannot open their own finding {mine}")
	j.money("my finding")
	j.chinese("my finding")
	check_charges(j, "my finding")
	appeal = appeal_from_final_finding(j, mine)

	j.step("申诉 from the workspace shows my appeal")
	j.to_workspace()
	if not j.workspace_link("申诉", card_link_first=True):
		j.goto("/app/appeal")
	j.no_error("opening 申诉")
	names = j.list_names()
	j.check(bool(appeal), "the user has filed no appeal to find in 申诉")
	if appeal:
		j.check(appeal in names, f"the appeal list does not show the filed appeal {appeal}; it shows {names}")
	j.check(
		baseline.appeals.get("to_decide") not in names, "the appeal list shows an appeal of another person"
	)
	j.chinese("my appeals")

	j.step("扣款兑现 from the workspace: my penalty entries only")
	j.to_workspace()
	if not j.workspace_link("扣款兑现", card_link_first=True):
		j.goto("/app/penalty-entry")
	j.no_error("opening 扣款兑现")
	entries = j.list_names()
	expected = {r["name"] for r in admin.list("Penalty Entry", {"person": STAFF})}
	j.check(
		bool(entries) and set(entries) == expected,
		f"the penalty entries list shows {entries}, not exactly the user's own {sorted(expected)}",
	)
	j.money("my penalty entries")
	j.chinese("my penalty entries")
	j.finish()


# ---------------------------------------------------------------- a login linked after the compile


def test_a_login_linked_after_the_compile_sees_the_persons_findings_and_loses_them_when_relinked(
	journey_for, baseline, admin
):
	finding = baseline.need("late_link")
	for role in LATE_LOGINS.values():  # new logins, made now: after the compile
		make_user(admin, role)
	# who logs in as whom is the administrator's to say (the desk reads the login, read-only)
	linker = journey_for(
		"admin",
		record_as="admin-link",
		label="管理员 links 孙九's login (Accountability Administrator)",
	)

	def link(login: str) -> None:
		linker.step(f"责任人员 {LATE_PERSON} (孙九): link the login {login}")
		linker.to_workspace()
		if linker.workspace_link("责任人员") and open_doc(linker, "accountable-person", LATE_PERSON):
			linker.set_link("user", login)
			linker.save()
			linker.check(
				linker.doc_value("user") == login,
				f"the person's login is {linker.doc_value('user')!r}, not {login}",
			)
			linker.chinese("the accountable person form")

	link(LATE_LOGINS["late_a"].email)
	a = journey_for("late_a")
	a.step("责任认定 at once: exactly 孙九's finding")
	a.to_workspace()
	if not a.workspace_link("责任认定", card_link_first=True):
		a.goto("/app/responsibility-finding")
	a.no_error("opening 责任认定")
	names = a.list_names()
	a.check(names == [finding], f"the findings list of the newly linked login shows {names}, not [{finding}]")
	appeal = None
	if open_doc(a, "responsibility-finding", finding):
		a.money("孙九's finding")
		appeal = appeal_from_final_finding(a, finding)
	a.step("申诉: the appeal just filed")
	a.goto("/app/appeal")
	appeals = a.list_names()
	a.check(bool(appeal), "the newly linked login has filed no appeal to find in 申诉")
	if appeal:
		a.check(appeal in appeals, f"the appeal list does not show {appeal}; it shows {appeals}")

	link(LATE_LOGINS["late_b"].email)
	a.step("after the relink: the first login's lists are empty")
	for route, what in (
		("responsibility-finding", "责任认定"),
		("appeal", "申诉"),
		("penalty-entry", "扣款兑现"),
	):
		a.goto(f"/app/{route}", reload=True)
		a.no_error(f"opening {what} after the relink")
		shown = a.list_names()
		a.check(
			not shown, f"after the person was relinked, the first login's {what} list still shows {shown}"
		)

	b = journey_for("late_b")
	b.step("the login relinked to: 孙九's finding and appeal")
	b.goto("/app/responsibility-finding")
	shown = b.list_names()
	b.check(shown == [finding], f"the relinked login's findings list shows {shown}, not [{finding}]")
	b.goto("/app/appeal")
	shown = b.list_names()
	if appeal:
		b.check(appeal in shown, f"the relinked login's appeal list does not show {appeal}; it shows {shown}")
	# end on the first login's empty list
	a.goto("/app/responsibility-finding", reload=True)
	a.list_names()
	finish_all(linker, b, a)


# ---------------------------------------------------------------- 机构投诉管理员: my subtree only


def test_institution_complaint_manager_sees_own_subtree_and_downloads_own_assessment_table(
	journey_for, baseline
):
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

	j.step(f"open {east[0]}: what decides its penalties is the desk's, the summary is the manager's")
	if open_doc(j, "complaint", east[0]):
		j.chinese("the complaint form")
		for fieldname in ("handling_institution", "first_coordination_outcome"):
			editable = j.field(fieldname).locator("input:visible, select:visible").count()
			j.check(not editable, f"the institution's manager can edit the complaint's {fieldname}")
		adds = j.field("responsible_persons").locator(".grid-add-row:visible").count()
		j.check(not adds, "the institution's manager can add responsible persons to the complaint")
		summary = j.field("summary").locator("textarea:visible").count()
		j.check(bool(summary), "the institution's manager cannot write the complaint's summary")

	j.step("责任认定 of the sub-branch")
	j.to_workspace()
	if not j.workspace_link("责任认定", card_link_first=True):
		j.goto("/app/responsibility-finding")
	names = j.list_names()
	j.check(finding in names, f"the findings list does not show {finding}")
	west_findings = [
		baseline.findings[k]
		for k in ("business_line", "west_review", "notice_west")
		if k in baseline.findings
	]
	j.check(not set(west_findings) & set(names), f"the findings list shows {WEST}'s findings")
	check_findings_list(j, [finding], "the sub-branch's findings list")

	period = baseline.paid
	own_table = baseline.documents.get(f"Assessment Table:{EAST}")
	west_docs = [
		v for k, v in baseline.documents.items() if k.endswith(f":{WEST}") and not k.startswith("file:")
	]
	j.step(f"考核期 {period}: the sub-branch's documents only")
	j.to_workspace()
	j.workspace_link("考核期")
	if open_doc(j, "accountability-period", period):
		j.chinese("the period form")
		docs = _period_documents(j, period)
		j.check(
			bool(own_table) and own_table in docs,
			f"the documents list lacks the sub-branch's assessment table {own_table}: {docs}",
		)
		leaked = sorted(set(west_docs) & set(docs))
		j.check(not leaked, f"the documents list shows {WEST}'s documents {leaked}")
		j.step(f"open the assessment table {own_table} and download its PDF")
		if own_table and open_doc(j, "period-document", own_table):
			j.chinese("the period document")
			j.money("the period document")
			link = j.field("file").locator("a[href]")
			if j.check(link.count() > 0, "the period document shows no file to download"):
				got = j.fetch(link.first.get_attribute("href"))
				j.check(
					got["status"] == 200 and got["head"].startswith("%PDF"),
					f"downloading the assessment table gives HTTP {got['status']} {got['type']!r}, not a PDF",
				)
		west_file = baseline.documents.get(f"file:Assessment Table:{WEST}")
		if west_file:
			got = j.fetch(west_file)
			j.check(
				got["status"] in (403, 404) or not got["head"].startswith("%PDF"),
				f"the PDF of {WEST}'s table ({west_file}) downloads for {EAST}'s manager",
			)

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


# ---------------------------------------------------------------- 整改事项: owner and leading group


def test_remediation_owner_does_the_work_and_the_committee_verifies(journey_for, baseline, users):
	name = baseline.need("east", "remediations")
	j = journey_for("icm", "remediation-owner", "机构投诉管理员 整改责任人 (remediation owner)")
	j.step("open 整改事项 from the workspace: the one the leading group gave the east manager")
	j.open_workspace()
	if not j.workspace_link("整改事项"):
		j.goto("/app/remediation")
	names = j.list_names()
	j.check(name in names, f"the remediation list does not show {name}: {names}")
	j.step(f"open {name}: what it is stays the leading group's, the owner starts it")
	if open_doc(j, "remediation", name):
		j.chinese("the remediation form")
		for fieldname in ("title", "measures", "due_on"):
			editable = j.field(fieldname).locator("input:visible, textarea:visible").count()
			j.check(not editable, f"the owner can edit the remediation's {fieldname}")
		rows = j.grid_rows("complaints")
		j.check(
			bool(rows) and all("追责" in row and "Accountable" not in row for row in rows),
			f"the complaints covered do not read their status in Chinese: {rows}",
		)
		if j.workflow_action("开始", "In Progress"):
			note = j.field("completion_note").locator("textarea:visible")
			if j.check(note.count() > 0, "the owner cannot write the completion note"):
				note.first.fill("已增配两名查勘人员,理赔时效周报已上线。")
				j.save()
	# the evidence file goes up as the form's uploader sends it, then into the evidence table
	owner = Api(BASE_URL, users["icm"].email, PASSWORD)
	url = owner.upload(
		"整改证明.txt", "查勘人员配置通知".encode(), attached_to_doctype="Remediation", attached_to_name=name
	)
	stored = owner.get("Remediation", name)
	owner.update(
		"Remediation",
		name,
		evidence=[*stored.get("evidence", []), {"file": url, "description": "人员配置通知"}],
	)
	j.step("complete it with the note and the evidence")
	j.goto(f"/app/remediation/{name}", reload=True)
	if j.wait_form(name):
		j.workflow_action("完成", "Done")
	j.finish()

	c = journey_for("committee", "remediation-verifier", "领导小组 整改验收 (remediation verifier)")
	c.step(f"the leading group verifies {name} from 待验收整改事项")
	c.open_workspace()
	if not c.workspace_link("待验收整改事项"):
		c.goto("/app/remediation")
	if open_doc(c, "remediation", name):
		c.chinese("the remediation form")
		c.workflow_action("确认", "Verified")
		evidence = c.grid_rows("evidence")
		c.check(bool(evidence), "the verified remediation shows no evidence")
	c.finish()


# ---------------------------------------------------------------- 薪酬专员: pending entries


def test_payroll_officer_sees_pending_entries_reads_them_and_acknowledges_through_the_api(
	journey_for, baseline
):
	j = journey_for("payroll")
	j.step("open 扣款兑现 from the workspace: the pending entries")
	j.open_workspace()
	j.chinese("the workspace")
	j.workspace_link("扣款兑现")
	names = j.list_names()
	j.check(
		len(names) >= 3,
		f"the penalty entry list shows {len(names)} entries, not the period {baseline.paid}'s three",
	)
	j.chinese("the penalty entry list")
	j.money("the penalty entry list")
	indicators = j.page.locator(".frappe-list .list-row .indicator-pill").all_inner_texts()
	j.check(
		any("待定" in i for i in indicators),
		f"no entry shows as pending (待定); the indicators read {indicators}",
	)
	if names:
		j.step(f"open entry {names[0]}: nothing to edit, nothing to save")
		j.open_from_list(names[0])
		j.money("the penalty entry")
		j.chinese("the penalty entry form")
		editable = j.editable_fields()
		j.check(not editable, f"the penalty entry form lets the payroll officer edit {editable}")
		j.check(not j.save_button_shown(), "the penalty entry form shows a 保存 button")

	j.step("the payroll system asks for what is due (pending_entries, GET), with this login")
	payroll_date = (baseline.today + dt.timedelta(days=62)).isoformat()
	got = j.fetch(
		f"/api/method/complaint_accountability.payroll.api.pending_entries?payroll_date={payroll_date}&period={baseline.paid}"
		"&limit_start=0&limit_page_length=50"
	)
	answer = (got.get("body") or {}).get("message") or {}
	entries = answer.get("entries") or []
	j.check(got["status"] == 200, f"pending_entries answers HTTP {got['status']}: {got.get('body')}")
	j.check(
		{"entries", "total", "limit_start", "limit_page_length", "currency"} <= set(answer)
		and answer.get("currency") == "CNY",
		f"pending_entries answers {sorted(answer)} with currency {answer.get('currency')!r}",
	)
	j.check(
		len(entries) == 3 and answer.get("total") == 3,
		f"pending_entries gives {len(entries)} of {answer.get('total')} entries of {baseline.paid}, not 3",
	)
	for entry in entries:
		j.check(
			entry.get("currency") == "CNY"
			and bool(re.search(r"[\u4e00-\u9fff]", entry.get("salary_component") or "")),
			f"entry {entry.get('name')} has salary component {entry.get('salary_component')!r} and currency {entry.get('currency')!r}",
		)

	j.step(f"the payroll system acknowledges {baseline.paid}'s entries; the period reads 已兑现")
	got = j.fetch(
		"/api/method/complaint_accountability.payroll.api.acknowledge_entries",
		"POST",
		{"entries": [e["name"] for e in entries], "payroll_reference": f"SAL-{baseline.paid}-E2E"},
	)
	j.check(got["status"] == 200, f"acknowledge_entries answers HTTP {got['status']}: {got.get('body')}")
	j.goto(f"/app/accountability-period/{baseline.paid}")
	if j.wait_form(baseline.paid):
		period_status(j, "已兑现", "payroll deducted every entry")
	j.step("扣款兑现 afresh: the acknowledged entries read 已扣款")
	j.goto("/app/penalty-entry?status=Deducted", reload=True)
	deducted = j.list_names()
	rows = j.list_texts()
	j.check(
		set(e["name"] for e in entries) <= set(deducted),
		f"the deducted entries list shows {deducted}, not {[e['name'] for e in entries]}",
	)
	j.check(
		bool(rows) and all("已扣款" in r for r in rows), f"the deducted entries do not read 已扣款: {rows}"
	)
	j.finish()


# ---------------------------------------------------------------- 计划财务部: reads, changes nothing


def test_finance_viewer_reads_entries_and_the_assessment_report(journey_for, baseline):
	j = journey_for("finance")
	j.step("open 扣款兑现 from the workspace")
	j.open_workspace()
	j.workspace_link("扣款兑现", card_link_first=True)
	names = j.list_names()
	j.check(len(names) >= 3, f"the penalty entry list shows {len(names)} entries")
	j.money("the penalty entry list")
	new = j.page.locator(".page-container:visible .primary-action:visible")
	j.check(not new.count(), "a read-only viewer is offered a 新建 button on 扣款兑现")
	j.step("the 处罚考核表 report for the paid period, from the workspace")
	j.to_workspace()
	j.workspace_link("处罚考核表")
	j.no_error("opening the report")
	period_filter = j.page.locator(
		'.page-container:visible .page-form .frappe-control[data-fieldname="period"]'
	).first
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

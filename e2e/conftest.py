"""Fixtures of the browser layer: Debian's chromium, one user per role, and the baseline a month
of the cycle starts from, made through the REST API as Administrator.

Run through scripts/browser-tests.sh, which prepares the site and serves it; it passes
CA_E2E_BASE_URL (http://ca-e2e.localhost:PORT). Dates follow today: the journeys work on the
periods just before the current one, so the flows are possible whenever the suite runs.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

import pytest
from desk import ARTIFACTS, Api, ApiError, Journey, app_english, in_period, period_of, shift
from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("CA_E2E_BASE_URL", "http://ca-e2e.localhost:8017")
ADMIN_PASSWORD = os.environ.get("CA_E2E_ADMIN_PASSWORD", "admin")
PASSWORD = "E2e-Journey#2026-zh"
CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


@dataclass(frozen=True)
class Role:
	key: str
	role: str
	label: str  # how the branch names the role
	email: str
	first_name: str


ROLES = {
	r.key: r
	for r in (
		Role(
			"admin",
			"Accountability Administrator",
			"管理员 (Accountability Administrator)",
			"e2e-admin@example.com",
			"系统管理员小周",
		),
		Role(
			"sysmgr",
			"System Manager",
			"系统管理员 (System Manager)",
			"e2e-sysmgr@example.com",
			"信息技术部小吴",
		),
		Role(
			"desk",
			"Complaint Desk Officer",
			"投诉岗 (Complaint Desk Officer)",
			"e2e-desk@example.com",
			"投诉岗小王",
		),
		Role(
			"manager",
			"Complaint Manager",
			"投诉管理岗 (Complaint Manager)",
			"e2e-manager@example.com",
			"投诉管理岗老刘",
		),
		Role(
			"icm",
			"Institution Complaint Manager",
			"机构投诉管理员 (Institution Complaint Manager)",
			"e2e-icm-east@example.com",
			"城东投诉管理员",
		),
		Role(
			"icm_west",
			"Institution Complaint Manager",
			"机构投诉管理员 城西",
			"e2e-icm-west@example.com",
			"城西投诉管理员",
		),
		Role(
			"business_line",
			"Business Line Reviewer",
			"业务条线 (Business Line Reviewer)",
			"e2e-bl@example.com",
			"车险条线审核人",
		),
		Role(
			"committee",
			"Accountability Committee",
			"领导小组 (Accountability Committee)",
			"e2e-committee@example.com",
			"领导小组组长",
		),
		Role(
			"payroll",
			"Payroll Officer",
			"薪酬专员 (Payroll Officer)",
			"e2e-payroll@example.com",
			"薪酬专员小陈",
		),
		Role(
			"finance", "Finance Viewer", "计划财务部 (Finance Viewer)", "e2e-finance@example.com", "财务小林"
		),
		Role("staff", "Accountable Staff", "责任人员 (Accountable Staff)", "e2e-staff@example.com", "张三"),
	)
}

# Staff logins made after the compile, which the desk links to a person (test_journeys: relinking)
LATE_LOGINS = {
	"late_a": Role(
		"late_a",
		"Accountable Staff",
		"责任人员 新账号甲 (Accountable Staff, linked after the compile)",
		"e2e-new-late-a@example.com",
		"孙九",
	),
	"late_b": Role(
		"late_b",
		"Accountable Staff",
		"责任人员 新账号乙 (Accountable Staff, relinked to)",
		"e2e-new-late-b@example.com",
		"孙九新账号",
	),
}

BRANCH, EAST, WEST = "E2E分公司", "E2E城东支公司", "E2E城西支公司"
BUSINESS_LINE = "E2E车险条线"
# employee numbers (the Accountable Person's name)
STAFF, EAST_HEAD, WEST_CLERK, DESK_CLERK, EAST_CLERK = "E2E001", "E2E002", "E2E003", "E2E004", "E2E005"
LATE_PERSON = "E2E006"  # 孙九: no login until the desk links one, after the compile


@dataclass
class Baseline:
	today: dt.date
	current: str  # the period today belongs to
	paid: str  # C-4: handed to payroll, entries pending
	notice: str  # C-3: every finding Final, appeal window over: the committee ends the cycle
	review: str  # C-2: findings at each step; appeal window extended
	compile: str  # C-1: ended, not compiled yet
	complaints: dict[str, str] = field(default_factory=dict)
	findings: dict[str, str] = field(default_factory=dict)
	appeals: dict[str, str] = field(default_factory=dict)
	remediations: dict[str, str] = field(default_factory=dict)
	documents: dict[str, str] = field(
		default_factory=dict
	)  # "<kind>:<institution>" -> Period Document (period C-4)
	errors: list[str] = field(default_factory=list)

	def need(self, key: str, kind: str = "findings") -> str:
		"""A baseline record a journey starts from, or a failure that says why it is missing."""
		value = getattr(self, kind).get(key)
		if not value:
			pytest.fail(
				f"the baseline has no {kind[:-1]} {key!r}: "
				+ "; ".join(self.errors or ["(no error recorded)"])
			)
		return value


# ---------------------------------------------------------------- session fixtures


def pytest_sessionstart(session):
	"""Problem screenshots and journey records of this run only."""
	if ARTIFACTS.is_dir():
		for path in ARTIFACTS.iterdir():
			if path.suffix in (".png", ".json"):
				path.unlink()
	ARTIFACTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def base_url() -> str:
	return BASE_URL


@pytest.fixture(scope="session")
def admin(base_url) -> Api:
	return Api(base_url, "Administrator", ADMIN_PASSWORD)


def make_user(admin: Api, r: Role) -> None:
	"""A desk user holding only ``r.role``, language zh, a known password (made again if it exists)."""
	fields = {
		"first_name": r.first_name,
		"language": "zh",
		"time_zone": "Asia/Shanghai",
		"user_type": "System User",
		"send_welcome_email": 0,
		"enabled": 1,
		"roles": [{"role": r.role}],
		"new_password": PASSWORD,
	}
	if not admin.exists("User", r.email):
		admin.insert("User", email=r.email, **fields)
		return
	# An existing user is saved only where it differs: saving a password logs the user's sessions
	# out, and each save queues Frappe's jobs (contact, gravatar) for the worker.
	stored = admin.get("User", r.email)
	del fields["new_password"], fields["send_welcome_email"]
	changed = {k: v for k, v in fields.items() if k != "roles" and stored.get(k) != v}
	if [x["role"] for x in stored.get("roles", [])] != [r.role]:
		changed["roles"] = fields["roles"]
	try:
		Api(BASE_URL, r.email, PASSWORD)
	except ApiError:
		changed["new_password"] = PASSWORD
	if changed:
		admin.update("User", r.email, **changed)


@pytest.fixture(scope="session")
def users(admin) -> dict[str, Role]:
	"""One desk user per role, holding only that role, language zh, a known password."""
	for r in ROLES.values():
		make_user(admin, r)
	return {**ROLES, **LATE_LOGINS}


def _complaint(admin: Api, receipts, institution, persons=(), outcome="Unresolved", **fields) -> str:
	doc = admin.insert(
		"Complaint",
		customer_name=fields.pop("customer_name", "E2E客户"),
		transferred=1,
		handling_institution=institution,
		first_coordination_outcome=outcome,
		receipts=[{"received_on": day, "channel": channel} for day, channel in receipts],
		responsible_persons=[
			{"person": p, "liability": lia, "determined_by": "Complaint Desk"} for p, lia in persons
		],
		**fields,
	)
	return doc["name"]


def _finding(admin: Api, complaint: str, person: str) -> str:
	rows = admin.list("Responsibility Finding", {"complaint": complaint, "person": person}, ("name",))
	if not rows:
		raise ApiError(f"compile proposed no finding for {person} on {complaint}")
	return rows[0]["name"]


@pytest.fixture(scope="session")
def baseline(admin, users) -> Baseline:
	"""What the month looks like when the journeys start (site reset by browser-tests.sh)."""
	today = dt.date.today()
	current = period_of(today)
	b = Baseline(
		today, current, shift(current, -4), shift(current, -3), shift(current, -2), shift(current, -1)
	)

	admin.insert("Business Line", business_line_name=BUSINESS_LINE, reviewer=users["business_line"].email)
	admin.insert("Institution", institution_name=BRANCH, institution_type="Branch", is_group=1)
	for name, manager in ((EAST, users["icm"].email), (WEST, users["icm_west"].email)):
		admin.insert(
			"Institution",
			institution_name=name,
			institution_type="Sub-branch",
			parent_institution=BRANCH,
			is_group=1,
			complaint_manager=manager,
		)
	for number, name, institution, user, desk in (
		(STAFF, "张三", EAST, users["staff"].email, 0),
		(EAST_HEAD, "李四", EAST, None, 0),
		(WEST_CLERK, "王五", WEST, None, 0),
		(DESK_CLERK, "赵六", BRANCH, None, 1),
		(EAST_CLERK, "钱七", EAST, None, 0),
		(LATE_PERSON, "孙九", EAST, None, 0),
	):
		admin.insert(
			"Accountable Person",
			employee_number=number,
			full_name=name,
			institution=institution,
			user=user,
			is_complaint_desk=desk,
		)

	c = b.complaints
	# C-4: charged, confirmed, its documents made, handed to payroll
	c["paid"] = _complaint(
		admin,
		[(in_period(b.paid), "客服热线")],
		EAST,
		[(STAFF, "Direct"), (EAST_HEAD, "Management")],
		customer_name="E2E客户甲",
	)
	c["paid_west"] = _complaint(
		admin, [(in_period(b.paid), "网络")], WEST, [(WEST_CLERK, "Direct")], customer_name="E2E客户甲二"
	)
	# C-3: two institutions, every finding Final, deadline long past
	c["notice_west"] = _complaint(
		admin, [(in_period(b.notice), "网络")], WEST, [(WEST_CLERK, "Direct")], customer_name="E2E客户乙"
	)
	c["notice_east"] = _complaint(
		admin, [(in_period(b.notice), "客服热线")], EAST, [(EAST_CLERK, "Direct")], customer_name="E2E客户丙"
	)
	# C-2: one finding at each step of the workflow
	c["to_propose"] = _complaint(
		admin, [(in_period(b.review), "客服热线")], EAST, [(EAST_CLERK, "Direct")], customer_name="E2E客户丁"
	)
	c["business_line"] = _complaint(
		admin,
		[(in_period(b.review), "总公司")],
		WEST,
		[(WEST_CLERK, "Direct")],
		business_line=BUSINESS_LINE,
		customer_name="E2E客户戊",
	)
	c["committee"] = _complaint(
		admin, [(in_period(b.review), "网络")], EAST, [(EAST_HEAD, "Direct")], customer_name="E2E客户己"
	)
	c["staff_appeal"] = _complaint(
		admin,
		[(in_period(b.review, 3), "客服热线"), (in_period(b.review, 8), "监管局")],
		EAST,
		[(STAFF, "Direct")],
		customer_name="E2E客户庚",
	)
	c["appealed"] = _complaint(
		admin,
		[(in_period(b.review), "行业协会")],
		EAST,
		[(EAST_CLERK, "Management")],
		customer_name="E2E客户辛",
	)
	c["to_revoke"] = _complaint(
		admin,
		[(in_period(b.review), "其他外部单位")],
		EAST,
		[(EAST_CLERK, "Direct")],
		customer_name="E2E客户辛二",
	)
	c["icm_appeal"] = _complaint(
		admin, [(in_period(b.review), "网络")], EAST, [(EAST_HEAD, "Management")], customer_name="E2E客户壬"
	)
	c["west_review"] = _complaint(
		admin,
		[(in_period(b.review), "客服热线")],
		WEST,
		[(WEST_CLERK, "Management")],
		customer_name="E2E客户癸",
	)
	c["late_link"] = _complaint(
		admin, [(in_period(b.review), "监管局")], EAST, [(LATE_PERSON, "Direct")], customer_name="E2E客户卯"
	)
	# C-1: ended, waiting for the committee's compile
	c["to_compile_east"] = _complaint(
		admin,
		[(in_period(b.compile), "网络")],
		EAST,
		[(STAFF, "Direct"), (EAST_HEAD, "Management")],
		customer_name="E2E客户子",
	)
	c["to_compile_west"] = _complaint(
		admin, [(in_period(b.compile), "监管局")], WEST, [(WEST_CLERK, "Direct")], customer_name="E2E客户丑"
	)
	# today: transferred, unresolved, nobody named yet (the complaint manager names them)
	c["unnamed"] = _complaint(admin, [(today.isoformat(), "客服热线")], EAST, customer_name="E2E客户寅")

	f = b.findings
	advance_to_final = ("Propose", "Send to Committee", "Approve")
	try:
		admin.call("complaint_accountability.api.compile_period", period=b.paid)
		for key, complaint, person in (
			(f"paid_{STAFF}", "paid", STAFF),
			(f"paid_{EAST_HEAD}", "paid", EAST_HEAD),
			(f"paid_{WEST_CLERK}", "paid_west", WEST_CLERK),
		):
			f[key] = _finding(admin, c[complaint], person)
			admin.apply_workflow("Responsibility Finding", f[key], *advance_to_final)
		admin.call("complaint_accountability.api.send_assessment_tables", period=b.paid)
		admin.call("complaint_accountability.api.confirm_unappealed", period=b.paid)
		admin.call("complaint_accountability.api.issue_notices", period=b.paid)
		admin.call("complaint_accountability.api.hand_off_to_payroll", period=b.paid)
		for d in admin.list(
			"Period Document", {"accountability_period": b.paid}, ("name", "kind", "institution", "file")
		):
			b.documents[f"{d['kind']}:{d['institution']}"] = d["name"]
			b.documents[f"file:{d['kind']}:{d['institution']}"] = d["file"]

		admin.call("complaint_accountability.api.compile_period", period=b.notice)
		for key, person in (("notice_west", WEST_CLERK), ("notice_east", EAST_CLERK)):
			f[key] = _finding(admin, c[key], person)
			admin.apply_workflow("Responsibility Finding", f[key], *advance_to_final)

		admin.call("complaint_accountability.api.compile_period", period=b.review)
		# the leading group moved this period's appeal deadline a month on, before deciding, so
		# the persons' notifications quote the deadline that holds
		admin.update(
			"Accountability Period", b.review, appeal_deadline=(today + dt.timedelta(days=30)).isoformat()
		)
		f["to_propose"] = _finding(admin, c["to_propose"], EAST_CLERK)
		f["business_line"] = _finding(admin, c["business_line"], WEST_CLERK)
		admin.apply_workflow(
			"Responsibility Finding", f["business_line"], "Propose", "Refer to Business Line"
		)
		f["committee"] = _finding(admin, c["committee"], EAST_HEAD)
		admin.apply_workflow("Responsibility Finding", f["committee"], "Propose", "Send to Committee")
		for key, person in (
			("staff_appeal", STAFF),
			("appealed", EAST_CLERK),
			("to_revoke", EAST_CLERK),
			("icm_appeal", EAST_HEAD),
			("west_review", WEST_CLERK),
			("late_link", LATE_PERSON),
		):
			f[key] = _finding(admin, c[key], person)
			admin.apply_workflow("Responsibility Finding", f[key], *advance_to_final)
		admin.insert("Accountability Period", period_name=b.compile)
	except ApiError as e:
		b.errors.append(str(e))

	# appeals filed by the east sub-branch's complaint manager, for the committee to decide
	try:
		icm = Api(BASE_URL, users["icm"].email, PASSWORD)
		for key, finding, reason in (
			("to_decide", "appealed", "已告知免责条款,有录音为证"),
			("to_revoke", "to_revoke", "客户投诉的是合作机构,非本机构人员"),
		):
			if not f.get(finding):
				continue
			evidence = icm.upload(
				f"无责证据-{key}.txt", "客户来电录音摘要:业务员已按规定告知免责条款。".encode()
			)
			appeal = icm.insert("Appeal", responsibility_finding=f[finding], reason=reason, evidence=evidence)
			icm.apply_workflow("Appeal", appeal["name"], "File Appeal")
			b.appeals[key] = appeal["name"]
	except ApiError as e:
		b.errors.append(f"filing the baseline appeals as {users['icm'].email}: {e}")
	# a remediation the leading group opened on an east complaint, its owner the east manager
	try:
		committee = Api(BASE_URL, users["committee"].email, PASSWORD)
		b.remediations["east"] = committee.insert(
			"Remediation",
			title="E2E理赔时效整改",
			institution=EAST,
			root_cause="查勘人员不足,理赔时效超期",
			measures="增配查勘人员,每周通报理赔时效",
			remediation_owner=users["icm"].email,
			due_on=(today + dt.timedelta(days=30)).isoformat(),
			complaints=[{"complaint": c["committee"]}],
		)["name"]
	except ApiError as e:
		b.errors.append(f"opening the baseline remediation as {users['committee'].email}: {e}")
	return b


@pytest.fixture(scope="session")
def app_strings() -> set[str]:
	return app_english()


@pytest.fixture(scope="session")
def browser():
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture
def journey_for(browser, base_url, users, baseline, app_strings):
	"""journey_for("staff") -> a Journey of that role's user, logged in, on /app."""
	contexts = []
	journeys: list[Journey] = []

	def start(key: str, record_as: str | None = None, label: str | None = None) -> Journey:
		"""``record_as``/``label``: a second journey of the same user in one test, kept apart."""
		role = users[key]
		context = browser.new_context(
			base_url=base_url,
			locale="zh-CN",
			timezone_id="Asia/Shanghai",
			viewport={"width": 1440, "height": 900},
		)
		context.set_default_timeout(20_000)
		contexts.append(context)
		page = context.new_page()

		# The context's request API resolves names outside Chromium, where *.localhost is unknown;
		# the login POST is made from a page of the site instead, so the cookies land in the context.
		def log_in() -> None:
			page.goto("/api/method/ping")
			status = page.evaluate(
				"""async ([usr, pwd]) => (await fetch('/api/method/login', {method: 'POST',
					headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json'},
					body: new URLSearchParams({usr, pwd})})).status""",
				[role.email, PASSWORD],
			)
			assert status == 200, f"{role.email} could not log in (HTTP {status})"

		log_in()
		journey = Journey(page, record_as or key, label or role.label, app_strings)
		journeys.append(journey)
		journey.step("log in and open /app: the desk opens on the app's workspace")
		page.goto("/app")
		if "/login" in page.url:  # the session did not hold (seen once, right after the baseline)
			journey.log.append("the desk answered with the login page: logged in again")
			log_in()
			page.goto("/app")
		journey.settle()
		journey.no_error("logging in")
		journey.landed_on_workspace()
		currency = page.evaluate("() => frappe.boot.sysdefaults && frappe.boot.sysdefaults.currency")
		journey.check(
			currency == "CNY",
			f"the site's default currency is {currency!r}, not CNY (the app sets it at install and migrate)",
		)
		return journey

	yield start
	for journey in journeys:
		if not journey.finished:  # ended by an exception: keep its screen and what it found so far
			journey.log.append("ended early: " + journey.current)
			journey.save_record()
			print(journey.report())
	for context in contexts:
		context.close()


def pytest_terminal_summary(terminalreporter):
	"""What each role saw that was wrong, in one place (also e2e/artifacts/summary.md)."""
	import json

	records = sorted(ARTIFACTS.glob("journey-*.json"))
	if not records:
		return
	lines = ["# What each role saw that was wrong", ""]
	untranslated: set[str] = set()
	for path in records:
		record = json.loads(path.read_text())
		lines.append(f"## {record['role']}: {len(record['problems'])} problem(s)")
		lines += [f"- {p}" for p in record["problems"]] or ["- nothing"]
		lines.append("")
		for texts in record["untranslated"].values():
			untranslated.update(texts)
	lines.append("## App-owned English on screen: " + (", ".join(sorted(untranslated)) or "none"))
	frappe_english: set[str] = set()
	for path in records:
		for texts in json.loads(path.read_text()).get("frappe_english", {}).values():
			frappe_english.update(texts)
	lines.append("")
	lines.append("## Other English on screen (Frappe's own wording, or data; not the app's): ")
	lines += [f"- {t}" for t in sorted(frappe_english)] or ["- none"]
	(ARTIFACTS / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
	terminalreporter.write_sep(
		"-", "browser journeys: what each role saw that was wrong (e2e/artifacts/summary.md)"
	)
	for path in records:
		record = json.loads(path.read_text())
		terminalreporter.write_line(f"{record['role']}: {len(record['problems'])} problem(s)")

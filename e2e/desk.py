"""What the journeys share: the admin's REST client, period dates, and a Journey that drives the
desk as a user does and writes down, step by step, everything the user sees that is wrong.

A journey keeps going after a wrong thing where the user could (the report wants all of them),
and fails at the end listing each one with its step, URL and what was on the screen.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO = Path(__file__).resolve().parent.parent
APP = Path(os.environ.get("CA_APP_SOURCE") or REPO)
if not (APP / "complaint_accountability").is_dir():  # CA_APP_SOURCE=bench
	APP = REPO
ARTIFACTS = REPO / "e2e" / "artifacts"
# Each journey's last screen goes with this run's artifacts; CA_E2E_SHOTS=docs/screenshots refreshes
# the committed ones, so a test run leaves the working tree as it found it.
SHOTS = REPO / os.environ.get("CA_E2E_SHOTS", "e2e/artifacts")

ERROR_WORDS = re.compile(
	r"不允许|没有权限|无权限|Not permitted|Not Permitted|Insufficient Permission|You do not have|Traceback"
)
FOREIGN_CURRENCY = "د.إ"
# The app's workspace, as the sidebar and its title name it (投诉责任追究, or 投诉管理责任追究)
WORKSPACE = re.compile(r"投诉(管理)?责任追究")
WORKSPACE_ROUTE = "/app/complaint-accountability"
# Visible English that is data, not wording: document names, e-mails, files, codes, amounts
NOT_WORDING = re.compile(
	r"^(?:[A-Z]{2}-\d{4}-\d+|E2E\S*|\S+@\S+|\S+\.(?:txt|csv|pdf|xlsx)|[A-Z]{1,4}|P\d+|TS-\S+|\d.*|.*\d{4}-\d{2}.*|[A-Z][a-z]+/[A-Za-z_]+)$"
)


# ---------------------------------------------------------------- dates of the monthly cycle


def period_of(day: dt.date) -> str:
	"""The period (YYYY-MM) a day belongs to: the 21st of the previous month to the 20th."""
	year, month = day.year, day.month
	if day.day >= 21:
		year, month = (year + 1, 1) if month == 12 else (year, month + 1)
	return f"{year:04d}-{month:02d}"


def shift(period: str, months: int) -> str:
	year, month = map(int, period.split("-"))
	index = year * 12 + (month - 1) + months
	return f"{index // 12:04d}-{index % 12 + 1:02d}"


def window(period: str) -> tuple[dt.date, dt.date]:
	year, month = map(int, period.split("-"))
	end = dt.date(year, month, 20)
	prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
	return dt.date(prev_year, prev_month, 21), end


def in_period(period: str, offset: int = 5) -> str:
	"""A day inside the period, ``offset`` days after its start."""
	return (window(period)[0] + dt.timedelta(days=offset)).isoformat()


# ---------------------------------------------------------------- REST, as a real client would


class ApiError(RuntimeError):
	pass


class Api:
	"""A session on the site's REST API (/api/method/login, /api/resource/...)."""

	def __init__(self, base_url: str, user: str, password: str):
		self.base_url = base_url.rstrip("/")
		parsed = urllib.parse.urlsplit(self.base_url)
		# *.localhost resolves only inside Chromium; the server is pinned to the site, so the
		# Python side talks to loopback and names the site in the Host header.
		self.host = parsed.netloc
		self.root = f"{parsed.scheme}://127.0.0.1:{parsed.port or 80}"
		self.user = user
		self.jar = http.cookiejar.CookieJar()
		self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
		self.call("login", usr=user, pwd=password)

	def _request(self, method: str, path: str, data: dict | None = None, params: dict | None = None):
		url = self.root + path + ("?" + urllib.parse.urlencode(params) if params else "")
		body = None
		headers = {"Host": self.host, "Accept": "application/json"}
		if data is not None:
			body = json.dumps(data).encode()
			headers["Content-Type"] = "application/json"
		req = urllib.request.Request(url, data=body, method=method, headers=headers)
		try:
			with self.opener.open(req, timeout=120) as resp:
				payload = resp.read().decode()
		except urllib.error.HTTPError as e:
			text = e.read().decode(errors="replace")
			raise ApiError(
				f"{self.user}: {method} {path} -> HTTP {e.code}: {_server_message(text)}"
			) from None
		return json.loads(payload) if payload else {}

	def call(self, method: str, **kwargs):
		return self._request("POST", f"/api/method/{method}", kwargs).get("message")

	def get_call(self, method: str, **params):
		return self._request("GET", f"/api/method/{method}", params=params).get("message")

	def insert(self, doctype: str, **fields) -> dict:
		return self._request("POST", f"/api/resource/{urllib.parse.quote(doctype)}", fields)["data"]

	def get(self, doctype: str, name: str) -> dict:
		return self._request(
			"GET", f"/api/resource/{urllib.parse.quote(doctype)}/{urllib.parse.quote(name)}"
		)["data"]

	def update(self, doctype: str, name: str, **fields) -> dict:
		path = f"/api/resource/{urllib.parse.quote(doctype)}/{urllib.parse.quote(name)}"
		return self._request("PUT", path, fields)["data"]

	def exists(self, doctype: str, name: str) -> bool:
		return bool(
			self.get_call(
				"frappe.client.get_value",
				doctype=doctype,
				filters=json.dumps({"name": name}),
				fieldname="name",
			)
		)

	def list(
		self, doctype: str, filters=None, fields=("name",), order_by="creation asc", limit=500
	) -> list[dict]:
		params = {
			"fields": json.dumps(list(fields)),
			"filters": json.dumps(filters or {}),
			"order_by": order_by,
			"limit_page_length": limit,
		}
		return self._request("GET", f"/api/resource/{urllib.parse.quote(doctype)}", params=params)["data"]

	def apply_workflow(self, doctype: str, name: str, *actions: str) -> dict:
		doc = self.get(doctype, name)
		for action in actions:
			doc = self.call("frappe.model.workflow.apply_workflow", doc=doc, action=action)
		return doc

	def upload(self, filename: str, content: bytes, is_private: int = 1, **attach_to) -> str:
		"""Upload a file as multipart form data (what the desk's uploader does); returns file_url."""
		boundary = "----e2eboundary7d3f"
		fields = {"is_private": str(is_private), **{k: str(v) for k, v in attach_to.items()}}
		parts = []
		for key, value in fields.items():
			parts.append(
				f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
			)
		parts.append(
			f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
			"Content-Type: application/octet-stream\r\n\r\n".encode()
			+ content
			+ b"\r\n"
		)
		parts.append(f"--{boundary}--\r\n".encode())
		req = urllib.request.Request(
			self.root + "/api/method/upload_file",
			data=b"".join(parts),
			method="POST",
			headers={
				"Host": self.host,
				"Content-Type": f"multipart/form-data; boundary={boundary}",
				"Accept": "application/json",
			},
		)
		try:
			with self.opener.open(req, timeout=120) as resp:
				return json.loads(resp.read().decode())["message"]["file_url"]
		except urllib.error.HTTPError as e:
			raise ApiError(
				f"{self.user}: upload {filename} -> HTTP {e.code}: {_server_message(e.read().decode(errors='replace'))}"
			) from None


def _server_message(text: str) -> str:
	"""The user-facing part of a Frappe error response."""
	try:
		payload = json.loads(text)
	except ValueError:
		return text[:300]
	messages = []
	for raw in json.loads(payload.get("_server_messages") or "[]"):
		try:
			messages.append(re.sub(r"<[^>]+>", "", json.loads(raw).get("message", "")))
		except ValueError:
			messages.append(raw)
	return " | ".join(messages) or payload.get("exc_type") or text[:300]


# ---------------------------------------------------------------- the English the app owns


def app_english() -> set[str]:
	"""Every label, option, state, action and message the app itself shows in English.

	A visible text equal to one of these means the user reads the app's English: its zh
	translation is missing or not applied.
	"""
	strings: set[str] = set()
	package = APP / "complaint_accountability"
	module = package / "complaint_accountability"
	for path in module.glob("doctype/*/*.json"):
		meta = json.loads(path.read_text())
		if meta.get("doctype") != "DocType":
			continue
		strings.add(meta["name"])
		for field in meta.get("fields", []):
			if field.get("label"):
				strings.add(field["label"])
			if field.get("fieldtype") == "Select":
				strings.update(o for o in (field.get("options") or "").split("\n") if o.strip())
	workflows = json.loads((package / "fixtures" / "workflow.json").read_text())
	for workflow in workflows:
		strings.update(s["state"] for s in workflow["states"])
		strings.update(t["action"] for t in workflow["transitions"])
	for path in (
		list(module.glob("workspace/*/*.json"))
		+ list(module.glob("number_card/*/*.json"))
		+ list(module.glob("dashboard_chart/*/*.json"))
		+ list(module.glob("report/*/*.json"))
	):
		meta = json.loads(path.read_text())
		for key in ("label", "name", "chart_name", "report_name", "title"):
			if isinstance(meta.get(key), str):
				strings.add(meta[key])
		for item in meta.get("links", []) + meta.get("shortcuts", []):
			if item.get("label"):
				strings.add(item["label"])
		for block in json.loads(meta.get("content") or "[]") if isinstance(meta.get("content"), str) else []:
			text = re.sub(r"<[^>]+>", "", (block.get("data") or {}).get("text") or "")
			if text.strip():
				strings.add(text.strip())
	for path in list(module.glob("module_onboarding/*/*.json")) + list(
		module.glob("onboarding_step/*/*.json")
	):
		meta = json.loads(path.read_text())
		for key in ("title", "subtitle", "success_message", "action_label", "description"):
			if isinstance(meta.get(key), str) and "\n" not in meta[key]:
				strings.add(meta[key])
	for path in package.rglob("*.js"):
		strings.update(re.findall(r'__\("([^"]+)"', path.read_text()))
	for path in package.rglob("*.py"):
		if "tests" in path.parts:
			continue
		strings.update(re.findall(r'_\("([^"{}]+)"\)', path.read_text()))
	roles = (
		json.loads((package / "fixtures" / "role.json").read_text())
		if (package / "fixtures" / "role.json").exists()
		else []
	)
	strings.update(r.get("role_name") or r.get("name") for r in roles)
	return {s.strip() for s in strings if s and re.search(r"[A-Za-z]{2}", s) and len(s.strip()) > 1}


VISIBLE_TEXTS_JS = """
() => {
  const out = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (!text || !/[A-Za-z]{2}/.test(text)) continue;
    const el = node.parentElement;
    if (!el || el.closest('script,style,noscript,.hide,.hidden,[hidden],.ql-editor,.like-disabled-input .ellipsis[title],.tooltip-content')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    out.add(text);
  }
  for (const el of document.querySelectorAll('input[placeholder],button[title],[data-original-title]')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height && el.placeholder && /[A-Za-z]{2}/.test(el.placeholder)) out.add(el.placeholder.trim());
  }
  return [...out];
}
"""

IDLE_JS = """
() => {
  const f = window.frappe;
  const idle = document.readyState === 'complete' && f && f.request && f.dom && f.boot &&
    !f.request.ajax_count && !f.dom.freeze_count && !document.querySelector('#freeze.in, .freeze-message-container:not(.hide)');
  if (!idle) { window.__e2e_idle_since = 0; return false; }
  window.__e2e_idle_since = window.__e2e_idle_since || Date.now();
  return Date.now() - window.__e2e_idle_since > 200;
}
"""


class JourneyStopped(AssertionError):
	pass


class Journey:
	"""One role's walk through the desk; ``check`` writes down what is wrong and goes on."""

	def __init__(self, page: Page, role_key: str, role_label: str, app_strings: set[str]):
		self.page = page
		self.key = role_key
		self.label = role_label
		self.app_strings = app_strings
		self.current = "start"
		self.problems: list[str] = []
		self.untranslated: dict[str, set[str]] = {}
		self.frappe_english: dict[str, set[str]] = {}
		self.log: list[str] = []
		self._shots = 0
		self.finished = False
		self.last_dialog = ""
		self.started = time.monotonic()

	# ---- bookkeeping

	def step(self, text: str) -> None:
		self.current = text
		self.log.append(f"+{time.monotonic() - self.started:.1f}s {text}")

	def problem(self, what: str) -> None:
		self._shots += 1
		ARTIFACTS.mkdir(parents=True, exist_ok=True)
		shot = ARTIFACTS / f"journey-{self.key}-{self._shots:02d}.png"
		try:
			self.page.screenshot(path=str(shot), full_page=True)
		except PlaywrightError:
			shot = None
		where = self.page.url.split("://", 1)[-1].split("/", 1)[-1]
		self.problems.append(
			f"[{self.current}] {what} (URL /{where}{'; screenshot ' + str(shot.relative_to(REPO)) if shot else ''})"
		)

	def check(self, ok: bool, what: str) -> bool:
		if not ok:
			self.problem(what)
		return ok

	def stop(self, what: str):
		"""Something the user cannot get past: write it down and end the journey here."""
		self.problem(what)
		raise JourneyStopped(self.report())

	def report(self) -> str:
		lines = [f"{self.label}: {len(self.problems)} thing(s) wrong as the user sees it"]
		lines += [f"  {i}. {p}" for i, p in enumerate(self.problems, 1)]
		return "\n".join(lines)

	def finish(self) -> None:
		self.settle()
		self.save_record()
		assert not self.problems, self.report()

	def save_record(self) -> None:
		"""The journey's last screen (SHOTS) and its findings (e2e/artifacts)."""
		self.finished = True
		SHOTS.mkdir(parents=True, exist_ok=True)
		try:
			self.page.screenshot(path=str(SHOTS / f"journey-{self.key}.png"), full_page=False)
		except PlaywrightError:
			pass
		ARTIFACTS.mkdir(parents=True, exist_ok=True)
		(ARTIFACTS / f"journey-{self.key}.json").write_text(
			json.dumps(
				{
					"role": self.label,
					"steps": self.log,
					"problems": self.problems,
					"untranslated": {k: sorted(v) for k, v in self.untranslated.items()},
					"frappe_english": {k: sorted(v) for k, v in self.frappe_english.items()},
				},
				ensure_ascii=False,
				indent=1,
			)
		)

	# ---- waiting

	def settle(self, timeout: float = 30_000) -> None:
		"""Wait until Frappe has no request in flight and no freeze, for a moment."""
		try:
			self.page.wait_for_function(IDLE_JS, timeout=timeout, polling=50)
		except PlaywrightTimeout:
			self.problem(f"the page was still busy (requests or a freeze) after {timeout / 1000:.0f} s")

	# ---- what the user sees

	def error_dialog(self) -> str | None:
		"""The text of an error/message dialog on screen, or a not-permitted page."""
		dialog = self.page.locator(".modal.show .msgprint, .modal.show .modal-body .frappe-confirm-message")
		if dialog.count() and dialog.first.is_visible():
			title = self.page.locator(".modal.show .modal-title").first
			head = title.inner_text().strip() if title.count() else ""
			return (head + ": " if head else "") + " / ".join(t.strip() for t in dialog.all_inner_texts())
		page_body = self.page.locator(
			".page-container:visible .page-content, .page-container:visible .msg-box"
		)
		for text in page_body.all_inner_texts()[:3]:
			if ERROR_WORDS.search(text) and len(text) < 600:
				return text.strip()
		return None

	def no_error(self, after: str, allow: re.Pattern | None = None) -> bool:
		"""No error dialog after ``after``; an error is written down and its dialog closed.

		``allow``: a dialog Frappe shows by design at this step (closed, not written down)."""
		text = self.error_dialog()
		if text and allow and allow.search(text):
			self.close_dialogs()
			return True
		if text:
			self.problem(f"after {after} the user sees: «{_squash(text)}»")
			self.close_dialogs()
			return False
		return True

	def close_dialogs(self) -> None:
		for _ in range(4):
			modal = self.page.locator(".modal.show")
			if not modal.count():
				return
			close = modal.last.locator(".btn-modal-close, button.close, [data-dismiss='modal']")
			try:
				close.first.click(timeout=3_000)
			except (PlaywrightTimeout, PlaywrightError):
				self.page.keyboard.press("Escape")
			try:  # until Bootstrap's fade has ended: no backdrop, no modal on screen
				self.page.wait_for_function(
					"() => !document.querySelector('.modal-backdrop') && ![...document.querySelectorAll('.modal')]"
					".some(m => m.offsetParent !== null || getComputedStyle(m).display !== 'none')",
					timeout=3_000,
				)
			except (PlaywrightTimeout, PlaywrightError):
				pass
			self.settle()

	def chinese(self, where: str) -> None:
		"""No text the app owns is on screen in English. Other English on screen is Frappe's own
		wording (or data): kept in the record for the report, not a problem of the app."""
		texts = self.page.evaluate(VISIBLE_TEXTS_JS)
		pieces = {p.strip() for t in texts for p in re.split(r"[,，:：;；/·()（）]", t)}
		english = sorted({t for t in set(texts) | pieces if t in self.app_strings})
		if english:
			self.untranslated.setdefault(where, set()).update(english)
			self.problem(f"untranslated English on {where}: " + ", ".join(f"«{t}»" for t in english))
		others = {
			t
			for t in texts
			if t not in self.app_strings
			and not NOT_WORDING.match(t)
			and not any(e in t for e in english)
			and re.search(r"[A-Za-z]{3,}", re.sub(r"\b(xlsx|csv|pdf|txt|HRMS|CNY|null)\b", "", t))
		}
		if others:
			self.frappe_english.setdefault(where, set()).update(others)

	def money(self, where: str, expect_yen: bool = True) -> None:
		body = self.page.locator(".page-container:visible").first.inner_text()
		if FOREIGN_CURRENCY in body:
			sample = next((line for line in body.splitlines() if FOREIGN_CURRENCY in line), "")
			self.problem(f"money on {where} is shown in dirham «{_squash(sample)}», not ¥")
		elif expect_yen and "¥" not in body:
			self.problem(f"no ¥ amount visible on {where}")

	# ---- moving around the desk as a user

	def goto(self, path: str, reload: bool = False) -> None:
		"""Go to a desk address. Inside the desk this is the desk's own navigation (what the
		awesomebar, a link or the breadcrumb does), which loads no page; ``reload`` loads the page
		afresh, as typing the address does, where what is shown must come from the server now."""
		# a list re-shown by the desk keeps its rows for a moment and may ignore new route options:
		# an address with filters is loaded afresh
		reload = reload or "?" in path
		loaded = (
			not reload
			and path.startswith("/app")
			and self.page.evaluate(
				"() => !!(window.frappe && frappe.router && frappe.boot && frappe.boot.user)"
			)
		)
		if not loaded:
			self.page.goto(path)
			self.settle()
			return
		self.page.evaluate("route => frappe.set_route(route)", path)
		self.settle()

	def landed_on_workspace(self) -> bool:
		"""After logging in, /app opens the app's workspace (not 用户 or another of Frappe's)."""
		try:
			self.page.locator(".page-container:visible .page-head .title-text").first.wait_for(
				state="visible"
			)
		except PlaywrightTimeout:
			pass
		title = _squash(
			" ".join(self.page.locator(".page-container:visible .page-head .title-text").all_inner_texts())
		)
		path = "/" + self.page.url.split("://", 1)[-1].split("/", 1)[-1]
		return self.check(
			path.startswith(WORKSPACE_ROUTE) or bool(WORKSPACE.search(title)),
			f"after logging in the desk opens «{title}» ({path}), not the 投诉管理责任追究 workspace",
		)

	def open_workspace(self, label: re.Pattern | str = WORKSPACE) -> bool:
		"""From the desk, the sidebar entry of the app's workspace."""
		item = self.page.locator(".desk-sidebar .sidebar-item-container .item-anchor", has_text=label)
		try:
			item.first.wait_for(state="visible", timeout=10_000)
		except PlaywrightTimeout:
			names = [
				t.strip() for t in self.page.locator(".desk-sidebar .sidebar-item-label").all_inner_texts()
			]
			self.problem(
				f"the sidebar has no «{getattr(label, 'pattern', label)}» workspace; it shows: {names}"
			)
			return False
		item.first.click()
		self.page.wait_for_url(re.compile(r"/app/"))
		self.settle()
		self.page.locator(".widget").first.wait_for(state="visible", timeout=15_000)
		self.settle()
		return self.no_error("opening the app's workspace")

	def to_workspace(self) -> None:
		"""Back to the app's workspace, as the sidebar or the breadcrumb takes the user."""
		self.goto(WORKSPACE_ROUTE)
		try:
			self.page.locator(".widget").first.wait_for(state="visible", timeout=15_000)
		except PlaywrightTimeout:
			pass

	def workspace_link(self, label: str, card_link_first: bool = False) -> bool:
		"""A shortcut or a card link of the workspace, by its (Chinese) label, exactly.

		A shortcut may carry a filter (扣款兑现: only pending ones); ``card_link_first`` takes the
		card's plain link where both exist."""
		exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
		shortcut = self.page.locator(".widget.shortcut-widget-box").filter(
			has=self.page.locator(".widget-title", has_text=exact)
		)
		link = self.page.locator(".widget.links-widget-box .link-item").filter(
			has=self.page.locator(".link-text", has_text=exact)
		)
		try:  # the workspace draws its blocks after its data has come
			self.page.locator(".widget.shortcut-widget-box, .widget.links-widget-box").first.wait_for(
				state="visible", timeout=15_000
			)
			shortcut.or_(link).first.wait_for(state="visible", timeout=3_000)
		except PlaywrightTimeout:
			pass
		for loc in (link, shortcut) if card_link_first else (shortcut, link):
			if loc.count() and loc.first.is_visible():
				loc.first.click()
				self.settle()
				return self.no_error(f"following «{label}» from the workspace")
		shown = [
			_squash(t)
			for t in self.page.locator(
				".widget.shortcut-widget-box .widget-title, .link-item .link-text"
			).all_inner_texts()
		]
		self.problem(f"the workspace has no «{label}» shortcut or link; it shows: {shown}")
		return False

	def list_names(self) -> list[str]:
		"""The document names in the list view on screen, once it has loaded."""
		self.settle()
		try:
			self.page.wait_for_function(
				"""() => { const l = window.cur_list;
					if (!l || !l.$frappe_list || !l.$frappe_list.is(':visible') || frappe.request.ajax_count) return false;
					return (l.$result.is(':visible') && l.$result.find('.list-row-container').length > 0)
						|| l.$no_result.is(':visible'); }""",
				timeout=15_000,
				polling=100,
			)
		except PlaywrightTimeout:
			self.problem("the list did not load")
			return []
		return self.page.locator(
			".page-container:visible .frappe-list .list-row-container .list-row a[data-name]"
		).evaluate_all("els => [...new Set(els.map(e => e.dataset.name))]")

	def open_from_list(self, name: str) -> bool:
		shown = self.list_names()
		row = self.page.locator(f'.page-container:visible .frappe-list .list-row a[data-name="{name}"]')
		if name not in shown or not row.count():
			self.problem(f"{name} is not in the list the user sees; it shows {shown}")
			return False
		row.first.click()
		return self.wait_form(name)

	def wait_form(self, name: str | None = None) -> bool:
		js = """name => window.cur_frm && cur_frm.doc && (!name || cur_frm.doc.name === name)
			&& document.querySelector('.page-container:not([style*="display: none"]) .form-layout')"""
		try:
			self.page.wait_for_function(js, arg=name, timeout=20_000, polling=100)
		except PlaywrightTimeout:
			self.settle()
			text = self.error_dialog()
			self.problem(
				f"the form of {name or 'the document'} did not open"
				+ (f"; the user sees «{_squash(text)}»" if text else "")
			)
			self.close_dialogs()
			return False
		self.settle()
		return self.no_error(f"opening {name or 'the form'}")

	def field(self, fieldname: str):
		return self.page.locator(
			f'.page-container:visible .frappe-control[data-fieldname="{fieldname}"]'
		).first

	def field_text(self, fieldname: str) -> str:
		"""What the field shows as its value (its label and help text left out)."""
		control = self.field(fieldname)
		if not control.count():
			return ""
		value = control.locator(
			".control-value, .like-disabled-input, .control-input-wrapper, .frappe-control-html, .form-control"
		)
		if not value.count():
			return _squash(control.inner_text())
		return _squash(" ".join(t for t in value.all_inner_texts() if t.strip()))

	def doc_value(self, fieldname: str):
		return self.page.evaluate("f => cur_frm && cur_frm.doc[f]", fieldname)

	def set_link(self, fieldname: str, value: str, scope=None, look: str | None = None) -> None:
		"""Type into a Link field and pick the value from its awesomplete list, as a user does.

		``look``: where to check, while the list is open, that what it offers reads in Chinese."""
		box = (scope or self.field(fieldname)).locator("input").first
		box.click()
		box.fill(value)
		option = self.page.locator(".awesomplete [role=listbox] [role=option]:visible", has_text=value).first
		try:
			option.wait_for(state="visible", timeout=10_000)
			if look:
				self.settle()
				self.chinese(look)
			option.click()
		except PlaywrightTimeout:
			self.problem(f"the {fieldname} field offers no «{value}» to pick")
			box.press("Tab")
		self.settle()
		self.no_error(f"picking «{value}» in {fieldname}")

	def set_select(self, fieldname: str, label: str) -> bool:
		select = self.field(fieldname).locator("select")
		options = select.locator("option").all_inner_texts()
		if label not in [o.strip() for o in options]:
			self.problem(f"the {fieldname} select has no option «{label}»; it offers {options}")
			return False
		select.select_option(label=label)
		self.settle()
		return True

	def fill(self, fieldname: str, value: str, scope=None) -> None:
		"""Type a value into a field and leave it, as a user does; wait until the form has it."""
		box = (scope or self.field(fieldname)).locator("input, textarea").first
		box.click()
		box.fill(value)
		box.press("Escape")  # closes a date picker; harmless elsewhere
		box.blur()
		if scope is None:
			try:
				self.page.wait_for_function(
					"([f, v]) => window.cur_frm && String(cur_frm.doc[f] ?? '') === v",
					arg=[fieldname, value],
					timeout=5_000,
				)
			except PlaywrightTimeout:
				self.problem(
					f"the {fieldname} field did not take «{value}»: the form holds {self.doc_value(fieldname)!r}"
				)
		self.settle()

	def _press_save(self) -> None:
		self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
		self.settle()
		button = self.page.locator(
			".page-container:visible .page-actions .primary-action:visible", has_text="保存"
		)
		if button.count():
			button.first.click()
		else:
			self.page.keyboard.press("Control+s")

	def save_refused(self, expect: re.Pattern) -> bool:
		"""Press 保存 where the server must refuse: the user reads why (``expect``), in Chinese,
		and the form stays unsaved."""
		self._press_save()
		self.settle()
		if not self.read_dialog("saving what must be refused", ()):
			return False
		ok = self.check(
			bool(expect.search(self.last_dialog)),
			f"the refusal reads «{self.last_dialog}», not /{expect.pattern}/",
		)
		unsaved = self.page.evaluate("() => !!(window.cur_frm && (cur_frm.is_new() || cur_frm.is_dirty()))")
		return self.check(unsaved, "what had to be refused was saved") and ok

	def save(self, allow: re.Pattern | None = None) -> bool:
		"""Press 保存 (Ctrl+S where the button is hidden) and wait for the saved form."""
		self._press_save()
		try:
			self.page.wait_for_function(
				"""() => (window.cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty() && !frappe.request.ajax_count)
					|| document.querySelector('.modal.show .msgprint')""",
				timeout=20_000,
				polling=100,
			)
		except PlaywrightTimeout:
			pass
		self.settle()
		ok = self.no_error("saving", allow)
		unsaved = self.page.evaluate("() => !!(window.cur_frm && (cur_frm.is_new() || cur_frm.is_dirty()))")
		if ok and unsaved:
			self.problem("the form is still unsaved after pressing 保存")
			return False
		return ok

	def actions(self) -> list[str]:
		"""The entries of the workflow's 操作 (Actions) menu."""
		group = self.page.locator(".page-container:visible .page-actions .actions-btn-group")
		if not group.count() or not group.first.is_visible():
			return []
		return [
			_squash(t)
			for t in group.first.locator(".dropdown-menu .dropdown-item").all_inner_texts()
			if t.strip()
		]

	def workflow_action(self, label: str, expect_state: str | None = None) -> bool:
		group = self.page.locator(".page-container:visible .page-actions .actions-btn-group").first
		available = self.actions()
		if label not in available:
			self.problem(
				f"the 操作 menu has no «{label}»; it offers {available or 'nothing (no 操作 button)'}"
			)
			return False
		button_text = _squash(group.locator("button").first.inner_text())
		self.check(button_text == "操作", f"the workflow button reads «{button_text}», not «操作»")
		group.locator("button").first.click()
		group.locator(".dropdown-menu .dropdown-item", has_text=label).first.click()
		self.settle()
		ok = self.no_error(f"choosing 操作 → {label}")
		if ok and expect_state:
			state = self.doc_value("workflow_state")
			ok = self.check(
				state == expect_state, f"after 操作 → {label} the state is {state!r}, not {expect_state!r}"
			)
		return ok

	def custom_button(
		self, label: str, group: str | None = None, dialog: tuple[str, ...] | None = None
	) -> bool:
		"""Press a button of the form (in its ``group`` menu). ``dialog``: the button answers with a
		message dialog by design; each of these texts must be in it (it is read and closed)."""
		actions = self.page.locator(".page-container:visible .page-actions")
		if group:
			grp = actions.locator(".inner-group-button", has_text=group)
			if not grp.count() or not grp.first.is_visible():
				shown = [
					_squash(t)
					for t in actions.locator(
						".inner-group-button > button, .custom-actions > button"
					).all_inner_texts()
				]
				self.problem(f"no «{group}» button group on the form; the buttons are {shown}")
				return False
			grp.first.locator("button").first.click()
			item = grp.first.locator(".dropdown-menu .dropdown-item", has_text=label)
			if not item.count():
				items = [
					_squash(t) for t in grp.first.locator(".dropdown-menu .dropdown-item").all_inner_texts()
				]
				self.problem(f"the «{group}» menu has no «{label}»; it offers {items}")
				self.page.keyboard.press("Escape")
				return False
			item.first.click()
		else:
			button = actions.locator("button:visible", has_text=label)
			if not button.count():
				shown = [_squash(t) for t in actions.locator("button:visible").all_inner_texts()]
				self.problem(f"no «{label}» button on the form; the buttons are {shown}")
				return False
			button.first.click()
		self.settle(timeout=120_000)
		if dialog is None:
			return self.no_error(f"pressing «{label}»")
		return self.read_dialog(f"pressing «{label}»", dialog)

	def read_dialog(self, after: str, expect: tuple[str, ...]) -> bool:
		"""The message dialog shown after ``after`` must say each of ``expect``; it is then closed."""
		box = self.page.locator(".modal.show .msgprint")
		try:
			box.first.wait_for(state="visible", timeout=10_000)
		except PlaywrightTimeout:
			self.problem(f"after {after} no message dialog tells the user what was done")
			return False
		title = self.page.locator(".modal.show .modal-title").first
		text = _squash((title.inner_text() if title.count() else "") + " " + " ".join(box.all_inner_texts()))
		missing = [e for e in expect if e not in text]
		ok = self.check(not missing, f"after {after} the dialog reads «{text}»; it does not say {missing}")
		ok = self.check(not ERROR_WORDS.search(text), f"after {after} the dialog reads «{text}»") and ok
		self.last_dialog = text
		self.close_dialogs()
		return ok

	def attach(self, fieldname: str, path: Path) -> bool:
		"""Attach a file to an Attach field through Frappe's upload dialog."""
		control = self.field(fieldname)
		button = control.locator("button", has_text=re.compile("附件|Attach|上传"))
		if not button.count():
			self.problem(f"the {fieldname} field has no attach button")
			return False
		button.first.click()
		dialog = self.page.locator(".modal.show").last
		dialog.locator("input[type=file]").first.set_input_files(str(path))
		upload = dialog.locator(".modal-footer button.btn-primary")
		upload.first.click()
		try:
			dialog.wait_for(state="hidden", timeout=20_000)
		except PlaywrightTimeout:
			self.problem(
				f"the upload dialog of {fieldname} did not close: «{_squash(dialog.inner_text())[:300]}»"
			)
			self.close_dialogs()
			return False
		self.settle()
		value = self.doc_value(fieldname)
		return self.check(bool(value), f"after uploading, the {fieldname} field is empty") and self.no_error(
			"uploading"
		)

	# ---- more of what the user sees

	def headline(self) -> str:
		"""The form's headline message (frm.dashboard.set_headline_alert)."""
		loc = self.page.locator(".page-container:visible .form-message:visible")
		return _squash(" ".join(loc.all_inner_texts()))

	def grid_rows(self, fieldname: str) -> list[str]:
		"""The rows of a child table as the form shows them, one text per row."""
		grid = self.field(fieldname)
		return [_squash(t) for t in grid.locator(".grid-body .grid-row .data-row").all_inner_texts()]

	def list_texts(self) -> list[str]:
		"""The text of each row of the list view."""
		self.list_names()
		return [
			_squash(t)
			for t in self.page.locator(
				".page-container:visible .frappe-list .list-row-container .list-row"
			).all_inner_texts()
		]

	def editable_fields(self) -> list[str]:
		"""Fields of the open form that take input (the user could change them)."""
		return self.page.evaluate(
			"""() => (cur_frm.fields || []).filter(f => f.df && !['Section Break', 'Column Break', 'Tab Break',
				'HTML', 'Button', 'Heading', 'Fold'].includes(f.df.fieldtype) && f.disp_status === 'Write'
				&& f.$wrapper && f.$wrapper.is(':visible')).map(f => f.df.fieldname)"""
		)

	def save_button_shown(self) -> bool:
		return (
			self.page.locator(
				".page-container:visible .page-actions .primary-action:visible", has_text="保存"
			).count()
			> 0
		)

	def fetch(self, path: str, method: str = "GET", data: dict | None = None) -> dict:
		"""A request of this user's session (what another program with the login would send)."""
		return self.page.evaluate(
			"""async ([path, method, data]) => {
				const opts = {method, headers: {'Accept': 'application/json', 'X-Frappe-CSRF-Token': frappe.csrf_token}};
				if (data) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(data); }
				const r = await fetch(path, opts);
				const type = r.headers.get('content-type') || '';
				let body = null, head = '';
				if (type.includes('json')) body = await r.json();
				else head = String.fromCharCode(...new Uint8Array(await r.arrayBuffer()).slice(0, 5));
				return {status: r.status, type, body, head};
			}""",
			[path, method, data],
		)

	def bell(self) -> list[str]:
		"""Open the bell (Frappe's notifications) and read its items; closes it again."""
		icon = self.page.locator(".navbar .dropdown-notifications .notifications-icon")
		try:
			icon.first.wait_for(state="visible", timeout=10_000)
		except PlaywrightTimeout:
			self.problem("the navbar shows no notification bell")
			return []
		icon.first.click()
		items = self.page.locator(".navbar .notifications-list .notification-item")
		try:
			items.first.wait_for(state="visible", timeout=10_000)
		except PlaywrightTimeout:
			pass
		texts = [_squash(t) for t in items.all_inner_texts()]
		self.settle()
		return texts

	def close_bell(self) -> None:
		self.page.keyboard.press("Escape")
		self.page.locator("body").click(position={"x": 5, "y": 300})


def _squash(text: str) -> str:
	return re.sub(r"\s+", " ", text or "").strip()

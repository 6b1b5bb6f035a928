"""Desk analytics on a real site: both reports, the number cards, the charts and the workspace."""

import json
from collections import Counter
from decimal import Decimal

import frappe
from frappe import _
from frappe.desk.desktop import get_desktop_page
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as group_by_chart
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.query_report import run

from complaint_accountability.complaint_accountability.dashboard_chart_source.exemption_and_appeal_rates import (
	exemption_and_appeal_rates as rates_source,
)
from complaint_accountability.complaint_accountability.dashboard_chart_source.receipts_by_channel import (
	receipts_by_channel as receipts_source,
)
from complaint_accountability.cycle.compile import compile_period
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	advance,
	finalize,
	findings_of,
	make_appeal,
	make_complaint,
	make_institution_tree,
	make_person,
	make_user,
)

PERIOD = "2025-06"
MANAGER = "report-mgr-east@example.com"
BRANCH, EAST, EAST_DESK, WEST = (
	"报表测试分公司",
	"报表测试城东支公司",
	"报表测试城东营业部",
	"报表测试城西支公司",
)
EAST_SUBTREE = {EAST, EAST_DESK}
WORKSPACE = "Complaint Accountability"
NUMBER_CARDS = (
	"Open Complaints",
	"Complaints Past Time Limit",
	"Findings Awaiting Review",
	"Appeals Pending",
)
CHARTS = ("Receipts by Channel", "Penalties by Institution", "Exemption and Appeal Rates")
# Counted by a method of its own (Remediation's due date against today): tested in test_remediation.py
CUSTOM_CARDS = ("Remediations Past Due",)


def money(value) -> Decimal:
	return Decimal(str(value or 0)).quantize(Decimal("0.01"))


class TestDeskAnalytics(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(MANAGER, "Institution Complaint Manager")
		make_institution_tree(BRANCH, EAST, EAST_DESK, WEST, manager_a=MANAGER)
		make_person("RP-E1", "城东直接", EAST)
		make_person("RP-E2", "城东管理", EAST)
		make_person("RP-E3", "营业部直接", EAST_DESK)
		make_person("RP-W1", "城西直接", WEST)
		cls.cases = cls.make_cases()
		compile_period(PERIOD)
		cls.finalize_and_appeal()

	@classmethod
	def make_cases(cls) -> dict[str, str]:
		def case(receipts, institution, outcome="Unresolved", persons=(), **fields):
			return make_complaint(receipts, outcome, institution, persons, **fields).name

		return {
			# compound (escalation), satisfied: still accountable for both receipts
			"escalated": case(
				[("2025-05-25", "客服热线"), ("2025-06-10", "监管局")],
				EAST,
				"Satisfied",
				[("RP-E1", "Direct"), ("RP-E2", "Management")],
			),
			"desk": case([("2025-06-02", "网络")], EAST_DESK, persons=[("RP-E3", "Direct")]),
			"withdrawn": case([("2025-06-09", "客服热线")], EAST_DESK, "Withdrawn"),
			"pending": case([("2025-06-06", "网络")], EAST, "Pending"),
			"west": case([("2025-06-03", "总公司")], WEST, persons=[("RP-W1", "Direct")]),
			"west_draft": case([("2025-06-11", "行业协会")], WEST, persons=[("RP-W1", "Management")]),
			"satisfied": case([("2025-06-05", "客服热线")], WEST, "Satisfied"),
			"not_liable": case(
				[("2025-06-01", "网络"), ("2025-06-08", "新闻媒体")], WEST, "Not Insurance Liability"
			),
			"referred": case([("2025-06-04", "网络")], WEST, referred=1),
			"not_transferred": case([("2025-06-07", "客服热线")], None, transferred=0),
		}

	@classmethod
	def finalize_and_appeal(cls):
		"""Two final findings in the east subtree, one appealed; the west one revoked (cancelled)."""
		cls.escalated_direct = findings_of(cls.cases["escalated"], liability="Direct")[0].name
		cls.desk_direct = findings_of(cls.cases["desk"])[0].name
		cls.west_direct = findings_of(cls.cases["west"])[0].name
		finalize(cls.escalated_direct)
		finalize(cls.desk_direct)
		advance(cls.west_direct, "Propose", "Send to Committee", "Approve", "Revoke")
		with cls.freeze_time(cls, "2025-06-24 10:00:00"):
			make_appeal(cls.desk_direct, MANAGER)

	def assessment(self, **filters) -> tuple[list[dict], list]:
		"""The report's finding rows and its totals row."""
		result = run("Penalty Assessment", filters={"period": PERIOD, "view": "Finding", **filters})["result"]
		return result[:-1], result[-1]

	def period_findings(self, institutions) -> list[frappe._dict]:
		return frappe.get_all(
			"Responsibility Finding",
			filters={
				"accountability_period": PERIOD,
				"docstatus": ("<", 2),
				"institution": ("in", institutions),
			},
			fields=["name", "amount"],
		)

	# Penalty Assessment

	def test_total_row_is_the_sum_of_the_findings_amounts(self):
		rows, total = self.assessment(institution=BRANCH)
		expected = self.period_findings([BRANCH, EAST, EAST_DESK, WEST])
		self.assertEqual(sorted(r["finding"] for r in rows), sorted(f.name for f in expected))
		self.assertEqual(
			sum((money(r["amount"]) for r in rows), Decimal(0)), sum(money(f.amount) for f in expected)
		)
		self.assertEqual(money(total[-1]), sum(money(f.amount) for f in expected))
		# 600 + 350 + 100 + 150; the revoked 200 is left out
		self.assertEqual(money(total[-1]), Decimal("1200.00"))

	def test_person_view_sums_each_persons_findings(self):
		result = run("Penalty Assessment", filters={"period": PERIOD, "institution": BRANCH})["result"]
		rows, total = result[:-1], result[-1]
		expected = self.period_findings([BRANCH, EAST, EAST_DESK, WEST])
		self.assertEqual(sum(r["findings"] for r in rows), len(expected))
		self.assertEqual(money(total[-1]), Decimal("1200.00"))
		self.assertEqual(len({(r["employee_number"], r["liability"]) for r in rows}), len(rows))

	def test_revoked_findings_are_left_out(self):
		rows, _total = self.assessment(institution=BRANCH)
		self.assertNotIn(self.west_direct, {r["finding"] for r in rows})

	def test_institution_filter_includes_the_subtree(self):
		rows, total = self.assessment(institution=EAST)
		self.assertEqual({r["institution"] for r in rows}, EAST_SUBTREE)
		self.assertEqual(money(total[-1]), Decimal("1050.00"))
		rows, total = self.assessment(institution=EAST_DESK)
		self.assertEqual([r["finding"] for r in rows], [self.desk_direct])
		self.assertEqual(money(total[-1]), Decimal("100.00"))

	def test_liability_filter(self):
		rows, total = self.assessment(institution=BRANCH, liability="Management")
		self.assertEqual(sorted(r["employee_number"] for r in rows), ["RP-E2", "RP-W1"])
		self.assertEqual(money(total[-1]), Decimal("500.00"))

	def test_channel_breakdown_names_each_receipt_and_its_kind(self):
		self.addCleanup(setattr, frappe.local, "lang", frappe.local.lang)
		frappe.local.lang = "zh"
		rows, _total = self.assessment(institution=EAST)
		row = next(r for r in rows if r["finding"] == self.escalated_direct)
		self.assertEqual(row["channels"], "客服热线、监管局(升级投诉)")
		self.assertEqual((row["liability"], row["component"]), ("直接责任人", "扣减工资"))
		self.assertEqual(money(row["amount"]), Decimal("600.00"))

	def test_institution_manager_sees_only_their_subtree(self):
		with self.set_user(MANAGER):
			rows, total = self.assessment()
		expected = self.period_findings(sorted(EAST_SUBTREE))
		self.assertEqual(sorted(r["finding"] for r in rows), sorted(f.name for f in expected))
		self.assertEqual({r["institution"] for r in rows}, EAST_SUBTREE)
		self.assertEqual(money(total[-1]), Decimal("1050.00"))

	def test_institution_manager_filtering_on_another_institution_gets_nothing(self):
		with self.set_user(MANAGER):
			result = run("Penalty Assessment", filters={"period": PERIOD, "institution": WEST})["result"]
		self.assertEqual([r for r in result if isinstance(r, dict)], [])

	# Cases by Status

	def cases_by_status(self, **filters) -> dict:
		return run("Cases by Status", filters=filters)

	def test_cases_by_status_counts_and_reasons(self):
		result = self.cases_by_status(period=PERIOD)["result"]
		mine = {r["complaint"]: r for r in result if r["complaint"] in set(self.cases.values())}
		self.assertEqual(len(mine), len(self.cases))
		statuses = Counter(mine[name]["case_status"] for name in self.cases.values())
		self.assertEqual(
			statuses,
			Counter(
				{
					_("Accountable"): 4,
					_("Exempt"): 3,
					_("Awaiting Outcome"): 1,
					_("Referred"): 1,
					_("Out of Scope"): 1,
				}
			),
		)
		reasons = {key: mine[name]["exemption_reason"] for key, name in self.cases.items()}
		self.assertEqual(
			reasons,
			{
				"escalated": "",
				"desk": "",
				"west": "",
				"west_draft": "",
				"withdrawn": "首次协调客户撤诉,免责",
				"satisfied": "首次协调客户满意,免责",
				"not_liable": "明显不属于保险责任,免责",
				"pending": "首次协调结果待定,暂不考核",
				"referred": "个案不符合条款,另议",
				"not_transferred": "未转办,不追责",
			},
		)
		escalated = mine[self.cases["escalated"]]
		self.assertEqual((escalated["receipts"], escalated["is_compound"]), (2, 1))

	def test_cases_by_status_chart_counts_the_institutions_cases(self):
		chart = self.cases_by_status(institution=BRANCH)["chart"]
		counts = dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True))
		self.assertEqual(
			counts, {_("Exempt"): 3, _("Accountable"): 4, _("Awaiting Outcome"): 1, _("Referred"): 1}
		)
		self.assertEqual(chart["type"], "pie")

	def test_cases_by_status_for_the_manager_is_their_subtree(self):
		with self.set_user(MANAGER):
			result = self.cases_by_status(period=PERIOD)["result"]
		self.assertEqual({r["handling_institution"] for r in result}, EAST_SUBTREE)
		self.assertEqual(len(result), 4)

	# Number cards, charts, workspace

	def card_result(self, name: str) -> float:
		card = frappe.get_doc("Number Card", name)
		return get_result(frappe.as_json(card.as_dict()), card.filters_json)

	def test_number_cards_load_and_count_what_the_user_may_see(self):
		for name in NUMBER_CARDS:
			card = frappe.get_doc("Number Card", name)
			self.assertEqual((card.is_standard, card.type, card.function), (1, "Document Type", "Count"))
		self.assertEqual(
			self.card_result("Findings Awaiting Review"),
			frappe.db.count("Responsibility Finding", {"docstatus": 0}),
		)
		with self.set_user(MANAGER):
			counts = {name: self.card_result(name) for name in NUMBER_CARDS}
		self.assertEqual(counts["Open Complaints"], 3)  # escalated, desk, pending
		self.assertEqual(counts["Findings Awaiting Review"], 1)  # the escalated case's management finding
		self.assertEqual(counts["Appeals Pending"], 1)

	def test_receipts_by_channel_counts_a_periods_receipts_by_kind(self):
		with self.set_user(MANAGER):
			data = receipts_source.get(filters=json.dumps({"period": PERIOD}))
		values = {
			(channel, dataset["name"]): value
			for dataset in data["datasets"]
			for channel, value in zip(data["labels"], dataset["values"], strict=True)
			if value
		}
		self.assertEqual(
			values,
			{("客服热线", _("Initial")): 2, ("监管局", _("Escalation")): 1, ("网络", _("Initial")): 2},
		)
		self.assertEqual(data["labels"][:2], ["客服热线", "网络"])  # rank order

	def test_exemption_and_appeal_rates(self):
		with self.set_user(MANAGER):
			data = rates_source.get(filters={"periods": 120})
		rates = {d["name"]: dict(zip(data["labels"], d["values"], strict=True)) for d in data["datasets"]}
		self.assertEqual(rates[_("Exemption Rate (%)")][PERIOD], 25.0)  # withdrawn / 4 transferred
		self.assertEqual(rates[_("Appeal Rate (%)")][PERIOD], 50.0)  # one appeal / two final findings

	def test_penalties_by_institution_for_the_manager(self):
		with self.set_user(MANAGER):
			data = group_by_chart(chart_name="Penalties by Institution", refresh=1)
		totals = dict(zip(data["labels"], data["datasets"][0]["values"], strict=True))
		self.assertEqual(
			{k: money(v) for k, v in totals.items()}, {EAST: Decimal("600.00"), EAST_DESK: Decimal("100.00")}
		)

	def test_charts_are_standard(self):
		for name in CHARTS:
			chart = frappe.get_doc("Dashboard Chart", name)
			self.assertEqual((chart.is_standard, chart.module), (1, "Complaint Accountability"))
			if chart.chart_type == "Custom":
				self.assertTrue(frappe.db.exists("Dashboard Chart Source", chart.source))

	def test_workspace_blocks_point_at_its_shortcuts_cards_and_charts(self):
		workspace = frappe.get_doc("Workspace", WORKSPACE)
		self.assertEqual((workspace.public, workspace.module), (1, "Complaint Accountability"))
		named = {
			"shortcut": {s.label for s in workspace.shortcuts},
			"card": {link.label for link in workspace.links if link.type == "Card Break"},
			"chart": {c.chart_name for c in workspace.charts},
			"number_card": {c.number_card_name for c in workspace.number_cards},
		}
		blocks = json.loads(workspace.content)
		for block in blocks:
			if block["type"] in named:
				self.assertIn(block["data"][f"{block['type']}_name"], named[block["type"]])
		self.assertEqual(named["chart"], set(CHARTS))
		self.assertEqual(named["number_card"], set(NUMBER_CARDS + CUSTOM_CARDS))

	def test_workspace_page_builds_for_a_manager(self):
		with self.set_user(MANAGER):
			page = get_desktop_page(json.dumps({"name": WORKSPACE, "title": WORKSPACE, "public": 1}))
		self.assertTrue(page["shortcuts"]["items"])
		self.assertTrue(page["cards"]["items"])
		self.assertEqual(len(page["number_cards"]["items"]), len(NUMBER_CARDS + CUSTOM_CARDS))
		self.assertEqual(len(page["charts"]["items"]), len(CHARTS))

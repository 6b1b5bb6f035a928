"""Complaint indicators (rules/indicators.py): windows, prorating, ratios, roll-up, 环比 and 同比.

The worked example is computed by hand below and checked again on a real site through the report
(complaint_accountability/tests/test_complaint_indicators.py uses the same figures).
"""

from datetime import date
from decimal import Decimal

import pytest

from complaint_accountability.rules.indicators import (
	EMPTY,
	Comparison,
	Figures,
	InvalidQuarterName,
	Node,
	Volume,
	Window,
	change,
	group_rows,
	institution_rows,
	merge,
	quarter_name,
	quarter_window,
	quarters_up_to,
	ratio,
	receipt_institution,
	roll_up,
	rounded,
	top_rows,
	volumes_by_institution,
)

D = Decimal
Q4 = Window(date(2025, 10, 1), date(2025, 12, 31))
BRANCH, A, A1, B = "分公司", "城东支公司", "城东营业部", "城西支公司"
TREE = [Node(BRANCH, None), Node(A, BRANCH), Node(A1, A), Node(B, BRANCH)]


# ---- windows


def test_a_quarter_compares_with_the_quarter_before_and_the_same_quarter_a_year_earlier():
	assert Q4.days == 92 and Q4.whole_months == 3
	assert Q4.previous() == Window(date(2025, 7, 1), date(2025, 9, 30))
	assert Q4.year_earlier() == Window(date(2024, 10, 1), date(2024, 12, 31))


def test_a_month_compares_with_the_month_before_whatever_their_lengths():
	march = Window(date(2024, 3, 1), date(2024, 3, 31))
	assert march.previous() == Window(date(2024, 2, 1), date(2024, 2, 29))
	february = Window(date(2024, 2, 1), date(2024, 2, 29))
	assert february.year_earlier() == Window(date(2023, 2, 1), date(2023, 2, 28))
	assert february.previous() == Window(date(2024, 1, 1), date(2024, 1, 31))


def test_other_windows_compare_with_as_many_days_before():
	window = Window(date(2026, 1, 10), date(2026, 1, 19))
	assert window.whole_months is None
	assert window.previous() == Window(date(2025, 12, 31), date(2026, 1, 9))
	leap = Window(date(2024, 2, 29), date(2024, 3, 10))
	assert leap.year_earlier() == Window(date(2023, 2, 28), date(2023, 3, 10))


def test_a_window_never_runs_backwards():
	with pytest.raises(ValueError):
		Window(date(2026, 2, 1), date(2026, 1, 31))


def test_quarters_by_name():
	assert quarter_window("2026-Q4") == Window(date(2026, 10, 1), date(2026, 12, 31))
	assert quarter_window("2026-Q1") == Window(date(2026, 1, 1), date(2026, 3, 31))
	assert quarter_name(date(2026, 11, 30)) == "2026-Q4"
	assert quarters_up_to("2026-Q2", 4) == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
	for bad in ("2026-Q5", "2026Q4", "２０２６-Q1", "", None, "2026-q4"):
		with pytest.raises(InvalidQuarterName):
			quarter_window(bad)


# ---- prorating and ratios


def test_a_volume_straddling_the_window_counts_for_its_days_inside():
	volume = Volume(A1, date(2025, 9, 1), date(2025, 11, 30), D("91000000.00"), 9100)  # 91 days
	assert volume.within(Q4) == Figures(premium=D("61000000"), policies=D("6100"))  # Oct + Nov
	assert volume.within(Q4.previous()) == Figures(premium=D("30000000"), policies=D("3000"))
	assert volume.within(Q4.year_earlier()) is EMPTY


def test_prorated_amounts_stay_exact_decimals():
	volume = Volume(A, date(2025, 1, 1), date(2025, 1, 3), D("100.00"), 1)
	part = volume.within(Window(date(2025, 1, 1), date(2025, 1, 1)))
	assert isinstance(part.premium, Decimal) and rounded(part.premium * 3) == D("100.00")
	assert rounded(part.premium) == D("33.33")


def test_volumes_refuse_floats_negatives_and_backward_dates():
	with pytest.raises(TypeError):
		Volume(A, date(2025, 1, 1), date(2025, 1, 31), 100.0, 1)
	with pytest.raises(ValueError):
		Volume(A, date(2025, 1, 1), date(2025, 1, 31), D("-1"), 1)
	with pytest.raises(ValueError):
		Volume(A, date(2025, 2, 1), date(2025, 1, 31), D("1"), 1)
	with pytest.raises(TypeError):
		Figures(premium=1.5)


def test_ratios_over_nothing_are_empty_not_errors():
	assert ratio(3, D(0), D(10**8)) is None
	assert Figures(receipts=3).per_100m_premium is None
	assert Figures(receipts=3).per_10k_policies is None
	assert Figures().overdue_share is None
	assert change(D(5), D(0)) is None and change(None, D(1)) is None and change(D(1), None) is None
	assert change(3, 1) == D(200) and change(1, 2) == D(-50)


def test_a_receipt_counts_for_the_handling_institution_or_the_root_when_never_transferred():
	assert receipt_institution(True, A, BRANCH) == A
	assert receipt_institution(False, None, BRANCH) == BRANCH
	assert receipt_institution(False, A, BRANCH) == BRANCH  # an institution named but never transferred


# ---- the worked example (2025 Q4)
#
# receipts: A   2025-10-05 客服热线, 2025-11-10 监管局 (regulator); decided 11-20, due 10-20: overdue
#           A1  2025-12-01 网络; decided 12-10, due 12-16
#           B   2025-10-20 国家金融监督管理总局 (regulator); decided 10-25
#           never transferred 2025-11-03 客服热线 -> the branch; decided 11-05
#           A   2025-09-30 (previous quarter); A1 2024-11-15 (a year earlier)
# volumes:  A   Q4 150,000,000.00 / 30,000; Q3 100,000,000.00 / 25,000
#           A1  2025-09-01..11-30 91,000,000.00 / 9,100 (straddles: 61/91 in Q4, 30/91 in Q3)
#           B   Q4 50,000,000.00 / 20,000; Q3 the same
#
# Q4 rolled up:  A1 1 receipt, 61,000,000, 6,100   -> 1/0.61 = 1.64 per 亿元, 1/0.61 = 1.64 per 万张
#                A  3 (1 regulator), 211,000,000, 36,100 -> 3/2.11 = 1.42; 3/3.61 = 0.83; overdue 1 of 2
#                B  1 (1 regulator), 50,000,000, 20,000 -> 2.00; 0.50
#                branch 5 (2 regulator), 261,000,000, 56,100 -> 5/2.61 = 1.92; 5/5.61 = 0.89; overdue 1 of 4
# Q3 rolled up:  A 1 receipt, 130,000,000 -> 0.77;  branch 1, 180,000,000 -> 0.56
# 环比 of 亿元保费投诉量: A (3/211)/(1/130) - 1 = 179/211 = +84.83 %; branch 900/261 - 1 = +244.83 %
# 同比 of receipts: A 3 vs 1 = +200 %; A1 1 vs 1 = 0 %; branch 5 vs 1 = +400 %; B 1 vs 0: empty

VOLUMES = [
	Volume(A, date(2025, 10, 1), date(2025, 12, 31), D("150000000.00"), 30000),
	Volume(A, date(2025, 7, 1), date(2025, 9, 30), D("100000000.00"), 25000),
	Volume(A1, date(2025, 9, 1), date(2025, 11, 30), D("91000000.00"), 9100),
	Volume(B, date(2025, 10, 1), date(2025, 12, 31), D("50000000.00"), 20000),
	Volume(B, date(2025, 7, 1), date(2025, 9, 30), D("50000000.00"), 20000),
]
RECEIPTS = {  # window -> institution's own counts
	"current": {
		A: Figures(receipts=2, regulator_receipts=1, decided=1, overdue=1),
		A1: Figures(receipts=1, decided=1),
		B: Figures(receipts=1, regulator_receipts=1, decided=1),
		BRANCH: Figures(receipts=1, decided=1),
	},
	"previous": {A: Figures(receipts=1)},
	"year_earlier": {A1: Figures(receipts=1)},
}


def worked_example_rows():
	windows = {"current": Q4, "previous": Q4.previous(), "year_earlier": Q4.year_earlier()}
	own = [merge(RECEIPTS[name], volumes_by_institution(VOLUMES, window)) for name, window in windows.items()]
	return {row.key: row for row in institution_rows(TREE, own)}


def shown(value):
	return rounded(value)


def test_the_worked_example_by_institution():
	rows = worked_example_rows()
	assert list(rows) == [BRANCH, A, A1, B, None]
	a = rows[A].figures.current
	assert (a.receipts, a.regulator_receipts, a.premium, a.policies) == (3, 1, D("211000000"), D("36100"))
	assert (shown(a.per_100m_premium), shown(a.per_10k_policies), shown(a.overdue_share)) == (
		D("1.42"),
		D("0.83"),
		D("50.00"),
	)
	a1 = rows[A1].figures.current
	assert (shown(a1.per_100m_premium), shown(a1.per_10k_policies)) == (D("1.64"), D("1.64"))
	b = rows[B].figures.current
	assert (b.receipts, shown(b.per_100m_premium), shown(b.per_10k_policies)) == (1, D("2.00"), D("0.50"))
	branch = rows[BRANCH].figures.current
	assert (branch.receipts, branch.regulator_receipts, branch.premium, branch.policies) == (
		5,
		2,
		D("261000000"),
		D("56100"),
	)
	assert (shown(branch.per_100m_premium), shown(branch.per_10k_policies)) == (D("1.92"), D("0.89"))
	assert shown(branch.overdue_share) == D("25.00")
	assert rows[None].figures == rows[BRANCH].figures  # the total is the whole tree once


def test_the_worked_example_against_earlier_windows():
	rows = worked_example_rows()
	assert shown(rows[A].figures.previous.per_100m_premium) == D("0.77")
	assert shown(rows[A].figures.change_previous("per_100m_premium")) == D("84.83")
	assert shown(rows[BRANCH].figures.change_previous("per_100m_premium")) == D("244.83")
	assert rows[A].figures.change_year("receipts") == D(200)
	assert rows[A1].figures.change_year("receipts") == D(0)
	assert rows[BRANCH].figures.change_year("receipts") == D(400)
	assert rows[B].figures.change_year("receipts") is None  # nothing a year earlier
	assert rows[B].figures.change_previous("per_100m_premium") is None  # 0.00 before: no percentage
	assert rows[A].figures.rose("per_100m_premium") and rows[B].figures.rose("per_100m_premium")
	# A1: 1 receipt now, none before: a rise, but no percentage
	assert rows[A1].figures.rose("receipts") and rows[A1].figures.change_previous("receipts") is None
	assert not rows[BRANCH].figures.rose("overdue_share")  # nothing decided before: no rise


def test_institutions_with_nothing_in_any_window_are_left_out():
	tree = [*TREE, Node("城北支公司", BRANCH)]
	own = [{A: Figures(receipts=1)}, {}, {}]
	assert [row.key for row in institution_rows(tree, own)] == [BRANCH, A, None]


def test_a_managers_scope_is_their_subtree_and_its_total():
	scope = [Node(A, None), Node(A1, A)]  # A's manager: A has no parent they can see
	own = [RECEIPTS["current"], {}, {}]
	rows = {row.key: row for row in institution_rows(scope, own)}
	assert list(rows) == [A, A1, None]
	assert rows[A].indent == 0 and rows[A1].indent == 1
	assert rows[None].figures.current.receipts == 3  # B's and the branch's receipts count nowhere


def test_roll_up_adds_every_descendant_once():
	rolled = roll_up({A1: Figures(receipts=1), A: Figures(receipts=2), B: Figures(receipts=4)}, TREE)
	assert {name: f.receipts for name, f in rolled.items()} == {BRANCH: 7, A: 3, A1: 1, B: 4}


def test_groups_carry_no_volume_and_the_total_carries_the_scopes():
	own = [
		{"理赔纠纷": Figures(receipts=3, decided=2, overdue=1), None: Figures(receipts=1)},
		{"理赔纠纷": Figures(receipts=1)},
		{},
	]
	volume = [Figures(premium=D("200000000"), policies=D("40000")), EMPTY, EMPTY]
	rows = group_rows(["理赔纠纷", "销售纠纷", None], own, volume)
	assert [row.key for row in rows] == ["理赔纠纷", None, None]
	claims, unset, whole = rows
	assert claims.figures.current.per_100m_premium is None
	assert claims.figures.change_previous("receipts") == D(200)
	assert unset.figures.current.receipts == 1 and not unset.is_total
	assert whole.is_total and whole.figures.current.receipts == 4
	assert whole.figures.current.per_100m_premium == D(2)
	assert whole.figures.previous.per_100m_premium is None  # no volume in the previous window


def test_comparison_of_nothing_is_empty():
	assert Comparison(EMPTY, EMPTY, EMPTY).is_empty


def test_charts_compare_the_branchs_institutions_or_the_top_rows():
	rows = list(worked_example_rows().values())
	assert [row.key for row in top_rows(rows)] == [A, B]
	manager = institution_rows([Node(A, None), Node(A1, A)], [RECEIPTS["current"], {}, {}])
	assert [row.key for row in top_rows(manager)] == [A1]  # what is under their own institution
	groups = group_rows(
		["理赔纠纷", None],
		[{"理赔纠纷": Figures(receipts=1), None: Figures(receipts=1)}, {}, {}],
		[EMPTY] * 3,
	)
	assert [row.key for row in top_rows(groups)] == ["理赔纠纷", None]

"""Complaint indicators (投诉指标) as the national regulator's quarterly bulletins count them.

- 投诉量: receipts received in a window. A receipt belongs to its complaint's handling institution,
  or to the root institution (the branch) when the complaint was never transferred.
- 亿元保费投诉量: receipts ÷ (premium ÷ 10⁸); 万张保单投诉量: receipts ÷ (policies ÷ 10⁴). The
  premium and policies are an institution's business volume inside the window: a volume row that
  straddles the window counts for the share of its days inside it.
- 超时办结占比: of the cases decided in the window, the share decided past their handling limit.
- 环比 against the previous window of the same length (whole calendar months when the window is
  made of them, so a quarter compares with the quarter before; days otherwise), 同比 against the
  same window a year earlier. Both as a percentage change.
- An institution's figures include everything under it (the tree), the total row the whole scope.

A ratio or change over nothing (zero premium, zero policies, no decided case, a previous figure of
zero) is None, shown empty. Money and ratios are Decimal throughout; rounding is for display only.
Frappe-free: the report and the quarterly analysis read rows and call these.
"""

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .periods import shift_month

PREMIUM_UNIT = Decimal(10) ** 8  # 亿元
POLICY_UNIT = Decimal(10) ** 4  # 万张
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
ZERO = Decimal(0)
# ASCII digits only, as period names: 2026-Q4
QUARTER_NAME = re.compile(r"^([0-9]{4})-Q([1-4])$")


class InvalidQuarterName(ValueError):
	pass


# ---- windows


def _month_end(year: int, month: int) -> date:
	return date(year, month, calendar.monthrange(year, month)[1])


def _is_month_end(day: date) -> bool:
	return day == _month_end(day.year, day.month)


def _months_earlier(day: date, months: int, month_end: bool = False) -> date:
	"""The same day ``months`` earlier, clamped to the month's length (29 Feb → 28 Feb); with
	month_end, the end of that month."""
	year, month = shift_month(day.year, day.month, -months)
	last = calendar.monthrange(year, month)[1]
	return date(year, month, last if month_end else min(day.day, last))


@dataclass(frozen=True)
class Window:
	"""A date window, both ends inclusive."""

	start: date
	end: date

	def __post_init__(self):
		if self.start > self.end:
			raise ValueError(f"the window starts ({self.start}) after it ends ({self.end})")

	@property
	def days(self) -> int:
		return (self.end - self.start).days + 1

	@property
	def whole_months(self) -> int | None:
		"""How many calendar months the window is made of, or None when it does not fit months."""
		if self.start.day != 1 or not _is_month_end(self.end):
			return None
		return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

	def overlap_days(self, start: date, end: date) -> int:
		return max(0, (min(self.end, end) - max(self.start, start)).days + 1)

	def previous(self) -> "Window":
		"""The window of the same length just before (环比): the months before a window of whole
		months (Q3 before Q4, February before March), else the same number of days."""
		months = self.whole_months
		end = self.start - timedelta(days=1)
		if months:
			return Window(_months_earlier(self.start, months), end)
		return Window(self.start - timedelta(days=self.days), end)

	def year_earlier(self) -> "Window":
		"""The same window a year earlier (同比); a window ending on a month end ends on that month's end."""
		return Window(_months_earlier(self.start, 12), _months_earlier(self.end, 12, _is_month_end(self.end)))


def quarter_window(name: str) -> Window:
	"""The calendar quarter named ``YYYY-Qn`` (2026-Q4: 1 October to 31 December 2026)."""
	match = QUARTER_NAME.match(str(name or "").strip())
	if not match:
		raise InvalidQuarterName(f"a quarter is written YYYY-Qn, e.g. 2026-Q4, not {name!r}")
	year, quarter = int(match.group(1)), int(match.group(2))
	return Window(date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter))


def quarter_name(day: date) -> str:
	return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def quarters_up_to(name: str, count: int) -> list[str]:
	"""The ``count`` quarters ending with ``name``, oldest first (for a trend)."""
	window = quarter_window(name)
	names = [name]
	for _ in range(count - 1):
		window = window.previous()
		names.append(quarter_name(window.start))
	return names[::-1]


# ---- figures


def ratio(count: int, base: Decimal, unit: Decimal) -> Decimal | None:
	"""count per ``unit`` of base; None over no base."""
	if not base:
		return None
	return Decimal(count) * unit / base


def change(current: Decimal | int | None, previous: Decimal | int | None) -> Decimal | None:
	"""Percentage change from previous to current; None when either is missing or previous is 0."""
	if current is None or previous is None or not previous:
		return None
	return (Decimal(current) - Decimal(previous)) * HUNDRED / Decimal(previous)


def rounded(value: Decimal | None, places: Decimal = CENT) -> Decimal | None:
	"""For display: half up to ``places`` (two decimals unless said)."""
	return None if value is None else value.quantize(places, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
	"""What one institution, line, dispute type or channel counts in one window."""

	receipts: int = 0
	regulator_receipts: int = 0
	premium: Decimal = ZERO  # prorated into the window, exact
	policies: Decimal = ZERO  # prorated too, so possibly fractional until shown
	decided: int = 0  # cases decided in the window
	overdue: int = 0  # of those, decided past their handling limit

	def __post_init__(self):
		for name in ("premium", "policies"):
			if not isinstance(getattr(self, name), Decimal):
				raise TypeError(f"{name} must be a Decimal, not {type(getattr(self, name)).__name__}")

	def __add__(self, other: "Figures") -> "Figures":
		return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Figures)))

	@property
	def is_empty(self) -> bool:
		return self == EMPTY

	@property
	def per_100m_premium(self) -> Decimal | None:
		"""亿元保费投诉量."""
		return ratio(self.receipts, self.premium, PREMIUM_UNIT)

	@property
	def per_10k_policies(self) -> Decimal | None:
		"""万张保单投诉量."""
		return ratio(self.receipts, self.policies, POLICY_UNIT)

	@property
	def overdue_share(self) -> Decimal | None:
		"""超时办结占比, in percent."""
		return ratio(self.overdue, Decimal(self.decided), HUNDRED)


EMPTY = Figures()


def total(figures: Iterable[Figures]) -> Figures:
	return sum(figures, EMPTY)


@dataclass(frozen=True)
class Volume:
	"""An institution's business volume over a month, a quarter or any stretch of days."""

	institution: str
	start: date
	end: date
	premium: Decimal
	policies: int

	def __post_init__(self):
		if not isinstance(self.premium, Decimal):
			raise TypeError(f"premium must be a Decimal, not {type(self.premium).__name__}")
		if self.start > self.end:
			raise ValueError(f"the volume of {self.institution} starts after it ends")
		if self.premium < 0 or self.policies < 0:
			raise ValueError(f"the volume of {self.institution} is negative")

	def within(self, window: Window) -> Figures:
		"""The part of this volume inside the window, by days."""
		inside = window.overlap_days(self.start, self.end)
		if not inside:
			return EMPTY
		days = Decimal((self.end - self.start).days + 1)
		return Figures(premium=self.premium * inside / days, policies=Decimal(self.policies) * inside / days)


def volumes_by_institution(volumes: Iterable[Volume], window: Window) -> dict[str, Figures]:
	"""Each institution's own premium and policies inside the window."""
	out: dict[str, Figures] = {}
	for volume in volumes:
		part = volume.within(window)
		if not part.is_empty:
			out[volume.institution] = out.get(volume.institution, EMPTY) + part
	return out


def receipt_institution(transferred: bool, handling_institution: str | None, root: str | None) -> str | None:
	"""Where a receipt counts: the handling institution, or the root when never transferred."""
	return handling_institution if transferred and handling_institution else root


def merge(*parts: Mapping) -> dict:
	"""Figures of the same keys added together (receipts from one query, volumes from another…)."""
	out: dict = {}
	for part in parts:
		for key, figures in part.items():
			out[key] = out.get(key, EMPTY) + figures
	return out


# ---- the tree


@dataclass(frozen=True)
class Node:
	"""An institution in tree order (a parent before its children, as the nested set's lft orders them);
	parent None at the top of what the reader sees."""

	name: str
	parent: str | None


def roll_up(own: Mapping[str, Figures], nodes: Sequence[Node]) -> dict[str, Figures]:
	"""Each node's own figures plus all its descendants'. Figures of names not among the nodes (outside
	the reader's scope) count nowhere."""
	totals = {node.name: own.get(node.name, EMPTY) for node in nodes}
	for node in reversed(nodes):
		if node.parent in totals:
			totals[node.parent] += totals[node.name]
	return totals


def depths(nodes: Sequence[Node]) -> dict[str, int]:
	out: dict[str, int] = {}
	for node in nodes:
		out[node.name] = out[node.parent] + 1 if node.parent in out else 0
	return out


# ---- rows with their comparisons


@dataclass(frozen=True)
class Comparison:
	"""One row's figures now, in the previous window (环比) and a year earlier (同比)."""

	current: Figures
	previous: Figures
	year_earlier: Figures

	@property
	def is_empty(self) -> bool:
		return self.current.is_empty and self.previous.is_empty and self.year_earlier.is_empty

	def change_previous(self, figure: str) -> Decimal | None:
		return change(getattr(self.current, figure), getattr(self.previous, figure))

	def change_year(self, figure: str) -> Decimal | None:
		return change(getattr(self.current, figure), getattr(self.year_earlier, figure))

	def rose(self, figure: str) -> bool:
		"""The figure is higher than in the previous window (both defined)."""
		now, before = getattr(self.current, figure), getattr(self.previous, figure)
		return now is not None and before is not None and now > before


@dataclass(frozen=True)
class IndicatorRow:
	key: str | None  # institution, line, dispute type or channel; None: not set (or the total row)
	parent: str | None
	indent: int
	figures: Comparison
	is_total: bool = False


def compare(current: Mapping, previous: Mapping, year_earlier: Mapping, key) -> Comparison:
	return Comparison(current.get(key, EMPTY), previous.get(key, EMPTY), year_earlier.get(key, EMPTY))


def institution_rows(nodes: Sequence[Node], own: Sequence[Mapping[str, Figures]]) -> list[IndicatorRow]:
	"""One row per institution whose subtree counts anything in any of the three windows, in tree order,
	each rolled up; then the total of the scope. ``own``: each window's figures of each institution
	itself (current, previous, year earlier)."""
	rolled = [roll_up(window, nodes) for window in own]
	depth = depths(nodes)
	rows = [
		IndicatorRow(node.name, node.parent, depth[node.name], compare(*rolled, node.name)) for node in nodes
	]
	names = {node.name for node in nodes}
	scope = [total(figures for name, figures in window.items() if name in names) for window in own]
	return [row for row in rows if not row.figures.is_empty] + [total_row(scope)]


def group_rows(
	order: Sequence[str | None], own: Sequence[Mapping], scope_volume: Sequence[Figures]
) -> list[IndicatorRow]:
	"""One row per line, dispute type or channel (in ``order``; None for complaints without one) that
	counts anything, then the total. Business volume is kept per institution only, so the ratios stand
	on the total row, which adds the scope's volume (``scope_volume``, one per window)."""
	rows = [IndicatorRow(key, None, 0, compare(*own, key)) for key in order]
	scope = [total(window.values()) + volume for window, volume in zip(own, scope_volume, strict=True)]
	return [row for row in rows if not row.figures.is_empty] + [total_row(scope)]


def total_row(scope: Sequence[Figures]) -> IndicatorRow:
	return IndicatorRow(None, None, 0, Comparison(*scope), is_total=True)


def share(part: int, whole: int) -> Decimal | None:
	"""part of whole, in percent."""
	return ratio(part, Decimal(whole), HUNDRED)


def top_rows(rows: Sequence[IndicatorRow]) -> list[IndicatorRow]:
	"""The rows a chart compares: those just under a single top (the branch's own institutions), else
	the top rows themselves (a manager's institutions, or every line, dispute type or channel)."""
	body = [row for row in rows if not row.is_total]
	tops = [row for row in body if row.indent == 0]
	level = 1 if len(tops) == 1 and any(row.indent == 1 for row in body) else 0
	return [row for row in body if row.indent == level]

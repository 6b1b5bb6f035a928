"""Bar and line charts as inline SVG, so they print as sharp as the text around them.

Frappe-free. Values are Decimal or int, None where a figure stands over nothing (a ratio without
premium): a bar is then left out and a line broken. The text is set in the family given (for a PDF,
a subset face: WeasyPrint 59 applies no stylesheet to inline SVG text, so the family is an attribute).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from html import escape

WIDTH, HEIGHT = 480, 210  # points: the A4 type area of the analysis report is 493 pt wide
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 30, 34
PALETTE = ("#c0392b", "#2e86c1", "#7f8c8d", "#27ae60")
GRID = "#d9d9d9"
TICKS = 5
MAX_LABEL = 8  # characters of a category label; longer ones are cut with …

Number = Decimal | int


@dataclass(frozen=True)
class Series:
	name: str
	values: tuple[Number | None, ...]

	def __post_init__(self):
		object.__setattr__(self, "values", tuple(self.values))
		for value in self.values:
			if value is not None and not isinstance(value, Decimal | int):
				raise TypeError(f"chart values must be Decimal or int, not {type(value).__name__}")


def nice_ceiling(value: Number) -> Decimal:
	"""The smallest 1, 2, 2.5 or 5 × 10ⁿ not below value (1 for nothing), so the axis reads easily."""
	value = Decimal(value)
	if value <= 0:
		return Decimal(1)
	power = Decimal(10) ** value.adjusted()
	for step in (1, 2, Decimal("2.5"), 5, 10):
		if value <= step * power:
			return step * power
	return 10 * power


def figure(value: Number, decimals: int | None = None) -> str:
	"""A value as printed on the chart: to ``decimals`` places, or else whole numbers plain and others to
	two decimals (the value axis)."""
	if decimals is None:
		decimals = 0 if isinstance(value, int) or value == value.to_integral_value() else 2
	return f"{Decimal(value):,.{decimals}f}"


def _label(text: str) -> str:
	return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _text(x: float, y: float, text: str, size: float = 8, anchor: str = "middle", fill: str = "#000") -> str:
	return (
		f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">'
		f"{escape(text)}</text>"
	)


class _Frame:
	"""The plot area, the value axis with its grid, the title and the legend of one chart."""

	def __init__(self, title: str, categories: Sequence[str], series: Sequence[Series], unit: str):
		self.title, self.categories, self.series, self.unit = title, list(categories), list(series), unit
		for one in self.series:
			if len(one.values) != len(self.categories):
				raise ValueError(
					f"series {one.name!r} has {len(one.values)} values for {len(self.categories)} categories"
				)
		values = [v for one in self.series for v in one.values if v is not None]
		self.top = nice_ceiling(max(values, default=0))
		self.plot_width = WIDTH - LEFT - RIGHT
		self.plot_height = HEIGHT - TOP - BOTTOM

	def y(self, value: Number) -> float:
		return TOP + self.plot_height * float(1 - Decimal(value) / self.top)

	def slot(self) -> float:
		return self.plot_width / max(len(self.categories), 1)

	def centre(self, index: int) -> float:
		return LEFT + self.slot() * (index + 0.5)

	def parts(self) -> list[str]:
		out = [_text(LEFT, 12, self.title, 9.5, "start")]
		for tick in range(TICKS + 1):
			value = self.top * tick / TICKS
			y = self.y(value)
			out.append(
				f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.5"/>'
			)
			out.append(_text(LEFT - 3, y + 2.5, figure(value), 7, "end"))
		if self.unit:
			out.append(_text(LEFT - 3, TOP - 6, self.unit, 7, "end"))
		for index, name in enumerate(self.categories):
			out.append(_text(self.centre(index), HEIGHT - BOTTOM + 12, _label(name), 7.5))
		x = WIDTH - RIGHT
		for index, one in reversed(list(enumerate(self.series))):
			width = 10 + 8 * len(one.name) + 6
			x -= width
			colour = PALETTE[index % len(PALETTE)]
			out.append(f'<rect x="{x:.1f}" y="6" width="8" height="8" fill="{colour}"/>')
			out.append(_text(x + 11, 13, one.name, 8, "start"))
		return out

	def svg(self, body: list[str], font_family: str) -> str:
		return (
			f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}pt" height="{HEIGHT}pt" '
			f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{escape(font_family)}">'
			+ "".join(self.parts() + body)
			+ "</svg>"
		)


BAR, LINE = "bar", "line"


def chart(
	kind: str,
	title: str,
	categories: Sequence[str],
	series: Sequence[Series],
	font_family: str,
	unit: str = "",
	decimals: int = 0,
) -> str:
	"""A chart of ``kind`` (BAR or LINE) as an <svg> element; values labelled to ``decimals`` places,
	the value axis in ``unit``."""
	frame = _Frame(title, categories, series, unit)
	draw = {BAR: _bars, LINE: _lines}[kind]
	return frame.svg(draw(frame, decimals), font_family)


def _bars(frame: _Frame, decimals: int) -> list[str]:
	"""Grouped bars, one group per category, one bar per series, each with its value above it."""
	body = []
	count = max(len(frame.series), 1)
	bar = frame.slot() * 0.7 / count
	for s_index, one in enumerate(frame.series):
		colour = PALETTE[s_index % len(PALETTE)]
		for c_index, value in enumerate(one.values):
			if value is None:
				continue
			x = frame.centre(c_index) - bar * count / 2 + bar * s_index
			y = frame.y(value)
			height = TOP + frame.plot_height - y
			body.append(
				f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="{colour}"/>'
			)
			body.append(_text(x + bar / 2, y - 2, figure(value, decimals), 6.5))
	return body


def _lines(frame: _Frame, decimals: int) -> list[str]:
	"""One line per series across the categories (quarters), each point marked with its value; a
	missing value breaks the line."""
	body = []
	for s_index, one in enumerate(frame.series):
		colour = PALETTE[s_index % len(PALETTE)]
		for run in _runs(one.values):
			if len(run) > 1:
				coordinates = " ".join(f"{frame.centre(i):.1f},{frame.y(one.values[i]):.1f}" for i in run)
				body.append(
					f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
				)
		for index, value in enumerate(one.values):
			if value is None:
				continue
			x, y = frame.centre(index), frame.y(value)
			body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{colour}"/>')
			body.append(_text(x, y - 4, figure(value, decimals), 6.5, fill=colour))
	return body


bar_chart = partial(chart, BAR)
line_chart = partial(chart, LINE)


def _runs(values: Sequence[Number | None]) -> list[list[int]]:
	"""Indexes of the unbroken stretches of values."""
	runs, current = [], []
	for index, value in enumerate(values):
		if value is None:
			if current:
				runs.append(current)
			current = []
		else:
			current.append(index)
	if current:
		runs.append(current)
	return runs

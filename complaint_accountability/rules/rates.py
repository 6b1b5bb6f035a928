"""Penalty rates (扣款标准): an amount per channel and liability, in force from a date."""

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

DIRECT = "Direct"
MANAGEMENT = "Management"
HANDLING_VIOLATION = "Handling Violation"
CHANNEL_LIABILITIES = (DIRECT, MANAGEMENT)


class MissingRate(LookupError):
	pass


@dataclass(frozen=True)
class Rate:
	channel: str
	liability: str
	amount: Decimal
	valid_from: date
	name: str = ""

	@property
	def label(self) -> str:
		return self.name or f"{self.channel}-{self.liability}-{self.valid_from.isoformat()}"


class RateTable:
	"""The rate in force on a date is the latest one whose ``valid_from`` is not after it."""

	def __init__(self, rates: Iterable[Rate]):
		self._rows: dict[tuple[str, str], list[Rate]] = {}
		for rate in rates:
			if rate.liability not in CHANNEL_LIABILITIES:
				raise ValueError(f"rate {rate.label}: liability must be Direct or Management")
			if rate.amount < 0:
				raise ValueError(f"rate {rate.label}: amount must not be negative")
			self._rows.setdefault((rate.channel, rate.liability), []).append(rate)
		for key, rows in self._rows.items():
			rows.sort(key=lambda r: r.valid_from)
			days = [r.valid_from for r in rows]
			if len(set(days)) != len(days):
				raise ValueError(f"two rates for {key[0]} {key[1]} start on the same day")

	def rate_on(self, channel: str, liability: str, day: date) -> Rate:
		rows = self._rows.get((channel, liability), [])
		index = bisect.bisect_right([r.valid_from for r in rows], day) - 1
		if index < 0:
			raise MissingRate(f"no {liability} rate for channel {channel} in force on {day.isoformat()}")
		return rows[index]

	def rows(self) -> list[Rate]:
		return [rate for key in sorted(self._rows) for rate in self._rows[key]]

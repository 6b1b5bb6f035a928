"""The monthly accountability period (考核期): window, appeal deadline and payroll date."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .settings import AccountabilitySettings

# ASCII digits only: \d would also take full-width ones (２０２６-09).
PERIOD_NAME = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


class InvalidPeriodName(ValueError):
	pass


@dataclass(frozen=True)
class Period:
	name: str
	start_date: date
	end_date: date
	appeal_deadline: date
	payroll_date: date

	def contains(self, day: date) -> bool:
		return self.start_date <= day <= self.end_date


def parse_period_name(name: str) -> tuple[int, int]:
	match = PERIOD_NAME.match(str(name or "").strip())
	if not match:
		raise InvalidPeriodName(f"period must be written YYYY-MM, e.g. 2026-11, not {name!r}")
	return int(match.group(1)), int(match.group(2))


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
	index = year * 12 + (month - 1) + delta
	return index // 12, index % 12 + 1


def _day_in_month(year: int, month: int, day: int) -> date:
	return date(year, month, day or calendar.monthrange(year, month)[1])


def period(name: str, settings: AccountabilitySettings) -> Period:
	"""Period ``YYYY-MM``: the start day of the previous month through the day before it in this month."""
	year, month = parse_period_name(name)
	prev_year, prev_month = shift_month(year, month, -1)
	start = date(prev_year, prev_month, settings.period_start_day)
	end = date(year, month, settings.period_start_day) - timedelta(days=1)
	return Period(
		name=f"{year:04d}-{month:02d}",
		start_date=start,
		end_date=end,
		appeal_deadline=date(year, month, settings.appeal_deadline_day),
		payroll_date=_day_in_month(year, month, settings.payroll_day),
	)


def next_period_name(name: str) -> str:
	year, month = shift_month(*parse_period_name(name), 1)
	return f"{year:04d}-{month:02d}"


def period_name_of(day: date, settings: AccountabilitySettings) -> str:
	"""The period a receipt received on ``day`` belongs to."""
	year, month = (day.year, day.month)
	if day.day >= settings.period_start_day:
		year, month = shift_month(year, month, 1)
	return f"{year:04d}-{month:02d}"


def appeal_is_on_time(filed_at: datetime, deadline: date) -> bool:
	"""An appeal filed at ``filed_at`` (site-local wall clock) meets a deadline that is inclusive to its end."""
	return filed_at <= datetime.combine(deadline, time.max)

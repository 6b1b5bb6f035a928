"""Every (setting) of rules.md as one small typed object, passed in as an argument."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AccountabilitySettings:
	# A period M runs from this day of month M-1 to the day before it in month M (21st–20th).
	period_start_day: int = 21
	# Appeals are accepted until the end of this day of month M, inclusive.
	appeal_deadline_day: int = 26
	# Payroll date of month M; 0 means the last day of the month.
	payroll_day: int = 0
	# A receipt through a channel the case already used is charged again (rules.md §4).
	same_channel_repeat_charged: bool = True
	# Handling time limits in calendar days (rules.md §7).
	decision_days: int = 15
	complex_case_days: int = 30
	especially_complex_case_days: int = 60

	def __post_init__(self):
		if not 2 <= self.period_start_day <= 28:
			raise ValueError(f"period_start_day must be between 2 and 28, not {self.period_start_day}")
		if not 1 <= self.appeal_deadline_day <= 28:
			raise ValueError(f"appeal_deadline_day must be between 1 and 28, not {self.appeal_deadline_day}")
		if not 0 <= self.payroll_day <= 28:
			raise ValueError(f"payroll_day must be between 0 (last day) and 28, not {self.payroll_day}")
		limits = (self.decision_days, self.complex_case_days, self.especially_complex_case_days)
		if not 0 < limits[0] <= limits[1] <= limits[2]:
			raise ValueError(f"handling time limits must rise: {limits}")

"""Every (setting) of rules.md and the notices' letterhead, as one small typed object passed in as an argument.

This is the one place their defaults are declared: ledger mode takes them from here, and a stored set of
values (a settings file, the site's settings document) is read through :meth:`from_values`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields


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
	# The notices' letterhead: 发文机关 (issuing organ), 发文部门, 印发机关, 文号 prefix, and the first
	# number of the 文号 series (ledger mode numbers its notices from it; a site keeps a yearly series).
	issuing_organ: str = "财产保险股份有限公司分公司"
	issuing_department: str = "客户服务部"
	printed_by: str = "分公司客户服务部"
	document_prefix: str = "客服"
	first_document_number: int = 1
	# The department the complaint desk's officers work in (ledger mode): their handling violations are
	# listed in its notice, and it handles the cases that were never transferred.
	desk_institution: str = "分公司客户服务部"

	def __post_init__(self):
		for field in fields(self):
			value = getattr(self, field.name)
			if not isinstance(value, field.type) or (field.type is int and isinstance(value, bool)):
				raise ValueError(f"{field.name} must be {field.type.__name__}, not {value!r}")
		if not 2 <= self.period_start_day <= 28:
			raise ValueError(f"period_start_day must be between 2 and 28, not {self.period_start_day}")
		if not 1 <= self.appeal_deadline_day <= 28:
			raise ValueError(f"appeal_deadline_day must be between 1 and 28, not {self.appeal_deadline_day}")
		if not 0 <= self.payroll_day <= 28:
			raise ValueError(f"payroll_day must be between 0 (last day) and 28, not {self.payroll_day}")
		limits = (self.decision_days, self.complex_case_days, self.especially_complex_case_days)
		if not 0 < limits[0] <= limits[1] <= limits[2]:
			raise ValueError(f"handling time limits must rise: {limits}")
		if self.first_document_number < 1:
			raise ValueError(f"first_document_number must be 1 or more, not {self.first_document_number}")
		if not self.desk_institution.strip():
			raise ValueError("desk_institution must name the complaint desk's department")

	@classmethod
	def names(cls) -> tuple[str, ...]:
		return tuple(field.name for field in fields(cls))

	@classmethod
	def from_values(cls, values: Mapping) -> "AccountabilitySettings":
		"""Settings from stored values: each known name that has a value (not None, not "") replaces its
		default (a check box's 0 or 1 reads as a bool); other names are not settings and are left to the caller."""
		given = {}
		for field in fields(cls):
			value = values.get(field.name)
			if value in (None, ""):
				continue
			given[field.name] = bool(value) if field.type is bool and value in (0, 1) else value
		return cls(**given)

"""What the monthly documents say: plain frozen values, money as Decimal."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

DEFAULT_TITLE = "关于{period}投诉管理责任追究处罚结果的通报"
DEFAULT_COPY_TO = ("人力资源部", "计划财务部")


def _require_decimal(value, what: str) -> None:
	if not isinstance(value, Decimal):
		raise TypeError(f"{what} must be a Decimal, not {type(value).__name__}: {value!r}")


@dataclass(frozen=True)
class PenaltyLine:
	"""One penalized person on one case; liability and channels are already Chinese labels."""

	person_name: str
	employee_number: str
	post: str
	case_number: str
	liability: str  # 直接责任人 / 管理责任人 / 投诉岗处理违规
	channels: str  # e.g. 客服热线、监管局(升级)
	amount: Decimal

	def __post_init__(self):
		_require_decimal(self.amount, "amount")


@dataclass(frozen=True)
class InstitutionDocument:
	"""One institution's penalties for one period, as printed on its table and its notice."""

	institution: str
	period: str  # "2026-11"
	period_start: date
	period_end: date
	appeal_deadline: date
	lines: tuple[PenaltyLine, ...]
	doc_number: str  # "客发〔2026〕12号", or "" before a number is assigned
	issue_date: date

	def __post_init__(self):
		object.__setattr__(self, "lines", tuple(self.lines))
		for line in self.lines:
			if not isinstance(line, PenaltyLine):
				raise TypeError(f"lines must be PenaltyLine, not {type(line).__name__}")

	@property
	def total(self) -> Decimal:
		return sum((line.amount for line in self.lines), Decimal("0"))


@dataclass(frozen=True)
class Letterhead:
	"""Who issues the notices; title may use {period} (2026年11月) and {institution}."""

	issuing_organ: str  # e.g. XX财产保险股份有限公司XX分公司
	issuing_department: str  # e.g. 客户服务部
	title: str = DEFAULT_TITLE
	copy_to: tuple[str, ...] = DEFAULT_COPY_TO
	printed_by: str = ""  # 印发机关; empty means issuing_department

	def __post_init__(self):
		object.__setattr__(self, "copy_to", tuple(self.copy_to))

	@property
	def printing_organ(self) -> str:
		return self.printed_by or self.issuing_department

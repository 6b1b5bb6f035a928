"""Charges (rules.md §4): per accountable case, each receipt times each responsible person, once."""

from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .cases import ACCOUNTABLE, case_status, exemption_reason
from .channels import ChannelBook
from .rates import CHANNEL_LIABILITIES, Rate, RateTable
from .receipts import REPEAT, classify_receipts
from .settings import AccountabilitySettings

NO_PERSON_YET = "责任人待认定"
NOTHING_NEW = "各投诉记录已在以前考核期扣款"


@dataclass(frozen=True)
class Receipt:
	receipt_id: str
	channel: str
	received_on: date


@dataclass(frozen=True)
class Responsible:
	person: str
	liability: str


@dataclass(frozen=True)
class CaseFacts:
	case_id: str
	transferred: bool
	outcome: str
	referred: bool = False
	receipts: Sequence[Receipt] = ()
	responsible: Sequence[Responsible] = ()


@dataclass(frozen=True)
class Charge:
	case_id: str
	receipt_id: str
	person: str
	liability: str
	channel: str
	receipt_kind: str
	received_on: date
	rate: Rate

	@property
	def amount(self) -> Decimal:
		return self.rate.amount

	@property
	def key(self) -> tuple[str, str, str]:
		return (self.receipt_id, self.person, self.liability)


@dataclass(frozen=True)
class CaseAssessment:
	case_id: str
	status: str
	reason: str
	receipt_kinds: dict[str, str] = field(default_factory=dict)
	charges: tuple[Charge, ...] = ()

	@property
	def total(self) -> Decimal:
		return sum((c.amount for c in self.charges), Decimal(0))


def assess_case(
	case: CaseFacts,
	period_end: date,
	channels: ChannelBook,
	rates: RateTable,
	settings: AccountabilitySettings,
	already_charged: Container[tuple[str, str, str]] = frozenset(),
	charged_receipts: Container[str] = frozenset(),
) -> CaseAssessment:
	"""What a compile of the period ending ``period_end`` charges on one case.

	``already_charged`` holds the (receipt, person, liability) charges earlier compiles made
	(revoked ones included); ``charged_receipts`` the receipts charged for everyone (ledger mode).
	"""
	receipts = [r for r in case.receipts if r.received_on <= period_end]
	resolved = [channels.resolve(r.channel) for r in receipts]
	kinds = classify_receipts([(r.received_on, c.rank) for r, c in zip(receipts, resolved, strict=True)])
	receipt_kinds = {r.receipt_id: kind for r, kind in zip(receipts, kinds, strict=True)}
	status = case_status(case.transferred, case.outcome, case.referred, len(receipts))
	if status != ACCOUNTABLE:
		return CaseAssessment(case.case_id, status, exemption_reason(status, case.outcome), receipt_kinds)

	charges = []
	for receipt, kind, resolved_channel in zip(receipts, kinds, resolved, strict=True):
		if receipt.receipt_id in charged_receipts:
			continue
		if kind == REPEAT and not settings.same_channel_repeat_charged:
			continue
		channel = resolved_channel.name
		for person in case.responsible:
			if person.liability not in CHANNEL_LIABILITIES:
				continue
			key = (receipt.receipt_id, person.person, person.liability)
			if key in already_charged:
				continue
			rate = rates.rate_on(channel, person.liability, receipt.received_on)
			charges.append(
				Charge(
					case.case_id,
					receipt.receipt_id,
					person.person,
					person.liability,
					channel,
					kind,
					receipt.received_on,
					rate,
				)
			)
	reason = "" if charges else (NOTHING_NEW if case.responsible else NO_PERSON_YET)
	return CaseAssessment(case.case_id, status, reason, receipt_kinds, tuple(charges))

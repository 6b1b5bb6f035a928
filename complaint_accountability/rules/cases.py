"""Case status (rules.md §3): which cases are accountable at a period's end."""

PENDING = "Pending"
WITHDRAWN = "Withdrawn"
NOT_INSURANCE_LIABILITY = "Not Insurance Liability"
SATISFIED = "Satisfied"
UNRESOLVED = "Unresolved"
OUTCOMES = (PENDING, WITHDRAWN, NOT_INSURANCE_LIABILITY, SATISFIED, UNRESOLVED)
SETTLED_AT_FIRST_COORDINATION = (WITHDRAWN, NOT_INSURANCE_LIABILITY, SATISFIED)

OUT_OF_SCOPE = "Out of Scope"
EXEMPT = "Exempt"
ACCOUNTABLE = "Accountable"
AWAITING_OUTCOME = "Awaiting Outcome"
REFERRED = "Referred"
CASE_STATUSES = (OUT_OF_SCOPE, EXEMPT, ACCOUNTABLE, AWAITING_OUTCOME, REFERRED)

# Why a case is not charged, in the measures' words.
REASONS = {
	OUT_OF_SCOPE: "未转办,不追责",
	REFERRED: "个案不符合条款,另议",
	AWAITING_OUTCOME: "首次协调结果待定,暂不考核",
	WITHDRAWN: "首次协调客户撤诉,免责",
	NOT_INSURANCE_LIABILITY: "明显不属于保险责任,免责",
	SATISFIED: "首次协调客户满意,免责",
}


def case_status(transferred: bool, outcome: str, referred: bool, receipts_to_date: int) -> str:
	"""Status of a case counting only its receipts received on or before the period's end."""
	if outcome not in OUTCOMES:
		raise ValueError(f"unknown first coordination outcome {outcome!r}")
	if not transferred:
		return OUT_OF_SCOPE
	if referred:
		return REFERRED
	if outcome == PENDING:
		return AWAITING_OUTCOME
	compound = receipts_to_date >= 2
	if outcome == NOT_INSURANCE_LIABILITY:
		return EXEMPT
	if outcome in SETTLED_AT_FIRST_COORDINATION and not compound:
		return EXEMPT
	return ACCOUNTABLE


def exemption_reason(status: str, outcome: str) -> str:
	"""The reason shown for a case that is not charged."""
	if status == EXEMPT:
		return REASONS[outcome]
	return REASONS.get(status, "")

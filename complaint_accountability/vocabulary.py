"""The app's vocabulary: the names of its doctypes, roles, workflow states and actions, and statuses.

One place for every name the site code, hooks, fixtures and tests share, so a name is typed once.
The rules' own words (liabilities, components) stay in `rules/`, which the ledger mode shares; the
ones the site uses are re-exported here so the site has one module to import.
Frappe-free: the site-free tests check the shipped JSON against it.
"""

from complaint_accountability.rules.payroll import PERFORMANCE_DEDUCTION  # noqa: F401
from complaint_accountability.rules.rates import CHANNEL_LIABILITIES, HANDLING_VIOLATION  # noqa: F401


class DocType:
	ACCOUNTABLE_PERSON = "Accountable Person"
	ANALYSIS_REPORT = "Complaint Analysis Report"
	APPEAL = "Appeal"
	BUSINESS_LINE = "Business Line"
	BUSINESS_VOLUME = "Institution Business Volume"
	CHANNEL = "Complaint Channel"
	COMPLAINT = "Complaint"
	CUSTOMER_CONTACT = "Customer Contact"
	DISPUTE_TYPE = "Dispute Type"
	FINDING = "Responsibility Finding"
	FINDING_CHARGE = "Finding Charge"
	INSTITUTION = "Institution"
	LEDGER_IMPORT = "Ledger Import"
	PENALTY_ENTRY = "Penalty Entry"
	PENALTY_RATE = "Penalty Rate"
	PERIOD = "Accountability Period"
	PERIOD_DOCUMENT = "Period Document"
	RECEIPT = "Complaint Receipt"
	REMEDIATION = "Remediation"
	REMEDIATION_COMPLAINT = "Remediation Complaint"
	REMEDIATION_EVIDENCE = "Remediation Evidence"
	RESPONSIBLE_PERSON = "Complaint Responsible Person"
	SETTINGS = "Complaint Accountability Settings"
	VIOLATION_TYPE = "Handling Violation Type"


# The doctypes whose rows each user sees only in part (permissions.ROW_RULES), and the child tables
# read through their parent's rule.
ROW_RULED = (
	DocType.COMPLAINT,
	DocType.FINDING,
	DocType.APPEAL,
	DocType.PENALTY_ENTRY,
	DocType.PERIOD_DOCUMENT,
	DocType.ACCOUNTABLE_PERSON,
	DocType.BUSINESS_VOLUME,
	DocType.REMEDIATION,
	DocType.ANALYSIS_REPORT,
)
ROW_RULED_CHILDREN = {
	DocType.RECEIPT: DocType.COMPLAINT,
	DocType.RESPONSIBLE_PERSON: DocType.COMPLAINT,
	DocType.FINDING_CHARGE: DocType.FINDING,
	DocType.REMEDIATION_COMPLAINT: DocType.REMEDIATION,
	DocType.REMEDIATION_EVIDENCE: DocType.REMEDIATION,
}


class Role:
	DESK = "Complaint Desk Officer"
	MANAGER = "Complaint Manager"
	INSTITUTION_MANAGER = "Institution Complaint Manager"
	BUSINESS_LINE = "Business Line Reviewer"
	COMMITTEE = "Accountability Committee"
	PAYROLL = "Payroll Officer"
	FINANCE = "Finance Viewer"
	STAFF = "Accountable Staff"
	ADMINISTRATOR = "Accountability Administrator"


ROLES = (
	Role.DESK,
	Role.MANAGER,
	Role.INSTITUTION_MANAGER,
	Role.BUSINESS_LINE,
	Role.COMMITTEE,
	Role.PAYROLL,
	Role.FINANCE,
	Role.STAFF,
	Role.ADMINISTRATOR,
)


class FindingState:
	"""The Responsibility Finding workflow (fixtures/workflow.json)."""

	DRAFT = "Draft"
	PRELIMINARY = "Preliminary"
	BUSINESS_LINE_REVIEW = "Business Line Review"
	COMMITTEE_REVIEW = "Committee Review"
	FINAL = "Final"  # submitted: the appeal window is open
	APPEALED = "Appealed"
	CONFIRMED = "Confirmed"
	HANDED_OFF = "Handed Off"
	REVOKED = "Revoked"  # cancelled


# Before the leading group's final determination.
UNDECIDED = (
	FindingState.DRAFT,
	FindingState.PRELIMINARY,
	FindingState.BUSINESS_LINE_REVIEW,
	FindingState.COMMITTEE_REVIEW,
)
# Finally determined and not revoked: what an assessment table lists.
DETERMINED = (FindingState.FINAL, FindingState.APPEALED, FindingState.CONFIRMED, FindingState.HANDED_OFF)
# What a notice lists: determined with no appeal pending.
NOTIFIED = (FindingState.FINAL, FindingState.CONFIRMED, FindingState.HANDED_OFF)


class AppealState:
	"""The Appeal workflow; Upheld and Revoked set the appeal's decision (update_field)."""

	DRAFT = "Draft"
	FILED = "Filed"
	UPHELD = "Upheld"
	REVOKED = "Revoked"


class RemediationState:
	"""The Remediation workflow (整改事项): the owner starts and completes it, the leading group verifies."""

	OPEN = "Open"
	IN_PROGRESS = "In Progress"
	DONE = "Done"
	VERIFIED = "Verified"


# Not yet done: what counts as overdue once past its due date.
REMEDIATION_PENDING = (RemediationState.OPEN, RemediationState.IN_PROGRESS)
# The roles a remediation's owner may hold: each may act on a remediation only as its owner.
REMEDIATION_OWNER_ROLES = (Role.INSTITUTION_MANAGER, Role.MANAGER, Role.DESK, Role.BUSINESS_LINE, Role.STAFF)


class Decision:
	PENDING = "Pending"
	UPHELD = "Upheld"
	REVOKED = "Revoked"


class Action:
	"""Workflow Action Master names."""

	PROPOSE = "Propose"
	REFER_TO_BUSINESS_LINE = "Refer to Business Line"
	SEND_TO_COMMITTEE = "Send to Committee"
	APPROVE = "Approve"
	RETURN = "Return"
	CONFIRM = "Confirm"
	REVOKE = "Revoke"
	FILE = "File Appeal"  # not "File", which Frappe shows for its files everywhere
	UPHOLD = "Uphold"
	# Remediation; Frappe's own words with Frappe's own Chinese (开始, 完成, 确认)
	START = "Start"
	COMPLETE = "Complete"
	VERIFY = "Verify"


def _values(namespace) -> tuple[str, ...]:
	return tuple(dict.fromkeys(v for k, v in vars(namespace).items() if not k.startswith("_")))


WORKFLOW_STATES = tuple(
	dict.fromkeys(_values(FindingState) + _values(AppealState) + _values(RemediationState))
)
WORKFLOW_ACTIONS = _values(Action)
WORKFLOWS = (DocType.FINDING, DocType.APPEAL, DocType.REMEDIATION)


class PeriodStatus:
	OPEN = "Not Compiled"
	COMPILED = "Compiled"
	NOTIFIED = "Notified"
	HANDED_OFF = "Handed Off"  # every finding's entry is with payroll
	PAID = "Paid"  # payroll has deducted every entry


# A period whose notices went out takes no new finding; a later compile carries it instead.
PERIOD_CLOSED_FOR_CHANGES = (PeriodStatus.NOTIFIED, PeriodStatus.HANDED_OFF, PeriodStatus.PAID)


class EntryStatus:
	PENDING = "Pending"
	# Reserved for the HRMS hand-off (one Additional Salary per entry), which app.md defers.
	HANDED_OFF = "Handed Off"
	DEDUCTED = "Deducted"
	CANCELLED = "Cancelled"


class DocumentKind:
	"""The two documents of a period, one of each per institution."""

	ASSESSMENT_TABLE = "Assessment Table"  # 处罚考核表
	NOTICE = "Notice"  # 正式文件

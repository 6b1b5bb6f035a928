"""The pinned ledger format: column headers and the words allowed in its cells."""

from ..rules.cases import NOT_INSURANCE_LIABILITY, PENDING, SATISFIED, UNRESOLVED, WITHDRAWN

CASE_NUMBER = "投诉编号"
RECEIVED_ON = "受理日期"
CHANNEL = "投诉渠道"
TRANSFERRED = "是否转办"
INSTITUTION = "处理机构"
OUTCOME = "首次协调结果"
DIRECT_PERSONS = "直接责任人"
MANAGEMENT_PERSONS = "管理责任人"
CUSTOMER = "客户姓名"
BUSINESS_LINE = "业务条线"
DISPUTE_TYPE = "纠纷类型"
REFERRED = "另议"
DESK_OFFICERS = "投诉岗人员"
VIOLATION_TYPE = "违规类型"
VIOLATION_AMOUNT = "违规扣款"
CHARGED_PERIOD = "扣款期间"
VIOLATION_CHARGED_PERIOD = "违规扣款期间"

REQUIRED = (
	CASE_NUMBER,
	RECEIVED_ON,
	CHANNEL,
	TRANSFERRED,
	INSTITUTION,
	OUTCOME,
	DIRECT_PERSONS,
	MANAGEMENT_PERSONS,
)
OPTIONAL = (
	CUSTOMER,
	BUSINESS_LINE,
	DISPUTE_TYPE,
	REFERRED,
	DESK_OFFICERS,
	VIOLATION_TYPE,
	VIOLATION_AMOUNT,
	CHARGED_PERIOD,
	VIOLATION_CHARGED_PERIOD,
)

KNOWN = REQUIRED + OPTIONAL

YES_NO = {
	"是": True,
	"否": False,
	"y": True,
	"n": False,
	"yes": True,
	"no": False,
	"1": True,
	"0": False,
	"true": True,
	"false": False,
}
OUTCOME_WORDS = {
	"待定": PENDING,
	"撤诉": WITHDRAWN,
	"客户撤诉": WITHDRAWN,
	"明显不属于保险责任": NOT_INSURANCE_LIABILITY,
	"不属于保险责任": NOT_INSURANCE_LIABILITY,
	"满意": SATISFIED,
	"客户满意": SATISFIED,
	"未化解": UNRESOLVED,
}
OUTCOME_WORDS.update({value.lower(): value for value in set(OUTCOME_WORDS.values())})

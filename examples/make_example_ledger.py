"""Writes examples/ledger.xlsx: a made-up branch ledger that exercises every rule of rules.md.

Names, numbers and institutions are invented. Run: python examples/make_example_ledger.py
"""

from pathlib import Path

from openpyxl import Workbook

HEADER = ["投诉编号", "受理日期", "投诉渠道", "是否转办", "处理机构", "首次协调结果", "直接责任人", "管理责任人",
	"客户姓名", "业务条线", "另议", "投诉岗人员", "违规类型", "违规扣款", "扣款期间"]

# (case, date, channel, transferred, institution, outcome, direct, management, customer, line, referred,
#  desk officer, violation type, violation amount, charged period)
ROWS = [
	# E1: settled at first coordination, single receipt: exempt.
	("TS2026-001", "2026-10-25", "客服热线", "是", "城东支公司", "满意", "王芳(E1001)", "李强(M1001)", "赵敏", "车险", "", "", "", "", ""),
	# E2: unresolved, one online receipt: direct 100, management 50.
	("TS2026-002", "2026-11-02", "网络", "是", "城东支公司", "未化解", "王芳(E1001)", "李强(M1001)", "钱进", "车险", "", "", "", "", ""),
	# E3: hotline then local regulator (escalation), customer satisfied in the end: all receipts charged.
	("TS2026-003", "2026-10-22", "95585", "是", "城西支公司", "满意", "刘洋(E2001)", "陈静(M2001)", "孙丽", "非车险", "", "", "", "", ""),
	("TS2026-003", "2026-11-10", "保监局", "是", "城西支公司", "", "", "", "孙丽", "非车险", "", "", "", "", ""),
	# E4: exempt in 2026-10, then a same-channel repeat: exemption lost, both receipts charged now.
	("TS2026-004", "2026-09-25", "客服热线", "是", "城西支公司", "满意", "刘洋(E2001)", "陈静(M2001)", "周杰", "非车险", "", "", "", "", ""),
	("TS2026-004", "2026-11-03", "客服热线", "是", "城西支公司", "", "", "", "周杰", "非车险", "", "", "", "", ""),
	# E5: compound, but obviously not insurance liability: stays exempt.
	("TS2026-005", "2026-11-01", "网络", "是", "开发区支公司", "明显不属于保险责任", "黄磊(E3001)", "吴刚(M3001)", "郑爽", "健康险", "", "", "", "", ""),
	("TS2026-005", "2026-11-05", "新闻媒体", "是", "开发区支公司", "", "", "", "郑爽", "健康险", "", "", "", "", ""),
	# E6: never transferred: out of scope.
	("TS2026-006", "2026-11-03", "客服热线", "否", "", "", "", "", "冯伟", "车险", "", "", "", "", ""),
	# E7: the hotline receipt was charged in 2026-10; the head-office receipt is charged now (direct 200).
	("TS2026-007", "2026-10-10", "客服热线", "是", "城东支公司", "未化解", "王芳(E1001)", "", "褚红", "车险", "", "", "", "", "2026-10"),
	("TS2026-007", "2026-11-05", "总公司转办", "是", "城东支公司", "", "", "", "褚红", "车险", "", "", "", "", ""),
	# E8: a desk officer fed back late; the reviewer chose 80 (range 20–200), performance pay.
	("TS2026-008", "2026-11-06", "行业协会", "是", "营业部", "未化解", "马超(E4001)、杨帆(E4002)", "林峰(M4001)", "卫东", "农险",
		"", "何琳(D0001)", "未按时效反馈", "80", ""),
	# Multi-channel: national regulator first, then the association ranks below it.
	("TS2026-009", "2026-11-08", "国家金融监督管理总局", "是", "营业部", "未化解", "马超(E4001)", "林峰(M4001)", "蒋文", "农险", "", "", "", "", ""),
	("TS2026-009", "2026-11-12", "保险行业协会", "是", "营业部", "", "", "", "蒋文", "农险", "", "", "", "", ""),
	# Outcome not known yet: awaiting outcome, assessed once it is recorded.
	("TS2026-010", "2026-11-15", "其他外部单位", "是", "开发区支公司", "待定", "黄磊(E3001)", "吴刚(M3001)", "沈冰", "健康险", "", "", "", "", ""),
	# Referred to the leading group (另议): not assessed automatically.
	("TS2026-011", "2026-11-16", "媒体", "是", "城东支公司", "未化解", "王芳(E1001)", "李强(M1001)", "韩梅", "车险", "是", "", "", "", ""),
	# E11: the 20th belongs to 2026-11, the 21st to 2026-12.
	("TS2026-012", "2026-11-20", "客服热线", "是", "城西支公司", "未化解", "刘洋(E2001)", "陈静(M2001)", "杨光", "非车险", "", "", "", "", ""),
	("TS2026-013", "2026-11-21", "客服热线", "是", "城西支公司", "未化解", "刘洋(E2001)", "陈静(M2001)", "朱琳", "非车险", "", "", "", "", ""),
	# Withdrawn at first coordination, one receipt: exempt; the desk officer's attitude still costs 50.
	("TS2026-014", "2026-11-18", "客服热线", "是", "营业部", "撤诉", "杨帆(E4002)", "林峰(M4001)", "秦岚", "农险",
		"", "何琳(D0001)", "服务态度问题", "50", ""),
	# Accountable, but nobody named yet: carried until a person is named.
	("TS2026-015", "2026-11-19", "网络", "是", "开发区支公司", "未化解", "", "", "许诺", "健康险", "", "", "", "", ""),
]


def main() -> Path:
	book = Workbook()
	sheet = book.active
	sheet.title = "投诉台账"
	sheet.append(HEADER)
	for row in ROWS:
		sheet.append(list(row))
	path = Path(__file__).resolve().parent / "ledger.xlsx"
	book.save(path)
	return path


if __name__ == "__main__":
	print(main())

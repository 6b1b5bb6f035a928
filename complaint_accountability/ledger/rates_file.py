"""A rates file for ledger mode (csv or xlsx): 投诉渠道, 责任类型, 金额, 生效日期; replaces the defaults."""

from pathlib import Path

from ..rules.channels import ChannelBook, UnknownChannel
from ..rules.rates import DIRECT, MANAGEMENT, Rate, RateTable
from .cells import CellError, parse_date, parse_money
from .files import read_ledger_file
from .problems import HEADER_ROW, LedgerInvalid, LedgerProblem

COLUMNS = ("投诉渠道", "责任类型", "金额", "生效日期")
LIABILITY_WORDS = {
	"直接责任人": DIRECT,
	"直接": DIRECT,
	DIRECT.lower(): DIRECT,
	"管理责任人": MANAGEMENT,
	"管理": MANAGEMENT,
	MANAGEMENT.lower(): MANAGEMENT,
}


def read_rates_file(path: Path, channels: ChannelBook) -> RateTable:
	frame = read_ledger_file(path)
	missing = [name for name in COLUMNS if name not in frame.columns]
	if missing:
		raise LedgerInvalid([LedgerProblem(HEADER_ROW, name, "扣款标准文件缺少必需列") for name in missing])
	rates, problems = [], []
	for index, row in frame.iterrows():
		number = int(index) + HEADER_ROW + 1
		try:
			channel = channels.resolve(row["投诉渠道"]).name
			liability = LIABILITY_WORDS.get(row["责任类型"].strip().lower())
			if liability is None:
				raise CellError(f"责任类型应为 直接责任人 或 管理责任人,不是“{row['责任类型']}”")
			rates.append(
				Rate(
					channel,
					liability,
					parse_money(row["金额"]),
					parse_date(row["生效日期"]),
					f"{channel}-{liability}-{row['生效日期'].strip()}",
				)
			)
		except (CellError, UnknownChannel) as error:
			problems.append(LedgerProblem(number, "", str(error)))
	if problems:
		raise LedgerInvalid(problems)
	try:
		return RateTable(rates)
	except ValueError as error:
		raise LedgerInvalid([LedgerProblem(HEADER_ROW, "", f"扣款标准文件有误: {error}")]) from None

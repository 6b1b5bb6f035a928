"""Made-up ledgers of a large branch, for benchmarks/ledger_scale.py. Nothing here is timed.

- cumulative: one ledger kept for years, 200,000 receipts over 36 monthly periods (the last one is
  assessed), 50 institutions of 20 staff and 4 managers each; earlier rows carry the 扣款期间 and
  违规扣款期间 that the monthly runs would have written (a few violations recorded late have none);
- heavy month: 20,000 receipts all in the assessed period, no history.

Every row names its case's persons (as a ledger kept by hand does), 2 % of rows a desk violation,
and an unrelated 备注 column rides along. Dates are date cells in the xlsx, text in the csv.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from complaint_accountability.ledger import columns as col
from complaint_accountability.rules import batch
from complaint_accountability.rules.cases import OUTCOMES
from complaint_accountability.rules.columns import case_columns, day_number, encode_rates
from complaint_accountability.rules.defaults import default_channels, default_rates, default_violation_types
from complaint_accountability.rules.periods import period, period_name_of
from complaint_accountability.rules.settings import AccountabilitySettings

SETTINGS = AccountabilitySettings()
ASSESSED = "2026-11"
CHANNELS = default_channels()
CHANNEL_WEIGHTS = [0.45, 0.2, 0.1, 0.08, 0.07, 0.05, 0.03, 0.02]
OUTCOME_WORDS = {"Pending": "待定", "Withdrawn": "撤诉", "Not Insurance Liability": "明显不属于保险责任"}
OUTCOME_WORDS |= {"Satisfied": "满意", "Unresolved": "未化解"}
SETTLED_WEIGHTS = [0.1, 0.1, 0.3, 0.5]  # Withdrawn, NIL, Satisfied, Unresolved
INSTITUTIONS = 50
STAFF, MANAGERS, DESK_OFFICERS = 20, 4, 10
SURNAMES = (
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍鹏辉建国红梅海燕晓东志文斌雪佳怡子涵浩然宇轩欣梓萱俊思远"
CITIES = (
	"石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 "
	"吕梁 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 "
	"长春 吉林 四平 辽源 通化 白山 松原 白城"
).split()
BUSINESS_LINES = ["车险", "非车险", "意健险"]
NOTES = ["", "", "", "已回访", "客户要求加急", "转理赔部"]


@dataclass(frozen=True)
class Shape:
	receipts: int
	periods: int  # receipts fall over this many periods ending with the assessed one
	compound_share: float  # cases with 2–4 receipts
	pending_recent: float  # outcome still 待定 for cases of the assessed period
	late_violation_share: float  # earlier violations recorded after their period's run


CUMULATIVE = Shape(
	receipts=200_000, periods=36, compound_share=0.2, pending_recent=0.25, late_violation_share=0.05
)
HEAVY_MONTH = Shape(
	receipts=20_000, periods=1, compound_share=0.15, pending_recent=0.15, late_violation_share=0
)


def _names(rng: np.random.Generator, count: int) -> list[str]:
	surnames = rng.choice(list(SURNAMES), count)
	given = ["".join(rng.choice(list(GIVEN), rng.choice([1, 2, 2]))) for _ in range(count)]
	return [s + g for s, g in zip(surnames, given, strict=True)]


def _person_cells(numbers: np.ndarray, names: dict[str, str]) -> list[str]:
	return [f"{names[n]}({n})" for n in numbers]


def _already_charged(frame: pd.DataFrame, shape: Shape) -> np.ndarray:
	"""The 扣款期间 each earlier period's run wrote: the rule core run month by month, as the branch did."""
	channels = {c.name: i for i, c in enumerate(CHANNELS)}
	case_code, cases = pd.factorize(frame["case"])
	facts = frame.groupby(case_code).agg(transferred=("transferred", "first"), outcome=("outcome", "first"))
	facts["referred"] = frame.groupby(case_code)["referred"].first()
	persons = frame.drop_duplicates("case")[["case", "direct", "manager"]]
	person_case = np.concatenate([pd.Index(cases).get_indexer(persons["case"])] * 2)
	numbers = pd.concat([persons["direct"], persons["manager"]])
	person_code = pd.factorize(numbers)[0]
	liability = np.repeat([0, 1], len(persons))
	rates, _ = encode_rates(default_rates(), CHANNELS)
	charged = np.full(len(frame), "", dtype=object)
	names = sorted({period_name_of(d, SETTINGS) for d in frame["received_on"]})
	for name in names[: shape.periods - 1]:
		result = batch.assess(
			batch.ReceiptColumns(
				case=case_code.astype(np.int64),
				day=frame["received_on"].map(day_number).to_numpy(np.int64),
				channel=frame["channel"].map(channels).to_numpy(np.int64),
				charged=charged != "",
			),
			case_columns(facts),
			batch.PersonColumns(
				case=person_case.astype(np.int64),
				person=person_code.astype(np.int64),
				liability=liability.astype(np.int8),
			),
			rates,
			day_number(period(name, SETTINGS).end_date),
			SETTINGS,
		)
		charged[np.unique(result.receipt)] = name
	return charged


def make_frame(shape: Shape, seed: int = 11) -> pd.DataFrame:
	"""The ledger's rows as Python values (dates as ``date``), one per receipt, in received order."""
	rng = np.random.default_rng(seed)
	last = period(ASSESSED, SETTINGS)
	first_day = period(_shift(ASSESSED, 1 - shape.periods), SETTINGS).start_date
	span = (last.end_date - first_day).days + 1
	n_cases = int(shape.receipts / (1 + shape.compound_share * 2) * 1.2) + 100
	sizes = np.where(rng.random(n_cases) < shape.compound_share, rng.integers(2, 5, n_cases), 1)
	case = np.repeat(np.arange(n_cases), sizes)
	offset = np.concatenate([np.arange(s) for s in sizes]) * rng.integers(1, 20, len(case))
	start = np.sort(rng.integers(0, span, n_cases))
	day = start[case] + offset
	keep = np.flatnonzero(day < span)
	keep = np.sort(rng.choice(keep, shape.receipts, replace=False))
	case, day = np.unique(case[keep], return_inverse=True)[1], day[keep]
	n_cases = int(case.max()) + 1
	order = np.argsort(day, kind="stable")
	case, day = case[order], day[order]
	n = len(case)

	institution = rng.integers(0, INSTITUTIONS, n_cases)
	transferred = rng.random(n_cases) < 0.85
	last_day = pd.Series(day).groupby(case).max().reindex(range(n_cases)).fillna(0).to_numpy()
	recent = last_day >= (last.start_date - first_day).days
	pending = rng.random(n_cases) < np.where(recent, shape.pending_recent, 0.02)
	settled = rng.choice(OUTCOMES[1:], n_cases, p=SETTLED_WEIGHTS)
	outcome = np.where(pending, OUTCOMES[0], settled)
	referred = rng.random(n_cases) < 0.01
	staff_pick = rng.integers(0, STAFF, (n_cases, 2))
	two_direct = rng.random(n_cases) < 0.3
	manager_pick = rng.integers(0, MANAGERS, n_cases)

	staff_numbers = [f"E{i:02d}{k:02d}" for i in range(INSTITUTIONS) for k in range(STAFF)]
	manager_numbers = [f"M{i:02d}{k:02d}" for i in range(INSTITUTIONS) for k in range(MANAGERS)]
	desk_numbers = [f"D{k:03d}" for k in range(DESK_OFFICERS)]
	everyone = staff_numbers + manager_numbers + desk_numbers
	names = dict(zip(everyone, _names(rng, len(everyone)), strict=True))
	direct_one = np.array(staff_numbers)[institution * STAFF + staff_pick[:, 0]]
	direct_two = np.array(staff_numbers)[institution * STAFF + staff_pick[:, 1]]
	managers = np.array(manager_numbers)[institution * MANAGERS + manager_pick]
	direct_cell = np.array(_person_cells(direct_one, names), dtype=object)
	second = np.array(_person_cells(direct_two, names), dtype=object)
	direct_cell = np.where(two_direct & (direct_two != direct_one), direct_cell + "、" + second, direct_cell)
	manager_cell = np.array(_person_cells(managers, names), dtype=object)
	institution_names = np.array([f"{c}中心支公司" for c in CITIES[:INSTITUTIONS]], dtype=object)
	channel_names = np.array([c.name for c in CHANNELS], dtype=object)
	channel = rng.choice(len(CHANNELS), n, p=CHANNEL_WEIGHTS)
	channel_text = np.where((channel == 0) & (rng.random(n) < 0.1), "95585", channel_names[channel])

	received = [first_day + timedelta(days=int(d)) for d in day]
	frame = pd.DataFrame(
		{
			"case": [f"TS{c:07d}" for c in case],
			"received_on": received,
			"channel": channel_names[channel],
			"transferred": transferred[case],
			"outcome": outcome[case],
			"referred": referred[case],
			"direct": direct_one[case],
			"manager": managers[case],
		}
	)
	frame["charged"] = _already_charged(frame, shape) if shape.periods > 1 else ""

	types = np.array(list(default_violation_types()), dtype=object)
	officer = np.array(desk_numbers)[rng.integers(0, DESK_OFFICERS, n)]
	violation_type = types[rng.integers(0, len(types), n)]
	# One violation of a kind per case and officer (the reader refuses two amounts for one).
	violation = (rng.random(n) < 0.02) & ~pd.DataFrame(
		{"c": case, "o": officer, "t": violation_type}
	).duplicated()
	assessed_start = last.start_date
	earlier = np.array([d < assessed_start for d in received])
	late = rng.random(n) < shape.late_violation_share
	violation_period = [
		period_name_of(d, SETTINGS) if v and e and not lt else ""
		for d, v, e, lt in zip(received, violation, earlier, late, strict=True)
	]
	blank = np.full(n, "", dtype=object)
	return pd.DataFrame(
		{
			col.CASE_NUMBER: frame["case"],
			col.RECEIVED_ON: received,
			col.CHANNEL: channel_text,
			col.TRANSFERRED: np.where(transferred[case], "是", "否"),
			col.INSTITUTION: np.where(transferred[case], institution_names[institution[case]], ""),
			col.OUTCOME: [OUTCOME_WORDS[o] for o in outcome[case]],
			col.DIRECT_PERSONS: direct_cell[case],
			col.MANAGEMENT_PERSONS: manager_cell[case],
			col.CUSTOMER: [f"客户{c:06d}" for c in case],
			col.BUSINESS_LINE: np.array(BUSINESS_LINES, dtype=object)[case % 3],
			col.REFERRED: np.where(referred[case], "是", ""),
			col.DESK_OFFICERS: np.where(
				violation, np.array(_person_cells(officer, names), dtype=object), blank
			),
			col.VIOLATION_TYPE: np.where(violation, violation_type, blank),
			col.VIOLATION_AMOUNT: np.where(violation, rng.integers(2, 21, n) * 10, 0).astype(object),
			col.CHARGED_PERIOD: frame["charged"].to_numpy(),
			col.VIOLATION_CHARGED_PERIOD: violation_period,
			"备注": np.array(NOTES, dtype=object)[rng.integers(0, len(NOTES), n)],
		}
	).assign(**{col.VIOLATION_AMOUNT: lambda f: np.where(violation, f[col.VIOLATION_AMOUNT], "")})


def _shift(name: str, months: int) -> str:
	year, month = map(int, name.split("-"))
	index = year * 12 + month - 1 + months
	return f"{index // 12:04d}-{index % 12 + 1:02d}"


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
	text = frame.copy()
	text[col.RECEIVED_ON] = text[col.RECEIVED_ON].map(date.isoformat)
	text.to_csv(path, index=False, encoding="utf-8")
	return path


def write_xlsx(frame: pd.DataFrame, path: Path) -> Path:
	"""An Excel ledger as a person keeps it: dates as date cells, numbers as numbers, the rest text."""
	import xlsxwriter

	book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
	sheet = book.add_worksheet("台账")
	day_format = book.add_format({"num_format": "yyyy-mm-dd"})
	sheet.write_row(0, 0, list(frame.columns))
	date_column = frame.columns.get_loc(col.RECEIVED_ON)
	amount_column = frame.columns.get_loc(col.VIOLATION_AMOUNT)
	for number, values in enumerate(frame.itertuples(index=False), start=1):
		for position, value in enumerate(values):
			if position == date_column:
				sheet.write_datetime(
					number, position, datetime.combine(value, datetime.min.time()), day_format
				)
			elif position == amount_column and value != "":
				sheet.write_number(number, position, int(value))
			elif value != "":
				sheet.write_string(number, position, str(value))
	book.close()
	return path


def ledger_files(folder: Path) -> dict[str, Path]:
	"""Both ledgers in ``folder``, made once and kept (they take a minute to write)."""
	folder.mkdir(parents=True, exist_ok=True)
	cumulative, heavy = folder / "cumulative-200k.xlsx", folder / "heavy-month-20k.csv"
	if not cumulative.exists():
		write_xlsx(make_frame(CUMULATIVE), cumulative)
	if not heavy.exists():
		write_csv(make_frame(HEAVY_MONTH), heavy)
	return {"cumulative": cumulative, "heavy": heavy}

"""Ledger mode's optional 纠纷类型 column: the regulator's categories, case-level, refused when unknown."""

import pytest

from complaint_accountability.ledger import columns as col
from complaint_accountability.ledger.problems import LedgerInvalid
from complaint_accountability.ledger.reader import read_ledger
from complaint_accountability.rules.defaults import default_channels, default_violation_types

from .ledgers import row, write_csv


def read(tmp_path, rows, **kwargs):
	return read_ledger(
		write_csv(tmp_path / "l.csv", rows), default_channels(), default_violation_types(), **kwargs
	)


def test_the_case_takes_its_latest_dispute_type(tmp_path):
	ledger = read(
		tmp_path,
		[
			row(**{col.DISPUTE_TYPE: "理赔纠纷"}),
			row(**{col.RECEIVED_ON: "2026-11-05", col.DISPUTE_TYPE: "销售纠纷"}),
			row(**{col.CASE_NUMBER: "A-2", col.DISPUTE_TYPE: ""}),
		],
	)
	assert ledger.cases.loc["A-1", "dispute_type"] == "销售纠纷"
	assert ledger.cases.loc["A-2", "dispute_type"] == ""


def test_an_unknown_dispute_type_is_refused_by_row(tmp_path):
	with pytest.raises(LedgerInvalid) as refused:
		read(tmp_path, [row(), row(**{col.CASE_NUMBER: "A-2", col.DISPUTE_TYPE: "服务纠纷"})])
	assert [str(p) for p in refused.value.problems] == [
		"第3行 [纠纷类型]: 未知的纠纷类型“服务纠纷”,应为 理赔纠纷、销售纠纷、退保纠纷、承保纠纷、保单服务纠纷、其他"
	]


def test_a_site_names_its_own_dispute_types(tmp_path):
	ledger = read(tmp_path, [row(**{col.DISPUTE_TYPE: "服务纠纷"})], dispute_types=("服务纠纷",))
	assert ledger.cases.loc["A-1", "dispute_type"] == "服务纠纷"

"""The settings' defaults are declared once, in AccountabilitySettings; ledger mode and the site read them from there."""

import json
from dataclasses import fields
from pathlib import Path

import pytest

from complaint_accountability.ledger.cli import load_settings_file, main
from complaint_accountability.rules.settings import AccountabilitySettings

from .ledgers import row, write_csv

SETTINGS_DOCTYPE = (
	Path(__file__).resolve().parent.parent
	/ "complaint_accountability/complaint_accountability/doctype/complaint_accountability_settings"
	/ "complaint_accountability_settings.json"
)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_no_settings_file_means_every_default_of_accountability_settings():
	settings, issue_date = load_settings_file(None)
	assert settings == AccountabilitySettings() and issue_date is None


def test_a_settings_file_replaces_only_what_it_names(tmp_path):
	path = tmp_path / "s.json"
	path.write_text(
		json.dumps({"printed_by": "锦程分公司客户服务部", "issue_date": "2026-12-01"}), encoding="utf-8"
	)
	settings, issue_date = load_settings_file(path)
	assert settings.printed_by == "锦程分公司客户服务部" and str(issue_date) == "2026-12-01"
	assert settings.issuing_organ == AccountabilitySettings().issuing_organ


@pytest.mark.parametrize(
	("values", "message"),
	[
		({"letterhead": "x"}, "unknown keys letterhead"),
		({"period_start_day": "21"}, "period_start_day must be int"),
		({"first_document_number": 0}, "first_document_number must be 1 or more"),
	],
)
def test_a_bad_settings_file_is_refused(tmp_path, capsys, values, message):
	(tmp_path / "s.json").write_text(json.dumps(values), encoding="utf-8")
	ledger = write_csv(tmp_path / "l.csv", [row()])
	args = ["assess", str(ledger), "--period", "2026-11", "--out", str(tmp_path / "out"), "--settings"]
	assert main([*args, str(tmp_path / "s.json")]) == 2
	assert message in capsys.readouterr().err


def test_stored_values_read_as_settings():
	"""The site's settings document: check boxes are 0/1, blanks keep the default, other fields are ignored."""
	settings = AccountabilitySettings.from_values(
		{"same_channel_repeat_charged": 0, "payroll_day": 0, "issuing_organ": "", "auto_compile": 1}
	)
	assert settings.same_channel_repeat_charged is False and settings.payroll_day == 0
	assert settings.issuing_organ == AccountabilitySettings().issuing_organ


def test_the_example_settings_file_is_valid():
	settings, _ = load_settings_file(EXAMPLES / "settings.json")
	assert settings.first_document_number == 12 and settings.document_prefix == "锦分客服"


def test_the_site_settings_doctype_declares_the_same_defaults():
	"""Frappe needs a default in the doctype JSON too; it must be the one AccountabilitySettings declares."""
	doctype = {f["fieldname"]: f for f in json.loads(SETTINGS_DOCTYPE.read_text(encoding="utf-8"))["fields"]}
	shared = [f for f in fields(AccountabilitySettings) if f.name in doctype]
	assert len(shared) >= 10
	for field in shared:
		declared = doctype[field.name].get("default")
		assert declared is not None, field.name
		value = field.type(int(declared)) if field.type in (int, bool) else declared
		assert value == getattr(AccountabilitySettings(), field.name), field.name

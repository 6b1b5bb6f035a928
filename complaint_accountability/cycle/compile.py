"""Compiling a period: classify every case and propose findings for each charge not made before.

The whole period is read in a few set-based queries and assessed by the batch rules; only the
findings still missing are created, so a compile can run again until the period is notified.
"""

import frappe
import numpy as np
import pandas as pd
from frappe import _
from frappe.utils import add_days, getdate, today

from complaint_accountability.complaint_accountability.doctype.accountability_period import (
	accountability_period as periods,
)
from complaint_accountability.configuration import channel_book, rate_table, rule_settings
from complaint_accountability.rules import batch
from complaint_accountability.rules.cases import PENDING
from complaint_accountability.rules.columns import LIABILITY_CODE, day_number, encode_frames, encode_rates
from complaint_accountability.rules.receipts import RECEIPT_KINDS
from complaint_accountability.vocabulary import PERIOD_CLOSED_FOR_CHANGES, UNDECIDED, DocType

from . import bulk, proposed_findings
from .locks import step_lock


class PeriodNotEnded(frappe.ValidationError):
	pass


def compile_period(period_name: str, progress=None) -> dict:
	with step_lock("Compile", period_name):
		return _compile(period_name, progress)


def _compile(period_name: str, progress=None) -> dict:
	settings = rule_settings()
	check_ended(period_name)
	period_doc = periods.ensure_period(period_name)
	periods.check_open_for_changes(period_doc)
	carried = carry_undecided_findings(period_doc.name)
	end_date = period_doc.end_date
	complaint = frappe.qb.DocType(DocType.COMPLAINT)
	cases = _frame(
		_candidate_cases(end_date).select(
			complaint.name, complaint.transferred, complaint.first_coordination_outcome, complaint.referred
		),
		CASE_FIELDS,
	).set_index("name")
	receipts = _receipts(end_date)
	persons = _persons(end_date)
	made = _charges_made(end_date)

	channels = channel_book()
	rate_columns, rate_rows = encode_rates(rate_table(), channels)
	frames = encode_frames(
		cases,
		receipts["parent"],
		receipts["received_on"].map(day_number).to_numpy(dtype=np.int64),
		receipts["channel"],
		np.zeros(len(receipts), dtype=bool),  # what was charged is told charge by charge, below
		persons["parent"],
		persons["person"],
		persons["liability"],
		channels,
		more_person_keys=made["person"],
	)
	receipt_code = pd.Index(receipts["name"])
	made = made[made["receipt"].isin(receipt_code) & made["liability"].isin(list(LIABILITY_CODE))]
	result = batch.assess(
		frames.receipts,
		frames.cases,
		frames.persons,
		rate_columns,
		day_number(end_date),
		settings,
		(
			receipt_code.get_indexer(made["receipt"]).astype(np.int64),
			frames.person_code.get_indexer(made["person"]).astype(np.int64),
			made["liability"].map(LIABILITY_CODE).to_numpy(dtype=np.int64),
		),
	)
	proposed_findings.refuse_missing_rates(result, receipts, persons)
	charges = pd.DataFrame(
		{
			"complaint": receipts["parent"].to_numpy()[result.receipt],
			"receipt": receipts["name"].to_numpy()[result.receipt],
			"channel": receipts["channel"].to_numpy()[result.receipt],
			"received_on": receipts["received_on"].to_numpy()[result.receipt],
			"receipt_kind": [RECEIPT_KINDS[k] for k in result.kind[result.receipt]],
			"person": persons["person"].to_numpy()[result.person],
			"liability": persons["liability"].to_numpy()[result.person],
			"penalty_rate": [rate_rows[r].label for r in result.rate],
			"cents": result.cents,
		}
	)
	created = proposed_findings.create_proposed(period_doc.name, charges, progress)
	periods.mark(period_doc.name, compiled_on=True)
	return {
		"period": period_doc.name,
		"cases": len(cases),
		"charges": len(charges),
		"findings_created": created,
		"findings_carried": carried,
	}


def check_ended(period_name: str) -> None:
	"""A period is compiled once it has ended: its receipts are all in, its window closed."""
	window = periods.window_or_throw(period_name)
	if getdate(today()) <= window.end_date:
		frappe.throw(
			_("Period {0} runs until {1}; compile it from {2}").format(
				window.name, window.end_date, add_days(window.end_date, 1)
			),
			PeriodNotEnded,
			title=_("Period Not Ended"),
		)


def carry_undecided_findings(period_name: str) -> int:
	"""Findings still undecided in an earlier period whose notices went out (a violation recorded
	late, a finding left in review) move to this one, so none is left in a closed period."""
	finding = frappe.qb.DocType(DocType.FINDING)
	period = frappe.qb.DocType(DocType.PERIOD)
	closed = (
		frappe.qb.from_(period)
		.select(period.name)
		.where((period.name < period_name) & period.status.isin(PERIOD_CLOSED_FOR_CHANGES))
	)
	names = (
		frappe.qb.from_(finding)
		.select(finding.name)
		.where(
			(finding.docstatus == 0)
			& finding.workflow_state.isin(UNDECIDED)
			& finding.accountability_period.isin(closed)
		)
		.run(pluck=True)
	)
	bulk.set_on_findings(
		names,
		"accountability_period",
		period_name,
		period_name,
		_("{0} undecided findings of periods whose notices went out were carried here: {1}").format(
			len(names), ", ".join(names[:50])
		),
	)
	return len(names)


CASE_FIELDS = ("name", "transferred", "outcome", "referred")


def _frame(query, columns) -> pd.DataFrame:
	return pd.DataFrame(query.run(), columns=list(columns))


def _candidate_cases(end_date):
	"""Transferred, not referred cases with a known outcome and a receipt by the period's end."""
	complaint = frappe.qb.DocType(DocType.COMPLAINT)
	return frappe.qb.from_(complaint).where(
		(complaint.transferred == 1)
		& (complaint.referred == 0)
		& (complaint.first_coordination_outcome != PENDING)
		& (complaint.first_received_on <= end_date)
	)


def _candidate_names(end_date):
	return _candidate_cases(end_date).select(frappe.qb.DocType(DocType.COMPLAINT).name)


def _receipts(end_date) -> pd.DataFrame:
	"""The candidate cases' receipts up to the period's end."""
	receipt = frappe.qb.DocType(DocType.RECEIPT)
	query = (
		frappe.qb.from_(receipt)
		.select(receipt.name, receipt.parent, receipt.channel, receipt.received_on)
		.where(
			(receipt.parenttype == DocType.COMPLAINT)
			& (receipt.received_on <= end_date)
			& receipt.parent.isin(_candidate_names(end_date))
		)
	)
	return _frame(query, ("name", "parent", "channel", "received_on"))


def _persons(end_date) -> pd.DataFrame:
	"""The candidate cases' responsible persons."""
	person = frappe.qb.DocType(DocType.RESPONSIBLE_PERSON)
	query = (
		frappe.qb.from_(person)
		.select(person.parent, person.person, person.liability)
		.where((person.parenttype == DocType.COMPLAINT) & person.parent.isin(_candidate_names(end_date)))
	)
	return _frame(query, ("parent", "person", "liability"))


def _charges_made(end_date) -> pd.DataFrame:
	"""Every charge any finding made on a receipt up to the period's end, revoked ones included:
	each is made once."""
	charge = frappe.qb.DocType(DocType.FINDING_CHARGE)
	finding = frappe.qb.DocType(DocType.FINDING)
	query = (
		frappe.qb.from_(charge)
		.join(finding)
		.on(finding.name == charge.parent)
		.select(charge.receipt, finding.person, finding.liability)
		.where((charge.parenttype == DocType.FINDING) & (charge.received_on <= end_date))
	)
	return _frame(query, ("receipt", "person", "liability"))

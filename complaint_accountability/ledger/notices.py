"""Turning a period's charges into the per-institution documents the documents module renders."""

from datetime import date
from decimal import Decimal

import pandas as pd

from ..documents.labels import LIABILITY_LABEL, channel_breakdown
from ..documents.model import InstitutionDocument, PenaltyLine
from ..documents.numerals import doc_number
from ..rules.rates import HANDLING_VIOLATION
from .assess import LedgerAssessment


def penalty_lines(charges: pd.DataFrame) -> tuple[PenaltyLine, ...]:
	"""One line per case, person and liability, as the site's findings; a handling violation per type too
	(channel charges have no violation type, so their receipts still add up in one line)."""
	lines = []
	for (case, number, liability, violation_type), group in charges.groupby(
		["case", "employee_number", "liability", "violation_type"], sort=False
	):
		channels = (
			violation_type
			if liability == HANDLING_VIOLATION
			else channel_breakdown(group["channel"], group["receipt_kind"])
		)
		lines.append(
			PenaltyLine(
				person_name=group["full_name"].iat[0],
				employee_number=number,
				post="",
				case_number=case,
				liability=LIABILITY_LABEL[liability],
				channels=channels,
				amount=sum(group["amount"], Decimal(0)),
			)
		)
	return tuple(lines)


def institution_documents(
	result: LedgerAssessment, issue_date: date, prefix: str, first_number: int
) -> list[InstitutionDocument]:
	period = result.period
	documents = []
	for offset, (institution, charges) in enumerate(result.charges.groupby("institution", sort=True)):
		documents.append(
			InstitutionDocument(
				institution=institution,
				period=period.name,
				period_start=period.start_date,
				period_end=period.end_date,
				appeal_deadline=period.appeal_deadline,
				lines=penalty_lines(charges),
				doc_number=doc_number(prefix, issue_date.year, first_number + offset),
				issue_date=issue_date,
			)
		)
	return documents

"""The print formats' HTML: the same templates as the PDFs, for every institution of a period.

Registered as a Jinja method (hooks.py), so the `Penalty Assessment Table` and
`Accountability Notice` print formats of an Accountability Period are one line each.
"""

from dataclasses import replace

from complaint_accountability.documents.fonts import system_families
from complaint_accountability.documents.render import render_css, render_html

from .period_documents import ASSESSED, NOTIFIED, institution_documents, letterhead

PAGE_BREAK = '<div class="page-break" style="page-break-after: always"></div>'


def accountability_documents_html(period, kind: str) -> str:
	"""Every institution's assessment table or notice of ``period`` (an Accountability Period doc)."""
	states = ASSESSED if kind == "assessment" else NOTIFIED
	numbers = {row.institution: row.document_number for row in period.get("documents") or []}
	head = letterhead()
	pages = []
	for document in institution_documents(period, states):
		if numbers.get(document.institution):
			document = replace(document, doc_number=numbers[document.institution])
		pages.append(render_html(document, head, kind))
	return f"<style>{render_css(system_families(), browser=True)}</style>" + PAGE_BREAK.join(pages)

"""PDFs of the monthly documents: a whole period at once (fast) or one document the plain way.

The fast path, for every document of a call:
- one set of CJK faces subset to the call's characters (fonts.py), embedded whole rather than subset again
  per PDF, and one parsed set of stylesheets with one FontConfiguration;
- documents laid out one by one (each keeps its own page numbers) but written in batches, one PDF a batch,
  then cut back into one PDF a document (split.py): the font dictionaries are built once a batch;
- batches spread over forked processes, longest documents first, with the garbage collector freezing what
  the renderer holds and running young collections less often, and collecting each batch's layout once
  it is written.
"""

import gc
import logging
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import lru_cache
from multiprocessing import current_process, get_all_start_methods, get_context
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape

from . import fonts
from .context import ASSESSMENT, KINDS, NOTICE, check_kind, document_context, title_texts
from .model import InstitutionDocument, Letterhead
from .split import split_pages

LOGGER = logging.getLogger(__name__)
PACKAGE = "complaint_accountability"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = "complaint_accountability/documents/templates"
TEMPLATES = {NOTICE: f"{TEMPLATE_DIR}/notice.html", ASSESSMENT: f"{TEMPLATE_DIR}/assessment_table.html"}
ANALYSIS_TEMPLATE = f"{TEMPLATE_DIR}/analysis_report.html"
STYLESHEET = f"{TEMPLATE_DIR}/documents.css"
STATIC_SOURCES = (*TEMPLATES.values(), f"{TEMPLATE_DIR}/penalty_table.html")
WORKERS_ENV = "COMPLAINT_ACCOUNTABILITY_RENDER_WORKERS"
MAX_WORKERS = 8
MIN_DOCS_PER_WORKER = 4
# Documents written as one PDF and then cut apart (PeriodRenderer.pdfs); more saves little and balances worse.
MAX_BATCH = 8
BATCHES_PER_WORKER = 3
MAX_BATCH_HTML = 64 * 1024  # about ten pages of a notice's table
# Embedding the subset faces whole is fast; beyond this size each PDF gets its own subset instead.
FULL_FONTS_LIMIT = 640 * 1024
BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
# WeasyPrint makes hundreds of thousands of short-lived objects a document; the default threshold (700) runs
# the young collection hundreds of times a document, each also walking what survived earlier documents.
COLLECTOR_THRESHOLDS = (50_000, 50, 1_000)


@lru_cache(maxsize=1)
def jinja_environment() -> Environment:
	"""Template names resolve as in Frappe (app-prefixed paths), so the templates work in both."""
	return Environment(
		loader=PrefixLoader({PACKAGE: FileSystemLoader(str(PACKAGE_DIR))}),
		autoescape=select_autoescape(["html"]),
		undefined=StrictUndefined,
	)


def render_html(doc: InstitutionDocument, letterhead: Letterhead, kind: str, inline_css: str = "") -> str:
	"""The document's HTML; CSS comes separately (render_css) unless inline_css is given."""
	context = document_context(doc, letterhead, kind)
	html = jinja_environment().get_template(TEMPLATES[kind]).render(**context, inline_css=inline_css)
	return BETWEEN_TAGS.sub("><", html)  # fewer whitespace nodes to parse and lay out


def render_css(families: dict[str, str], browser: bool = False) -> str:
	"""documents.css with the font-family lists filled in (see fonts.subset_families); browser=True for the
	print formats a browser shows and prints rather than WeasyPrint."""
	return jinja_environment().get_template(STYLESHEET).render(**families, browser=browser)


@lru_cache(maxsize=1)
def static_text() -> str:
	"""All the fixed wording of the templates (for the heading face, which sets only fixed text)."""
	environment = jinja_environment()
	return "".join(environment.loader.get_source(environment, name)[0] for name in STATIC_SOURCES)


def _check_unique(docs: list[InstitutionDocument]) -> None:
	seen = set()
	for doc in docs:
		if doc.institution in seen:
			raise ValueError(f"two documents for institution {doc.institution!r}")
		seen.add(doc.institution)


def subset_texts(
	docs: list[InstitutionDocument],
	letterhead: Letterhead,
	css: str,
	rendered: dict[str, list[str]] | None = None,
) -> dict[str, str]:
	"""Text each face must cover: body both documents of every institution (so the notices and the
	tables of a period share one subset), title the titles, heading the fixed wording. rendered: HTML
	already made for a kind, in the order of docs."""
	rendered = rendered or {}
	htmls = (rendered.get(kind) or [render_html(doc, letterhead, kind) for doc in docs] for kind in KINDS)
	return {
		"body": "".join(html for kind_htmls in htmls for html in kind_htmls) + css,
		"title": "".join(title_texts(doc, letterhead) for doc in docs),
		"heading": static_text(),
	}


class PeriodRenderer:
	"""Stylesheets parsed once and one FontConfiguration, shared by every document it writes."""

	def __init__(self, font_face_css: str, css: str, full_fonts: bool):
		from weasyprint import CSS
		from weasyprint.text.fonts import FontConfiguration

		self.font_config = FontConfiguration()
		self.stylesheets = [
			CSS(string=font_face_css, font_config=self.font_config),
			CSS(string=css, font_config=self.font_config),
		]
		self.full_fonts = full_fonts

	def layout(self, html: str):
		from weasyprint import HTML

		document = HTML(string=html, base_url=str(PACKAGE_DIR))
		return document.render(stylesheets=self.stylesheets, font_config=self.font_config)

	def pdf(self, html: str) -> bytes:
		return self.layout(html).write_pdf(full_fonts=self.full_fonts)

	def pdfs(self, htmls: list[str]) -> list[bytes]:
		"""One PDF per HTML: each laid out on its own (its own page numbers), all written as one PDF, then
		cut at the documents' boundaries (split.py)."""
		if len(htmls) == 1:
			return [self.pdf(htmls[0])]
		documents = [self.layout(html) for html in htmls]
		pages = [page for document in documents for page in document.pages]
		whole = documents[0].copy(pages).write_pdf(full_fonts=self.full_fonts)
		return split_pages(
			whole,
			[len(document.pages) for document in documents],
			[document.metadata.title or "" for document in documents],
		)


@contextmanager
def fewer_collections():
	"""Freeze the objects that exist (fonts, stylesheets, the modules) and collect young objects less often
	while documents are written; the collector's settings are restored afterwards."""
	thresholds = gc.get_threshold()
	gc.freeze()
	gc.set_threshold(*COLLECTOR_THRESHOLDS)
	try:
		yield
	finally:
		gc.set_threshold(*thresholds)
		gc.unfreeze()


_worker_renderer: PeriodRenderer | None = None


def _start_worker() -> None:
	"""The worker only writes documents with the renderer it inherited (frozen before the fork, so that its
	collections neither walk nor copy the parent's objects) and ends with the pool."""
	gc.set_threshold(*COLLECTOR_THRESHOLDS)


def _worker_pdfs(htmls: list[str]) -> list[bytes]:
	return _batch_pdfs(_worker_renderer, htmls)


def _batch_pdfs(renderer: PeriodRenderer, htmls: list[str]) -> list[bytes]:
	"""A batch's PDFs, then its layout collected. The layout is a web of reference cycles; with the thresholds
	of fewer_collections it reaches the oldest generation, which they never collect: left there, a process
	grew by some 40 MiB a batch (to 500 MiB over a period's notices), and now stays at one batch's size."""
	pdfs = renderer.pdfs(htmls)
	gc.collect()
	return pdfs


def batches(htmls: list[str], workers: int) -> list[list[int]]:
	"""Indexes of htmls in batches to write together, longest documents first so that no worker is left
	with a long one at the end. A batch holds at most MAX_BATCH_HTML of HTML: a long document (a notice of
	many pages) gains nothing from sharing a PDF, and laid out together long documents would hold all their
	pages in memory and leave one worker with the last big batch."""
	size = max(1, min(MAX_BATCH, len(htmls) // (workers * BATCHES_PER_WORKER)))
	work, batch, length = [], [], 0
	for index in sorted(range(len(htmls)), key=lambda index: -len(htmls[index])):
		if batch and (len(batch) == size or length + len(htmls[index]) > MAX_BATCH_HTML):
			work.append(batch)
			batch, length = [], 0
		batch.append(index)
		length += len(htmls[index])
	return [*work, batch] if batch else work


def worker_count(documents: int, workers: int | None = None) -> int:
	"""Processes to use: the argument, else $COMPLAINT_ACCOUNTABILITY_RENDER_WORKERS, else the CPUs;
	1 where forking is unavailable or not allowed (daemonic processes)."""
	if "fork" not in get_all_start_methods() or current_process().daemon:
		return 1
	if workers is None and os.environ.get(WORKERS_ENV, "").strip():
		workers = int(os.environ[WORKERS_ENV])
	if workers is None:
		cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
		workers = min(cpus, MAX_WORKERS)
	return max(1, min(workers, documents // MIN_DOCS_PER_WORKER or 1))


def _write_here(htmls: list[str], font_face_css: str, css: str, full_fonts: bool) -> list[bytes]:
	renderer = PeriodRenderer(font_face_css, css, full_fonts)
	pdfs = {}
	with fewer_collections():
		for batch in batches(htmls, 1):
			pdfs.update(zip(batch, _batch_pdfs(renderer, [htmls[index] for index in batch]), strict=True))
	return [pdfs[index] for index in range(len(htmls))]


def _write_forked(
	htmls: list[str], font_face_css: str, css: str, full_fonts: bool, workers: int
) -> list[bytes]:
	"""Forked workers (no re-import of __main__) sharing a renderer made once here; results in input order."""
	global _worker_renderer
	work = batches(htmls, workers)
	_worker_renderer = PeriodRenderer(font_face_css, css, full_fonts)
	try:
		with (
			fewer_collections(),
			ProcessPoolExecutor(
				max_workers=workers, mp_context=get_context("fork"), initializer=_start_worker
			) as pool,
		):
			done = pool.map(_worker_pdfs, [[htmls[index] for index in batch] for batch in work])
			pdfs = {
				index: pdf
				for batch, pdfs in zip(work, done, strict=True)
				for index, pdf in zip(batch, pdfs, strict=True)
			}
	finally:
		_worker_renderer = None
	return [pdfs[index] for index in range(len(htmls))]


def _write_all(htmls: list[str], font_face_css: str, css: str, full_fonts: bool, workers: int) -> list[bytes]:
	if workers > 1:
		try:
			return _write_forked(htmls, font_face_css, css, full_fonts, workers)
		except (OSError, BrokenProcessPool) as exc:
			LOGGER.warning("rendering in worker processes failed (%s); rendering here instead", exc)
	return _write_here(htmls, font_face_css, css, full_fonts)


def render_period(
	docs: list[InstitutionDocument], letterhead: Letterhead, kind: str, workers: int | None = None
) -> dict[str, bytes]:
	"""PDF per institution (in the order given); CJK faces subset once for the whole call."""
	check_kind(kind)
	docs = list(docs)
	_check_unique(docs)
	if not docs:
		return {}
	htmls = [render_html(doc, letterhead, kind) for doc in docs]
	css = render_css(fonts.subset_families())
	workers = worker_count(len(docs), workers)
	with fonts.build_subset_faces(subset_texts(docs, letterhead, css, {kind: htmls}), workers) as faces:
		full_fonts = faces.size <= FULL_FONTS_LIMIT
		if not full_fonts:
			LOGGER.info("subset faces are %d bytes: subsetting them again for each PDF", faces.size)
		pdfs = _write_all(htmls, faces.font_face_css(), css, full_fonts, workers)
	return {doc.institution: pdf for doc, pdf in zip(docs, pdfs, strict=True)}


def render_one(doc: InstitutionDocument, letterhead: Letterhead, kind: str) -> bytes:
	"""One document through the fast path (its own subset faces, in this process)."""
	return render_period([doc], letterhead, kind, workers=1)[doc.institution]


def render_document(html: str, title_text: str) -> bytes:
	"""A document of its own (not one of a period's) through the same fast path: the shared stylesheet,
	and faces subset to its text — headings and tables may set any of it in the heading face."""
	css = render_css(fonts.subset_families())
	texts = {"body": html + css, "title": title_text, "heading": static_text() + html}
	with fonts.build_subset_faces(texts) as faces:
		return _write_here([html], faces.font_face_css(), css, faces.size <= FULL_FONTS_LIMIT)[0]


def analysis_html(report, letterhead: Letterhead) -> str:
	"""The quarterly 投诉情况分析报告 (documents/analysis.py) as HTML; its charts set their text in the
	subset body face."""
	from .analysis import analysis_context

	context = analysis_context(report, letterhead, fonts.ROLE_BY_NAME["body"].family)
	return BETWEEN_TAGS.sub("><", jinja_environment().get_template(ANALYSIS_TEMPLATE).render(**context))


def render_analysis(report, letterhead: Letterhead) -> bytes:
	"""The quarterly analysis as a PDF, with the notices' letterhead, stylesheet and faces."""
	from .analysis import TITLE, quarter_label

	return render_document(analysis_html(report, letterhead), quarter_label(report.quarter) + TITLE)


def render_one_plain(doc: InstitutionDocument, letterhead: Letterhead, kind: str) -> bytes:
	"""Baseline: system font families, no pre-subsetting, fresh CSS and FontConfiguration."""
	from weasyprint import CSS, HTML
	from weasyprint.text.fonts import FontConfiguration

	font_config = FontConfiguration()
	css = CSS(string=render_css(fonts.system_families()), font_config=font_config)
	html = HTML(string=render_html(doc, letterhead, kind), base_url=str(PACKAGE_DIR))
	return html.write_pdf(stylesheets=[css], font_config=font_config)

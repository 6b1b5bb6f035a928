"""PDFs of the monthly documents: a whole period at once (fast) or one document the plain way.

The fast path renders every document of a call with the same subset CJK faces (fonts.py), one parsed set
of stylesheets and one FontConfiguration per process, embeds the small subset faces whole instead of
letting WeasyPrint subset them again per PDF, and spreads the documents over the CPUs.
"""

import logging
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from multiprocessing import current_process, get_all_start_methods, get_context
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape

from . import fonts
from .context import ASSESSMENT, KINDS, NOTICE, document_context, title_texts
from .model import InstitutionDocument, Letterhead

LOGGER = logging.getLogger(__name__)
PACKAGE = "complaint_accountability"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = "complaint_accountability/documents/templates"
TEMPLATES = {NOTICE: f"{TEMPLATE_DIR}/notice.html", ASSESSMENT: f"{TEMPLATE_DIR}/assessment_table.html"}
STYLESHEET = f"{TEMPLATE_DIR}/documents.css"
STATIC_SOURCES = (*TEMPLATES.values(), f"{TEMPLATE_DIR}/penalty_table.html")
WORKERS_ENV = "COMPLAINT_ACCOUNTABILITY_RENDER_WORKERS"
MAX_WORKERS = 8
MIN_DOCS_PER_WORKER = 4
# Embedding the subset faces whole is fast; beyond this size each PDF gets its own subset instead.
FULL_FONTS_LIMIT = 640 * 1024
BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


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
	_check_kind(kind)
	context = document_context(doc, letterhead, kind)
	html = jinja_environment().get_template(TEMPLATES[kind]).render(**context, inline_css=inline_css)
	return BETWEEN_TAGS.sub("><", html)  # fewer whitespace nodes to parse and lay out


def render_css(families: dict[str, str]) -> str:
	"""documents.css with the font-family lists filled in (see fonts.subset_families)."""
	return jinja_environment().get_template(STYLESHEET).render(**families)


@lru_cache(maxsize=1)
def static_text() -> str:
	"""All the fixed wording of the templates (for the heading face, which sets only fixed text)."""
	environment = jinja_environment()
	return "".join(environment.loader.get_source(environment, name)[0] for name in STATIC_SOURCES)


def _check_kind(kind: str) -> None:
	if kind not in KINDS:
		raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def _check_unique(docs: list[InstitutionDocument]) -> None:
	seen = set()
	for doc in docs:
		if doc.institution in seen:
			raise ValueError(f"two documents for institution {doc.institution!r}")
		seen.add(doc.institution)


def subset_texts(docs: list[InstitutionDocument], letterhead: Letterhead, css: str) -> dict[str, str]:
	"""Text each face must cover: body both documents of every institution (so the notices and the
	tables of a period share one subset), title the titles, heading the fixed wording."""
	return {
		"body": "".join(render_html(doc, letterhead, kind) for kind in KINDS for doc in docs) + css,
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

	def pdf(self, html: str) -> bytes:
		from weasyprint import HTML

		document = HTML(string=html, base_url=str(PACKAGE_DIR))
		return document.write_pdf(
			stylesheets=self.stylesheets, font_config=self.font_config, full_fonts=self.full_fonts
		)


_worker_renderer: PeriodRenderer | None = None


def _import_weasyprint() -> None:
	import weasyprint.text.fonts  # noqa: F401


def _start_worker(font_face_css: str, css: str, full_fonts: bool) -> None:
	global _worker_renderer
	_worker_renderer = PeriodRenderer(font_face_css, css, full_fonts)


def _worker_pdf(html: str) -> bytes:
	return _worker_renderer.pdf(html)


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
	return [renderer.pdf(html) for html in htmls]


def _write_forked(
	htmls: list[str], font_face_css: str, css: str, full_fonts: bool, workers: int
) -> list[bytes]:
	"""Forked workers (no re-import of __main__), each with its own renderer; results in input order."""
	_import_weasyprint()  # once here rather than in every worker (half a second each)
	with ProcessPoolExecutor(
		max_workers=workers,
		mp_context=get_context("fork"),
		initializer=_start_worker,
		initargs=(font_face_css, css, full_fonts),
	) as pool:
		return list(pool.map(_worker_pdf, htmls, chunksize=max(1, len(htmls) // (workers * 4))))


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
	_check_kind(kind)
	docs = list(docs)
	_check_unique(docs)
	if not docs:
		return {}
	htmls = [render_html(doc, letterhead, kind) for doc in docs]
	css = render_css(fonts.subset_families())
	with fonts.build_subset_faces(subset_texts(docs, letterhead, css)) as faces:
		full_fonts = faces.size <= FULL_FONTS_LIMIT
		if not full_fonts:
			LOGGER.info("subset faces are %d bytes: subsetting them again for each PDF", faces.size)
		pdfs = _write_all(htmls, faces.font_face_css(), css, full_fonts, worker_count(len(docs), workers))
	return {doc.institution: pdf for doc, pdf in zip(docs, pdfs, strict=True)}


def render_one(doc: InstitutionDocument, letterhead: Letterhead, kind: str) -> bytes:
	"""One document through the fast path (its own subset faces, in this process)."""
	return render_period([doc], letterhead, kind, workers=1)[doc.institution]


def render_one_plain(doc: InstitutionDocument, letterhead: Letterhead, kind: str) -> bytes:
	"""Baseline: system font families, no pre-subsetting, fresh CSS and FontConfiguration."""
	from weasyprint import CSS, HTML
	from weasyprint.text.fonts import FontConfiguration

	_check_kind(kind)
	font_config = FontConfiguration()
	css = CSS(string=render_css(fonts.system_families()), font_config=font_config)
	html = HTML(string=render_html(doc, letterhead, kind), base_url=str(PACKAGE_DIR))
	return html.write_pdf(stylesheets=[css], font_config=font_config)

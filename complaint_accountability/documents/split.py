"""Cut one PDF holding several documents' pages back into one PDF per document.

WeasyPrint writes the font dictionaries (widths and ToUnicode maps of every glyph of the embedded faces) once
per PDF, a third of the work of a short document. Writing a batch of documents as one PDF and cutting it at
the documents' page boundaries pays that once per batch; each piece still carries the faces it uses.
"""

from io import BytesIO

from pypdf import PdfReader, PdfWriter


def split_pages(pdf: bytes, page_counts: list[int], titles: list[str]) -> list[bytes]:
	"""PDFs of page_counts[0] pages, then page_counts[1], ... of pdf, each with its document title."""
	if len(page_counts) != len(titles):
		raise ValueError(f"{len(page_counts)} page counts but {len(titles)} titles")
	reader = PdfReader(BytesIO(pdf))
	if sum(page_counts) != len(reader.pages) or any(count < 1 for count in page_counts):
		raise ValueError(f"page counts {page_counts} do not cut a PDF of {len(reader.pages)} pages")
	producer = (reader.metadata or {}).get("/Producer")
	pieces, start = [], 0
	for count, title in zip(page_counts, titles, strict=True):
		writer = PdfWriter()
		for page in reader.pages[start : start + count]:
			writer.add_page(page)
		writer.add_metadata({"/Title": title, **({"/Producer": producer} if producer else {})})
		output = BytesIO()
		writer.write(output)
		pieces.append(output.getvalue())
		start += count
	return pieces

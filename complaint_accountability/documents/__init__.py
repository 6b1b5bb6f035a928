"""Documents people read: the 处罚考核表 and the 正式文件 (GB/T 9704-2012) of each institution and period.

Pure Python (no Frappe). Rendering to PDF lives in render.py (WeasyPrint, imported when first used):
render_period(docs, letterhead, kind) for a whole period, render_one(doc, letterhead, kind) for one.
"""

from .model import InstitutionDocument, Letterhead, PenaltyLine
from .numerals import chinese_date, doc_number, money_in_chinese_capitals

__all__ = [
	"InstitutionDocument",
	"Letterhead",
	"PenaltyLine",
	"chinese_date",
	"doc_number",
	"money_in_chinese_capitals",
]

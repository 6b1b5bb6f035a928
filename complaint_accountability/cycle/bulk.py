"""Inserting many documents at once with the names, owners and timestamps Frappe would give them.

A block of naming-series numbers is reserved in one locked update, so names stay gapless and
in sequence with those made one by one.
"""

from collections.abc import Sequence

import frappe
from frappe.model.naming import NamingSeries
from frappe.utils import now_datetime

from complaint_accountability.vocabulary import DocType


def reserve_names(series: str, count: int) -> list[str]:
	"""``count`` names of a naming series like ``RF-.YYYY.-.#####``, taken under a row lock."""
	prefix, digits = _series_key(series)
	table = frappe.qb.DocType("Series")
	current = frappe.qb.from_(table).where(table.name == prefix).for_update().select(table.current).run()
	start = int(current[0][0] or 0) if current else 0
	if current:
		frappe.qb.update(table).set(table.current, start + count).where(table.name == prefix).run()
	else:
		frappe.qb.into(table).columns("name", "current").insert(prefix, count).run()
	return [f"{prefix}{number:0{digits}d}" for number in range(start + 1, start + count + 1)]


def _series_key(series: str) -> tuple[str, int]:
	"""``RF-.YYYY.-.#####`` → (``RF-2026-``, 5): the counter's prefix as Frappe's naming expands it today."""
	return NamingSeries(series).get_prefix(), series.rsplit(".", 1)[-1].count("#")


CHUNK = 5_000


def insert_rows(doctype: str, fields: Sequence[str], rows: list[Sequence], docstatus: int = 0) -> None:
	"""Insert rows whose first value is the name; standard columns are filled in as an insert would.

	The driver's executemany sends multi-row INSERTs with its own escaping: building the same
	statement through the query builder (frappe.db.bulk_insert) cost 70 s for 300,000 rows.
	"""
	stamp = now_datetime()
	user = frappe.session.user
	columns = ["name", *fields[1:], "owner", "creation", "modified", "modified_by", "docstatus"]
	statement = "insert into `tab{}` ({}) values ({})".format(
		doctype, ", ".join(f"`{c}`" for c in columns), ", ".join(["%s"] * len(columns))
	)
	values = [(*row, user, stamp, stamp, user, docstatus) for row in rows]
	for start in range(0, len(values), CHUNK):
		frappe.db._cursor.executemany(statement, values[start : start + CHUNK])


def set_on_findings(names: list[str], field: str, value, period_name: str, note: str) -> None:
	"""One UPDATE of ``field`` for the findings ``names``, recorded on the period with ``note``."""
	if not names:
		return
	finding = frappe.qb.DocType(DocType.FINDING)
	stamped(frappe.qb.update(finding).set(finding[field], value), finding).where(
		finding.name.isin(names)
	).run()
	frappe.get_doc(DocType.PERIOD, period_name).add_comment("Info", note)


def stamped(update, table):
	"""An UPDATE that also says when and by whom, as a save would."""
	return update.set(table.modified, now_datetime()).set(table.modified_by, frappe.session.user)

"""Person cells: one or more 姓名(工号), separated by 、 or ;.

:func:`parse_person_cell` reads one cell and is the readable reference; :func:`parse_person_cells`
reads many at once with pandas' vectorized string methods (a large ledger has tens of thousands
of distinct cells), and tests hold the two to the same result.
"""

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

SEPARATORS = re.compile(r"[、;；,，\n]")
PERSON = re.compile(r"^(?P<name>[^()（）]+?)\s*[(（]\s*(?P<number>[A-Za-z0-9][A-Za-z0-9_.\-]*)\s*[)）]$")
PERSON_COLUMNS = ["cell", "position", "employee_number", "full_name"]


class PersonCellError(ValueError):
	pass


@dataclass(frozen=True)
class PersonRef:
	full_name: str
	employee_number: str


def unrecognised(part: str) -> str:
	return f"无法识别“{part}”,应写作 姓名(工号),多人用“、”或“;”分隔"


def parse_person_cell(text: str) -> tuple[PersonRef, ...]:
	"""The persons named in a cell, in order; an empty cell names nobody."""
	people = []
	for part in SEPARATORS.split(str(text or "")):
		part = part.strip()
		if not part:
			continue
		match = PERSON.match(part)
		if not match:
			raise PersonCellError(unrecognised(part))
		people.append(PersonRef(match.group("name").strip(), match.group("number")))
	return tuple(people)


def parse_person_cells(cells: list[str]) -> tuple[pd.DataFrame, dict[int, str]]:
	"""The persons of many cells at once: a frame of (cell, position, employee_number, full_name), cell
	being the cell's index in ``cells``, a person named twice in one cell listed once; and the reason
	for each cell that does not parse (its first part that is no 姓名(工号)), which names nobody."""
	parts = pd.Series(cells, dtype=object).str.split(SEPARATORS).explode().str.strip()
	parts = parts[parts.notna() & (parts != "")]
	found = parts.str.extract(PERSON)
	bad = found["number"].isna().to_numpy()
	errors = {}
	for cell, part in zip(parts.index[bad], parts.to_numpy()[bad], strict=True):
		errors.setdefault(int(cell), unrecognised(part))
	good = ~bad & ~parts.index.isin(list(errors))
	persons = pd.DataFrame(
		{
			"cell": parts.index[good].to_numpy(dtype=np.int64),
			"employee_number": found["number"].to_numpy()[good],
			"full_name": found["name"].str.strip().to_numpy()[good],
		}
	).drop_duplicates(["cell", "employee_number", "full_name"])
	persons["position"] = persons.groupby("cell").cumcount().to_numpy()
	return persons[PERSON_COLUMNS].reset_index(drop=True), errors

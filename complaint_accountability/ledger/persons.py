"""Person cells: one or more 姓名(工号), separated by 、 or ;."""

import re
from dataclasses import dataclass

SEPARATORS = re.compile(r"[、;；,，\n]")
PERSON = re.compile(r"^(?P<name>[^()（）]+?)\s*[(（]\s*(?P<number>[A-Za-z0-9][A-Za-z0-9_.\-]*)\s*[)）]$")


class PersonCellError(ValueError):
	pass


@dataclass(frozen=True)
class PersonRef:
	full_name: str
	employee_number: str


def parse_person_cell(text: str) -> tuple[PersonRef, ...]:
	"""The persons named in a cell, in order; an empty cell names nobody."""
	people = []
	for part in SEPARATORS.split(str(text or "")):
		part = part.strip()
		if not part:
			continue
		match = PERSON.match(part)
		if not match:
			raise PersonCellError(f"无法识别“{part}”,应写作 姓名(工号),多人用“、”或“;”分隔")
		people.append(PersonRef(match.group("name").strip(), match.group("number")))
	return tuple(people)

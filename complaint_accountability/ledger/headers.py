"""Header cells that look like a known column but are not it: refused, never silently ignored.

An unknown header is normally an extra column the branch keeps for itself (备注, 客户电话, 经办人)
and is carried along untouched. But a known column typed slightly wrong (扣款期 for 扣款期间)
would be ignored as such an extra column, and what it holds lost: a misspelled 扣款期间 charges
every receipt again. So an unknown header near a known one is refused, with the name it should
have. Near means, after folding full-width characters, spaces and letter case, dropping a note
in brackets (违规扣款(元)) and reading a final 月份/月度/月/期/日期/时间 as 期间:

- the same name (扣款期间 with a space, 扣款月份, 违规扣款(元));
- one edit apart, a swap of two neighbours counting as one (业务线条, 投诉编码), for names of
  three or more characters;
- the known name with at most two characters added (是否另议, 处理机构名称), or at least two
  characters of it (渠道, 机构).

Two edits are not near: 客户电话 stays an extra column beside 客户姓名. When several known names are
near, only the nearest are named (违规扣款期 is 违规扣款期间, not 违规扣款).
"""

import re
import unicodedata
from collections.abc import Iterable

from .problems import HEADER_ROW, LedgerProblem

NOTE = re.compile(r"\([^()]*\)$")
PERIOD_WORDS = re.compile(r"(?:期间|月份|月度|日期|时间|月|期)$")
MAX_ADDED = 2
MIN_PART = 2
MIN_EDITED = 3
FAR = 3


def header_key(name: str) -> str:
	"""The name as compared: full-width folded, no spaces, lower case, no bracketed note, 期间 for a period word."""
	text = "".join(unicodedata.normalize("NFKC", name).split()).lower()
	text = NOTE.sub("", text) or text
	return PERIOD_WORDS.sub("期间", text)


def near_misses(header: Iterable[str], known: Iterable[str]) -> list[LedgerProblem]:
	"""A problem for each header cell that is not a known column but is near one."""
	known = list(known)
	keys = {name: header_key(name) for name in known}
	problems = []
	for name in header:
		if not name or name in keys:
			continue
		key = header_key(name)
		nearness = {k: _nearness(key, keys[k]) for k in known}
		best = min(nearness.values(), default=None)
		if best is not None and best < FAR:
			meant = "”或“".join(k for k in known if nearness[k] == best)
			problems.append(
				LedgerProblem(
					HEADER_ROW,
					name,
					f"未知的列名“{name}”,是否应为“{meant}”?请改正列名;如确是另加的列,请改用与之不相近的名称",
				)
			)
	return problems


def _nearness(key: str, known: str) -> int:
	"""0 the same, 1 one edit apart, 2 one inside the other, FAR otherwise; only the nearest are named."""
	if key == known:
		return 0
	if min(len(key), len(known)) >= MIN_EDITED and _edits(key, known) <= 1:
		return 1
	if known in key and len(key) - len(known) <= MAX_ADDED:
		return 2
	if key in known and len(key) >= MIN_PART:
		return 2
	return FAR


def _edits(a: str, b: str) -> int:
	"""Edits (insert, delete, replace, swap of neighbours) turning a into b (optimal string alignment)."""
	previous_row, row = None, list(range(len(b) + 1))
	for i, ca in enumerate(a, start=1):
		before, previous_row, row = previous_row, row, [i] + [0] * len(b)
		for j, cb in enumerate(b, start=1):
			row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + (ca != cb))
			if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
				row[j] = min(row[j], before[j - 2] + 1)
	return row[-1]

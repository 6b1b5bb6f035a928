"""Header cells that look like a known column but are not it: refused, never silently ignored.

An unknown header is normally an extra column the branch keeps for itself (备注, 客户电话, 经办人)
and is carried along untouched. But a known column typed slightly wrong (扣款期 for 扣款期间)
would be ignored as such an extra column, and what it holds lost: a misspelled 扣款期间 charges
every receipt again. So an unknown header near a known one is refused, with the name it should
have. Names are compared after folding full-width characters, spaces and letter case, dropping
notes in brackets at the end (违规扣款(元), 扣款期间【YYYY-MM】, one after another), and reading a
final 月份/月度/月/期/日期/时间 after at least two other characters as 期间 (扣款月份 is 扣款期间;
月份 alone stays 月份). Near means:

- the same name (扣款期间 with a space, 扣款月份, 违规扣款(元), 另议【是/否】);
- the known name followed by a separator, a space or a format hint (扣款期间 YYYY-MM, 扣款期间/月,
  违规扣款元, 扣款期间:);
- one edit apart, for names of three or more characters: a character added or dropped (业务线), two
  neighbours swapped (业务线条), or one character replaced, where that is the last one (投诉编码,
  纠纷类别) or the name has five or more (首次协商结果); 处理日期 and 受理机构 are other columns;
- the known name with one or two characters added anywhere (是否另议, 违规扣款金额, 扣款所属期间).

Not near, so kept as the branch's own: a known name followed by a word that describes it (另议原因,
直接责任人工号, 业务条线名称: DESCRIPTIVE); a numbered copy beside the column itself (客户姓名2 beside
客户姓名); another date or time of a required column beside it (受理时间 beside 受理日期: the date
the rules read is there); a part of a known name (姓名, 责任人, 协调结果); two edits (客户电话 beside
客户姓名). When several known names are near, only the nearest are named (违规扣款期 is 违规扣款期间,
not 违规扣款).
"""

import re
import unicodedata
from collections.abc import Collection, Iterable

from .problems import HEADER_ROW, LedgerProblem

OPENERS = "([{【〔〈《「『"
CLOSERS = ")]}】〕〉》」』"
NOTE = re.compile(f"[{re.escape(OPENERS)}][^{re.escape(OPENERS + CLOSERS)}]*[{re.escape(CLOSERS)}]$")
# A period word folds to 期间 only after two characters or more: 月份 or 日期 alone is no period of anything.
PERIOD_WORDS = re.compile(r"(?<=..)(?:期间|月份|月度|日期|时间|月|期)$")
FORMAT_HINT = re.compile(r"(?:y{2,4}|m{1,2}|d{1,2}|[-/.年月日])+|元")
DESCRIPTIVE = ("原因", "说明", "事项", "标准", "依据", "工号", "部门", "职务", "名称", "类别", "备注")
NUMBERED = re.compile(r"[0-9]+")
MAX_ADDED = 2
MIN_EDITED = 3
# A name this long is near a name one replaced character away wherever it is; a shorter one only at its end.
LONG_NAME = 5
SAME, EDITED, ADDED, FAR = 0, 1, 2, 3


def _plain(name: str) -> str:
	"""Full-width folded, lower case, spaces kept as one, trailing bracketed notes dropped one by one."""
	text = " ".join(unicodedata.normalize("NFKC", name).lower().split())
	while True:
		bare = NOTE.sub("", text).strip()
		if bare == text or not bare:
			return text
		text = bare


def header_key(name: str) -> str:
	"""The name as compared: full-width folded, no spaces, lower case, no bracketed note, 期间 for a period word."""
	return PERIOD_WORDS.sub("期间", _plain(name).replace(" ", ""))


def near_misses(
	header: Iterable[str], known: Iterable[str], required: Collection[str] = ()
) -> list[LedgerProblem]:
	"""A problem for each header cell that is not a known column but is near one. ``required`` are the
	known columns a ledger must have: beside one of them, another of its dates or times is not near."""
	header, known = list(header), list(known)
	present = set(header)
	problems = []
	for name in header:
		if not name or name in known:
			continue
		nearness = {k: _nearness(name, k, k in present and k in required, k in present) for k in known}
		best = min(nearness.values(), default=FAR)
		if best < FAR:
			meant = [k for k in known if nearness[k] == best]
			problems.append(LedgerProblem(HEADER_ROW, name, _refusal(name, meant)))
	return problems


def _refusal(name: str, meant: list[str]) -> str:
	named = "”或“".join(meant)
	if len(meant) == 1 and _with_note(name, meant[0]):
		return (
			f"未知的列名“{name}”,是否应为“{named}”?列名须与“{named}”完全一致:说明、单位或格式(如 YYYY-MM、元)"
			"写进列名,这一列就会被当作另加的列而不被读取,请去掉"
		)
	return f"未知的列名“{name}”,是否应为“{named}”?请改正列名;如确是另加的列,请改用与之不相近的名称"


def _nearness(name: str, known: str, required_beside: bool, beside: bool) -> int:
	"""SAME, EDITED or ADDED (the nearer the smaller), or FAR; ``beside``: the known column is in the header
	too (``required_beside``: and is a required one)."""
	key, known_key = header_key(name), header_key(known)
	if _with_note(name, known):
		return SAME
	if key == known_key:
		other_word = _plain(name).replace(" ", "") != _plain(known)
		return FAR if required_beside and other_word else SAME
	if key.startswith(known_key):
		added = key[len(known_key) :]
		if added in DESCRIPTIVE or (beside and NUMBERED.fullmatch(added)):
			return FAR
	if _one_edit(key, known_key):
		return EDITED
	if 0 < len(key) - len(known_key) <= MAX_ADDED and _is_inside(known_key, key):
		return ADDED
	return FAR


def _with_note(name: str, known: str) -> bool:
	"""The known name with a bracketed note, or followed by a separator, a space or a format hint."""
	plain, known_plain = _plain(name), _plain(known)
	if plain == known_plain:
		return name != known
	for text in (plain, plain.replace(" ", "")):
		rest = text[len(known_plain) :] if text.startswith(known_plain) else ""
		if rest and (not rest[0].isalnum() or FORMAT_HINT.fullmatch(rest)):
			return True
	return False


def _one_edit(a: str, b: str) -> bool:
	"""One character added, dropped or swapped with its neighbour; or one replaced, at the end of the name or
	anywhere in a long one."""
	if min(len(a), len(b)) < MIN_EDITED:
		return False
	if len(a) != len(b):
		shorter, longer = sorted((a, b), key=len)
		return len(longer) - len(shorter) == 1 and any(
			longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
		)
	differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
	if len(differ) == 1:
		return differ[0] == len(a) - 1 or len(a) >= LONG_NAME
	if len(differ) != 2 or differ[1] != differ[0] + 1:
		return False
	i, j = differ
	return a[i] == b[j] and a[j] == b[i]


def _is_inside(part: str, whole: str) -> bool:
	"""The characters of ``part`` appear in ``whole`` in the same order (others may stand between them)."""
	rest = iter(whole)
	return all(ch in rest for ch in part)

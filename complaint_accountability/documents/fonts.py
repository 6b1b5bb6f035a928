"""CJK faces for the documents: find the installed fonts, subset each once per rendering call.

WeasyPrint 59 subsets every embedded face again for each PDF; on a Noto CJK collection (26 MB, 65k glyphs)
that costs seconds per face and document. Cut down once to the characters of the whole call, the faces are
small enough to embed whole in every PDF of the call.
"""

import hashlib
import io
import logging
import os
import shutil
import subprocess
import tempfile
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, lru_cache
from multiprocessing import get_context
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

LOGGER = logging.getLogger(__name__)
NOTO_DIRS = (
	"/usr/share/fonts/opentype/noto",
	"/usr/share/fonts/noto-cjk",
	"/usr/share/fonts/google-noto-cjk",
)
ENV_PREFIX = "COMPLAINT_ACCOUNTABILITY_FONT_"  # + BODY / TITLE / HEADING = path[#index]
MISSING_HINT = "install the Debian package fonts-noto-cjk (apt-get install fonts-noto-cjk)"
ASCII = "".join(chr(code) for code in range(0x20, 0x7F))
# Every character of the HTML and CSS is subset anyway; these cover text WeasyPrint might add itself.
FULL_WIDTH_PUNCTUATION = (
	"\uff01\uff05\uff08\uff09\uff0c\uff0d\uff0e\uff1a\uff1b\uff1f"  # ！％（），－．：；？
)
CJK_PUNCTUATION = "\u3000、。〈〉《》「」『』【】〔〕—…‘’“”·" + FULL_WIDTH_PUNCTUATION
CAPITALS = "零一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整年月日号"
BASE_CHARACTERS = ASCII + CJK_PUNCTUATION + CAPITALS
SMALL_BASE = "0123456789 ,.-%()〔〕" + "\uff08\uff09\uff1a\uff0c\u3001\u3002"  # faces setting fixed text
DROPPED_TABLES = ["GSUB", "GPOS", "vhea", "vmtx", "VORG", "DSIG"]
CACHE_ENTRIES = 6


class FontsMissing(RuntimeError):
	"""No usable CJK font is installed."""


@dataclass(frozen=True)
class Role:
	"""A typeface the layout asks for (仿宋 body, 小标宋 title, 黑体 headings) and its Noto fallback."""

	name: str
	family: str  # CSS family of the subset face
	weight: int
	preferred: tuple[str, ...]  # installed families tried first
	noto_family: str
	noto_style: str
	noto_file: str


ROLES = (
	Role(
		"body",
		"CA Body",
		400,
		(
			"FangSong",
			"仿宋",
			"FangSong_GB2312",
			"仿宋_GB2312",
			"STFangsong",
			"华文仿宋",
			"FZFangSong-Z02S",
			"方正仿宋简体",
		),
		"Noto Serif CJK SC",
		"Regular",
		"NotoSerifCJK-Regular.ttc",
	),
	Role(
		"title",
		"CA Title",
		700,
		("FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXiaoBiaoSong-B05", "方正小标宋_GBK", "FZXBSK--GBK1-0"),
		"Noto Serif CJK SC",
		"Bold",
		"NotoSerifCJK-Bold.ttc",
	),
	Role(
		"heading",
		"CA Heading",
		400,
		("SimHei", "黑体", "STHeiti", "华文黑体"),
		"Noto Sans CJK SC",
		"Regular",
		"NotoSansCJK-Regular.ttc",
	),
)
ROLE_BY_NAME = {role.name: role for role in ROLES}


@dataclass(frozen=True)
class FontSource:
	"""One face of an installed font file (index selects the face inside a .ttc collection)."""

	path: str
	index: int
	family: str


def _names(field: str) -> tuple[str, ...]:
	return tuple(name.strip() for name in field.split(",") if name.strip())


@lru_cache(maxsize=1)
def _installed() -> tuple[tuple[str, int, tuple[str, ...], tuple[str, ...]], ...]:
	"""(file, index, families, styles) of every font fontconfig knows; empty without fc-list."""
	if not shutil.which("fc-list"):
		return ()
	listing = subprocess.run(
		["fc-list", "--format", "%{file}\t%{index}\t%{family}\t%{style}\n"],
		capture_output=True,
		text=True,
		check=False,
	).stdout
	faces = []
	for row in listing.splitlines():
		parts = row.split("\t")
		if len(parts) == 4 and parts[1].isdigit():
			faces.append((parts[0], int(parts[1]), _names(parts[2]), _names(parts[3])))
	return tuple(faces)


def _from_fontconfig(family: str, style: str | None) -> FontSource | None:
	def has(names: tuple[str, ...], wanted: str) -> bool:
		return wanted.casefold() in (name.casefold() for name in names)

	matches = sorted(
		face for face in _installed() if has(face[2], family) and (style is None or has(face[3], style))
	)
	return FontSource(matches[0][0], matches[0][1], family) if matches else None


def _face_index(path: str, family: str) -> int | None:
	"""Index of the face named family inside a font file (name ID 16 or 1)."""
	fonts = TTCollection(path, lazy=True).fonts if path.endswith(".ttc") else [TTFont(path, lazy=True)]
	for index, font in enumerate(fonts):
		if family in {font["name"].getDebugName(16), font["name"].getDebugName(1)}:
			return index
	return None


def _from_known_paths(role: Role) -> FontSource | None:
	for folder in NOTO_DIRS:
		path = os.path.join(folder, role.noto_file)
		index = _face_index(path, role.noto_family) if os.path.exists(path) else None
		if index is not None:
			return FontSource(path, index, role.noto_family)
	return None


def _from_environment(role: Role) -> FontSource | None:
	value = os.environ.get(ENV_PREFIX + role.name.upper(), "").strip()
	if not value:
		return None
	path, _, index = value.partition("#")
	if not os.path.exists(path):
		raise FontsMissing(f"{ENV_PREFIX}{role.name.upper()} names a missing file: {path}")
	return FontSource(path, int(index or 0), Path(path).stem)


@cache
def find_face(role_name: str) -> FontSource:
	"""The installed face for a role: environment override, preferred family, else Noto CJK SC."""
	role = ROLE_BY_NAME[role_name]
	found = _from_environment(role)
	for family in role.preferred:
		found = found or _from_fontconfig(family, None)
	found = found or _from_fontconfig(role.noto_family, role.noto_style) or _from_known_paths(role)
	if found is None:
		raise FontsMissing(
			f"no CJK font for the {role.name} text ({role.noto_family} {role.noto_style}): {MISSING_HINT}"
		)
	return found


def _subset_options() -> subset.Options:
	options = subset.Options()
	options.layout_features = []  # horizontal CJK and digits need no OpenType layout
	options.drop_tables += DROPPED_TABLES
	options.notdef_outline = True
	options.recalc_bounds = False
	options.ignore_missing_unicodes = True
	return options


def subset_face(source: FontSource, text: str) -> tuple[bytes, set[str]]:
	"""The face cut down to the characters of text, and the characters it lacks."""
	font = TTFont(source.path, fontNumber=source.index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
	try:
		wanted = {char for char in text if char >= " "}
		cmap = font.getBestCmap()
		missing = {char for char in wanted if ord(char) not in cmap}
		subsetter = subset.Subsetter(_subset_options())
		subsetter.populate(unicodes=sorted(ord(char) for char in wanted - missing))
		subsetter.subset(font)
		output = io.BytesIO()
		font.save(output)
		return output.getvalue(), missing
	finally:
		font.close()


_cache: OrderedDict = OrderedDict()


def _cache_key(source: FontSource, text: str) -> tuple:
	return (source, hashlib.sha1("".join(sorted(set(text))).encode()).hexdigest())


def _remember(key: tuple, result: tuple[bytes, set[str]]) -> None:
	_cache[key] = result
	while len(_cache) > CACHE_ENTRIES:
		_cache.popitem(last=False)


def _subset_pair(pair: tuple[FontSource, str]) -> tuple[bytes, set[str]]:
	return subset_face(*pair)


def cached_subsets(wanted: list[tuple[FontSource, str]], workers: int = 1) -> list[tuple[bytes, set[str]]]:
	"""subset_face of each (source, text), remembered for the last few character sets (a period's notices and
	tables share one); faces not remembered are cut in up to `workers` forked processes at once."""
	keys = [_cache_key(source, text) for source, text in wanted]
	missing = [index for index, key in enumerate(keys) if key not in _cache]
	if missing:
		pairs = [wanted[index] for index in missing]
		if workers > 1 and len(pairs) > 1:
			with ProcessPoolExecutor(min(workers, len(pairs)), mp_context=get_context("fork")) as pool:
				results = list(pool.map(_subset_pair, pairs))
		else:
			results = [subset_face(*pair) for pair in pairs]
		for index, result in zip(missing, results, strict=True):
			_remember(keys[index], result)
	for key in keys:
		_cache.move_to_end(key)
	return [_cache[key] for key in keys]


@dataclass
class SubsetFaces:
	"""The subset faces of one rendering call, in a temporary folder removed by close()."""

	folder: Path
	files: dict[str, Path]
	missing: set[str]

	@property
	def size(self) -> int:
		return sum(path.stat().st_size for path in self.files.values())

	def font_face_css(self) -> str:
		return "\n".join(
			f'@font-face {{ font-family: "{ROLE_BY_NAME[name].family}"; '
			f'font-weight: {ROLE_BY_NAME[name].weight}; src: url("{path.as_uri()}"); }}'
			for name, path in self.files.items()
		)

	def close(self) -> None:
		shutil.rmtree(self.folder, ignore_errors=True)

	def __enter__(self):
		return self

	def __exit__(self, *exc_info):
		self.close()


def subset_families() -> dict[str, str]:
	"""font-family lists for documents.css naming only the subset faces (body closes every list)."""
	body = f'"{ROLE_BY_NAME["body"].family}"'
	return {
		"font_body": body,
		"font_title": f'"{ROLE_BY_NAME["title"].family}", {body}',
		"font_heading": f'"{ROLE_BY_NAME["heading"].family}", {body}',
	}


def system_families() -> dict[str, str]:
	"""font-family lists naming installed families directly (the plain, slow path)."""

	def listing(role: Role) -> str:
		return ", ".join(f'"{family}"' for family in (*role.preferred, role.noto_family)) + ", serif"

	return {f"font_{role.name}": listing(role) for role in ROLES}


def role_text(role: Role, texts: dict[str, str]) -> str:
	"""Body gets every text plus all common punctuation; the other faces only their own text."""
	if role.name == "body":
		return BASE_CHARACTERS + "".join(texts.values())
	return SMALL_BASE + texts.get(role.name, "")


def build_subset_faces(texts: dict[str, str], workers: int = 1) -> SubsetFaces:
	"""Subset every role's face (see role_text) into a temporary folder, up to `workers` faces at once."""
	folder = Path(tempfile.mkdtemp(prefix="ca-fonts-"))
	files, missing = {}, set()
	try:
		faces = cached_subsets([(find_face(role.name), role_text(role, texts)) for role in ROLES], workers)
		for role, (data, lacking) in zip(ROLES, faces, strict=True):
			files[role.name] = folder / f"{role.name}.{'otf' if data[:4] == b'OTTO' else 'ttf'}"
			files[role.name].write_bytes(data)
			if role.name == "body":
				missing = lacking - set(BASE_CHARACTERS)
	except BaseException:
		shutil.rmtree(folder, ignore_errors=True)
		raise
	if missing:
		LOGGER.warning("characters missing from %s: %s", find_face("body").family, "".join(sorted(missing)))
	return SubsetFaces(folder, files, missing)

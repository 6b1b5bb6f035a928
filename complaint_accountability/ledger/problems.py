"""Every problem of a bad ledger, by sheet row and column, reported together."""

from dataclasses import dataclass

HEADER_ROW = 1


@dataclass(frozen=True, order=True)
class LedgerProblem:
	row: int  # sheet row number: the header is row 1, the first data row is row 2
	column: str
	reason: str

	def __str__(self) -> str:
		where = (f"第{self.row}行" if self.row else "文件") + (f" [{self.column}]" if self.column else "")
		return f"{where}: {self.reason}"


class LedgerInvalid(ValueError):
	def __init__(self, problems: list[LedgerProblem]):
		self.problems = sorted(set(problems))
		super().__init__(self.report())

	def report(self, limit: int | None = None) -> str:
		shown = self.problems if limit is None else self.problems[:limit]
		lines = [f"台账有 {len(self.problems)} 处错误,未写出任何文件:"] + [f"  {p}" for p in shown]
		if len(shown) < len(self.problems):
			lines.append(f"  …… 另有 {len(self.problems) - len(shown)} 处")
		return "\n".join(lines)

"""How long each step of a ledger-mode run took: wall time and CPU time (this process and its workers)."""

import resource
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

READ = "读取台账"
VALIDATE = "校验"
ASSESS = "核算"
ASSESSMENT_TABLE = "处罚考核表"
PAYROLL = "工资单"
LEDGER_BACK = "台账回写"
NOTICES = "正式文件"


def cpu_seconds() -> float:
	"""CPU time of this process and of its finished child processes (the notice renderers)."""
	own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
	return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Stopwatch:
	wall: dict[str, float] = field(default_factory=dict)
	cpu: dict[str, float] = field(default_factory=dict)

	@contextmanager
	def stage(self, name: str):
		wall, cpu = time.perf_counter(), cpu_seconds()
		try:
			yield
		finally:
			self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
			self.cpu[name] = self.cpu.get(name, 0.0) + cpu_seconds() - cpu

	def summary(self) -> str:
		return "、".join(f"{name} {seconds:.1f} 秒" for name, seconds in self.wall.items())

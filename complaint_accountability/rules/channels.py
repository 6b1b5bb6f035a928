"""The complaint channels (投诉渠道), ranked by severity, and the names they go by."""

from collections.abc import Iterable
from dataclasses import dataclass, field


class UnknownChannel(ValueError):
	pass


@dataclass(frozen=True)
class Channel:
	name: str
	rank: int
	aliases: tuple[str, ...] = field(default=())
	is_regulator: bool = False


def split_aliases(text: str | None) -> tuple[str, ...]:
	"""Aliases as an administrator types them: one a line, or separated by commas."""
	parts = str(text or "").replace("，", ",").replace("\n", ",").split(",")
	return tuple(part.strip() for part in parts if part.strip())


class ChannelBook:
	"""Look channels up by name or alias; ranks must be distinct."""

	def __init__(self, channels: Iterable[Channel]):
		self.channels = tuple(sorted(channels, key=lambda c: c.rank))
		ranks = [c.rank for c in self.channels]
		if len(set(ranks)) != len(ranks):
			raise ValueError(f"channel ranks must be distinct: {ranks}")
		self._by_name: dict[str, Channel] = {}
		for channel in self.channels:
			for name in (channel.name, *channel.aliases):
				key = _normalise(name)
				other = self._by_name.get(key)
				if other and other.name != channel.name:
					raise ValueError(f"name {name!r} is used by both {other.name} and {channel.name}")
				self._by_name[key] = channel

	def resolve(self, text: str) -> Channel:
		channel = self._by_name.get(_normalise(text))
		if channel is None:
			known = "、".join(c.name for c in self.channels)
			raise UnknownChannel(f"unknown channel {text!r}; known channels: {known}")
		return channel

	def rank_of(self, name: str) -> int:
		return self.resolve(name).rank

	def __iter__(self):
		return iter(self.channels)

	def __len__(self):
		return len(self.channels)


def _normalise(text: str) -> str:
	return "".join(str(text or "").split())

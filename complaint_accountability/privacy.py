"""Masking customers' phone and ID numbers for the roles that do not need them in full."""

HIDDEN_AT_LEAST = 4  # a masked number never shows more than all but four of its characters


def mask_phone(number: str | None) -> str:
	"""13812345678 → 138****5678; a shorter number keeps less (62345678 → ****5678)."""
	return _masked((number or "").strip(), head=3, tail=4)


def mask_id_number(number: str | None) -> str:
	"""110101199001011234 → 1101**********1234."""
	return _masked((number or "").strip(), head=4, tail=4)


def _masked(text: str, head: int, tail: int) -> str:
	"""``text`` with all but its first ``head`` and last ``tail`` characters starred, giving up the
	head first, then the tail, until at least four characters (or all of a shorter text) are hidden."""
	hidden = min(HIDDEN_AT_LEAST, len(text))
	head = max(0, min(head, len(text) - tail - hidden))
	tail = max(0, min(tail, len(text) - head - hidden))
	return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail :]

"""Masking customers' phone and ID numbers for the roles that do not need them in full."""


def mask_phone(number: str | None) -> str:
	"""13812345678 → 138****5678; short numbers keep only their last two digits."""
	digits = (number or "").strip()
	if not digits:
		return ""
	if len(digits) >= 7:
		return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
	return "*" * (len(digits) - 2) + digits[-2:]


def mask_id_number(number: str | None) -> str:
	"""110101199001011234 → 1101**********1234."""
	text = (number or "").strip()
	if not text:
		return ""
	if len(text) <= 8:
		return "*" * (len(text) - 2) + text[-2:]
	return text[:4] + "*" * (len(text) - 8) + text[-4:]

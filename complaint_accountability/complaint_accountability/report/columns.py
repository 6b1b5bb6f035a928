"""The reports' columns, built one way."""

ALIGN = {"Currency": "right", "Int": "right", "Float": "right", "Check": "center"}


def column(fieldname: str, label: str, fieldtype: str = "Data", width: int = 120, options: str | None = None):
	"""A report column; text columns are aligned left even when their first value is empty."""
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": fieldtype,
		"options": options,
		"width": width,
		"align": ALIGN.get(fieldtype, "left"),
	}

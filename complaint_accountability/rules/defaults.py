"""The shipped defaults (channels, example rates, violation types), read from the app's data files.

The same files seed a site on install, so ledger mode and the desk start from one source.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from .channels import Channel, ChannelBook, split_aliases
from .rates import Rate, RateTable
from .violations import ViolationType

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "defaults"


def load(name: str) -> list[dict]:
	with open(DEFAULTS_DIR / f"{name}.json", encoding="utf-8") as f:
		return json.load(f)


def default_channels() -> ChannelBook:
	return ChannelBook(
		Channel(
			row["channel_name"],
			int(row["rank"]),
			split_aliases(row.get("aliases")),
			bool(row.get("is_regulator")),
		)
		for row in load("complaint_channel")
	)


def default_rates() -> RateTable:
	return RateTable(
		Rate(
			row["channel"],
			row["liability"],
			Decimal(str(row["amount"])),
			date.fromisoformat(row["valid_from"]),
			row["name"],
		)
		for row in load("penalty_rate")
	)


def default_violation_types() -> dict[str, ViolationType]:
	return {
		row["violation_name"]: ViolationType(
			row["violation_name"], Decimal(str(row["min_amount"])), Decimal(str(row["max_amount"]))
		)
		for row in load("handling_violation_type")
	}


def default_dispute_types() -> tuple[str, ...]:
	"""The regulator's dispute categories (理赔纠纷, 销售纠纷 …), as a site seeds them."""
	return tuple(row["dispute_type_name"] for row in load("dispute_type"))

"""The Chinese words the documents and ledger mode print for the rules' values, and the channel
breakdown both documents and the desk's report show. Frappe-free: ledger mode, the site's
documents and its reports share them."""

from collections.abc import Iterable, Mapping

from ..rules.cases import CASE_STATUSES
from ..rules.rates import DIRECT, HANDLING_VIOLATION, MANAGEMENT
from ..rules.receipts import INITIAL, RECEIPT_KINDS

LIABILITY_LABEL = {DIRECT: "直接责任人", MANAGEMENT: "管理责任人", HANDLING_VIOLATION: "投诉岗处理违规"}
RECEIPT_KIND_LABEL = dict(zip(RECEIPT_KINDS, ("首次投诉", "重复投诉", "升级投诉", "多渠道投诉"), strict=True))
STATUS_LABEL = dict(zip(CASE_STATUSES, ("不在追责范围", "免责", "追责", "待定", "另议"), strict=True))


def channel_breakdown(
	channels: Iterable[str], kinds: Iterable[str], labels: Mapping[str, str] = RECEIPT_KIND_LABEL
) -> str:
	"""客服热线、监管局(升级投诉): each receipt's channel, its kind when it is not the first.
	``labels`` names the kinds: the documents' Chinese by default, the user's language in the desk."""
	parts = []
	for channel, kind in zip(channels, kinds, strict=True):
		parts.append(channel if kind in ("", None, INITIAL) else f"{channel}({labels.get(kind, kind)})")
	return "、".join(parts)

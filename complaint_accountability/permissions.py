"""Who may read and write which rows: the one place every path asks.

Lists, forms, reports, print views, counts, child tables and attached files all come here, through
Frappe's hooks (hooks.py: permission_query_conditions, has_permission) or through `row_condition`
in the app's own queries. The rule per doctype is declared once in ROW_RULES:

- the roles in `open_to` see every row (the desk, the leading group, payroll, finance…) of a doctype
  their role may read at all (the doctype's permissions, as an administrator set them, come first);
- an Institution Complaint Manager sees a row whose `institution_fields` name an institution they
  manage or one under it;
- an Accountable Staff user sees a row whose `person_field` is a person linked to their login —
  looked up at the moment of asking, so linking or relinking a login takes effect at once;
- any user sees a row whose `user_field` names them (a remediation's owner);
- anyone else sees nothing.

A write (save, submit, cancel, delete) is judged on the row as stored as well as on the row as
edited, so nobody can move a row into their scope, or out of it.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.permissions import get_role_permissions

from complaint_accountability.vocabulary import ROW_RULED_CHILDREN, DocType, Role

SYSTEM_MANAGER = "System Manager"
UNRESTRICTED_ROLES = frozenset(
	{
		Role.DESK,
		Role.MANAGER,
		Role.BUSINESS_LINE,
		Role.COMMITTEE,
		Role.PAYROLL,
		Role.FINANCE,
		Role.ADMINISTRATOR,
		SYSTEM_MANAGER,
	}
)
NOTHING = "1=0"
WRITES = frozenset({"write", "submit", "cancel", "delete", "amend"})


@dataclass(frozen=True)
class RowRule:
	institution_fields: tuple[str, ...] = ()
	person_field: str | None = None
	user_field: str | None = None
	open_to: frozenset[str] = UNRESTRICTED_ROLES

	@property
	def fields(self) -> list[str]:
		return [*self.institution_fields, *(f for f in (self.person_field, self.user_field) if f)]


ROW_RULES = {
	DocType.COMPLAINT: RowRule(institution_fields=("handling_institution",)),
	DocType.FINDING: RowRule(institution_fields=("institution", "person_institution"), person_field="person"),
	DocType.APPEAL: RowRule(institution_fields=("institution", "person_institution"), person_field="person"),
	DocType.PENALTY_ENTRY: RowRule(institution_fields=("institution",), person_field="person"),
	DocType.PERIOD_DOCUMENT: RowRule(institution_fields=("institution",)),
	# Complaint managers name people of other institutions too: only staff are held to their own.
	DocType.ACCOUNTABLE_PERSON: RowRule(
		person_field="name", open_to=UNRESTRICTED_ROLES | {Role.INSTITUTION_MANAGER}
	),
	DocType.BUSINESS_VOLUME: RowRule(institution_fields=("institution",)),
	# The owner sees and carries out their own remediation, wherever it is.
	DocType.REMEDIATION: RowRule(institution_fields=("institution",), user_field="remediation_owner"),
	# The whole branch's figures, institution by institution: the branch-wide roles only.
	DocType.ANALYSIS_REPORT: RowRule(),
}
# A child table's rows are the parent's: read through the parent's rule.
CHILD_TABLES = ROW_RULED_CHILDREN


def role_allows(doctype: str, ptype: str, user: str) -> bool:
	"""Whether ``user``'s roles grant ``ptype`` on ``doctype`` at all, before any row rule."""
	return bool(get_role_permissions(doctype, user=user).get(ptype))


def sees_all(user: str, doctype: str) -> bool:
	"""Whether ``user`` reads every row of ``doctype``: a role of the rule's ``open_to`` that may read
	the doctype. A branch-wide role the doctype grants nothing (payroll on complaints) sees no row."""
	if user == "Administrator":
		return True
	return bool(ROW_RULES[doctype].open_to.intersection(frappe.get_roles(user))) and role_allows(
		doctype, "read", user
	)


def is_restricted(roles) -> bool:
	"""Roles that see only some rows (an institution's complaint manager, staff) and no doctype whole."""
	roles = set(roles)
	return bool(roles & {Role.INSTITUTION_MANAGER, Role.STAFF}) and not roles & UNRESTRICTED_ROLES


def is_committee(user: str | None = None) -> bool:
	"""The leading group decides; Administrator is the scheduler's user."""
	user = user or frappe.session.user
	return user == "Administrator" or Role.COMMITTEE in frappe.get_roles(user)


def only_committee() -> None:
	"""Refuse (403) anyone but the leading group: the cycle's steps are theirs (app.md)."""
	if not is_committee():
		frappe.throw(_("Only the accountability leading group can run this"), frappe.PermissionError)


def managed_institutions(user: str) -> frozenset[str]:
	"""Institutions whose complaint manager is ``user``, with every institution under them."""
	if Role.INSTITUTION_MANAGER not in frappe.get_roles(user):
		return frozenset()
	child = frappe.qb.DocType(DocType.INSTITUTION)
	managed = frappe.qb.DocType(DocType.INSTITUTION).as_("managed")
	return frozenset(
		frappe.qb.from_(child)
		.join(managed)
		.on((child.lft >= managed.lft) & (child.rgt <= managed.rgt))
		.select(child.name)
		.distinct()
		.where(managed.complaint_manager == user)
		.run(pluck=True)
	)


def own_persons(user: str) -> frozenset[str]:
	"""The accountable persons linked to ``user``'s login now (staff only)."""
	if Role.STAFF not in frappe.get_roles(user):
		return frozenset()
	return frozenset(frappe.get_all(DocType.ACCOUNTABLE_PERSON, filters={"user": user}, pluck="name"))


# ---- conditions for queries: lists, reports, counts, child tables, files


def row_condition(doctype: str, user: str | None = None, table: str | None = None) -> str:
	"""The rule of ``doctype`` as SQL on `tab{doctype}` (or on ``table``, an alias); "" for everything."""
	user = user or frappe.session.user
	if doctype in CHILD_TABLES:
		return _child_condition(doctype, CHILD_TABLES[doctype], user, table)
	if sees_all(user, doctype):
		return ""
	rule = ROW_RULES[doctype]
	table = table or f"`tab{doctype}`"
	parts = []
	institutions = managed_institutions(user)
	if institutions:
		values = ", ".join(frappe.db.escape(name) for name in sorted(institutions))
		parts += [f"{table}.`{field}` in ({values})" for field in rule.institution_fields]
	if rule.person_field and Role.STAFF in frappe.get_roles(user):
		parts.append(
			f"{table}.`{rule.person_field}` in (select `name` from `tabAccountable Person`"
			f" where `user` = {frappe.db.escape(user)})"
		)
	if rule.user_field:
		parts.append(f"{table}.`{rule.user_field}` = {frappe.db.escape(user)}")
	return "(" + " or ".join(parts) + ")" if parts else NOTHING


def and_row_condition(doctype: str, user: str, table: str) -> str:
	"""The rule as an ``and …`` clause to append to a WHERE of the app's own SQL; "" for everything."""
	condition = row_condition(doctype, user, table=table)
	return f" and {condition}" if condition else ""


def _child_condition(child: str, parent: str, user: str, table: str | None) -> str:
	condition = row_condition(parent, user, table="`parent_row`")
	if not condition:
		return ""
	table = table or f"`tab{child}`"
	return (
		f"({table}.`parenttype` = {frappe.db.escape(parent)} and {table}.`parent` in "
		f"(select `parent_row`.`name` from `tab{parent}` `parent_row` where {condition}))"
	)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook of every doctype in ROW_RULES and CHILD_TABLES."""
	return row_condition(doctype, user)


# ---- a single row: forms, REST reads and writes, print, attached files


def allows(doctype: str, row, user: str) -> bool:
	"""Whether ``row`` (a document or a dict of the rule's fields) is in ``user``'s scope."""
	if sees_all(user, doctype):
		return True
	rule = ROW_RULES[doctype]
	institutions = managed_institutions(user)
	if any(row.get(field) in institutions for field in rule.institution_fields):
		return True
	if rule.user_field and row.get(rule.user_field) == user:
		return True
	return bool(rule.person_field) and row.get(rule.person_field) in own_persons(user)


def has_row_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""has_permission hook: the row as edited, and for a write also the row as stored."""
	user = user or frappe.session.user
	if sees_all(user, doc.doctype):
		return True
	if not allows(doc.doctype, doc, user):
		return False
	if ptype in WRITES and not doc.is_new():
		stored = frappe.db.get_value(doc.doctype, doc.name, ROW_RULES[doc.doctype].fields, as_dict=True)
		return bool(stored) and allows(doc.doctype, stored, user)
	return True


def check_doctype(doctype: str | None) -> None:
	"""Refuse (403) a doctype the user may read no row of; for whitelisted methods."""
	if not (doctype and frappe.has_permission(doctype, "read")):
		frappe.throw(_("You may not open {0}").format(_(doctype or "")), frappe.PermissionError)


def check_row(doctype: str, name: str, ptype: str = "read") -> None:
	"""Refuse (403) a row the user may not read (or ``ptype``); for whitelisted methods."""
	if not frappe.has_permission(doctype, ptype, doc=name):
		message = _("You may not open {0} {1}") if ptype == "read" else _("You may not change {0} {1}")
		frappe.throw(message.format(_(doctype), name), frappe.PermissionError)


# ---- files: a private file attached to a row is that row's


def reference_condition(table: str, doctype_column: str, name_column: str, user: str) -> str:
	"""Rows of ``table`` that name a ruled row (by its doctype and name columns) are kept only where
	``user`` may read that row; rows naming anything else are kept. "" when nothing is held back."""
	restricted, terms = [], []
	for ruled in ROW_RULES:
		condition = row_condition(ruled, user, table="`referenced_row`")
		if condition:
			restricted.append(frappe.db.escape(ruled))
			terms.append(
				f"({table}.`{doctype_column}` = {frappe.db.escape(ruled)} and {table}.`{name_column}` in "
				f"(select `referenced_row`.`name` from `tab{ruled}` `referenced_row` where {condition}))"
			)
	if not terms:
		return ""
	return (
		f"(ifnull({table}.`{doctype_column}`, '') not in ({', '.join(restricted)}) or {' or '.join(terms)})"
	)


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of File, beside Frappe's own: a private file attached to a ruled
	row is listed only to those who may read that row, and one attached to an email about a ruled row
	(a Communication, which keeps its attachments as files of its own) only to its uploader and
	those who may read the row the email is about."""
	user = user or frappe.session.user
	condition = reference_condition("`tabFile`", "attached_to_doctype", "attached_to_name", user)
	if not condition:
		return ""
	about = reference_condition("`file_email`", "reference_doctype", "reference_name", user)
	email = (
		f"(ifnull(`tabFile`.`attached_to_doctype`, '') != 'Communication' or `tabFile`.`owner` = "
		f"{frappe.db.escape(user)} or exists (select 1 from `tabCommunication` `file_email` where "
		f"`file_email`.`name` = `tabFile`.`attached_to_name` and {about}))"
	)
	return f"(`tabFile`.`is_private` = 0 or ({condition} and {email}))"


def workflow_action_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of Workflow Action, beside Frappe's by role: an action on a ruled
	row (a draft appeal and its appellant) is listed only to those who may read that row."""
	return reference_condition(
		"`tabWorkflow Action`", "reference_doctype", "reference_name", user or frappe.session.user
	)


def workflow_action_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""has_permission of Workflow Action, beside Frappe's: the row it acts on must be readable."""
	if doc.reference_doctype not in ROW_RULES or not doc.reference_name:
		return True
	return frappe.has_permission(
		doc.reference_doctype, "read", doc=doc.reference_name, user=user or frappe.session.user
	)


# ---- shares: Frappe opens a shared row to its recipient whatever the row rule says


SHARE_RIGHTS = ("read", "write", "submit", "share")


def share_excess(share) -> tuple[bool, list[str]]:
	"""What a share of a ruled row gives beyond the rule and the roles: whether it opens a row the rule
	does not (or shares with everyone), and the rights the recipient's roles do not hold."""
	row = frappe.db.get_value(
		share.share_doctype, share.share_name, ROW_RULES[share.share_doctype].fields or ["name"], as_dict=True
	)
	outside = bool(share.everyone) or not row or not allows(share.share_doctype, row, share.user)
	beyond = [
		right
		for right in SHARE_RIGHTS
		if share.get(right) and not role_allows(share.share_doctype, right, share.user)
	]
	return outside, beyond


def check_share(share, method=None) -> None:
	"""DocShare validate (doc_events): a ruled row may be shared — or assigned, which shares it —
	only with a user the row rule already lets read it, and only with rights the user's roles hold
	on the doctype, so sharing never widens the rule nor adds to a role."""
	if share.share_doctype not in ROW_RULES:
		return
	if share.everyone:
		frappe.throw(
			_("{0} cannot be shared with everyone").format(_(share.share_doctype)), frappe.PermissionError
		)
	outside, beyond = share_excess(share)
	if outside:
		frappe.throw(
			_("{0} {1} may be shared only with those who may already read it").format(
				_(share.share_doctype), share.share_name
			),
			frappe.PermissionError,
		)
	if beyond:
		frappe.throw(
			_("{0} may not be given {1} on {2} by a share: their roles do not hold it").format(
				share.user, ", ".join(_(right) for right in beyond), _(share.share_doctype)
			),
			frappe.PermissionError,
		)


def prune_shares(user: str | None = None) -> int:
	"""Frappe honours a share before any rule (even a has_permission hook's refusal), so a share that
	outgrew the rule must go: one made before check_share, or one a role removed or a move between
	institutions has outgrown. Rights the roles lack are taken off, and a share that opens a row the
	rule does not, or no longer gives read, is deleted. Daily, at migrate, and when a user is saved
	(their roles may have changed). Returns how many shares changed."""
	filters = {"share_doctype": ("in", list(ROW_RULES))}
	if user:
		filters["user"] = user
	shares = frappe.get_all(
		"DocShare",
		filters=filters,
		fields=["name", "share_doctype", "share_name", "user", "everyone", *SHARE_RIGHTS],
	)
	pruned = []
	for share in shares:
		outside, beyond = share_excess(share)
		if outside or "read" in beyond:
			frappe.db.delete("DocShare", share.name)
		elif beyond:
			frappe.db.set_value("DocShare", share.name, dict.fromkeys(beyond, 0), update_modified=False)
		else:
			continue
		pruned.append(share)
	for recipient in {share.user for share in pruned if share.user}:
		frappe.clear_cache(user=recipient)
	return len(pruned)


def prune_user_shares(user, method=None) -> None:
	"""User on_update (doc_events): their roles may have changed."""
	prune_shares(user.name)


# ---- notifications: Frappe lists a user's own, but opens any by its name


def notification_log_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""has_permission of Notification Log: one's own notifications only (a penalty notice names the
	person, the finding and the amount)."""
	user = user or frappe.session.user
	return user == "Administrator" or doc.for_user == user


# ---- following a document: Frappe mails its changes to the follower, unasked of the row rule


def check_follow(follow, method=None) -> None:
	"""Document Follow validate (doc_events): a user follows only for themselves, only a row they may
	read, and a ruled row only when they read every row of its doctype — a manager's or a staff
	member's scope changes with the organisation, and the follow would outlive it."""
	session = frappe.session.user
	if session != "Administrator" and follow.user != session:
		frappe.throw(_("You may follow documents only for yourself"), frappe.PermissionError)
	if follow.ref_doctype in ROW_RULES and not sees_all(follow.user, follow.ref_doctype):
		frappe.throw(
			_("{0} cannot be followed by {1}").format(_(follow.ref_doctype), follow.user),
			frappe.PermissionError,
		)
	if not frappe.has_permission(follow.ref_doctype, "read", doc=follow.ref_docname, user=follow.user):
		frappe.throw(
			_("You may not open {0} {1}").format(_(follow.ref_doctype), follow.ref_docname),
			frappe.PermissionError,
		)


def keep_restricted_users_from_following(user, method=None) -> None:
	"""User validate (doc_events): a user who sees only some rows gets no mailed digest of followed
	documents, so Frappe neither follows documents for them nor mails them anyone's changes."""
	if is_restricted(row.role for row in user.roles):
		user.document_follow_notify = 0

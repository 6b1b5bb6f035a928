"""Who may read and write which rows: the one place every path asks.

Lists, forms, reports, print views, counts, child tables and attached files all come here, through
Frappe's hooks (hooks.py: permission_query_conditions, has_permission) or through `row_condition`
in the app's own queries. The rule per doctype is declared once in ROW_RULES:

- the roles in `open_to` see every row (the desk, the leading group, payroll, finance…);
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


def sees_all(user: str, rule: RowRule) -> bool:
	return user == "Administrator" or bool(rule.open_to.intersection(frappe.get_roles(user)))


def is_committee(user: str | None = None) -> bool:
	"""The leading group decides; Administrator is the scheduler's user."""
	user = user or frappe.session.user
	return user == "Administrator" or Role.COMMITTEE in frappe.get_roles(user)


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
	rule = ROW_RULES[doctype]
	if sees_all(user, rule):
		return ""
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
	rule = ROW_RULES[doctype]
	if sees_all(user, rule):
		return True
	institutions = managed_institutions(user)
	if any(row.get(field) in institutions for field in rule.institution_fields):
		return True
	if rule.user_field and row.get(rule.user_field) == user:
		return True
	return bool(rule.person_field) and row.get(rule.person_field) in own_persons(user)


def has_row_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""has_permission hook: the row as edited, and for a write also the row as stored."""
	user = user or frappe.session.user
	rule = ROW_RULES[doc.doctype]
	if sees_all(user, rule):
		return True
	if not allows(doc.doctype, doc, user):
		return False
	if ptype in WRITES and not doc.is_new():
		stored = frappe.db.get_value(doc.doctype, doc.name, rule.fields, as_dict=True)
		return bool(stored) and allows(doc.doctype, stored, user)
	return True


def check_row(doctype: str, name: str, user: str | None = None) -> None:
	"""Refuse (403) a row outside the user's scope; for the app's own whitelisted methods."""
	if not frappe.has_permission(doctype, "read", doc=name, user=user):
		frappe.throw(_("You may not open {0} {1}").format(_(doctype), name), frappe.PermissionError)


# ---- files: a private file attached to a row is that row's


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of File, beside Frappe's own: a private file attached to a ruled
	row is listed only to those who may read that row."""
	user = user or frappe.session.user
	terms = []
	for ruled in ROW_RULES:
		condition = row_condition(ruled, user, table="`attached_row`")
		if condition:
			terms.append(
				f"(`tabFile`.`attached_to_doctype` = {frappe.db.escape(ruled)} and `tabFile`.`attached_to_name` in "
				f"(select `attached_row`.`name` from `tab{ruled}` `attached_row` where {condition}))"
			)
	if not terms:
		return ""
	restricted = ", ".join(frappe.db.escape(ruled) for ruled in ROW_RULES)
	return (
		f"(`tabFile`.`is_private` = 0 or ifnull(`tabFile`.`attached_to_doctype`, '') not in ({restricted}) "
		f"or {' or '.join(terms)})"
	)


def check_new_file(file) -> None:
	"""Before a user's new File record is saved: it may not point at a private file they cannot open
	(Frappe lets the owner of any File record download what its URL names), and a file attached to a
	ruled row stays private. Called by overrides.file.File before Frappe reads the file's content."""
	if file.is_folder or file.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	if file.attached_to_doctype in ROW_RULES and not file.is_private and not file.is_remote_file:
		file.is_private = 1
	if file.get("content") or not file.file_url:
		return  # an upload of the user's own content
	others = frappe.get_all("File", filters={"file_url": file.file_url}, pluck="name")
	if others and not any(frappe.has_permission("File", "read", doc=name) for name in others):
		frappe.throw(
			_("You may not attach a file you cannot open: {0}").format(file.file_url), frappe.PermissionError
		)


# ---- shares: Frappe opens a shared row to its recipient whatever the row rule says


def check_share(share, method=None) -> None:
	"""DocShare validate (doc_events): a ruled row may be shared — or assigned, which shares it —
	only with a user the row rule already lets read it, so sharing never widens the rule."""
	if share.share_doctype not in ROW_RULES:
		return
	if share.everyone:
		frappe.throw(
			_("{0} cannot be shared with everyone").format(_(share.share_doctype)), frappe.PermissionError
		)
	row = frappe.db.get_value(
		share.share_doctype, share.share_name, ROW_RULES[share.share_doctype].fields or ["name"], as_dict=True
	)
	if not row or not allows(share.share_doctype, row, share.user):
		frappe.throw(
			_("{0} {1} may be shared only with those who may already read it").format(
				_(share.share_doctype), share.share_name
			),
			frappe.PermissionError,
		)

"""Who may make a File record, and what a record may point at.

Frappe lets whoever owns a File record download what its URL names, and lets anyone who may read the
row a file is attached to download it. So a user could read another's private file by making a
record of their own with its URL — through an attach field of any document they save (their own
profile picture), an email's attachments, or a plain insert — or could plant a file on a row they
may not change. Here:

- a new File record for a file already on disk (no content of its own) is made only by a user who
  may already open that file, whichever path makes it, checked on the URL as the disk reads it;
- a user's upload onto a row needs write permission on that row, and only the leading group adds
  files to a submitted one (a filed appeal, a final finding); the row's controller may narrow it
  further (``check_file_change``: a remediation's evidence is its owner's);
- removing a file from a row, or moving a record to another row, is held to the same, whoever owns
  the File record (Frappe lets the uploader delete it, and anyone with write on the row);
- a stored record never comes to point at a file its user may not open;
- an attach field set to a private file needs the same right to open that file;
- a file attached to a ruled row is private, and stays so.
"""

import posixpath
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from complaint_accountability.permissions import ROW_RULES, SYSTEM_MANAGER, is_committee

LOCAL_PREFIXES = ("/files/", "/private/files/")
ATTACH_FIELD_TYPES = ("Attach", "Attach Image")


def trusted_session() -> bool:
	"""Administrator (the scheduler, install and migrate) makes its own files."""
	return frappe.session.user == "Administrator" or bool(frappe.flags.in_install or frappe.flags.in_migrate)


def canonical_url(url: str) -> str:
	"""``/private/files//a/../x.pdf`` → ``/private/files/x.pdf``: one spelling per file on disk."""
	if not url.startswith(("/files", "/private")):
		return url
	return posixpath.normpath(unquote(url))


def may_open(url: str, user: str | None = None) -> bool:
	"""Whether ``user`` may download the local file ``url`` names: some record of it they may read.
	A private file on disk with no record is nobody's to borrow."""
	records = frappe.get_all("File", filters={"file_url": canonical_url(url)}, pluck="name")
	if not records:
		return not canonical_url(url).startswith("/private/")
	return any(frappe.has_permission("File", "read", doc=name, user=user) for name in records)


def check_new_file(file) -> None:
	"""File before_insert (overrides.file.File), before Frappe reads what the URL names."""
	if file.is_folder or trusted_session():
		return
	if file.attached_to_doctype in ROW_RULES and not file.is_private and not file.is_remote_file:
		file.is_private = 1
	if not file.flags.ignore_permissions:
		_check_target(file)
	if file.get("content") or not file.file_url or file.is_remote_file:
		return  # an upload of the user's own content
	_check_url(file)


def check_file_update(file) -> None:
	"""File validate of a stored record (overrides.file.File): Frappe lets its owner, and anyone with
	write on its row, change what it points at, where it is attached and whether it is private."""
	if file.is_new() or file.is_folder or trusted_session():
		return
	before = file.get_doc_before_save()
	if not before:
		return
	if file.has_value_changed("is_private") and not file.is_private and file.attached_to_doctype in ROW_RULES:
		frappe.throw(
			_("A file attached to {0} stays private").format(_(file.attached_to_doctype)),
			frappe.PermissionError,
		)
	if any(
		file.has_value_changed(f) for f in ("attached_to_doctype", "attached_to_name", "attached_to_field")
	):
		_check_target(before, removing=True)
		_check_target(file)
	if file.file_url and canonical_url(file.file_url) != canonical_url(before.file_url or ""):
		_check_url(file)


def _check_url(file) -> None:
	"""The record's URL in its one spelling, and one its user may already open."""
	file.file_url = canonical_url(file.file_url)
	if not may_open(file.file_url):
		frappe.throw(
			_("You may not attach a file you cannot open: {0}").format(file.file_url), frappe.PermissionError
		)


def check_file_removal(file) -> None:
	"""File on_trash: taking a file off a row changes the row as adding one does. The files of a row
	being deleted (it is gone by then) and those the app replaces itself pass."""
	if file.is_folder or trusted_session() or file.flags.made_by_app:
		return
	_check_target(file, removing=True)


def delete_app_file(name: str) -> None:
	"""Delete a file the app made and now replaces (a PDF made again), whoever's action remakes it."""
	file = frappe.get_doc("File", name)
	file.flags.made_by_app = True
	file.delete(ignore_permissions=True)


def _check_target(file, removing: bool = False) -> None:
	"""A user's upload onto a row, or removal from it: write permission on it, a submitted row is the
	committee's, and the row's own ``check_file_change(file, removing)`` where it has one."""
	if not (file.attached_to_doctype and file.attached_to_name):
		return
	try:
		target = frappe.get_doc(file.attached_to_doctype, file.attached_to_name)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return  # a document not saved yet (Frappe links the file when it is), or one being deleted
	if not target.has_permission("write"):
		message = (
			_("You may not remove files from {0} {1}") if removing else _("You may not add files to {0} {1}")
		)
		frappe.throw(message.format(_(target.doctype), target.name), frappe.PermissionError)
	if target.docstatus != 0 and not (is_committee() or SYSTEM_MANAGER in frappe.get_roles()):
		frappe.throw(
			_("{0} {1} is submitted: only the accountability leading group adds or removes its files").format(
				_(target.doctype), target.name
			),
			frappe.PermissionError,
		)
	check = getattr(target, "check_file_change", None)
	if check:
		check(file, removing)


def check_attach_fields(doc, method=None) -> None:
	"""validate of every doctype (doc_events "*"): an attach field newly set to a private file needs
	the right to open it, or Frappe's attach_files_to_document would make the user a record of it."""
	if trusted_session():
		return
	for df in doc.meta.get("fields", {"fieldtype": ("in", ATTACH_FIELD_TYPES)}):
		value = doc.get(df.fieldname)
		if not value or not canonical_url(value).startswith("/private/"):
			continue
		if (doc.is_new() or doc.has_value_changed(df.fieldname)) and not may_open(value):
			frappe.throw(
				_("{0}: you may not attach a file you cannot open: {1}").format(_(df.label), value),
				frappe.PermissionError,
			)


def audit_copied_private_files() -> list[dict]:
	"""File records that share a private file with an earlier record whose row their owner may not
	read: copies made by borrowing a URL before that was refused (d9549d4), or the same content
	uploaded twice (Frappe keeps one file on disk per content). Changes nothing; an administrator
	reviews each, ``bench --site SITE execute complaint_accountability.file_access.audit_copied_private_files``."""
	file = frappe.qb.DocType("File")
	shared = (
		frappe.qb.from_(file)
		.select(file.file_url)
		.where((file.is_private == 1) & (file.is_folder == 0) & file.file_url.like("/private/files/%"))
		.groupby(file.file_url)
		.having(Count(file.owner).distinct() > 1)
		.run(pluck=True)
	)
	found = []
	for url in shared:
		first, *later = frappe.get_all(
			"File",
			filters={"file_url": url},
			fields=["name", "owner", "attached_to_doctype", "attached_to_name"],
			order_by="creation asc",
		)
		for record in later:
			if record.owner != first.owner and not frappe.has_permission(
				"File", "read", doc=first.name, user=record.owner
			):
				found.append(
					{**record, "file_url": url, "first_record": first.name, "first_owner": first.owner}
				)
	return found

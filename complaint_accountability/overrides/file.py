"""Frappe's File, checked before it reads the content a new record's URL names, before a stored one
changes and before one is deleted (hooks.py: override_doctype_class). See file_access."""

from frappe.core.doctype.file.file import File as FrappeFile

from complaint_accountability.file_access import check_file_removal, check_file_update, check_new_file


class File(FrappeFile):
	def before_insert(self):
		check_new_file(self)
		super().before_insert()

	def validate(self):
		check_file_update(self)
		super().validate()

	def on_trash(self):
		check_file_removal(self)
		super().on_trash()

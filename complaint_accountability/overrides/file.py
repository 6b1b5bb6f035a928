"""Frappe's File, checked before it reads the content a new record's URL names (hooks.py:
override_doctype_class). See file_access.check_new_file."""

from frappe.core.doctype.file.file import File as FrappeFile

from complaint_accountability.file_access import check_new_file


class File(FrappeFile):
	def before_insert(self):
		check_new_file(self)
		super().before_insert()

"""Put a fresh browser-test site in the state an administrator leaves it after first login.

Run by scripts/browser-tests.sh with the bench's Python from the bench's ``sites`` folder:
    ../env/bin/python PATH/TO/e2e/site_setup.py SITE

What a fresh Frappe-only v15 site lacks (found while building this layer):
- System Settings ``setup_complete`` is 0 and the default ``desktop:home_page`` is ``setup-wizard``:
  the desk opens on the setup wizard.
- System Settings ``language`` and ``time_zone`` are empty (English; Asia/Kolkata).
- There is no default ``currency`` (a Frappe-only site has no field for it: ERPNext's Global
  Defaults sets it). A Currency field whose ``options`` is a code ("CNY") rather than a field name
  falls back to ``frappe.boot.sysdefaults.currency``; with none, ``get_currency_symbol`` takes the
  first enabled Currency in the boot (AED) and the desk shows ``د.إ``.
Idempotent: running it again changes nothing.

``--reset`` also removes what earlier runs of the journeys made (complaints, findings, appeals,
entries, periods, imports, and the E2E institutions and persons), so every run starts from the
same baseline: the journeys' fixtures create it again through the REST API.
"""

import sys

import frappe


TRANSACTIONS = (
	"Appeal",
	"Penalty Entry",
	"Finding Charge",
	"Responsibility Finding",
	"Complaint Receipt",
	"Complaint Responsible Person",
	"Complaint",
	"Period Institution Document",
	"Accountability Period",
	"Ledger Import",
)


def reset() -> None:
	for doctype in TRANSACTIONS:
		frappe.db.delete(doctype)
	frappe.db.delete("Workflow Action", {"reference_doctype": ("in", ["Responsibility Finding", "Appeal"])})
	frappe.db.delete("Email Queue")
	frappe.db.delete("Accountable Person", {"name": ("like", "E2E%")})
	frappe.db.delete("Accountable Person", {"institution": ("like", "E2E%")})
	frappe.db.delete("Penalty Rate", {"valid_from": (">=", "2090-01-01")})
	frappe.db.delete("Institution", {"name": ("like", "E2E%")})
	frappe.db.delete("Business Line", {"name": ("like", "E2E%")})
	from frappe.utils.nestedset import rebuild_tree

	rebuild_tree("Institution")


def main(site: str, do_reset: bool = False) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		settings = frappe.get_doc("System Settings")
		settings.update(
			{
				"language": "zh",
				"time_zone": "Asia/Shanghai",
				"country": "China",
				"setup_complete": 1,
				"enable_scheduler": 0,  # the journeys press the cycle's buttons themselves
			}
		)
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)
		frappe.db.set_default("desktop:home_page", "workspace")
		frappe.db.set_default("currency", "CNY")
		frappe.db.set_value("Currency", "CNY", "enabled", 1)
		if do_reset:
			reset()
		frappe.db.commit()
		frappe.clear_cache()
		print(
			"site ready:",
			frappe.db.get_single_value("System Settings", "language"),
			frappe.db.get_single_value("System Settings", "time_zone"),
			frappe.db.get_default("currency"),
		)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1], "--reset" in sys.argv[2:])

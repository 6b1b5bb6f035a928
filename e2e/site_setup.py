"""Put a fresh browser-test site in the state an administrator leaves it after first login.

Run by scripts/browser-tests.sh with the bench's Python from the bench's ``sites`` folder, twice:
    ../env/bin/python PATH/TO/e2e/site_setup.py SITE --reset     (before the migrate)
    ../env/bin/python PATH/TO/e2e/site_setup.py SITE             (after it)

What a fresh Frappe-only v15 site lacks (found while building this layer), which an
administrator's first setup gives it:
- System Settings ``setup_complete`` is 0 and the default ``desktop:home_page`` is ``setup-wizard``:
  the desk opens on the setup wizard.
- System Settings ``language`` and ``time_zone`` are empty (English; Asia/Kolkata).
- System Settings ``enable_onboarding`` is 0 until the wizard ends (the workspace then shows its
  Module Onboarding, the app's setup checklist).
And one thing for this layer: the site's background jobs go to queues of its own (``bench_id``
in its site_config.json), which e2e/worker.py serves, so no other site's jobs are touched.

The default currency is NOT set here: the app sets CNY at install and at every migrate when none
is set (install.ensure_currency). ``--reset`` forgets the default currency earlier runs of this
layer set, so the migrate that follows has to set it, and the journeys then prove it (the boot's
currency is CNY and money reads ¥, not the first enabled currency's د.إ).

``--reset`` also removes what earlier runs of the journeys made (complaints, findings, appeals,
entries, periods, documents, imports, contacts, notifications, the E2E institutions, persons and
the users the journeys created), so every run starts from the same baseline: the journeys'
fixtures create it again through the REST API. Idempotent: running it again changes nothing.
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
	"Customer Contact",
	"Complaint",
	"Period Document",
	"Accountability Period",
	"Ledger Import",
)
# users a journey creates in the desk (the sysmgr journey's new user), beside the fixture's
JOURNEY_USERS = "e2e-new-%@example.com"


def reset() -> None:
	for doctype in TRANSACTIONS:
		if frappe.db.table_exists(doctype):
			frappe.db.delete(doctype)
	frappe.db.delete("Workflow Action", {"reference_doctype": ("in", ["Responsibility Finding", "Appeal"])})
	frappe.db.delete("Email Queue")
	frappe.db.delete("Notification Log", {"for_user": ("like", "e2e-%")})
	frappe.db.delete("File", {"attached_to_doctype": ("in", TRANSACTIONS)})
	frappe.db.delete("Accountable Person", {"name": ("like", "E2E%")})
	frappe.db.delete("Accountable Person", {"institution": ("like", "E2E%")})
	frappe.db.delete("Penalty Rate", {"valid_from": (">=", "2090-01-01")})
	frappe.db.delete("Institution", {"name": ("like", "E2E%")})
	frappe.db.delete("Business Line", {"name": ("like", "E2E%")})
	for user in frappe.get_all("User", filters={"name": ("like", JOURNEY_USERS)}, pluck="name"):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True, delete_permanently=True)
	from frappe.utils.nestedset import rebuild_tree

	rebuild_tree("Institution")
	# what earlier runs of this layer set by hand: the migrate must set it again
	frappe.defaults.clear_default("currency", parent="__default")


def first_setup() -> None:
	settings = frappe.get_doc("System Settings")
	settings.update(
		{
			"language": "zh",
			"time_zone": "Asia/Shanghai",
			"country": "China",
			"setup_complete": 1,
			"enable_onboarding": 1,  # as the setup wizard leaves it (setup_wizard.disable_future_access)
			"enable_scheduler": 0,  # the journeys press the cycle's buttons themselves
		}
	)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_default("desktop:home_page", "workspace")


def own_queues(site: str) -> None:
	"""Background queues of the site's own (worker.py listens to them): ``bench_id`` names them."""
	from frappe.installer import update_site_config

	bench_id = f"e2e-{site}"
	if frappe.conf.get("bench_id") != bench_id:
		update_site_config("bench_id", bench_id)


def main(site: str, do_reset: bool = False) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		if do_reset:
			reset()
		else:
			first_setup()
			own_queues(site)
		frappe.db.commit()
		frappe.clear_cache()
		if not do_reset:
			print(
				"site ready:",
				frappe.db.get_single_value("System Settings", "language"),
				frappe.db.get_single_value("System Settings", "time_zone"),
				"default currency (the app's):",
				frappe.db.get_default("currency"),
			)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1], "--reset" in sys.argv[2:])

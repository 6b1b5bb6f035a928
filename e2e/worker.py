"""A background worker for the browser-test site alone, run by scripts/browser-tests.sh.

Frappe hands some work to its background queues even on a small site: a Notification on the
System Notification channel (the desk's bell) is written by a job. Without a worker the bell
stays empty, so the journeys need one, as every production bench has.

The bench's queues are shared by its sites (ca-test.localhost runs the integration tests), so the
browser-test site gets queues of its own: site_setup.py gives it a ``bench_id`` in its
site_config.json, Frappe names queues ``<bench_id>:<queue>``, and this worker listens to those
only, never to another site's jobs.

    cd BENCH/sites && ../env/bin/python PATH/TO/e2e/worker.py SITE
"""

import sys

import frappe
from frappe.utils.background_jobs import generate_qname, get_redis_conn
from rq import Queue, Worker


def main(site: str) -> None:
	frappe.init(site=site, sites_path=".")
	connection = get_redis_conn()
	queues = [Queue(generate_qname(q), connection=connection) for q in ("short", "default", "long")]
	frappe.destroy()
	Worker(queues, connection=connection).work(logging_level="INFO", with_scheduler=False)


if __name__ == "__main__":
	main(sys.argv[1])

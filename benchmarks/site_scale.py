"""A large branch's month on a real site: compile time, per-document baseline, reads at scale.

Run with the bench's Python as the bench user, from the bench's sites folder:

    cd BENCH/sites && ../env/bin/python /path/to/benchmarks/site_scale.py --site SITE

It fills the site (use a site of its own) with a synthetic month — 20,000 cases, 40,000 receipts,
60,000 responsible-person rows over 50 institutions — in period 2024-06, times
``compile_period``, then on a 2,000-case sample in period 2024-09 times the straightforward path
(one ``get_doc().insert()`` per finding). With --complaints 100000 it then tops the site up to
that many complaints and times the reads a user makes: the complaint list filtered by institution
and period, the Penalty Assessment report for a period and a finding's form. Everything it
creates is rolled back unless --keep is given.
"""

import argparse
import random
import time
from datetime import date, timedelta
from decimal import Decimal

import frappe

from complaint_accountability.rules.defaults import default_channels
from complaint_accountability.rules.periods import period_name_of
from complaint_accountability.rules.settings import AccountabilitySettings

CHANNELS = [channel.name for channel in default_channels()]  # in rank order
CHANNEL_WEIGHTS = [45, 20, 10, 8, 7, 5, 3, 2]
SETTINGS = AccountabilitySettings()  # the default cycle, 21st to 20th
OUTCOMES = ["Withdrawn", "Not Insurance Liability", "Satisfied", "Unresolved"]


def fill(
	prefix: str,
	cases: int,
	receipts_per_case: float,
	start: date,
	institutions: list[str],
	people: list[str],
	seed: int,
) -> None:
	"""Bulk-insert cases with receipts (20% compound) and 3 persons each, as the desk would have saved them."""
	rng = random.Random(seed)
	now, user = frappe.utils.now_datetime(), frappe.session.user
	complaint_rows, receipt_rows, person_rows = [], [], []
	extra = int(cases * (receipts_per_case - 1))
	compound = set(rng.sample(range(cases), min(cases, extra)))
	# People work where their cases are handled: each institution has its own staff.
	staff = {inst: people[k :: len(institutions)] for k, inst in enumerate(institutions)}
	for i in range(cases):
		institution = rng.choice(institutions)
		name = f"{prefix}{i:07d}"
		days = sorted(rng.randrange(30) for _ in range(2 if i in compound else 1))
		received = [start + timedelta(days=d) for d in days]
		channels = rng.choices(CHANNELS, CHANNEL_WEIGHTS, k=len(received))
		latest_period = period_name_of(received[-1], SETTINGS)
		complaint_rows.append(
			(
				name,
				"TS-.YYYY.-.#####",
				f"客户{i}",
				1,
				institution,
				rng.choice(OUTCOMES),
				0,
				"Accountable",
				int(len(received) > 1),
				received[0],
				received[-1],
				latest_period,
				"Normal",
				0,
				user,
				now,
				now,
				user,
				0,
			)
		)
		for idx, (day, channel) in enumerate(zip(received, channels, strict=True), start=1):
			receipt_rows.append(
				(
					frappe.generate_hash(length=12),
					name,
					"receipts",
					"Complaint",
					idx,
					channel,
					day,
					"",
					period_name_of(day, SETTINGS),
					user,
					now,
					now,
					user,
					0,
				)
			)
		for idx, (person, liability) in enumerate(
			zip(rng.sample(staff[institution], 3), ("Direct", "Direct", "Management"), strict=True), 1
		):
			person_rows.append(
				(
					frappe.generate_hash(length=12),
					name,
					"responsible_persons",
					"Complaint",
					idx,
					person,
					liability,
					"Complaint Desk",
					user,
					now,
					now,
					user,
					0,
				)
			)
	standard = ["owner", "creation", "modified", "modified_by", "docstatus"]
	frappe.db.bulk_insert(
		"Complaint",
		[
			"name",
			"naming_series",
			"customer_name",
			"transferred",
			"handling_institution",
			"first_coordination_outcome",
			"referred",
			"case_status",
			"is_compound",
			"first_received_on",
			"latest_received_on",
			"latest_period",
			"complexity",
			"appraisal_days",
			*standard,
		],
		complaint_rows,
	)
	frappe.db.bulk_insert(
		"Complaint Receipt",
		[
			"name",
			"parent",
			"parentfield",
			"parenttype",
			"idx",
			"channel",
			"received_on",
			"receipt_kind",
			"accountability_period",
			*standard,
		],
		receipt_rows,
	)
	frappe.db.bulk_insert(
		"Complaint Responsible Person",
		[
			"name",
			"parent",
			"parentfield",
			"parenttype",
			"idx",
			"person",
			"liability",
			"determined_by",
			*standard,
		],
		person_rows,
	)


def masters(count_institutions: int = 50, count_people: int = 3000) -> tuple[list[str], list[str]]:
	root = "基准测试分公司"
	if not frappe.db.exists("Institution", root):
		frappe.get_doc(
			{"doctype": "Institution", "institution_name": root, "is_group": 1, "institution_type": "Branch"}
		).insert()
	institutions = []
	for i in range(count_institutions):
		name = f"基准测试支公司{i:02d}"
		if not frappe.db.exists("Institution", name):
			frappe.get_doc(
				{"doctype": "Institution", "institution_name": name, "parent_institution": root}
			).insert()
		institutions.append(name)
	existing = set(frappe.get_all("Accountable Person", filters={"name": ("like", "BM%")}, pluck="name"))
	now, user = frappe.utils.now_datetime(), frappe.session.user
	rows = [
		(
			f"BM{i:05d}",
			f"员工{i}",
			f"BM{i:05d}",
			institutions[i % count_institutions],
			"Labour Contract",
			user,
			now,
			now,
			user,
			0,
		)
		for i in range(count_people)
		if f"BM{i:05d}" not in existing
	]
	frappe.db.bulk_insert(
		"Accountable Person",
		[
			"name",
			"full_name",
			"employee_number",
			"institution",
			"contract_type",
			"owner",
			"creation",
			"modified",
			"modified_by",
			"docstatus",
		],
		rows,
	)
	return institutions, [f"BM{i:05d}" for i in range(count_people)]


def per_document_compile(period_name: str) -> int:
	"""The straightforward path: the same charges, one get_doc().insert() per finding."""
	from complaint_accountability.cycle import compile as compiling
	from complaint_accountability.cycle import proposed_findings as findings

	created = []

	def insert_each(period, charges, progress=None, **kwargs):
		for (complaint, person, liability), rows in charges.groupby(["complaint", "person", "liability"]):
			frappe.get_doc(
				{
					"doctype": "Responsibility Finding",
					"complaint": complaint,
					"person": person,
					"liability": liability,
					"accountability_period": period,
					"proposed_by_compile": 1,
					"workflow_state": "Draft",
					"charges": [
						{
							"receipt": r.receipt,
							"channel": r.channel,
							"received_on": r.received_on,
							"receipt_kind": r.receipt_kind,
							"penalty_rate": r.penalty_rate,
							"amount": Decimal(int(r.cents)) / 100,
							"charge_key": findings.charge_key(r.receipt, person, liability),
						}
						for r in rows.itertuples()
					],
				}
			).insert(ignore_permissions=True)
			created.append(1)
		return len(created)

	original = findings.create_proposed
	findings.create_proposed = insert_each
	try:
		compiling.compile_period(period_name)
	finally:
		findings.create_proposed = original
	return len(created)


def timed(label: str, function, *args):
	started = time.perf_counter()
	result = function(*args)
	seconds = time.perf_counter() - started
	print(f"{label:<58} {seconds * 1000:>10.0f} ms", flush=True)
	return result, seconds


def reads(institutions: list[str]) -> None:
	from frappe.desk.form.load import getdoc
	from frappe.desk.query_report import run

	frappe.clear_cache()
	for attempt in range(2):  # the second round is the warm one a user sees
		suffix = "(cold)" if attempt == 0 else "(warm)"
		timed(
			f"complaint list, one institution and period {suffix}",
			lambda: frappe.get_list(
				"Complaint",
				filters={"handling_institution": institutions[7], "latest_period": "2024-06"},
				fields=["name", "customer_name", "case_status", "latest_received_on"],
				limit_page_length=20,
				order_by="modified desc",
			),
		)
		if frappe.db.exists("Report", "Penalty Assessment"):
			timed(
				f"Penalty Assessment report, period 2024-06 {suffix}",
				lambda: run("Penalty Assessment", filters={"period": "2024-06"}),
			)
		finding = frappe.db.get_value("Responsibility Finding", {"accountability_period": "2024-06"})
		timed(f"finding form (getdoc) {suffix}", getdoc, "Responsibility Finding", finding)


def compare_with_per_document(sample: int, cases: int, compile_seconds: float, institutions, people) -> None:
	timed(
		f"fill {sample:,}-case sample in 2024-09",
		fill,
		"BMB",
		sample,
		2.0,
		date(2024, 8, 21),
		institutions,
		people,
		2,
	)
	_, baseline_seconds = timed(
		f"per-document compile 2024-09 ({sample:,} cases)", per_document_compile, "2024-09"
	)
	bulk, slow = compile_seconds / cases, baseline_seconds / sample
	print(f"per case: bulk {bulk * 1000:.2f} ms, per-document {slow * 1000:.2f} ms, ratio {slow / bulk:.1f}x")


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--cases", type=int, default=20_000)
	parser.add_argument("--sample", type=int, default=2_000)
	parser.add_argument(
		"--complaints", type=int, default=100_000, help="complaints on the site for the read timings"
	)
	parser.add_argument("--keep", action="store_true", help="commit what the benchmark creates")
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		from complaint_accountability.cycle.compile import compile_period

		institutions, people = masters()
		timed(
			f"fill {args.cases:,} cases (bulk insert)",
			fill,
			"BMA",
			args.cases,
			2.0,
			date(2024, 5, 21),
			institutions,
			people,
			1,
		)
		result, compile_seconds = timed(
			f"compile_period 2024-06 ({args.cases:,} cases)", compile_period, "2024-06"
		)
		print(f"  findings created: {result['findings_created']:,}, charges: {result['charges']:,}")
		if args.sample:  # 0 skips the per-document baseline
			compare_with_per_document(args.sample, args.cases, compile_seconds, institutions, people)
		total = frappe.db.count("Complaint")
		if args.complaints > total:
			timed(
				f"top up to {args.complaints:,} complaints",
				fill,
				"BMC",
				args.complaints - total,
				1.2,
				date(2024, 1, 21),
				institutions,
				people,
				3,
			)
		print(f"complaints on the site: {frappe.db.count('Complaint'):,}")
		reads(institutions)
	finally:
		if args.keep:
			frappe.db.commit()
		else:
			frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()

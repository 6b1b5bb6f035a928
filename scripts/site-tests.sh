#!/usr/bin/env bash
# Layer 2: the FrappeTestCase suite on a real site of an existing Frappe v15 bench.
#   bash scripts/site-tests.sh BENCH_DIR [SITE]
# Starts MariaDB and the bench's Redis if they are down, points the bench's app at this checkout,
# migrates the site and runs `bench run-tests --app complaint_accountability` with CI=1.
# The bench belongs to a non-root user (Frappe refuses root); commands run as that user.
#
# Settings (environment):
#   CA_SITE               the test site (default ca-test.localhost), created on first use
#   CA_DB_ROOT_PASSWORD   MariaDB's root password, to create the site (default root)
#   CA_BENCH_CLI          the `bench` command (default: the one on PATH)
set -euo pipefail
bench="$(cd "$1" && pwd)"
# A site of its own, so the tests never meet a user's data; created on first use.
site="${2:-${CA_SITE:-ca-test.localhost}}"
db_root_password="${CA_DB_ROOT_PASSWORD:-root}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
app="$bench/apps/complaint_accountability"
owner="$(stat -c %U "$bench")"
bench_cli="$(command -v "${CA_BENCH_CLI:-bench}" || true)"
[ -n "$bench_cli" ] || { echo "no bench command: install frappe-bench or set CA_BENCH_CLI" >&2; exit 2; }

as_owner() {
	local certs=/etc/ssl/certs/ca-certificates.crt
	if [ "$(id -un)" = "$owner" ]; then "$@"; return; fi
	runuser -u "$owner" -- env -i HOME="$(getent passwd "$owner" | cut -d: -f6)" USER="$owner" LANG=C.UTF-8 \
		LC_ALL=C.UTF-8 CI=1 SSL_CERT_FILE=$certs UV_NATIVE_TLS=1 \
		PATH="$bench/env/bin:$(dirname "$bench_cli"):/usr/local/bin:/usr/bin:/bin" "$@"
}

db_ping() { mysqladmin -uroot -p"$db_root_password" ping --connect-timeout=2 >/dev/null 2>&1 || mysqladmin ping --connect-timeout=2 >/dev/null 2>&1; }

start_services() {
	if ! db_ping; then
		echo "starting MariaDB" >&2
		mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
		service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
		for _ in $(seq 1 60); do db_ping && break; sleep 1; done
	fi
	for conf in "$bench"/config/redis_*.conf; do
		[ -f "$conf" ] || continue
		port="$(awk '$1=="port"{print $2}' "$conf")"
		if ! redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
			echo "starting redis on :$port" >&2
			(cd "$bench" && as_owner redis-server "$conf" --daemonize yes)
			for _ in $(seq 1 30); do redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break; sleep 0.5; done
		fi
	done
}

# What a bench made by `bench init` may lack for the tests: Frappe's test dependencies
# (freezegun...), and pkg_resources, which Frappe 15 still imports and setuptools 80 dropped.
bench_python_needs() {
	if ! "$bench/env/bin/python" -c "import freezegun, pkg_resources" >/dev/null 2>&1; then
		echo "installing Frappe's test dependencies into the bench" >&2
		(cd "$bench" && as_owner bench setup requirements --dev --python >/dev/null)
		(cd "$bench" && as_owner uv pip install -q --python env/bin/python "setuptools<80" >/dev/null 2>&1 \
			|| as_owner env/bin/python -m pip install -q "setuptools<80" >/dev/null)
	fi
}

point_app_at() {
	as_owner ln -sfn "$1" "$app"
	(cd "$bench" && as_owner uv pip install -q --python env/bin/python -e "$app" 2>&1 | grep -v -e '^Resolved' -e '^Prepared' -e '^Installed' -e '^Uninstalled' -e '^Audited' -e '^ [-+~] ' >&2 || true)
}

# The bench's user installs the checkout in editable mode, which writes its build metadata there.
let_owner_write() {
	if ! command -v setfacl >/dev/null && [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq acl >/dev/null 2>&1 || true
	fi
	if command -v setfacl >/dev/null; then
		setfacl -R -m "u:$owner:rwX" "$repo" 2>/dev/null
	else
		chmod -R a+rwX "$repo"
	fi
}

start_services
bench_python_needs
previous="$(readlink "$app" 2>/dev/null || true)"
if [ -n "$previous" ] && [ "$previous" != "$repo" ] && [ -d "$previous" ]; then
	trap 'point_app_at "$previous"' EXIT
fi
let_owner_write
point_app_at "$repo"
grep -qx complaint_accountability "$bench/sites/apps.txt" || { [ -n "$(tail -c1 "$bench/sites/apps.txt")" ] && echo >>"$bench/sites/apps.txt"; echo complaint_accountability >>"$bench/sites/apps.txt"; }

cd "$bench"
if [ ! -d "sites/$site" ]; then
	echo "creating the test site $site" >&2
	as_owner bench new-site "$site" --mariadb-root-password "$db_root_password" --admin-password admin \
		--install-app complaint_accountability >/dev/null
fi
if ! as_owner bench --site "$site" list-apps 2>/dev/null | grep -q complaint_accountability; then
	as_owner bench --site "$site" install-app complaint_accountability
fi
as_owner bench --site "$site" migrate >/dev/null
as_owner bench --site "$site" set-config allow_tests true >/dev/null
CI=1 as_owner bench --site "$site" run-tests --app complaint_accountability

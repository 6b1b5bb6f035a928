#!/usr/bin/env bash
# Layer 2: the FrappeTestCase suite on a real site of an existing Frappe v15 bench.
#   bash scripts/site-tests.sh BENCH_DIR [SITE]
# Starts MariaDB and the bench's Redis if they are down, points the bench's app at this checkout,
# migrates the site and runs `bench run-tests --app complaint_accountability` with CI=1.
# The bench belongs to a non-root user (Frappe refuses root); commands run as that user.
set -euo pipefail
bench="$(cd "$1" && pwd)"
# A site of its own, so the tests never meet a user's data; created on first use.
site="${2:-${CA_SITE:-ca-test.localhost}}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
app="$bench/apps/complaint_accountability"
owner="$(stat -c %U "$bench")"

as_owner() {
	local certs=/etc/ssl/certs/ca-certificates.crt
	if [ "$(id -un)" = "$owner" ]; then "$@"; return; fi
	runuser -u "$owner" -- env -i HOME="$(getent passwd "$owner" | cut -d: -f6)" USER="$owner" LANG=C.UTF-8 \
		LC_ALL=C.UTF-8 CI=1 SSL_CERT_FILE=$certs UV_NATIVE_TLS=1 \
		PATH="$bench/env/bin:/opt/bench-cli/bin:/usr/local/bin:/usr/bin:/bin" "$@"
}

start_services() {
	if ! mysqladmin ping --connect-timeout=2 >/dev/null 2>&1 && ! mysqladmin -uroot -proot ping --connect-timeout=2 >/dev/null 2>&1; then
		echo "starting MariaDB" >&2
		mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
		service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
		for _ in $(seq 1 60); do mysqladmin -uroot -proot ping --connect-timeout=2 >/dev/null 2>&1 && break; sleep 1; done
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

point_app_at() {
	as_owner ln -sfn "$1" "$app"
	(cd "$bench" && as_owner uv pip install -q --python env/bin/python -e "$app" 2>&1 | grep -v -e '^Resolved' -e '^Prepared' -e '^Installed' -e '^Uninstalled' -e '^Audited' -e '^ [-+~] ' >&2 || true)
}

start_services
previous="$(readlink "$app" 2>/dev/null || true)"
if [ -n "$previous" ] && [ "$previous" != "$repo" ] && [ -d "$previous" ]; then
	trap 'point_app_at "$previous"' EXIT
fi
command -v setfacl >/dev/null && setfacl -R -m "u:$owner:rwX" "$repo" 2>/dev/null || chmod -R a+rX "$repo"
point_app_at "$repo"
grep -qx complaint_accountability "$bench/sites/apps.txt" || { [ -n "$(tail -c1 "$bench/sites/apps.txt")" ] && echo >>"$bench/sites/apps.txt"; echo complaint_accountability >>"$bench/sites/apps.txt"; }

cd "$bench"
if [ ! -d "sites/$site" ]; then
	echo "creating the test site $site" >&2
	as_owner bench new-site "$site" --mariadb-root-password "${CA_DB_ROOT_PASSWORD:-root}" --admin-password admin \
		--install-app complaint_accountability >/dev/null
fi
if ! as_owner bench --site "$site" list-apps 2>/dev/null | grep -q complaint_accountability; then
	as_owner bench --site "$site" install-app complaint_accountability
fi
as_owner bench --site "$site" migrate >/dev/null
as_owner bench --site "$site" set-config allow_tests true >/dev/null
CI=1 as_owner bench --site "$site" run-tests --app complaint_accountability

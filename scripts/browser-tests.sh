#!/usr/bin/env bash
# Layer 3: browser journeys (pytest + Playwright driving Debian's chromium) on a real site.
#   bash scripts/browser-tests.sh BENCH_DIR [SITE] [-- PYTEST_ARGS...]   (SITE: ca-e2e.localhost)
# Creates the site on first use, resets it, migrates it (the app sets CNY), sets language zh /
# Asia/Shanghai, serves it with `frappe serve` on loopback, runs `pytest e2e` and exits with
# pytest's status (5, no tests, counts as a failure). e.g. bash scripts/browser-tests.sh /work/bench -- -k "staff or committee"
#
# The app code served is this checkout's (PYTHONPATH), whatever the bench's apps/ symlink points
# at; CA_APP_SOURCE=bench serves the bench's own copy instead. The bench's symlink is never touched.
# Never downloads a browser: chromium comes from Debian (apt-get install chromium when missing).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 BENCH_DIR [SITE] [-- PYTEST_ARGS...]" >&2; exit 2; }
bench="$(cd "$1" && pwd)"
shift
site="${CA_E2E_SITE:-ca-e2e.localhost}"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then site="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
pytest_args=("$@")
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${CA_E2E_PORT:-8017}"
owner="$(stat -c %U "$bench")"
venv="${CA_E2E_VENV:-$repo/.venv-e2e}"
started=$(date +%s)

case "${CA_APP_SOURCE:-$repo}" in
	bench) app_path="" ;;
	*) app_path="$(cd "${CA_APP_SOURCE:-$repo}" && pwd)" ;;
esac

as_owner() {
	local certs=/etc/ssl/certs/ca-certificates.crt
	local env=(HOME="$(getent passwd "$owner" | cut -d: -f6)" USER="$owner" LANG=C.UTF-8 LC_ALL=C.UTF-8
		SSL_CERT_FILE=$certs PYTHONPATH="$app_path"
		PATH="$bench/env/bin:/opt/bench-cli/bin:/usr/local/bin:/usr/bin:/bin")
	if [ "$(id -un)" = "$owner" ]; then env "${env[@]}" "$@"; return; fi
	runuser -u "$owner" -- env -i "${env[@]}" "$@"
}

step() { echo "[browser-tests +$(($(date +%s) - started))s] $*" >&2; }

start_services() {
	if ! mysqladmin -uroot -p"${CA_DB_ROOT_PASSWORD:-root}" ping --connect-timeout=2 >/dev/null 2>&1; then
		step "starting MariaDB"
		mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
		service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
		for _ in $(seq 1 60); do mysqladmin -uroot -p"${CA_DB_ROOT_PASSWORD:-root}" ping --connect-timeout=2 >/dev/null 2>&1 && break; sleep 1; done
	fi
	for conf in "$bench"/config/redis_*.conf; do
		[ -f "$conf" ] || continue
		local rport
		rport="$(awk '$1=="port"{print $2}' "$conf")"
		if ! redis-cli -p "$rport" ping 2>/dev/null | grep -q PONG; then
			step "starting redis on :$rport"
			(cd "$bench" && as_owner redis-server "$conf" --daemonize yes >/dev/null)
			for _ in $(seq 1 30); do redis-cli -p "$rport" ping 2>/dev/null | grep -q PONG && break; sleep 0.5; done
		fi
	done
}

python_needs() {
	if ! command -v chromium >/dev/null; then
		step "installing Debian's chromium"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	fi
	if [ ! -x "$venv/bin/python" ]; then
		step "creating $venv"
		python3 -m venv "$venv"
	fi
	if ! "$venv/bin/python" -c "import playwright, pytest" 2>/dev/null; then
		step "installing pytest and playwright into $venv (no browser download)"
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$venv/bin/pip" install -q -r "$repo/e2e/requirements.txt" 2>&1 | grep -v "^WARNING: Location" >&2 || true
	fi
}

prepare_site() {
	cd "$bench"
	if [ ! -f "sites/$site/site_config.json" ]; then
		step "creating the browser-test site $site"
		as_owner bench new-site "$site" --mariadb-root-password "${CA_DB_ROOT_PASSWORD:-root}" --admin-password admin \
			--install-app complaint_accountability >"$bench/logs/$site-new-site.log" 2>&1 ||
			{ tail -30 "$bench/logs/$site-new-site.log" >&2; exit 1; }
	fi
	if ! as_owner bench --site "$site" list-apps 2>/dev/null | grep -q complaint_accountability; then
		as_owner bench --site "$site" install-app complaint_accountability
	fi
	# the previous run's records go, and the default currency with them: the migrate must set it
	(cd "$bench/sites" && as_owner ../env/bin/python "$repo/e2e/site_setup.py" "$site" --reset)
	step "migrating $site"
	as_owner bench --site "$site" migrate >"$bench/logs/$site-migrate.log" 2>&1 ||
		{ tail -30 "$bench/logs/$site-migrate.log" >&2; exit 1; }
	(cd "$bench/sites" && as_owner ../env/bin/python "$repo/e2e/site_setup.py" "$site")
}

server_pid=""
worker_pid=""
stop_one() {
	local pid="$1" what="$2"
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		step "stopping the $what (pid $pid)"
		kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
		kill -9 -- -"$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
}
stop_server() {
	stop_one "$worker_pid" worker
	stop_one "$server_pid" server
}
trap stop_server EXIT

# Each in a process group of its own (setsid, then setpriv and env exec into python), so stopping
# the group stops it and nothing is left behind.
run_in_background() {
	local log="$1"
	shift
	local run_as=()
	[ "$(id -un)" = "$owner" ] || run_as=(setpriv --reuid "$owner" --regid "$(id -g "$owner")" --init-groups)
	cd "$bench/sites"
	setsid "${run_as[@]}" env -i HOME="$(getent passwd "$owner" | cut -d: -f6)" USER="$owner" LANG=C.UTF-8 \
		LC_ALL=C.UTF-8 PYTHONPATH="$app_path" PATH="$bench/env/bin:/usr/local/bin:/usr/bin:/bin" \
		"$@" >"$log" 2>&1 &
}

start_server() {
	if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
		echo "port $port is already in use; set CA_E2E_PORT" >&2
		exit 1
	fi
	step "serving $site on http://$site:$port (log: $bench/logs/$site-serve.log)"
	run_in_background "$bench/logs/$site-serve.log" \
		../env/bin/python -m frappe.utils.bench_helper frappe --site "$site" serve --port "$port" --noreload
	server_pid=$!
	# the site's own background queues (notifications are written by a job): e2e/worker.py
	run_in_background "$bench/logs/$site-worker.log" ../env/bin/python "$repo/e2e/worker.py" "$site"
	worker_pid=$!
	for _ in $(seq 1 120); do
		if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $site" "http://127.0.0.1:$port/api/method/ping")" = 200 ]; then
			return
		fi
		kill -0 "$server_pid" 2>/dev/null || { tail -30 "$bench/logs/$site-serve.log" >&2; exit 1; }
		sleep 0.5
	done
	echo "the server did not answer within 60 s" >&2
	tail -30 "$bench/logs/$site-serve.log" >&2
	exit 1
}

start_services
python_needs
prepare_site
start_server

step "running pytest e2e"
cd "$repo"
set +e
CA_E2E_BASE_URL="http://$site:$port" CA_E2E_SITE="$site" \
	"$venv/bin/python" -m pytest e2e "${pytest_args[@]}"
status=$?
set -e
[ "$status" -eq 5 ] && echo "pytest collected no tests: failure" >&2 && status=1
step "done, pytest exit $status"
exit "$status"

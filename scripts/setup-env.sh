#!/usr/bin/env bash
# Prepares a fresh Debian machine for ledger mode and the site-free tests, idempotently:
# the Debian libraries WeasyPrint needs and CJK fonts, then a virtualenv in .venv with the app.
set -euo pipefail
cd "$(dirname "$0")/.."

need_debian=()
for pkg in fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils; do
	dpkg -s "$pkg" >/dev/null 2>&1 || need_debian+=("$pkg")
done
python3 -m venv --help >/dev/null 2>&1 || need_debian+=(python3-venv)
if [ ${#need_debian[@]} -gt 0 ]; then
	echo "installing Debian packages: ${need_debian[*]}" >&2
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_debian[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
	python3 -m venv .venv
fi
log=.venv/pip-install.log
if ! .venv/bin/python -m pip install -c constraints.txt -r requirements-dev.txt -e . >"$log" 2>&1; then
	cat "$log" >&2
	echo "pip install failed; the log above is also in $log" >&2
	exit 1
fi

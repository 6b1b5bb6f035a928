#!/usr/bin/env bash
# Ledger mode on the bundled example ledger: the 2026-11 period, results in out/2026-11.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
.venv/bin/complaint-accountability assess examples/ledger.xlsx --period 2026-11 --out out/2026-11 --settings examples/settings.json "$@"

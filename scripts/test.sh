#!/usr/bin/env bash
# Layer 1: the site-free tests (rules, ledger mode, documents, the files the app ships).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
.venv/bin/python -m pytest tests -p no:cacheprovider "$@"

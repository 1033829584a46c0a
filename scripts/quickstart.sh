#!/usr/bin/env bash
# The quick start: install what is missing, build, start clamd (and Redis if none answers),
# import the demo members, then run the whole system on the embedded database at http://localhost:3978.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent build
npm run --silent services:start
# Fictitious demo members (idempotent), so the chat dialogs can be tried with data/demo-members.csv.
npm run --silent cli -- members:import data/demo-members.csv
# Starter prepared answers for the live chat (existing shortcuts are kept).
npm run --silent cli -- canned:import data/canned-responses.yaml
# Routed documents land in var/kernsystem-eingang unless the installation names its own targets.
export DELIVERY_TARGETS_FILE="${DELIVERY_TARGETS_FILE:-data/delivery-targets.demo.yaml}"
echo "quickstart: starting on http://localhost:${PORT:-3978} (Ctrl+C stops)"
exec npm start --silent

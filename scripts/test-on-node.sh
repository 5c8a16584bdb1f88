#!/usr/bin/env bash
# Runs the test suite and the dist check on another Node.js major, taken from the npm registry's
# `node` package (no other download): scripts/test-on-node.sh 22
set -euo pipefail
cd "$(dirname "$0")/.."
major="$1"
run() { npx --yes --package "node@${major}" -- node "$@"; }
echo "== Node $(run -p process.version)"
run node_modules/vitest/vitest.mjs run
run scripts/check-dist.mjs

#!/usr/bin/env bash
# Every test, in order of cost: formatting, lints for both feature sets, unit and integration
# tests on SQLite and PostgreSQL, the OpenAPI contract (schemathesis), the reverse-proxy setup
# (nginx), then the browser tests against the release build.
# Expects `make build` to have run (the Makefile's `test` target does that first).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck disable=SC1091
. target/toolchain.env

step() { printf '\n==> %s\n' "$*"; }

step "formatting (cargo fmt --check)"
cargo fmt --all --check

step "lints, server feature set (ssr)"
cargo clippy --locked -p koubei-stats -p koubei-charts -p koubei-export -p koubei-domain -p koubei-core -p koubei-app -p koubei-server -p koubei-loadgen -p koubei-integrity -p koubei-text --all-targets --features koubei-app/ssr -- -D warnings

step "lints, browser feature set (hydrate, wasm32)"
cargo clippy --locked -p koubei-domain -p koubei-app -p koubei-frontend --all-targets --target wasm32-unknown-unknown -- -D warnings

step "unit and integration tests (SQLite and PostgreSQL: KOUBEI_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres)"
cargo test --locked -p koubei-stats -p koubei-charts -p koubei-export -p koubei-domain -p koubei-core -p koubei-app -p koubei-server -p koubei-loadgen -p koubei-integrity -p koubei-text --features koubei-app/ssr

step "OpenAPI contract (schemathesis against the release server, demo data, admin token)"
scripts/schemathesis.sh

step "reverse proxy (deploy/nginx/koubei.conf: nginx with TLS, two instances on one PostgreSQL)"
scripts/proxy-check.sh

step "browser tests (Playwright, Debian Chromium, release server)"
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test)

#!/usr/bin/env bash
# The OpenAPI contract, checked from outside: schemathesis generates requests from the live
# document (/api/v1/openapi.json) and checks every answer against it (status codes, content
# types, bodies, no 5xx), with an admin API token, against the release server on a fresh copy
# of the demo data. What the document cannot say is in scripts/schemathesis.toml.
# Needs `make build` and scripts/setup.sh (the venv). KOUBEI_SCHEMATHESIS_SEED picks the seed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

koubei=target/release/koubei
schemathesis=target/schemathesis-venv/bin/schemathesis
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite://$work/koubei.db"
"$koubei" seed-demo --database-url "$db" >/dev/null
token=$("$koubei" token create --name schemathesis --role admin --database-url "$db" 2>/dev/null)
# The submission API takes a kiosk key, not a staff token: one for every open demo survey.
kiosk=$("$koubei" kiosk create --name schemathesis --database-url "$db" \
  --survey elderly-care-2026 --survey dental-clinics-2026 --survey pre-made-meals-2026 \
  --survey online-video-2026 --survey health-checkups-2026 2>/dev/null)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$koubei" serve --addr "127.0.0.1:$port" --database-url "$db" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.2
done

# Two runs: first the submission API with the kiosk key it takes, then every operation with the
# staff token (which may revoke kiosk keys; it must not revoke itself, or the rest would be 401s).
# From the scratch directory: schemathesis keeps a cache of failing examples in `.schemathesis/`
# of its working directory, which must neither land in the repository nor replay into later runs.
run() {
  (cd "$work" && "$root/$schemathesis" --config-file "$root/scripts/schemathesis.toml" run \
    "http://127.0.0.1:$port/api/v1/openapi.json" \
    --checks all \
    --max-examples 50 \
    --seed "${KOUBEI_SCHEMATHESIS_SEED:-20261207}" \
    --no-color "$@")
}
status=0
run -H "Authorization: Bearer $kiosk" --include-path '/api/v1/surveys/{slug}/responses' || status=$?
run -H "Authorization: Bearer $token" --exclude-path '/api/v1/staff/tokens/{id}/revoke' || status=$?
if [ "$status" != 0 ]; then
  echo "schemathesis: the server's log follows" >&2
  tail -50 "$work/serve.log" >&2
fi
exit "$status"

#!/bin/sh
# HTTP load benchmark of the release server: requests/s and latency of the bare `GET /healthz`
# (the ceiling: routing, no database) and of anonymous survey submissions (a database write each),
# then a Markdown table. Each run gets a fresh demo database in a temporary folder.
#
#   scripts/bench-load.sh [SURVEY_SLUG]     default: the first open survey the server lists
#
# The bare route's rate swings by a fifth from one run to the next on a shared 2-core machine, so
# each database gets BENCH_ROUNDS rounds of both loads, back to back on the same server, and the
# ratio is reported per round and as the median over the rounds.
#
# Environment: BENCH_ROUNDS (3), BENCH_DURATION (10s), BENCH_WARMUP (2s), BENCH_CONNECTIONS (64), BENCH_PORT (3198),
# BENCH_POSTGRES=1 to repeat the runs on PostgreSQL at 127.0.0.1:5432 (user postgres; a database
# koubei_bench_PID is created and dropped). Needs curl. Linux only (peak memory from /proc).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -f target/toolchain.env ]; then
  # shellcheck disable=SC1091
  . ./target/toolchain.env
fi

survey=${1:-}
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-2s}
connections=${BENCH_CONNECTIONS:-64}
rounds=${BENCH_ROUNDS:-3}
port=${BENCH_PORT:-3198}
base=http://127.0.0.1:$port

cargo build --release --locked -p koubei-server -p koubei-loadgen
koubei=target/release/koubei
loadgen=target/release/koubei-loadgen

tmp=$(mktemp -d)
server_pid=
pg_database=
cleanup() {
  stop_server
  if [ -n "$pg_database" ]; then
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $pg_database" >/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# Turn Ctrl-C into a normal exit so the EXIT trap stops the server.
trap 'exit 130' INT TERM

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}

# start_server DATABASE_URL: serve in the background, wait until /readyz answers 200.
start_server() {
  # The rate limit would turn most submissions into 429s: this measures the server, not the limit.
  "$koubei" serve --addr "127.0.0.1:$port" --database-url "$1" --submit-rate-limit 0 \
    >"$tmp/server.log" 2>&1 &
  server_pid=$!
  tries=0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz" || true)" = 200 ]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      server_pid=
      echo "bench-load: the server exited before it was ready:" >&2
      cat "$tmp/server.log" >&2
      exit 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then
      echo "bench-load: $base/readyz did not answer 200 within 60 s" >&2
      exit 1
    fi
    sleep 0.2
  done
}

# field FILE KEY: a top-level number or string from the loadgen's one-line JSON report.
field() {
  sed -n "s/.*\"$2\":\"\{0,1\}\([^,\"}]*\).*/\1/p" "$1"
}

# loadgen NAME ARGS...: one run, JSON report in $tmp/NAME.json (the summary goes to the terminal).
# A server that died under load is reported with its log, rather than as a wall of refused
# connections.
loadgen() {
  name=$1
  shift
  status=0
  "$loadgen" --url "$base" --connections "$connections" --duration "$duration" \
    --warmup "$warmup" --json "$@" >"$tmp/$name.json" || status=$?
  if ! kill -0 "$server_pid" 2>/dev/null; then
    server_status=0
    wait "$server_pid" || server_status=$?
    echo "bench-load: the server exited during the run (status $server_status); its log ends:" >&2
    server_pid=
    tail -n 20 "$tmp/server.log" >&2
    exit 1
  fi
  return "$status"
}

# row FILE ROUTE DATABASE ROUND: one line of the Markdown table.
row() {
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$3" "$4" "$(field "$1" rps)" \
    "$(field "$1" p50_ms)" "$(field "$1" p99_ms)" "$(field "$1" errors)" >>"$tmp/table.md"
}

# bench DATABASE_NAME DATABASE_URL: seed, serve, the rounds of both loads, peak memory.
bench() {
  echo "==> $1: seeding the demo data" >&2
  "$koubei" seed-demo --database-url "$2" >/dev/null
  start_server "$2"
  # The API takes answers only from kiosks: one key for the surveyed survey, as staff would make.
  target=$survey
  if [ -z "$target" ]; then
    target=$(curl -s "$base/api/v1/surveys" | python3 -c 'import json, sys; print(next((s["slug"] for s in json.load(sys.stdin) if s["status"] == "open"), ""))')
  fi
  if [ -z "$target" ]; then
    echo "bench-load: no open survey to submit to" >&2
    exit 1
  fi
  kiosk_key=$("$koubei" kiosk create --name bench-load --survey "$target" --database-url "$2" 2>/dev/null)
  : >"$tmp/$1-ratios"
  created=0
  round=1
  while [ "$round" -le "$rounds" ]; do
    echo "==> $1, round $round of $rounds: GET /healthz, $connections connections, $duration after $warmup warmup" >&2
    loadgen "$1-get-$round" get /healthz
    echo "==> $1, round $round of $rounds: survey submissions" >&2
    loadgen "$1-submit-$round" submit --survey "$target" --kiosk-key "$kiosk_key"
    slug=$(sed -n 's/.*"target":"submit \([^"]*\)".*/\1/p' "$tmp/$1-submit-$round.json")
    row "$tmp/$1-get-$round.json" "GET /healthz" "$1" "$round"
    row "$tmp/$1-submit-$round.json" "POST /api/v1/surveys/$slug/responses" "$1" "$round"
    awk -v get="$(field "$tmp/$1-get-$round.json" rps)" \
      -v submit="$(field "$tmp/$1-submit-$round.json" rps)" \
      'BEGIN { printf "%.1f\n", (get > 0 ? 100 * submit / get : 0) }' >>"$tmp/$1-ratios"
    stored=$(sed -n 's/.*"201":\([0-9]*\).*/\1/p' "$tmp/$1-submit-$round.json")
    created=$((created + ${stored:-0}))
    round=$((round + 1))
  done
  peak_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
  stop_server

  ratios=$(paste -sd' ' "$tmp/$1-ratios")
  median=$(sort -n "$tmp/$1-ratios" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  awk -v db="$1" -v kib="$peak_kib" -v ratios="$ratios" -v median="$median" -v n="$created" \
    'BEGIN { printf "- %s: submissions/s ÷ healthz/s = %s %% by round, median **%s %%**; peak server memory %.1f MiB (VmHWM); %d responses stored (201) in the measured windows\n", db, ratios, median, kib / 1024, n }' \
    >>"$tmp/notes.md"
}

bench sqlite "sqlite://$tmp/koubei.db"
if [ "${BENCH_POSTGRES:-0}" = 1 ]; then
  pg_database=koubei_bench_$$
  psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $pg_database" >/dev/null
  bench postgres "postgres://postgres@127.0.0.1:5432/$pg_database"
fi

echo
echo "$connections connections, closed loop, $rounds rounds of $duration measured after $warmup warmup, $(nproc) CPUs shared by server and load generator."
echo
echo "| route | database | round | successful requests/s | p50 ms | p99 ms | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
cat "$tmp/table.md"
echo
cat "$tmp/notes.md"

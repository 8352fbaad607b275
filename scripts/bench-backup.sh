#!/bin/sh
# What a live backup costs: kiosk submissions per second against the release server, with and
# without `koubei backup` running back to back beside them, in alternating rounds on one demo
# database (which grows as answers arrive), and how long each backup took. A Markdown table.
#
#   scripts/bench-backup.sh
#
# Environment: BENCH_ROUNDS (3), BENCH_DURATION (8s), BENCH_CONNECTIONS (32), BENCH_PORT (3197).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rounds=${BENCH_ROUNDS:-3}
duration=${BENCH_DURATION:-8s}
connections=${BENCH_CONNECTIONS:-32}
port=${BENCH_PORT:-3197}
base=http://127.0.0.1:$port
koubei=target/release/koubei
loadgen=target/release/koubei-loadgen
[ -x "$koubei" ] && [ -x "$loadgen" ] || { echo "bench-backup: run make build first" >&2; exit 1; }

tmp=$(mktemp -d)
server_pid=
backups_pid=
cleanup() {
  touch "$tmp/stop"
  [ -n "$backups_pid" ] && wait "$backups_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db="sqlite://$tmp/koubei.db"
"$koubei" seed-demo --database-url "$db" >/dev/null
"$koubei" serve --addr "127.0.0.1:$port" --database-url "$db" --submit-rate-limit 0 \
  >"$tmp/server.log" 2>&1 &
server_pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz" || true)" = 200 ]; do sleep 0.2; done
survey=$(curl -s "$base/api/v1/surveys" | python3 -c 'import json, sys; print(next((s["slug"] for s in json.load(sys.stdin) if s["status"] == "open"), ""))')
key=$("$koubei" kiosk create --name bench-backup --survey "$survey" --database-url "$db" 2>/dev/null)

rps() { sed -n 's/.*"rps":\([0-9.]*\).*/\1/p' "$1"; }

# backups_loop: backups one after another until the file `stop` appears, each one's
# milliseconds in backups.ms. (Killing the loop would leave a backup running into the next
# round's "alone" measurement.)
backups_loop() {
  n=0
  while [ ! -f "$tmp/stop" ]; do
    n=$((n + 1))
    start=$(date +%s%N)
    "$koubei" backup --database-url "$db" --output "$tmp/b$n.db" >/dev/null
    echo $(( ($(date +%s%N) - start) / 1000000 )) >>"$tmp/backups.ms"
    rm -f "$tmp/b$n.db"
  done
}

echo "| round | submissions/s alone | submissions/s with backups running | ratio | backups taken | median backup | database |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
round=1
while [ "$round" -le "$rounds" ]; do
  "$loadgen" --url "$base" --connections "$connections" --duration "$duration" --warmup 1s --json \
    submit --survey "$survey" --kiosk-key "$key" >"$tmp/alone.json" 2>/dev/null
  : >"$tmp/backups.ms"
  rm -f "$tmp/stop"
  backups_loop &
  backups_pid=$!
  "$loadgen" --url "$base" --connections "$connections" --duration "$duration" --warmup 1s --json \
    submit --survey "$survey" --kiosk-key "$key" >"$tmp/with.json" 2>/dev/null
  touch "$tmp/stop"
  wait "$backups_pid" 2>/dev/null || true
  backups_pid=
  alone=$(rps "$tmp/alone.json")
  with=$(rps "$tmp/with.json")
  taken=$(wc -l <"$tmp/backups.ms")
  median=$(sort -n "$tmp/backups.ms" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  size=$(stat -c %s "$tmp/koubei.db")
  awk -v r="$round" -v a="$alone" -v w="$with" -v t="$taken" -v m="$median" -v s="$size" \
    'BEGIN { printf "| %d | %.0f | %.0f | %.2f | %d | %d ms | %.1f MB |\n", r, a, w, (a > 0 ? w / a : 0), t, m, s / 1e6 }'
  round=$((round + 1))
done

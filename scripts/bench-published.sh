#!/bin/sh
# Publication-day load: requests/s of the public views with `wrk`, against `GET /healthz` (the
# ceiling: routing, no database) in the same run, with the published-view cache on and then off
# (`--no-published-cache`), on one fresh demo database. Prints a Markdown table.
#
#   scripts/bench-published.sh
#
# Environment: BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_PORT (3197).
# Needs wrk and curl, and a release build (`make build`).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
port=${BENCH_PORT:-3197}
base=http://127.0.0.1:$port
koubei=target/release/koubei
command -v wrk >/dev/null || { echo "bench-published: wrk is missing (apt install wrk)" >&2; exit 1; }
[ -x "$koubei" ] || { echo "bench-published: run make build first" >&2; exit 1; }

tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The views a news site links and embeds on publication day, and the pages around them.
paths="/healthz / /sectors /s/dental-clinics-2026 /r/dental-clinics-2025 \
/r/dental-clinics-2025/1/report /sectors/dental-clinics /api/v1/surveys/dental-clinics-2025/results \
/embed/dental-clinics-2025 /badge/dental-clinics-2025/haochi-dental.svg \
/charts/dental-clinics-2025/ranking.svg"

db="sqlite://$tmp/bench.db"
"$koubei" seed-demo --database-url "$db" >/dev/null

# serve ARGS...: the server in the background, ready when /readyz answers 200.
serve() {
  "$koubei" serve --addr "127.0.0.1:$port" --database-url "$db" "$@" >"$tmp/server.log" 2>&1 &
  server_pid=$!
  tries=0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz" || true)" = 200 ]; do
    tries=$((tries + 1))
    [ "$tries" -le 300 ] || { echo "bench-published: the server did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }
    sleep 0.2
  done
}

stop() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

# measure MODE PATH: requests/s over the run, as a browser asks (gzip accepted, Chinese),
# appended to the rates file. A view that does not answer 200 stops the run.
measure() {
  status=$(curl -s -o /dev/null -w '%{http_code}' "$base$2")
  [ "$status" = 200 ] || { echo "bench-published: $2 answered $status" >&2; exit 1; }
  wrk -t "$threads" -c "$connections" -d "$duration" -H 'Accept-Encoding: gzip' \
    -H 'Accept-Language: zh-CN' "$base$2" >"$tmp/wrk.txt"
  rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$tmp/wrk.txt")
  [ -n "$rps" ] || { echo "bench-published: no rate for $2" >&2; cat "$tmp/wrk.txt" >&2; exit 1; }
  printf '%s %s %s\n' "$1" "$2" "$rps" >>"$tmp/rates"
}

for mode in cached uncached; do
  if [ "$mode" = cached ]; then serve; else serve --no-published-cache; fi
  for path in $paths; do
    measure "$mode" "$path"
  done
  stop
done

echo "| view | cached (req/s) | share of /healthz | not cached (req/s) | share of /healthz | cached ÷ not cached |"
echo "|---|---:|---:|---:|---:|---:|"
awk '
  { rate[$1 " " $2] = $3; if (!seen[$2]++) order[++n] = $2 }
  END {
    hc = rate["cached /healthz"]; hu = rate["uncached /healthz"]
    for (i = 1; i <= n; i++) {
      p = order[i]; c = rate["cached " p]; u = rate["uncached " p]
      printf "| `%s` | %d | %.0f %% | %d | %.0f %% | %.1f× |\n", p, c, 100 * c / hc, u, 100 * u / hu, c / u
    }
  }' "$tmp/rates"

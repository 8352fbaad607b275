#!/usr/bin/env bash
# deploy/nginx/koubei.conf tested for real: Debian's nginx terminates TLS (a throwaway
# self-signed certificate) in front of two release servers on one fresh PostgreSQL database,
# sharing one key file, and curl (plus Chromium when installed) checks from outside that
#   a. koubei sees each client's own address, and a forged X-Forwarded-For changes nothing;
#   b. cookies are Secure over HTTPS, the instances share their key, HTTP redirects to HTTPS;
#   c. pages and every /pkg/ asset they load come through; in Chromium the survey page
#      hydrates and sends an answer in place, without WebSockets;
#   d. killing one instance with kill -9 under load loses no acknowledged answer.
# The site file is used as shipped; only ports, certificate and log paths are substituted.
#
# Needs `make build`, nginx (scripts/setup.sh), openssl, and PostgreSQL at 127.0.0.1:5432 with
# trust auth for user postgres (a database koubei_proxy_* is created and dropped). Run as root
# or as any user; nginx runs as a process of its own here, never the system service.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

koubei=target/release/koubei
site_conf=deploy/nginx/koubei.conf
host=koubei.example.org
# Submissions one client may make per minute: few, so that check a. runs out at once, and a
# token comes back only every 15 s, long after check a. is over.
rate=4
# Check d.: answers sent by `workers` clients at once, at most `rate` from each source address,
# so that d. measures failover, not the budget.
answers=200
workers=4

log() { printf 'proxy-check: %s\n' "$*"; }
failures=0
started=$(date +%s.%N)
pass() { printf 'proxy-check:   ok   %s\n' "$*"; }
fail() {
  printf 'proxy-check:   FAIL %s\n' "$*" >&2
  failures=$((failures + 1))
}

# /usr/sbin is not on every user's PATH.
nginx=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$nginx" openssl psql curl python3; do
  command -v "$tool" >/dev/null || { log "error: $tool is missing (scripts/setup.sh installs nginx)"; exit 1; }
done
if ! [ -x "$koubei" ] || ! [ -d target/site/pkg ]; then
  log "error: no release build: run make build"
  exit 1
fi

tmp=$(mktemp -d)
db=koubei_proxy_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -qAt "$@"; }
db_created=0
pid_a="" pid_b="" pid_nginx=""
worker_pids=()

cleanup() {
  local status=$?
  local pids=("${worker_pids[@]}" "$pid_nginx" "$pid_a" "$pid_b")
  for pid in "${pids[@]}"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  done
  for pid in "${pids[@]}"; do
    if [ -n "$pid" ]; then wait "$pid" 2>/dev/null || true; fi
  done
  if [ "$status" != 0 ]; then
    for file in "$tmp"/instance-*.log "$tmp"/error.log; do
      [ -s "$file" ] && { echo "--- last lines of $(basename "$file")"; tail -15 "$file"; } >&2
    done
  fi
  if [ "$db_created" = 1 ]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Four free ports outside the ephemeral range (where curl's own connections could take them),
# and away from 3000-3002 (the other tests).
read -r port_a port_b https_port http_port < <(python3 - <<'EOF'
import random, socket
ports = []
while len(ports) < 4:
    port = random.randint(20000, 29999)
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    if port not in ports:
        ports.append(port)
print(*ports)
EOF
)
origin="https://$host:$https_port"
url_a="http://127.0.0.1:$port_a"
url_b="http://127.0.0.1:$port_b"

# ---------------------------------------------------------------------------------------------
log "setting up: certificate, database $db, instances on :$port_a and :$port_b, nginx on :$https_port (https) and :$http_port (http)"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host" -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null
db_created=1
database_url="postgres://postgres@127.0.0.1:5432/$db"
"$koubei" seed-demo --database-url "$database_url" >"$tmp/seed.log"
admin_email=$(sed -n 's/^demo staff account: \([^ ]*\) \/ \([^ ]*\) .*/\1/p' "$tmp/seed.log")
admin_password=$(sed -n 's/^demo staff account: \([^ ]*\) \/ \([^ ]*\) .*/\2/p' "$tmp/seed.log")
if [ -z "$admin_email" ] || [ -z "$admin_password" ]; then
  log "error: seed-demo printed no demo staff account"
  exit 1
fi

# Both instances get the same key file: started together, the first to need it creates it.
start_instance() { # PORT NAME
  NO_COLOR=1 "$koubei" serve --addr "127.0.0.1:$1" --behind-proxy --submit-rate-limit "$rate" \
    --database-url "$database_url" --secrets-file "$tmp/koubei.secrets" >"$tmp/instance-$2.log" 2>&1 &
}
start_instance "$port_a" a
pid_a=$!
start_instance "$port_b" b
pid_b=$!

wait_for() { # URL [CURL ARGS...]: up to 30 s for a 200
  local url=$1
  shift
  for _ in $(seq 1 150); do
    if curl -fsk -o /dev/null "$@" "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  log "error: $url did not answer"
  return 1
}
wait_for "$url_a/readyz"
wait_for "$url_b/readyz"

# The site file as shipped, bound to loopback test ports, with the test certificate and logs.
# IPv6 listeners go (not every test machine has ::1). Each substitution must have hit.
sed -e "s/127\.0\.0\.1:3001/127.0.0.1:$port_a/" \
  -e "s/127\.0\.0\.1:3002/127.0.0.1:$port_b/" \
  -e "s/^\([[:space:]]*\)listen 443 /\1listen 127.0.0.1:$https_port /" \
  -e "s/^\([[:space:]]*\)listen 80;/\1listen 127.0.0.1:$http_port;/" \
  -e '/^[[:space:]]*listen \[::\]/d' \
  -e "s#/etc/letsencrypt/live/$host/fullchain.pem#$tmp/cert.pem#" \
  -e "s#/etc/letsencrypt/live/$host/privkey.pem#$tmp/key.pem#" \
  -e "s#/var/log/nginx/#$tmp/#" \
  "$site_conf" >"$tmp/koubei.conf"
if grep -nE '127\.0\.0\.1:300[12]|listen (443|80)|letsencrypt/live|/var/log/' "$tmp/koubei.conf" >&2; then
  log "error: $site_conf changed shape: the lines above were not substituted"
  exit 1
fi
mkdir -p "$tmp/temp"
{
  # A throwaway master run by root keeps root workers: they write temporary files in $tmp.
  if [ "$(id -u)" = 0 ]; then echo 'user root;'; fi
  cat <<EOF
worker_processes 1;
events { worker_connections 512; }
http {
    # What Debian's /etc/nginx/nginx.conf sets around a site file.
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    gzip on;
    access_log $tmp/access.log;
    client_body_temp_path $tmp/temp/body;
    proxy_temp_path $tmp/temp/proxy;
    fastcgi_temp_path $tmp/temp/fastcgi;
    uwsgi_temp_path $tmp/temp/uwsgi;
    scgi_temp_path $tmp/temp/scgi;
    include $tmp/koubei.conf;
}
EOF
} >"$tmp/nginx.conf"
nginx_args=(-p "$tmp/" -c "$tmp/nginx.conf" -e "$tmp/error.log")
"$nginx" -t -q "${nginx_args[@]}" -g "pid $tmp/nginx.pid;"
"$nginx" "${nginx_args[@]}" -g "daemon off; pid $tmp/nginx.pid;" &
pid_nginx=$!

# Every request to the proxy goes through this: the test name resolves to loopback.
via_proxy() {
  curl -sk --max-time 15 --resolve "$host:$https_port:127.0.0.1" --resolve "$host:$http_port:127.0.0.1" "$@"
}
wait_for "$origin/readyz" --resolve "$host:$https_port:127.0.0.1"

# The first open survey the API lists, and its first subject.
slug=$(via_proxy "$origin/api/v1/surveys" | python3 -c '
import json, sys
print(next(s["slug"] for s in json.load(sys.stdin) if s["status"] == "open"))')
subject=$(via_proxy "$origin/api/v1/surveys/$slug" | python3 -c '
import json, sys
print(json.load(sys.stdin)["subjects"][0]["slug"])')
[ -n "$subject" ] || { log "error: no open survey with a subject in the demo data"; exit 1; }
log "survey $slug, subject $subject"

# One survey answer through the proxy from source address $1, with submission id $2; prints the
# status (303: stored and acknowledged; 000: no answer at all). Further arguments go to curl.
submit() {
  local from=$1 id=$2
  shift 2
  via_proxy --interface "$from" -o /dev/null -w '%{http_code}' \
    -d "submission=$id&used=$subject&score-$subject=9" "$@" "$origin/s/$slug" || true
}
new_id() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
# The instance ("a" or "b") nginx sent the last request from source address $1 to.
instance_of() {
  local upstream
  upstream=$(awk -v from="$1" '$1 == from' "$tmp/koubei.access.log" | tail -1 | sed -n 's/.* upstream=\([^ ]*\) .*/\1/p')
  case "$upstream" in
    "127.0.0.1:$port_a") echo a ;;
    "127.0.0.1:$port_b") echo b ;;
    *) echo "?" ;;
  esac
}
count() { # STATUS, then statuses: how many are STATUS
  local wanted=$1 n=0
  shift
  for status in "$@"; do [ "$status" = "$wanted" ] && n=$((n + 1)); done
  echo "$n"
}

# ---------------------------------------------------------------------------------------------
log "a. client addresses"
# Every connection koubei sees comes from nginx (127.0.0.1); only X-Forwarded-For can tell two
# clients apart. Clients are loopback source addresses (Linux routes all of 127/8 to lo). Two of
# three addresses are sent to the same instance (the upstream hashes the client address), so
# their separate budgets can only come from koubei reading nginx's header.
declare -A seen_on
for from in 127.0.0.2 127.0.0.3 127.0.0.4; do
  via_proxy --interface "$from" -o /dev/null "$origin/healthz"
  seen_on[$from]=$(instance_of "$from")
done
client_1="" client_2=""
for pair in "127.0.0.2 127.0.0.3" "127.0.0.2 127.0.0.4" "127.0.0.3 127.0.0.4"; do
  read -r x y <<<"$pair"
  if [ "${seen_on[$x]}" = "${seen_on[$y]}" ] && [ "${seen_on[$x]}" != "?" ]; then
    client_1=$x client_2=$y
    break
  fi
done
if [ -z "$client_1" ]; then
  fail "cannot tell which instance served which address: $(tail -3 "$tmp/koubei.access.log")"
else
  statuses=()
  for _ in $(seq 1 $((rate + 3))); do statuses+=("$(submit "$client_1" "$(new_id)")"); done
  accepted=$(count 303 "${statuses[@]}")
  refused=$(count 429 "${statuses[@]}")
  # A token comes back every 60/rate s; the run may see one.
  if [ "$accepted" -ge "$rate" ] && [ "$accepted" -le $((rate + 1)) ] && [ $((accepted + refused)) = $((rate + 3)) ]; then
    pass "$client_1: $accepted of $((rate + 3)) answers accepted, then $refused refused (429), at --submit-rate-limit $rate"
  else
    fail "$client_1: expected $rate answers accepted, then 429s; got ${statuses[*]}"
  fi
  statuses=()
  for _ in 1 2 3; do statuses+=("$(submit "$client_2" "$(new_id)" -D "$tmp/answer-headers")"); done
  if [ "$(count 303 "${statuses[@]}")" = 3 ]; then
    pass "$client_2, on the same instance ($(instance_of "$client_2")): 3 of 3 accepted, a budget of its own"
  else
    fail "$client_2 shares the budget of $client_1 (${statuses[*]}): koubei does not see the client's address"
  fi
  # Without nginx's overwrite the last entry (the one koubei believes) would be the client's.
  statuses=()
  for n in 1 2 3; do
    statuses+=("$(submit "$client_1" "$(new_id)" -H "X-Forwarded-For: 203.0.113.$n")")
    statuses+=("$(submit "$client_1" "$(new_id)" -H "X-Forwarded-For: 198.51.100.$n, 203.0.113.$n")")
  done
  if [ "$(count 429 "${statuses[@]}")" = 6 ]; then
    pass "$client_1 with its own X-Forwarded-For (6 forged addresses, 1 or 2 entries): 6 of 6 still refused (429)"
  else
    fail "$client_1 escaped its budget with a forged X-Forwarded-For: ${statuses[*]}"
  fi
fi

# ---------------------------------------------------------------------------------------------
log "b. HTTPS: Secure cookies, one key for both instances, redirect from HTTP"
headers=$tmp/headers.txt
page=$(via_proxy -D "$headers" "$origin/console/sign-in")
nonce=$(sed -n 's/^set-cookie: koubei_sign_in=\([^;]*\);.*/\1/Ip' "$headers" | tr -d '\r')
csrf=$(printf '%s' "$page" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
if grep -qi '^set-cookie: koubei_sign_in=.*; *Secure' "$headers"; then
  pass "sign-in form: its CSRF cookie is Secure"
else
  fail "sign-in form's cookie is not Secure: $(grep -i '^set-cookie' "$headers" | tr -d '\r')"
fi
# Signed in as a browser on this port would: the Origin names host and port, which koubei
# compares with the Host that nginx passes on.
status=$(via_proxy -D "$headers" -o /dev/null -w '%{http_code}' -H "Origin: $origin" \
  -H "Cookie: koubei_sign_in=$nonce" --data-urlencode "email=$admin_email" \
  --data-urlencode "password=$admin_password" --data-urlencode "csrf=$csrf" -d next=/console \
  "$origin/console/sign-in")
session=$(sed -n 's/^set-cookie: koubei_staff=\([^;]*\);.*/\1/Ip' "$headers" | tr -d '\r')
if [ "$status" = 303 ] && grep -qi '^set-cookie: koubei_staff=.*; *Secure' "$headers"; then
  pass "signed in through the proxy (Origin $origin): 303, session cookie Secure"
else
  fail "sign-in through the proxy: status $status, cookies: $(grep -i '^set-cookie' "$headers" | tr -d '\r' | cut -c1-60)"
fi
console_a=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: koubei_staff=$session" "$url_a/console")
console_b=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: koubei_staff=$session" "$url_b/console")
if [ "$console_a" = 200 ] && [ "$console_b" = 200 ]; then
  pass "the session opens the console on both instances"
else
  fail "session on instance a: $console_a, on b: $console_b"
fi
if grep -qi '^set-cookie: koubei_respondent=.*; *Secure' "$tmp/answer-headers"; then
  pass "an accepted survey answer sets the respondent cookie Secure"
else
  fail "respondent cookie: $(grep -i '^set-cookie' "$tmp/answer-headers" | tr -d '\r' | cut -c1-60)"
fi
if grep -qi '^strict-transport-security: max-age=' "$headers"; then
  pass "HTTPS answers carry Strict-Transport-Security"
else
  fail "no Strict-Transport-Security header over HTTPS"
fi
# A sign-in form from instance a, posted to instance b: its token is a keyed hash, so b accepts
# it only with the same key. Straight to the instances, without nginx: no Secure there.
page=$(curl -s -D "$headers" "$url_a/console/sign-in")
nonce=$(sed -n 's/^set-cookie: koubei_sign_in=\([^;]*\);.*/\1/Ip' "$headers" | tr -d '\r')
csrf=$(printf '%s' "$page" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
direct_secure=$(grep -ci '^set-cookie: koubei_sign_in=.*secure' "$headers" || true)
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: koubei_sign_in=$nonce" \
  --data-urlencode "email=$admin_email" --data-urlencode "password=$admin_password" \
  --data-urlencode "csrf=$csrf" "$url_b/console/sign-in")
key_mode=$(stat -c %a "$tmp/koubei.secrets")
if [ "$status" = 303 ] && [ "$direct_secure" = 0 ] && [ "$key_mode" = 600 ]; then
  pass "a sign-in form from instance a is accepted by instance b (one key file, mode $key_mode); without the proxy the cookie is not Secure"
else
  fail "form of a posted to b: status $status (403: the instances hold different keys); Secure without proxy: $direct_secure; key file mode $key_mode"
fi
redirect=$(via_proxy -o /dev/null -w '%{http_code} %{redirect_url}' "http://$host:$http_port/s/$slug?from=poster")
if [ "$redirect" = "301 https://$host/s/$slug?from=poster" ]; then
  pass "http://$host:$http_port/s/$slug?from=poster → $redirect"
else
  fail "HTTP answered '$redirect', expected a 301 to https://$host/s/$slug?from=poster"
fi

# ---------------------------------------------------------------------------------------------
log "c. pages and their assets through the proxy"
assets=()
for path in / "/s/$slug"; do
  status=$(via_proxy -o "$tmp/page.html" -w '%{http_code}' "$origin$path")
  if [ "$status" = 200 ]; then
    pass "GET $path: 200"
  else
    fail "GET $path: $status"
  fi
  while IFS= read -r asset; do assets+=("$asset"); done < <(grep -o '/pkg/[A-Za-z0-9._/-]*' "$tmp/page.html")
done
# The bundle fetches its wasm itself, beside the script: named here in case no page names it.
for script in $(printf '%s\n' "${assets[@]}" | grep '\.js$' | sort -u); do assets+=("${script%.js}_bg.wasm"); done
mapfile -t assets < <(printf '%s\n' "${assets[@]}" | sort -u)
wasm_seen=0
for asset in "${assets[@]}"; do
  case "$asset" in
    *.wasm) expected='application/wasm' wasm_seen=1 ;;
    *.js) expected='text/javascript|application/javascript' ;;
    *.css) expected='text/css' ;;
    *) expected='.' ;;
  esac
  # As a browser asks over HTTPS: koubei then sends its precompressed brotli copy.
  result=$(via_proxy -o /dev/null -H 'Accept-Encoding: br, gzip' \
    -w '%{http_code} %{content_type} %header{content-encoding}' "$origin$asset")
  if [[ "$result" =~ ^200\ ($expected) ]]; then
    pass "GET $asset: $result"
  else
    fail "GET $asset: '$result', expected 200 and $expected"
  fi
done
[ "$wasm_seen" = 1 ] || fail "the pages reference no /pkg/ script with a wasm module"

# The island, in Debian's Chromium through https:// (Playwright as end2end/ installs it): it
# hydrates, then sends an answer in place, the way a phone does (selectors as in end2end/).
playwright=$root/end2end/node_modules/playwright-core
if [ -x /usr/bin/chromium ] && [ -d "$playwright" ]; then
  cat >"$tmp/hydrate.cjs" <<'EOF'
const { chromium } = require(process.env.PLAYWRIGHT);
const [origin, host, slug, subject] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP ${host} 127.0.0.1`],
  });
  const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
  const report = { hydrated: false, answered: false, sockets: 0, problems: [] };
  page.on('websocket', () => report.sockets++);
  page.on('request', (r) => r.method() === 'POST' && (report.posts ??= []).push(new URL(r.url()).pathname));
  page.on('pageerror', (error) => report.problems.push(error.message));
  page.on('console', (m) => m.type() === 'error' && report.problems.push(m.text()));
  page.on('requestfailed', (r) => report.problems.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && report.problems.push(`${r.status()} ${r.url()}`));
  try {
    const started = Date.now();
    await page.goto(`${origin}/s/${slug}`);
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20_000 });
    report.hydrated = true;
    report.hydrated_ms = Date.now() - started;
    const card = page.locator(`[data-testid="subject"][data-subject="${subject}"]`);
    await card.locator('label.subject__name').click();
    await card.locator('label.score__option').filter({ hasText: /^9$/ }).click();
    await page.getByTestId('submit').click();
    await page.waitForURL(`**/s/${slug}/thanks`, { timeout: 10_000 });
    report.answered = true;
  } catch (error) {
    report.problems.push(String(error).split('\n')[0]);
  }
  console.log(JSON.stringify(report));
  await browser.close();
})();
EOF
  report=$(PLAYWRIGHT=$playwright node "$tmp/hydrate.cjs" "$origin" "$host" "$slug" "$subject")
  # In place: the island posted to its server function, not the plain form to /s/SLUG.
  if printf '%s' "$report" | python3 -c '
import json, sys
r = json.load(sys.stdin)
by_island = r.get("posts") and "/s/" + sys.argv[1] not in r["posts"]
sys.exit(0 if r["hydrated"] and r["answered"] and by_island and not r["problems"] and r["sockets"] == 0 else 1)' "$slug"; then
    pass "Chromium over https://: /s/$slug hydrated and took an answer in place, no WebSocket, no failed request: $report"
  else
    fail "Chromium: $report"
  fi
else
  log "  (skipped: no /usr/bin/chromium or end2end/node_modules; scripts/setup.sh installs them)"
fi

# ---------------------------------------------------------------------------------------------
log "d. kill -9 of one instance under load: $answers answers from $workers clients at once"
# Source addresses 127.0.1.x, $rate answers each: both instances get clients, and no client
# runs out of budget. Each worker writes "id status" lines as its answers come back.
log_before=$(wc -l <"$tmp/koubei.access.log")
addresses=$(((answers + rate - 1) / rate))
for w in $(seq 0 $((workers - 1))); do
  (
    for ((n = w; n < answers; n += workers)); do
      id=$(new_id)
      echo "$id $(submit "127.0.1.$((n % addresses + 1))" "$id")" >>"$tmp/results.$w"
    done
  ) &
  worker_pids+=($!)
done
until [ "$(cat "$tmp"/results.* 2>/dev/null | wc -l)" -ge $((answers / 2)) ]; do sleep 0.02; done
# (Its "Killed" notice is expected: the group's stderr swallows it.)
{
  kill -9 "$pid_a"
  wait "$pid_a" || true
} 2>/dev/null
killed_after=$(cat "$tmp"/results.* | wc -l)
pid_a=""
for pid in "${worker_pids[@]}"; do wait "$pid"; done
worker_pids=()
cat "$tmp"/results.* >"$tmp/results"

# What PostgreSQL holds for each answer sent: how many rows carry its submission id.
awk '{ print $1 }' "$tmp/results" >"$tmp/ids"
psql_db -F ' ' -c 'CREATE TEMP TABLE sent (id text)' -c "\\copy sent FROM '$tmp/ids'" \
  -c 'SELECT s.id, count(r.submission_id) FROM sent s LEFT JOIN responses r ON r.submission_id = s.id GROUP BY s.id' \
  >"$tmp/stored"
read -r sent acknowledged refused stored_acknowledged stored_refused duplicated < <(awk '
  NR == FNR { rows[$1] = $2; next }
  { sent++ }
  $2 == 303 { acknowledged++; if (rows[$1] == 1) stored_acknowledged++ }
  $2 != 303 { refused++; if (rows[$1] >= 1) stored_refused++ }
  rows[$1] > 1 { duplicated++ }
  END { print sent + 0, acknowledged + 0, refused + 0, stored_acknowledged + 0, stored_refused + 0, duplicated + 0 }
' "$tmp/stored" "$tmp/results")
refusals=$(awk '$2 != 303 { print $2 }' "$tmp/results" | sort | uniq -c | awk '{ printf " %s× %s", $1, $2 }')
# Which instance took each answer, from nginx's log: "a, b" is an answer that failed over.
tail -n +$((log_before + 1)) "$tmp/koubei.access.log" | grep ' "POST /s/' >"$tmp/posts" || true
took_a=$(grep -c " upstream=127.0.0.1:$port_a " "$tmp/posts" || true)
took_b=$(grep -c " upstream=127.0.0.1:$port_b " "$tmp/posts" || true)
failed_over=$(grep -c " upstream=127.0.0.1:$port_a, 127.0.0.1:$port_b " "$tmp/posts" || true)

log "  instance a killed after $killed_after answers; a took $took_a, b took $took_b, $failed_over went to a, were refused at connect and went on to b"
log "  $sent sent: $acknowledged acknowledged (303), $refused refused${refusals:+ (${refusals# })}, of which $stored_refused stored all the same"
if [ "$sent" = "$answers" ] && [ "$stored_acknowledged" = "$acknowledged" ] && [ "$duplicated" = 0 ]; then
  pass "every acknowledged answer is in PostgreSQL, once: $stored_acknowledged of $acknowledged"
else
  fail "$acknowledged acknowledged, $stored_acknowledged of them stored once; $duplicated stored twice or more; $sent of $answers sent"
fi
# Only answers already sent to instance a when it died can fail: about one per client (each has
# one answer out at a time; one more may connect while the dying process closes its socket).
# Those refused at connect go on to b.
if [ "$refused" -le $((2 * workers)) ] && [ "$took_a" -gt 0 ] && [ "$took_b" -gt 0 ] && [ "$failed_over" -gt 0 ]; then
  pass "$refused refused, no more than the kill can catch (2 per concurrent client); answers for a went on to b"
else
  fail "$refused refused with $workers concurrent clients (a took $took_a, b $took_b, $failed_over failed over)"
fi

# ---------------------------------------------------------------------------------------------
elapsed=$(awk -v from="$started" -v to="$(date +%s.%N)" 'BEGIN { printf "%.1f", to - from }')
if [ "$failures" = 0 ]; then
  log "all checks passed in ${elapsed} s"
else
  log "$failures check(s) failed (${elapsed} s)"
  exit 1
fi

#!/bin/sh
# The release server on a fresh demo database, for the browser tests.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
port=$1
data="$root/target/e2e"
rm -rf "$data"
mkdir -p "$data"
url="sqlite://$data/koubei.db"
"$root/target/release/koubei" seed-demo --database-url "$url" >/dev/null
# A staff editor for the console tests, made the way operators make accounts.
printf '%s\n' 'e2e-editor-password' | "$root/target/release/koubei" admin create \
  --email editor@e2e.koubei.org --role editor --password-stdin --database-url "$url" >/dev/null
printf '%s\n' 'e2e-admin-password' | "$root/target/release/koubei" admin create \
  --email admin@e2e.koubei.org --role admin --password-stdin --database-url "$url" >/dev/null
cd "$root"
exec ./target/release/koubei serve --addr "127.0.0.1:$port" --database-url "$url"

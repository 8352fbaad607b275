#!/usr/bin/env bash
# Release build without cargo-leptos: the browser bundle (wasm32, `hydrate`, size profile →
# wasm-bindgen → wasm-opt), the stylesheet and public assets into target/site, and the server
# binary at target/release/koubei. Matches [[workspace.metadata.leptos]] in Cargo.toml.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck disable=SC1091
. target/toolchain.env

name=koubei
site=target/site
pkg=$site/pkg
wasm_profile=wasm-release

log() { printf 'build: %s\n' "$*"; }

rm -rf "$site.tmp"
mkdir -p "$site.tmp/pkg"
# Two bundles (app/src/bundles.rs): `koubei` with the survey form and the home page's finder,
# and `koubei_calculator` with the calculator and its statistics.
bundle() {
  local out=$1
  shift
  log "browser bundle $out (wasm32, profile $wasm_profile)"
  cargo build --locked -p koubei-frontend --lib --target wasm32-unknown-unknown --profile "$wasm_profile" "$@"
  wasm-bindgen --target web --no-typescript --out-dir "$site.tmp/pkg" --out-name "$out" \
    "target/wasm32-unknown-unknown/$wasm_profile/koubei_frontend.wasm"
  node_modules/.bin/wasm-opt -Oz "$site.tmp/pkg/${out}_bg.wasm" -o "$site.tmp/pkg/${out}_bg.wasm"
}
bundle "$name" --no-default-features --features forms
bundle "${name}_calculator" --no-default-features --features calculator
cp style/main.css "$site.tmp/pkg/$name.css"
cp -R public/. "$site.tmp/"
# Precompressed copies: the static file service sends the .br or .gz file to browsers that
# accept it (browsers offer brotli over HTTPS only).
while IFS= read -r -d '' asset; do
  gzip -9 -k -f "$asset"
  brotli -q 11 -k -f "$asset"
done < <(find "$site.tmp" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \) -print0)
rm -rf "$site"
mv "$site.tmp" "$site"
for out in "$name" "${name}_calculator"; do
  log "site assets in $site, $out: wasm $(stat -c %s "$pkg/${out}_bg.wasm") bytes (gzip $(stat -c %s "$pkg/${out}_bg.wasm.gz"), brotli $(stat -c %s "$pkg/${out}_bg.wasm.br")), js $(stat -c %s "$pkg/$out.js") bytes (gzip $(stat -c %s "$pkg/$out.js.gz"), brotli $(stat -c %s "$pkg/$out.js.br"))"
done

log "server (release)"
cargo build --locked -p koubei-server --release --bin koubei
log "attack simulator and load generator (release)"
cargo build --locked -p koubei-loadgen --release
log "binary at target/release/koubei"

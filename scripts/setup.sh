#!/usr/bin/env bash
# Idempotent setup: everything `make build` and `make test` need, installed only when missing.
#
# - a Rust toolchain with the wasm32-unknown-unknown target: `rustup target add` where it works
#   (machines with internet); otherwise Debian's rustc-web with a wasm32 std built from its source,
#   linked into rustup as the toolchain `system` (offline machines; see docs/TOOLCHAIN notes);
# - wasm-bindgen-cli at exactly the version in Cargo.lock;
# - wasm-opt from the npm `binaryen` package (Debian's binaryen breaks externref tables);
# - Debian's Chromium and a CJK font for the browser tests, the end-to-end test packages, and
#   brotli for precompressed assets;
# - Debian's nginx for the reverse-proxy check (scripts/proxy-check.sh);
# - schemathesis (pinned) in target/schemathesis-venv for the OpenAPI contract run.
#
# Prints what it did; the toolchain choice is written to target/toolchain.env for the Makefile.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p target

log() { printf 'setup: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    apt-get update -q >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

# A one-line crate compiled for wasm32 is the only reliable "is the target usable" check.
wasm_target_works() {
  local probe
  probe=$(mktemp -d)
  echo 'pub fn probe(a: i32) -> i32 { vec![a].iter().sum() }' >"$probe/lib.rs"
  if RUSTUP_TOOLCHAIN="$1" rustc --edition 2021 --crate-type rlib --target wasm32-unknown-unknown \
    -o "$probe/probe.rlib" "$probe/lib.rs" >/dev/null 2>&1; then
    rm -rf "$probe"
    return 0
  fi
  rm -rf "$probe"
  return 1
}

install_debian_wasm_toolchain() {
  log "installing Debian's rustc-web with a locally built wasm32 std (offline path)"
  if ! [ -x /usr/bin/rustc ] || ! [ -d /usr/lib/rustlib/src/rust ] || ! [ -x /usr/bin/rust-lld ]; then
    apt_install rustc-web cargo-web rust-web-src rustfmt-web rust-web-clippy lld-22
  fi
  mkdir -p /usr/lib/rustlib/x86_64-unknown-linux-gnu/bin
  ln -sf /usr/lib/llvm-22/bin/lld /usr/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld
  rustup toolchain link system /usr >/dev/null
  if wasm_target_works system; then
    return
  fi
  local work
  work=$(mktemp -d)
  mkdir -p "$work/src"
  printf '[package]\nname = "stdprobe"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n' >"$work/Cargo.toml"
  echo '#[no_mangle] pub extern "C" fn probe(a: i32) -> i32 { vec![a].iter().sum() }' >"$work/src/lib.rs"
  (cd "$work" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build -q --release \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
  # Two sets of std rlibs side by side break every later build, so replace, never add.
  rm -rf /usr/lib/rustlib/wasm32-unknown-unknown/lib
  mkdir -p /usr/lib/rustlib/wasm32-unknown-unknown/lib
  cp "$work"/target/wasm32-unknown-unknown/release/deps/*.rlib /usr/lib/rustlib/wasm32-unknown-unknown/lib/
  rm -f /usr/lib/rustlib/wasm32-unknown-unknown/lib/libstdprobe*
  rm -rf "$work"
  wasm_target_works system || { log "error: the wasm32 std built from source does not work"; exit 1; }
}

# 1. Toolchain with the wasm32 target: the active rustup toolchain when it has (or can get) the
#    target, else Debian's. KOUBEI_TOOLCHAIN picks one outright; KOUBEI_WASM_STD_FROM_SOURCE=1
#    forces the offline path (to test it on a machine with internet).
active=$(rustup show active-toolchain 2>/dev/null | cut -d' ' -f1 || true)
[ -n "$active" ] || log "rustup has no active toolchain"
toolchain=""
if [ -n "${KOUBEI_TOOLCHAIN:-}" ]; then
  toolchain=$KOUBEI_TOOLCHAIN
elif [ "${KOUBEI_WASM_STD_FROM_SOURCE:-0}" = 1 ]; then
  install_debian_wasm_toolchain
  toolchain=system
elif wasm_target_works "$active"; then
  toolchain=""
elif [[ "$(rustup toolchain list)" == *system* ]] && wasm_target_works system; then
  toolchain=system
elif timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 && wasm_target_works "$active"; then
  log "added the wasm32 target with rustup"
  toolchain=""
else
  install_debian_wasm_toolchain
  toolchain=system
fi
if [ -n "$toolchain" ]; then
  echo "export RUSTUP_TOOLCHAIN=$toolchain" >target/toolchain.env
  export RUSTUP_TOOLCHAIN=$toolchain
else
  : >target/toolchain.env
fi
log "rust toolchain: $(rustc --version) (wasm32 target ok)"

# 2. wasm-bindgen-cli at exactly the version the project links against.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen_version" ]; then
  log "error: wasm-bindgen not found in Cargo.lock"
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen_version" ]; then
  log "installing wasm-bindgen-cli $bindgen_version (takes about 10 minutes on 2 cores)"
  # --locked first (reproducible); without it when the pinned lock file cannot be resolved.
  cargo install -q wasm-bindgen-cli --version "$bindgen_version" --locked ||
    cargo install -q wasm-bindgen-cli --version "$bindgen_version"
fi
log "wasm-bindgen $(wasm-bindgen --version | cut -d' ' -f2)"

# 3. Node packages: binaryen's wasm-opt (root) and the end-to-end test runner.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
for dir in . end2end; do
  if ! [ -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
done
log "wasm-opt $(node_modules/.bin/wasm-opt --version | cut -d' ' -f3)"

# 4. Chromium for the browser tests (never a downloaded browser), a CJK font to render Chinese,
#    and brotli to precompress the site assets.
if ! [ -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1 || ! have brotli; then
  log "installing Debian's chromium, fonts-noto-cjk and brotli"
  apt_install chromium fonts-noto-cjk brotli
fi
log "$(/usr/bin/chromium --version 2>/dev/null | head -1)"

# 5. nginx for scripts/proxy-check.sh, which runs it as a process of its own. The package's
#    system service (port 80, Debian's welcome page) is not needed: where systemd started it, it
#    is stopped and kept from starting at boot. (Debian 12's nginx-light is nginx plus a module.)
if ! [ -x /usr/sbin/nginx ]; then
  log "installing Debian's nginx"
  apt_install nginx
  if [ -d /run/systemd/system ]; then
    systemctl disable --now nginx >/dev/null 2>&1 || true
  fi
fi
log "$(/usr/sbin/nginx -v 2>&1)"

# 6. Schemathesis (from the Python registry, pinned) in a virtual environment of its own under
#    target/, for the OpenAPI contract run in the test command (scripts/schemathesis.sh).
schemathesis_version=4.32.5
venv=target/schemathesis-venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -qF "$schemathesis_version"; then
  log "installing schemathesis $schemathesis_version into $venv"
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
    apt_install python3-venv
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$schemathesis_version"
fi
log "$("$venv/bin/schemathesis" --version)"
log "ready"

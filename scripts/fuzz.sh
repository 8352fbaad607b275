#!/usr/bin/env bash
# Fuzzes the parsers that take outside input, each for a bounded time (not part of `make test`):
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 60)
#
# Targets (fuzz/fuzz_targets/): survey_form (a posted form body, read and validated),
# survey_definition (survey-as-code JSON, parsed and checked), signed_tokens (respondent cookie,
# form token, invitation code). Needs the nightly toolchain and cargo-fuzz, installed here when
# missing. Seeds are in fuzz/seeds/; what libFuzzer learns goes to fuzz/corpus/ and any crash to
# fuzz/artifacts/ (both ignored by git). Exits non-zero on the first crash.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

for target in survey_form survey_definition signed_tokens; do
  echo "==> fuzz $target for ${seconds} s"
  mkdir -p "fuzz/corpus/$target"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1
done

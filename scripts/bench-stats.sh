#!/usr/bin/env bash
# The statistics benchmarks of BENCHMARKS.md in one run: criterion (Rust) and the numpy
# baselines for the bootstrap and raking. Needs `pip install numpy` for the baseline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck disable=SC1091
. target/toolchain.env 2>/dev/null || true
cargo bench -p koubei-stats --bench stats -- --noplot 2>&1 | grep -E '^(interval|ranking|raking)|time:'
python3 stats/bench/numpy_bootstrap.py
python3 stats/bench/numpy_raking.py

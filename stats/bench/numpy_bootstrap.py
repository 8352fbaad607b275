"""Baseline for BENCHMARKS.md: the percentile bootstrap done the usual way, by resampling raw
responses with numpy, 10,000 resamples. Koubei's bootstrap draws the three counts from a
multinomial instead, so its cost does not grow with n (see `cargo bench -p koubei-stats`).

Run: python3 stats/bench/numpy_bootstrap.py  (needs numpy)
"""

import time

import numpy as np

RESAMPLES = 10_000


def raw_bootstrap(promoters, passives, detractors, rng):
    responses = np.repeat(np.array([1, 0, -1], dtype=np.int8), [promoters, passives, detractors])
    n = responses.size
    estimates = np.empty(RESAMPLES)
    # In chunks, so memory stays bounded for large n.
    chunk = max(1, min(RESAMPLES, 20_000_000 // n))
    done = 0
    while done < RESAMPLES:
        size = min(chunk, RESAMPLES - done)
        picks = rng.integers(0, n, size=(size, n))
        estimates[done : done + size] = responses[picks].mean(axis=1)
        done += size
    return 100 * np.quantile(estimates, [0.025, 0.975])


def main():
    rng = np.random.default_rng(2016)
    print(f"numpy {np.__version__}, {RESAMPLES} resamples of raw responses")
    for counts in [(412, 301, 187), (41_200, 30_100, 18_700)]:
        n = sum(counts)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            low, high = raw_bootstrap(*counts, rng)
            best = min(best, time.perf_counter() - start)
        print(f"n={n:>7}: {best * 1000:9.1f} ms  (interval {low:.2f} .. {high:.2f})")


if __name__ == "__main__":
    main()

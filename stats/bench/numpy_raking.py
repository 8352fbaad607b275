#!/usr/bin/env python3
"""Baseline for the raking benchmark: the numpy reference (stats/reference/raking_reference.py,
one-hot matrices and matrix products) on the same 100,000 answers as `cargo bench -p koubei-stats`
(raking/rake 100k answers, 2 questions, cap 5). Prints the median of 10 runs."""

import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
from raking_reference import rake  # noqa: E402

N = 100_000
AGES = [0, 1, 1, 1, 2, 2, 2, 3, 3, 4]
AGE_TARGETS = [0.04, 0.24, 0.34, 0.22, 0.16]
DISTRICT_TARGETS = [0.084, 0.062, 0.097, 0.011, 0.242, 0.215, 0.137, 0.030, 0.060, 0.009,
                    0.003, 0.050]

SAMPLE = [0.16, 0.09, 0.20, 0.02, 0.18, 0.13, 0.11, 0.02, 0.04, 0.01, 0.005, 0.035]

i = np.arange(N)
age = np.array([AGES[k % 10] for k in range(N)])
u = (((i * 2654435761) % (2 ** 32)) >> 8) / 2 ** 24
drawn = np.minimum(np.searchsorted(np.cumsum(SAMPLE), u, side="right"), len(SAMPLE) - 1)
district = np.where(i % 17 != 0, drawn, len(DISTRICT_TARGETS))
questions = [(age, AGE_TARGETS), (district, DISTRICT_TARGETS)]

times = []
for _ in range(10):
    start = time.perf_counter()
    weights, sweeps, converged = rake(questions, 5.0)
    times.append(time.perf_counter() - start)
print(f"numpy raking, {N} answers: median {statistics.median(times) * 1000:.1f} ms "
      f"({sweeps} sweeps, converged {converged}), numpy {np.__version__}")

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

i = np.arange(N)
age = np.array([AGES[k % 10] for k in range(N)])
district = np.where(i % 17 != 0, (i * 7 + i // 13) % 12, len(DISTRICT_TARGETS))
questions = [(age, AGE_TARGETS), (district, DISTRICT_TARGETS)]

times = []
for _ in range(10):
    start = time.perf_counter()
    weights, sweeps, converged = rake(questions, 5.0)
    times.append(time.perf_counter() - start)
print(f"numpy raking, {N} answers: median {statistics.median(times) * 1000:.1f} ms "
      f"({sweeps} sweeps, converged {converged}), numpy {np.__version__}")

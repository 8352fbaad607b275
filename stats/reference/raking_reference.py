#!/usr/bin/env python3
"""Reference values for raking (iterative proportional fitting with trimming) and the weighted
NPS that follows from it, computed with numpy independently of the Rust code.

Writes next to itself:
    raking_cases.csv     case,cap,level,age_targets,district_targets,sweeps,converged
    raking_units.csv     case,unit,age,district,subject,score,weight
    raking_subjects.csv  case,subject,method,n,nps,n_eff,ci_low,ci_high

A different code path from stats/src/raking.rs: the sample is held as one-hot indicator matrices
and every step is a matrix product (cell totals X^T w, unit factors X f), where the Rust code
loops over units. The procedure is the documented one (see stats/src/raking.rs):
  - weights start at 1;
  - per question, non-answers form their own cell with their unweighted sample share as target;
    answers nobody gave drop out and the other targets are rescaled to the rest;
  - a sweep rakes each question in turn (w *= target_c * sum(w) / sum_c(w)), then divides the
    weights by their mean and clips them to [1/cap, cap];
  - stop when every cell's weighted share is within 1e-10 of its goal, or after 500 sweeps;
  - the weights are finally divided by their mean.
Cross-checks (asserted, not written): with one question and no binding cap, raking equals
post-stratification (target share / sample share); achieved margins meet the goals when
converged; weights respect the cap.

Weighted NPS per subject: pw, aw, dw are weighted shares, n_eff = (sum w)^2 / sum w^2 (Kish),
`wald`: (pw - dw) +- z sqrt((pw + dw - (pw - dw)^2) / n_eff);
`adjusted-wald`: effective counts E = n_eff * (pw, aw, dw), plus (0.75, 1.5, 0.75), n' = n_eff + 3,
theta' = (P' - D') / n', interval theta' +- z sqrt((P'/n' + D'/n' - theta'^2) / n').
NPS-scale numbers x100, clipped to [-100, 100], printed with 12 decimals.
"""

import csv
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = 1e-10
MAX_SWEEPS = 500
AGE_BANDS = 5


def one_hot(cells, k):
    x = np.zeros((len(cells), k))
    x[np.arange(len(cells)), cells] = 1.0
    return x


def goals(cells, targets):
    """cells: answer index per unit, len(targets) for a non-answer."""
    k = len(targets)
    counts = np.bincount(cells, minlength=k + 1).astype(float)
    missing = counts[k] / len(cells)
    t = np.array(targets, dtype=float)
    present = counts[:k] > 0
    g = np.where(present, (1.0 - missing) * t / t[present].sum(), 0.0)
    return np.append(g, missing)


def rake(questions, cap):
    """questions: list of (cells, targets). Returns weights, sweeps, converged."""
    n = len(questions[0][0])
    mats = [one_hot(cells, len(targets) + 1) for cells, targets in questions]
    gs = [goals(cells, targets) for cells, targets in questions]
    w = np.ones(n)
    sweeps, converged = 0, False
    while not converged and sweeps < MAX_SWEEPS:
        sweeps += 1
        for x, g in zip(mats, gs):
            sums = x.T @ w
            factors = np.where(sums > 0, g * w.sum() / np.where(sums > 0, sums, 1.0), 1.0)
            w = w * (x @ factors)
        w = np.clip(w / w.mean(), 1.0 / cap, cap)
        converged = all(np.all(np.abs((x.T @ w) / w.sum() - g) <= TOL) for x, g in zip(mats, gs))
    return w / w.mean(), sweeps, converged


def weighted(scores, w, method, level):
    z = stats.norm.ppf(1 - (1 - level) / 2)
    sw = w.sum()
    pw, aw, dw = (w[scores >= 9].sum() / sw, w[(scores >= 7) & (scores <= 8)].sum() / sw,
                  w[scores <= 6].sum() / sw)
    n_eff = sw * sw / (w * w).sum()
    theta = pw - dw
    if method == "wald":
        half = z * math.sqrt(max(pw + dw - theta * theta, 0.0) / n_eff)
        low, high = theta - half, theta + half
    else:
        p, d, nn = n_eff * pw + 0.75, n_eff * dw + 0.75, n_eff + 3.0
        t2 = (p - d) / nn
        half = z * math.sqrt(max(p / nn + d / nn - t2 * t2, 0.0) / nn)
        low, high = t2 - half, t2 + half
    return 100 * theta, n_eff, max(-100.0, 100 * low), min(100.0, 100 * high)


def fmt(x):
    s = f"{x:.12f}"
    return "0.000000000000" if s == "-0.000000000000" else s


def make_case(rng, name, n, age_p, district_p, missing, age_targets, district_targets, cap):
    age = rng.choice(AGE_BANDS, size=n, p=age_p)
    district = rng.choice(len(district_p), size=n, p=district_p)
    district = np.where(rng.random(n) < missing, len(district_targets), district)
    subject = rng.choice(3, size=n, p=[0.45, 0.35, 0.2])
    # Older people score higher here, so weighting visibly moves the NPS.
    base = rng.integers(3, 11, size=n)
    scores = np.clip(base + (age >= 3) * rng.integers(0, 3, size=n), 0, 10)
    return {"name": name, "age": age, "district": district, "subject": subject,
            "scores": scores, "age_targets": age_targets,
            "district_targets": district_targets, "cap": cap}


def main():
    rng = np.random.default_rng(2024)
    cases = [
        make_case(rng, "skewed-young", 600, [0.02, 0.40, 0.35, 0.15, 0.08],
                  [0.4, 0.3, 0.2, 0.1], 0.05,
                  [0.10, 0.20, 0.27, 0.23, 0.20], [0.25, 0.25, 0.3, 0.2], 5.0),
        make_case(rng, "tight-cap", 300, [0.02, 0.50, 0.35, 0.10, 0.03],
                  [0.5, 0.3, 0.2], 0.0,
                  [0.10, 0.20, 0.25, 0.20, 0.25], [0.2, 0.3, 0.5], 1.5),
        # District 3 has a target and nobody from it; a tenth skip the district question.
        make_case(rng, "empty-answer", 200, [0.0, 0.3, 0.3, 0.2, 0.2],
                  [0.5, 0.3, 0.2, 0.0], 0.1,
                  [0.05, 0.25, 0.25, 0.25, 0.20], [0.3, 0.3, 0.2, 0.2], 4.0),
    ]
    level = 0.95
    with open(os.path.join(HERE, "raking_cases.csv"), "w", newline="") as fc, \
            open(os.path.join(HERE, "raking_units.csv"), "w", newline="") as fu, \
            open(os.path.join(HERE, "raking_subjects.csv"), "w", newline="") as fs:
        wc, wu, ws = csv.writer(fc, lineterminator="\n"), csv.writer(fu, lineterminator="\n"), \
            csv.writer(fs, lineterminator="\n")
        wc.writerow(["case", "cap", "level", "age_targets", "district_targets", "sweeps",
                     "converged"])
        wu.writerow(["case", "unit", "age", "district", "subject", "score", "weight"])
        ws.writerow(["case", "subject", "method", "n", "nps", "n_eff", "ci_low", "ci_high"])
        for c in cases:
            questions = [(c["age"], c["age_targets"]), (c["district"], c["district_targets"])]
            w, sweeps, converged = rake(questions, c["cap"])
            check(c, questions, w, converged)
            wc.writerow([c["name"], c["cap"], level, ";".join(map(str, c["age_targets"])),
                         ";".join(map(str, c["district_targets"])), sweeps,
                         str(converged).lower()])
            for i in range(len(w)):
                d = c["district"][i]
                wu.writerow([c["name"], i, c["age"][i],
                             "" if d == len(c["district_targets"]) else d,
                             c["subject"][i], c["scores"][i], fmt(w[i])])
            for s in range(3):
                mask = c["subject"] == s
                for method in ["wald", "adjusted-wald"]:
                    nps, n_eff, low, high = weighted(c["scores"][mask], w[mask], method, level)
                    ws.writerow([c["name"], s, method, int(mask.sum()), fmt(nps), fmt(n_eff),
                                 fmt(low), fmt(high)])
            print(f"{c['name']}: {sweeps} sweeps, converged {converged}, "
                  f"weights {w.min():.3f}..{w.max():.3f}")


def check(c, questions, w, converged):
    # The cap holds (relative to the mean of the last clip, so allow the final rescale).
    assert w.max() / w.min() <= c["cap"] ** 2 * (1 + 1e-9)
    if converged:
        for cells, targets in questions:
            g = goals(cells, targets)
            x = one_hot(cells, len(targets) + 1)
            assert np.all(np.abs((x.T @ w) / w.sum() - g) <= 1e-9)
    # One question, no binding cap: raking is post-stratification.
    cells, targets = questions[0]
    w1, _, ok = rake([questions[0]], 1e6)
    assert ok
    counts = np.bincount(cells, minlength=len(targets) + 1)[:len(targets)] / len(cells)
    g = goals(cells, targets)[:len(targets)]
    expected = np.array([g[a] / counts[a] for a in cells])
    assert np.max(np.abs(w1 - expected / expected.mean())) < 1e-9


if __name__ == "__main__":
    main()

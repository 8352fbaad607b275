#!/usr/bin/env python3
"""Independent reference values for the NPS statistics core (crate `stats`).

This script is deliberately written without looking at the Rust code's
algorithms: it follows the written definitions below, and where the Rust code
uses a closed form or one particular conditioning, this script takes another
numerical route (see `constrained_mle` and `bayes_cdf`).

Run:
    pip install numpy scipy statsmodels
    python3 stats/reference/nps_reference.py

It writes, next to itself:
    intervals.csv    confidence / credible intervals of one NPS
    comparisons.csv  difference of two independent NPS (z test)
    holm.csv         Holm-adjusted p-values for all pairs of five brands
    sample_size.csv  sample size for a target margin of error
    weighted.csv     post-stratified (weighted) NPS with Kish's n_eff

Conventions (all files):
    Scores 0-10.  Promoters P = count of 9-10, passives A = count of 7-8,
    detractors D = count of 0-6, n = P + A + D, theta = (P - D) / n on the
    -1..1 scale.  Every NPS-scale number (nps, ci_low, ci_high, diff, se) is
    reported x100, i.e. on the -100..100 scale, and every interval is clipped
    to [-100, 100].  z = Phi^{-1}(1 - (1 - level) / 2) = norm.ppf(...).
    Numbers are printed with 12 decimals.

The script is deterministic (the only randomness is the Monte Carlo sanity
check of the Bayes rows, seeded with numpy default_rng(1), and it does not
feed any CSV value).  It asserts its own cross-checks and stops loudly if one
fails.
"""

import math
import os
import sys
import time
import warnings

import numpy as np
from scipy import integrate, optimize, special, stats
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))

# Largest deviations seen by the cross-checks (printed at the end).
DIAG = {"mle_vs_closed_form": 0.0, "bayes_cdf_on_d_vs_q": 0.0,
        "bayes_vs_monte_carlo_nps": 0.0}

EPS = np.finfo(float).eps
# Tolerances asked for by the brief.
QUAD_OPTS = dict(epsabs=1e-13, epsrel=1e-13, limit=500)
BRENT_OPTS = dict(xtol=1e-15, rtol=4 * EPS, maxiter=500)


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def z_of(level):
    """Two-sided normal quantile z = Phi^{-1}(1 - (1 - level)/2)."""
    return float(stats.norm.ppf(1.0 - (1.0 - level) / 2.0))


def clip1(x):
    """Clip a value on the -1..1 scale to [-1, 1]."""
    return min(1.0, max(-1.0, x))


def fmt(x):
    """12 decimals; never print a negative zero."""
    s = f"{x:.12f}"
    if s.startswith("-") and float(s) == 0.0:
        s = s[1:]
    return s


def fmt_p(p):
    """A probability to 15 significant digits: a p of 3.75e-9 must keep its digits, since the
    tests compare p-values relatively."""
    return f"{p:.15g}"


def fmt_level(level):
    return f"{level:g}"


def write_csv(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")
    print(f"wrote {path} ({len(rows)} rows)")


# ---------------------------------------------------------------------------
# Wald and adjusted Wald
# ---------------------------------------------------------------------------

def wald_parts(P, A, D):
    """theta and trinomial variance V = p + d - theta^2 of one respondent."""
    n = P + A + D
    p, d = P / n, D / n
    theta = p - d
    return theta, p + d - theta * theta, n


def wald_interval(P, A, D, level):
    """Wald interval.

    p = P/n, d = D/n, theta = p - d, V = p + d - theta^2,
    half = z * sqrt(V / n), interval [theta - half, theta + half], clipped.
    (V >= 0 in exact arithmetic; tiny negative rounding is floored at 0.)
    """
    theta, V, n = wald_parts(P, A, D)
    half = z_of(level) * math.sqrt(max(V, 0.0) / n)
    return clip1(theta - half), clip1(theta + half)


def adjusted_counts(P, A, D):
    """Rocks (2016) adjustment: P + 0.75, A + 1.5, D + 0.75 (so n + 3)."""
    return P + 0.75, A + 1.5, D + 0.75


def adjusted_wald_interval(P, A, D, level):
    """Adjusted Wald interval (Rocks 2016).

    P' = P + 0.75, A' = A + 1.5, D' = D + 0.75, n' = n + 3; then the Wald
    interval computed on the adjusted counts, i.e. centred on the adjusted
    estimate theta' = (P' - D') / n' with V' = p' + d' - theta'^2 and
    half = z * sqrt(V' / n'), clipped.
    """
    return wald_interval(*adjusted_counts(P, A, D), level)


# ---------------------------------------------------------------------------
# Score interval (Rocks' iterative score interval, Tango-style)
# ---------------------------------------------------------------------------

def _count_over(c, denom):
    """c / denom with the conventions of the limit: 0 if c == 0, +inf if the
    denominator is 0 and c > 0."""
    if c == 0:
        return 0.0
    if denom <= 0.0:
        return math.inf
    return c / denom


def constrained_mle_closed_form(P, A, D, theta0):
    """Closed-form constrained MLE of d (used ONLY as a cross-check):
    t = (B + sqrt(B^2 + 8 n C)) / (4 n), B = P(1-theta0) - 2 A theta0 +
    D(1 - 3 theta0), C = D theta0 (1 - theta0)."""
    n = P + A + D
    B = P * (1 - theta0) - 2 * A * theta0 + D * (1 - 3 * theta0)
    C = D * theta0 * (1 - theta0)
    return (B + math.sqrt(max(B * B + 8 * n * C, 0.0))) / (4 * n)


def constrained_mle(P, A, D, theta0):
    """Numerical constrained MLE of the detractor share d = t.

    Maximises the trinomial log-likelihood under p - d = theta0,
        L(t) = P log(theta0 + t) + A log(1 - theta0 - 2t) + D log(t),
    (0 * log 0 taken as 0) over the feasible interval
        t in [lo, hi] = [max(0, -theta0), (1 - theta0) / 2],
    on which p = theta0 + t, a = 1 - theta0 - 2t and d = t all lie in [0, 1].

    Route (numerical, no closed form):
      1. scipy.optimize.minimize_scalar(method='bounded', xatol=1e-14) on -L.
         A value-based maximiser can only place the argmax to about
         sqrt(eps) ~ 1e-8 (L is flat to rounding there), and an error of 1e-8
         in t moves the score bounds by up to ~1e-6 NPS points for tiny n, so:
      2. the result is polished by solving the first-order condition
             L'(t) = P/(theta0+t) - 2A/(1-theta0-2t) + D/t = 0
         with brentq in a bracket grown around the maximiser's t.  L is
         concave, so L' is decreasing; if L' <= 0 already at lo the maximum
         is at lo, if L' >= 0 at hi it is at hi (limits with the 0-count
         convention above, +/-inf where a positive count meets a zero share).
    Returns t (= d~); p~ = theta0 + t.
    """
    lo = max(0.0, -theta0)
    hi = (1.0 - theta0) / 2.0
    if hi <= lo:  # theta0 = +/-1: a single feasible point
        return lo

    def negloglik(t):
        return -(special.xlogy(P, theta0 + t)
                 + special.xlogy(A, (1.0 - theta0) - 2.0 * t)
                 + special.xlogy(D, t))

    def dL(t):
        v = (_count_over(P, theta0 + t)
             - 2.0 * _count_over(A, (1.0 - theta0) - 2.0 * t)
             + _count_over(D, t))
        return max(-1e300, min(1e300, v))  # keep brentq's arithmetic finite

    res = optimize.minimize_scalar(
        negloglik, bounds=(lo, hi), method="bounded",
        options=dict(xatol=1e-14, maxiter=5000))
    t_max = float(res.x)

    if dL(lo) <= 0.0:
        t = lo
    elif dL(hi) >= 0.0:
        t = hi
    else:
        # Grow a bracket around the maximiser until L' changes sign.
        w = 1e-7
        while True:
            a = max(lo, t_max - w)
            b = min(hi, t_max + w)
            if dL(a) > 0.0 and dL(b) < 0.0:
                break
            if a == lo and b == hi:
                raise AssertionError("no sign change of L' on [lo, hi]")
            w *= 10.0
        t = optimize.brentq(dL, a, b, **BRENT_OPTS)

    # The maximiser and its polish must agree to its own precision, and the
    # result must agree with the closed form to 1e-9.
    assert abs(t - t_max) < 1e-6, (P, A, D, theta0, t, t_max)
    t_cf = constrained_mle_closed_form(P, A, D, theta0)
    assert abs(t - t_cf) < 1e-9, (P, A, D, theta0, t, t_cf)
    DIAG["mle_vs_closed_form"] = max(DIAG["mle_vs_closed_form"], abs(t - t_cf))
    return t


def score_g(P, A, D, theta0, z):
    """g(theta0) = (theta_hat - theta0)^2 - z^2 (p~ + d~ - theta0^2) / n."""
    n = P + A + D
    theta_hat = (P - D) / n
    t = constrained_mle(P, A, D, theta0)
    v0 = theta0 + 2.0 * t - theta0 * theta0  # p~ + d~ - theta0^2
    return (theta_hat - theta0) ** 2 - z * z * v0 / n


def score_interval(P, A, D, level):
    """Score interval (Rocks' iterative score interval, Tango-style).

    The set of theta0 in [-1, 1] with
        (theta_hat - theta0)^2 <= z^2 (p~ + d~ - theta0^2) / n,
    where (p~, d~) is the maximum-likelihood estimate of the (promoter,
    detractor) shares of the trinomial (P, A, D) under p - d = theta0
    (see `constrained_mle`).

    Bounds: brentq on g (see `score_g`) over [-1, m] for the lower bound and
    [m', 1] for the upper, where m <= theta_hat <= m' are the points nearest
    theta_hat with g < 0.  g(theta_hat) = -z^2 V_hat / n is < 0 except when all
    answers fall in one category (V_hat = 0); then g(theta_hat) = 0 and we
    step inwards (halving the step) until g < 0, so brentq does not return the
    trivial root theta_hat.  theta_hat = -1 gives lower bound -1, theta_hat = 1
    gives upper bound 1, and if g does not change sign at an end (g(end) <= 0)
    that end is returned.
    """
    z = z_of(level)
    n = P + A + D
    theta_hat = (P - D) / n

    def g(th0):
        return score_g(P, A, D, th0, z)

    def inner_negative_point(direction):
        # direction -1: search below theta_hat; +1: above.
        if g(theta_hat) < 0.0:
            return theta_hat
        end = -1.0 if direction < 0 else 1.0
        step = abs(theta_hat - end) / 2.0
        for _ in range(200):
            m = theta_hat + direction * step
            if g(m) < 0.0:
                return m
            step /= 2.0
        return None  # g >= 0 right next to theta_hat: degenerate side

    # Lower bound.
    if theta_hat <= -1.0 or g(-1.0) <= 0.0:
        low = -1.0
    else:
        m = inner_negative_point(-1)
        low = theta_hat if m is None else optimize.brentq(g, -1.0, m, **BRENT_OPTS)
    # Upper bound.
    if theta_hat >= 1.0 or g(1.0) <= 0.0:
        high = 1.0
    else:
        m = inner_negative_point(+1)
        high = theta_hat if m is None else optimize.brentq(g, m, 1.0, **BRENT_OPTS)
    return clip1(low), clip1(high)


def score_set_check(P, A, D, level, low, high, grid=4001):
    """Sanity check: on a fine grid (closed-form constrained MLE, vectorised)
    g <= 0 inside [low, high] and g > 0 outside, i.e. the score set really is
    the interval found by the root search."""
    z = z_of(level)
    n = P + A + D
    theta_hat = (P - D) / n
    th = np.linspace(-1.0, 1.0, grid)
    B = P * (1 - th) - 2 * A * th + D * (1 - 3 * th)
    C = D * th * (1 - th)
    t = (B + np.sqrt(np.maximum(B * B + 8 * n * C, 0.0))) / (4 * n)
    gv = (theta_hat - th) ** 2 - z * z * (th + 2 * t - th * th) / n
    tol = 1e-12
    inside = (th > low + 1e-9) & (th < high - 1e-9)
    outside = (th < low - 1e-9) | (th > high + 1e-9)
    assert np.all(gv[inside] <= tol), (P, A, D, level, "g > 0 inside")
    assert np.all(gv[outside] > -tol), (P, A, D, level, "g <= 0 outside")


# ---------------------------------------------------------------------------
# Bayes: equal-tailed credible interval of the Dirichlet posterior
# ---------------------------------------------------------------------------

def _beta_logpdf(s, a, b):
    return (special.xlogy(a - 1.0, s) + special.xlog1py(b - 1.0, -s)
            - special.betaln(a, b))


def _bulk_points(mean, sd, lo, hi, ks=(0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12,
                                         15, 20, 25, 30, 40)):
    pts = {mean}
    for k in ks:
        pts.add(mean - k * sd)
        pts.add(mean + k * sd)
    return [x for x in pts if lo < x < hi]


def _beta_mean_sd(a, b):
    m = a / (a + b)
    return m, math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1.0)))


def bayes_cdf(x, aP, aA, aD):
    """F(x) = P(p - d <= x) under Dirichlet(aP, aA, aD) over (p, a, d),
    computed by CONDITIONING ON p:

        p ~ Beta(aP, aA + aD);  given p = s, d = (1 - s) * Beta(aD, aA), so
        F(x) = integral_0^1 f_p(s) * P(d >= s - x | s) ds,
        P(d >= y | s) = 1 - BetaCDF(y / (1 - s); aD, aA), clipped to [0, 1].

    The conditional probability is 1 for s <= x (y <= 0) and 0 for
    s >= (1 + x)/2 (y >= 1 - s); those two kinks split the range, the first
    piece is integrated in closed form (BetaCDF of p at max(x, 0)), and the
    middle piece is integrated with quad, with break points at the bulk of
    f_p (mean +/- k sd, k up to 40) and at the bulk of the conditional
    factor (where y/(1-s) = mean_d +/- k sd_d of Beta(aD, aA)), so that large
    counts such as (4000, 3000, 3000) are integrated accurately.
    """
    if x <= -1.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    b = aA + aD
    s0 = max(x, 0.0)
    s1 = (1.0 + x) / 2.0
    head = float(special.betainc(aP, b, s0)) if s0 > 0.0 else 0.0
    if s1 <= s0:
        return head
    lbeta = special.betaln(aP, b)
    log, exp, betaincc = math.log, math.exp, special.betaincc

    def integrand(s):
        y = s - x
        one_minus_s = 1.0 - s
        if y >= one_minus_s:
            return 0.0
        u = y / one_minus_s
        cond = 1.0 if u <= 0.0 else float(betaincc(aD, aA, u))
        if s <= 0.0:
            logf = 0.0 if aP == 1.0 else -math.inf
        else:
            logf = (aP - 1.0) * log(s) + (b - 1.0) * math.log1p(-s) - lbeta
        return exp(logf) * cond

    mp, sp = _beta_mean_sd(aP, b)
    md, sd = _beta_mean_sd(aD, aA)
    pts = set(_bulk_points(mp, sp, s0, s1))
    for u in _bulk_points(md, sd, 0.0, 1.0) + [md]:
        # y/(1-s) = u  <=>  s = (x + u) / (1 + u)
        pts.add((x + u) / (1.0 + u))
    pts = sorted(p for p in pts if s0 < p < s1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", integrate.IntegrationWarning)
        val, err = integrate.quad(integrand, s0, s1, points=pts or None,
                                  **QUAD_OPTS)
    assert err < 1e-11, (x, aP, aA, aD, val, err)
    return min(1.0, max(0.0, head + val))


def bayes_cdf_on_d(x, aP, aA, aD):
    """Cross-check only (this is the Rust code's conditioning): condition on
    d ~ Beta(aD, aP + aA); given d = t, p = (1 - t) Beta(aP, aA), so
    F(x) = integral f_d(t) P(p <= x + t | t) dt."""
    if x <= -1.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    b = aP + aA

    def integrand(t):
        y = x + t
        if y <= 0.0:
            return 0.0
        u = y / (1.0 - t)
        cond = 1.0 if u >= 1.0 else float(special.betainc(aP, aA, u))
        return math.exp(_beta_logpdf(t, aD, b)) * cond

    t0 = max(0.0, -x)  # below: p <= x + t < 0 impossible
    t1 = (1.0 - x) / 2.0  # above: x + t >= 1 - t, probability 1
    tail = float(special.betaincc(aD, b, t1))
    md, sd = _beta_mean_sd(aD, b)
    pts = sorted(_bulk_points(md, sd, t0, t1))
    val, _ = integrate.quad(integrand, t0, t1, points=pts or None, **QUAD_OPTS)
    return tail + val


def bayes_interval(P, A, D, level):
    """Equal-tailed credible interval of theta = p - d under the posterior
    Dirichlet(P + 1, A + 1, D + 1) (prior Dirichlet(1, 1, 1)): the
    (1 - level)/2 and 1 - (1 - level)/2 quantiles of theta, found by brentq
    on F(x) - q over [-1, 1] with F from `bayes_cdf` (conditioning on p)."""
    aP, aA, aD = P + 1.0, A + 1.0, D + 1.0
    qs = ((1.0 - level) / 2.0, 1.0 - (1.0 - level) / 2.0)
    out = []
    for q in qs:
        x = optimize.brentq(lambda v: bayes_cdf(v, aP, aA, aD) - q,
                            -1.0, 1.0, **BRENT_OPTS)
        # Cross-check with the other conditioning: F_d(x) must equal q.
        fd = bayes_cdf_on_d(x, aP, aA, aD)
        assert abs(fd - q) < 1e-10, (P, A, D, level, q, x, fd)
        DIAG["bayes_cdf_on_d_vs_q"] = max(DIAG["bayes_cdf_on_d_vs_q"], abs(fd - q))
        out.append(x)
    return clip1(out[0]), clip1(out[1])


def bayes_monte_carlo(P, A, D, level, draws=2_000_000):
    """Monte Carlo quantiles from Dirichlet draws, numpy default_rng(1)."""
    rng = np.random.default_rng(1)
    w = rng.dirichlet([P + 1.0, A + 1.0, D + 1.0], size=draws)
    theta = w[:, 0] - w[:, 2]
    lo, hi = np.quantile(theta, [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(lo), float(hi)


# ---------------------------------------------------------------------------
# intervals.csv
# ---------------------------------------------------------------------------

INTERVAL_CASES = [
    ((1, 0, 0), 0.95), ((0, 1, 0), 0.95), ((0, 0, 1), 0.95),
    ((10, 0, 0), 0.95), ((50, 0, 0), 0.95), ((0, 0, 10), 0.95),
    ((0, 5, 0), 0.95), ((1, 1, 1), 0.95),
    ((5, 3, 5), 0.95), ((20, 10, 20), 0.95),
    ((3, 1, 1), 0.90), ((3, 1, 1), 0.95), ((3, 1, 1), 0.99),
    ((4000, 3000, 3000), 0.95),
    ((40, 30, 30), 0.95),
    ((120, 50, 30), 0.80),
    ((7, 2, 1), 0.95),
    ((250, 500, 250), 0.95),
    ((33, 33, 34), 0.95),
    ((9, 0, 1), 0.99),
    ((2, 7, 1), 0.50),
    # Above the Rust code's exact-integral limit (posterior concentration 20,000), where it
    # switches to a Cornish-Fisher expansion: the exact integral here checks that switch.
    ((12000, 5000, 8000), 0.95),
    ((30000, 2000, 1000), 0.99),
]

METHODS = [
    ("wald", wald_interval),
    ("adjusted-wald", adjusted_wald_interval),
    ("score", score_interval),
    ("bayes", bayes_interval),
]


def make_intervals():
    rows = []
    degenerate = []
    for (P, A, D), level in INTERVAL_CASES:
        n = P + A + D
        nps = 100.0 * (P - D) / n  # always the observed NPS
        for name, fn in METHODS:
            low, high = fn(P, A, D, level)
            if name == "score":
                score_set_check(P, A, D, level, low, high)
            if name == "bayes":
                mlo, mhi = bayes_monte_carlo(P, A, D, level)
                dev = 100 * max(abs(low - mlo), abs(high - mhi))
                assert dev < 0.3, (P, A, D, level, low, high, mlo, mhi)
                DIAG["bayes_vs_monte_carlo_nps"] = max(DIAG["bayes_vs_monte_carlo_nps"], dev)
            assert low <= (P - D) / n + 1e-12 or name in ("adjusted-wald", "bayes")
            if high - low == 0.0:
                degenerate.append(f"{name} ({P},{A},{D}) @ {level:g}: [{100*low:g}, {100*high:g}]")
            rows.append([str(P), str(A), str(D), name, fmt_level(level), str(n),
                         fmt(nps), fmt(100.0 * low), fmt(100.0 * high)])
    write_csv("intervals.csv",
              ["promoters", "passives", "detractors", "method", "level", "n",
               "nps", "ci_low", "ci_high"], rows)
    return degenerate


# ---------------------------------------------------------------------------
# comparisons.csv and holm.csv
# ---------------------------------------------------------------------------

def compare(c1, c2, method):
    """Difference of two independent NPS.

    theta_k = (P_k - D_k)/n_k, V_k = p_k + d_k - theta_k^2,
    diff = theta_1 - theta_2, se = sqrt(V_1/n_1 + V_2/n_2), z = diff/se,
    p_value = 2 * norm.sf(|z|).  "adjusted-wald": the same on each brand's
    adjusted counts (P + 0.75, A + 1.5, D + 0.75, n + 3).
    Returns (diff, se, z, p) with diff and se on the -1..1 scale.
    """
    if method == "adjusted-wald":
        c1, c2 = adjusted_counts(*c1), adjusted_counts(*c2)
    t1, v1, n1 = wald_parts(*c1)
    t2, v2, n2 = wald_parts(*c2)
    diff = t1 - t2
    se = math.sqrt(v1 / n1 + v2 / n2)
    assert se > 0.0
    zz = diff / se
    return diff, se, zz, float(2.0 * stats.norm.sf(abs(zz)))


COMPARISON_PAIRS = [
    ((120, 50, 30), (100, 60, 40)),
    ((40, 30, 30), (30, 30, 40)),
    ((10, 0, 0), (8, 1, 1)),
    ((500, 300, 200), (480, 320, 200)),
    ((3, 1, 1), (1, 1, 3)),
]


def make_comparisons():
    rows = []
    for c1, c2 in COMPARISON_PAIRS:
        for method in ("wald", "adjusted-wald"):
            diff, se, zz, p = compare(c1, c2, method)
            rows.append([*(str(v) for v in c1), *(str(v) for v in c2), method,
                         fmt(100 * diff), fmt(100 * se), fmt(zz), fmt_p(p)])
    write_csv("comparisons.csv",
              ["p1", "a1", "d1", "p2", "a2", "d2", "method", "diff", "se", "z",
               "p_value"], rows)


HOLM_BRANDS = [(120, 50, 30), (100, 60, 40), (90, 70, 40), (60, 80, 60),
               (118, 52, 30)]


def make_holm():
    """All pairs i < j (lexicographic), p_raw = adjusted-wald two-sided p,
    p_holm = statsmodels multipletests(p_raws, method='holm')[1]."""
    pairs = [(i, j) for i in range(len(HOLM_BRANDS))
             for j in range(i + 1, len(HOLM_BRANDS))]
    p_raw = [compare(HOLM_BRANDS[i], HOLM_BRANDS[j], "adjusted-wald")[3]
             for i, j in pairs]
    p_holm = multipletests(p_raw, method="holm")[1]
    rows = [[str(i), str(j), fmt_p(pr), fmt_p(float(ph))]
            for (i, j), pr, ph in zip(pairs, p_raw, p_holm)]
    write_csv("holm.csv", ["i", "j", "p_raw", "p_holm"], rows)


# ---------------------------------------------------------------------------
# sample_size.csv
# ---------------------------------------------------------------------------

SAMPLE_SIZE_ROWS = [
    (5, 0.95, None), (10, 0.95, None), (3, 0.95, None),
    (5, 0.90, None), (5, 0.99, None),
    (5, 0.95, (0.5, 0.2)), (5, 0.95, (0.3, 0.3)), (5, 0.95, (0.6, 0.1)),
    (2, 0.95, (0.45, 0.25)),
]


def make_sample_size():
    """n = ceil(z^2 V / (margin/100)^2), V = p + d - (p - d)^2 for assumed
    shares, V = 1 (its maximum) for the worst case."""
    rows = []
    for margin, level, shares in SAMPLE_SIZE_ROWS:
        if shares is None:
            V = 1.0
            ps = ds = ""
        else:
            p, d = shares
            V = p + d - (p - d) ** 2
            ps, ds = f"{p:g}", f"{d:g}"
        raw = z_of(level) ** 2 * V / (margin / 100.0) ** 2
        # Guard against a ceil that rounding could flip.
        assert abs(raw - round(raw)) > 1e-6, (margin, level, shares, raw)
        rows.append([f"{margin:g}", fmt_level(level), ps, ds, str(math.ceil(raw))])
    write_csv("sample_size.csv",
              ["margin", "level", "promoter_share", "detractor_share", "n"], rows)


# ---------------------------------------------------------------------------
# weighted.csv
# ---------------------------------------------------------------------------

WEIGHTED_SCORES = [10, 9, 9, 8, 7, 6, 3, 0, 10, 5]
WEIGHTED_WEIGHTS = [1.2, 0.8, 1.0, 1.5, 0.5, 2.0, 1.0, 0.7, 1.1, 0.9]


def make_weighted(level=0.95):
    """pw = sum(w of promoters)/sum(w), dw likewise, nps = 100 (pw - dw),
    n_eff = (sum w)^2 / sum(w^2) (Kish), Wald interval with n_eff:
    half = z sqrt((pw + dw - (pw - dw)^2) / n_eff), clipped."""
    s = np.array(WEIGHTED_SCORES)
    w = np.array(WEIGHTED_WEIGHTS)
    sw = math.fsum(w)
    pw = math.fsum(w[s >= 9]) / sw
    dw = math.fsum(w[s <= 6]) / sw
    theta = pw - dw
    n_eff = sw * sw / math.fsum(w * w)
    half = z_of(level) * math.sqrt((pw + dw - theta * theta) / n_eff)
    rows = [[fmt(100 * theta), fmt(n_eff), fmt(100 * clip1(theta - half)),
             fmt(100 * clip1(theta + half)), fmt_level(level)]]
    write_csv("weighted.csv", ["nps", "n_eff", "ci_low", "ci_high", "level"], rows)


# ---------------------------------------------------------------------------

def main():
    start = time.time()
    degenerate = make_intervals()
    make_comparisons()
    make_holm()
    make_sample_size()
    make_weighted()
    if degenerate:
        print("zero-width intervals:")
        for d in degenerate:
            print("  " + d)
    print("largest cross-check deviations:")
    for k, v in DIAG.items():
        print(f"  {k}: {v:.3g}")
    print(f"done in {time.time() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

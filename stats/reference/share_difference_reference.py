"""Reference values for koubei-stats' share_difference (the pooled two-proportion z-test).

An independent code path: scipy's Pearson chi-squared test of the 2x2 table without continuity
correction, whose statistic equals z squared. Prints the rows pasted into proportions.rs.
"""
from scipy.stats import chi2_contingency

CASES = [(12, 40, 30, 200), (5, 10, 5, 10), (30, 60, 10, 140), (1, 25, 40, 300)]

for x1, n1, x2, n2 in CASES:
    table = [[x1, n1 - x1], [x2, n2 - x2]]
    chi2, p, _, _ = chi2_contingency(table, correction=False)
    print(f"({x1}, {n1}, {x2}, {n2}, {float(chi2)!r}, {float(p)!r}),")

//! Numerical building blocks: normal quantiles, root finding and adaptive quadrature.

use std::collections::BinaryHeap;

use statrs::distribution::{ContinuousCDF, Normal};

/// Φ⁻¹(p) of the standard normal distribution.
pub fn normal_quantile(p: f64) -> f64 {
    standard_normal().inverse_cdf(p)
}

/// P(Z > z) of the standard normal, accurate in the far tail (no 1 − Φ cancellation).
pub fn normal_upper_tail(z: f64) -> f64 {
    standard_normal().sf(z)
}

fn standard_normal() -> Normal {
    Normal::standard()
}

/// Finds a root of `f` in `[a, b]` (where `f(a)` and `f(b)` differ in sign, or one is zero) by
/// Brent's method, to an absolute tolerance `tol` in x.
pub fn brent(mut f: impl FnMut(f64) -> f64, a: f64, b: f64, tol: f64) -> f64 {
    let (mut a, mut b) = (a, b);
    let (mut fa, mut fb) = (f(a), f(b));
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 {
        return b;
    }
    if fa.signum() == fb.signum() {
        // No sign change: the end whose value is closer to zero is the best answer there is.
        return if fa.abs() < fb.abs() { a } else { b };
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..200 {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * tol;
        let xm = 0.5 * (c - b);
        if xm.abs() <= tol1 || fb == 0.0 {
            return b;
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            // Inverse quadratic interpolation, or the secant step when only two points differ.
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * xm * s, 1.0 - s)
            } else {
                let q = fa / fc;
                let r = fb / fc;
                (
                    s * (2.0 * xm * q * (q - r) - (b - a) * (r - 1.0)),
                    (q - 1.0) * (r - 1.0) * (s - 1.0),
                )
            };
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            let min1 = 3.0 * xm * q - (tol1 * q).abs();
            let min2 = (e * q).abs();
            if 2.0 * p < min1.min(min2) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol1 { d } else { tol1.copysign(xm) };
        fb = f(b);
    }
    b
}

// Gauss–Kronrod 7/15 nodes and weights on [-1, 1] (QUADPACK's qk15).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
const WGK: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_2,
    0.140_653_259_715_525_9,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_8,
];
const WG: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_7,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// Kronrod estimate and its error estimate (difference to the embedded Gauss rule) on [a, b].
fn gauss_kronrod(f: &mut impl FnMut(f64) -> f64, a: f64, b: f64) -> (f64, f64) {
    let centre = 0.5 * (a + b);
    let half = 0.5 * (b - a);
    let f_centre = f(centre);
    let mut kronrod = WGK[7] * f_centre;
    let mut gauss = WG[3] * f_centre;
    for (j, (&x, &w)) in XGK.iter().zip(WGK.iter()).take(7).enumerate() {
        let dx = half * x;
        let sum = f(centre - dx) + f(centre + dx);
        kronrod += w * sum;
        if j % 2 == 1 {
            gauss += WG[j / 2] * sum;
        }
    }
    (kronrod * half, ((kronrod - gauss) * half).abs())
}

/// ∫ f over [a, b] by globally adaptive Gauss–Kronrod (the QUADPACK scheme): start from the
/// pieces between the given break points (kinks of f, or where its mass lies), then keep
/// bisecting the piece with the largest error estimate until the total error is below
/// `tolerance` (absolute, or relative to the result, whichever is larger) or the evaluation
/// budget is spent.
pub fn integrate(
    mut f: impl FnMut(f64) -> f64,
    a: f64,
    b: f64,
    breaks: &[f64],
    tolerance: f64,
) -> f64 {
    const MAX_PIECES: usize = 2_000;
    const RELATIVE: f64 = 1e-13;
    let mut points: Vec<f64> = std::iter::once(a)
        .chain(breaks.iter().copied().filter(|&x| x > a && x < b))
        .chain(std::iter::once(b))
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    // Pieces in a max-heap by error estimate, with running totals: each bisection costs
    // O(log pieces), not a rescan of every piece.
    let mut pieces: BinaryHeap<Piece> = points
        .windows(2)
        .map(|pair| Piece::new(&mut f, pair[0], pair[1]))
        .collect();
    let mut total: f64 = pieces.iter().map(|p| p.estimate).sum();
    let mut error: f64 = pieces.iter().map(|p| p.error).sum();
    while error > tolerance.max(RELATIVE * total.abs()) && pieces.len() < MAX_PIECES {
        let Some(piece) = pieces.pop() else { break };
        let middle = 0.5 * (piece.a + piece.b);
        if middle <= piece.a || middle >= piece.b || piece.error == 0.0 {
            // Cannot split further in floating point: the largest error left is final.
            pieces.push(piece);
            break;
        }
        let left = Piece::new(&mut f, piece.a, middle);
        let right = Piece::new(&mut f, middle, piece.b);
        total += left.estimate + right.estimate - piece.estimate;
        error += left.error + right.error - piece.error;
        pieces.push(left);
        pieces.push(right);
    }
    total
}

struct Piece {
    a: f64,
    b: f64,
    estimate: f64,
    error: f64,
}

impl PartialEq for Piece {
    fn eq(&self, other: &Piece) -> bool {
        self.error.total_cmp(&other.error).is_eq()
    }
}

impl Eq for Piece {}

impl PartialOrd for Piece {
    fn partial_cmp(&self, other: &Piece) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Ordered by error estimate, so the heap hands out the worst piece first.
impl Ord for Piece {
    fn cmp(&self, other: &Piece) -> std::cmp::Ordering {
        self.error.total_cmp(&other.error)
    }
}

impl Piece {
    fn new(f: &mut impl FnMut(f64) -> f64, a: f64, b: f64) -> Piece {
        let (estimate, error) = gauss_kronrod(f, a, b);
        // Rounding noise floor, as in QUADPACK: no piece claims better than ~50 ulps.
        let error = error.max(50.0 * f64::EPSILON * estimate.abs());
        Piece {
            a,
            b,
            estimate,
            error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kronrod_is_exact_for_polynomials_up_to_degree_22_and_gauss_to_13() {
        for degree in 0..=22 {
            let exact = if degree % 2 == 0 {
                2.0 / (degree as f64 + 1.0)
            } else {
                0.0
            };
            let (kronrod, _) = gauss_kronrod(&mut |x: f64| x.powi(degree), -1.0, 1.0);
            assert!(
                (kronrod - exact).abs() < 1e-14,
                "degree {degree}: {kronrod} vs {exact}"
            );
        }
        // The error estimate is |Kronrod − Gauss|: zero while the 7-point Gauss rule is exact too.
        for degree in 0..=13 {
            let (_, error) = gauss_kronrod(&mut |x: f64| x.powi(degree), -1.0, 1.0);
            assert!(
                error < 1e-14,
                "degree {degree}: Gauss rule not exact ({error})"
            );
        }
        let (_, error) = gauss_kronrod(&mut |x: f64| x.powi(14), -1.0, 1.0);
        assert!(error > 1e-6, "degree 14 is beyond the Gauss rule");
    }

    #[test]
    fn integrates_peaked_and_kinked_functions() {
        let narrow = |x: f64| (-(x - 0.3).powi(2) / (2.0 * 1e-6)).exp();
        let exact = (2.0 * std::f64::consts::PI * 1e-6).sqrt();
        let got = integrate(narrow, 0.0, 1.0, &[0.3], 1e-14);
        assert!((got - exact).abs() < 1e-12, "{got} vs {exact}");
        let kink = integrate(|x: f64| (x - 0.25).abs(), 0.0, 1.0, &[0.25], 1e-14);
        assert!((kink - (0.25f64.powi(2) + 0.75f64.powi(2)) / 2.0).abs() < 1e-13);
    }

    #[test]
    fn brent_finds_roots_to_the_requested_precision() {
        let root = brent(|x| x * x * x - 2.0, 0.0, 2.0, 1e-15);
        assert!((root - 2f64.cbrt()).abs() < 1e-14);
        assert_eq!(brent(|x| x, 0.0, 1.0, 1e-12), 0.0);
        // No sign change: the better end.
        assert_eq!(brent(|x| x + 1.0, 0.0, 1.0, 1e-12), 0.0);
    }

    #[test]
    fn normal_tail_and_quantile_agree() {
        let tail = normal_upper_tail(1.959_963_984_540_054);
        // statrs' erfc is good to about 1e-12 here: ample for p-values.
        assert!((tail - 0.025).abs() < 1e-11, "{tail:e}");
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-12);
        assert!(normal_upper_tail(10.0) > 0.0);
    }
}

#!/usr/bin/env python3
"""Held-out vectors for the catalog-part-2 vector functions and multiclass losses.

    python3 Benchmarks/heldout/part2_vector.py OUT.jsonl

Writes golden-format JSON Lines (the format of data/oracle/public-2.jsonl: value
and gradient as decimal strings of 45 significant digits, and `sens`, the
sum over the nonzero normal entries of the vector argument of the largest
change of each component when that entry moves one ulp up or down; labels,
parameters, zeros and subnormals held exact) for logsumexp, softmin,
sparsemax, nll, multiclass-perceptron, poly-cross-entropy, info-nce and
sparsemax-loss.

Independent of the Swift code: sparsemax and sparsemax-loss are computed in
exact rational arithmetic (Python's fractions) from the catalog's own
definitions (tau from the sorted cumulative sums; the loss in the catalog's
form -s_k + (1/2) sum_S (s_j^2 - tau^2) + 1/2, not the rewritten form the
implementation uses); the softmax family with mpmath at 80 digits, each
difference s_j - max s formed exactly as a fraction first (so spreads from
1e-300 to 1e300 and s / tau with tau = 1e-300 lose nothing), log S as
log1p of the exact sum of the non-maximal terms, and 1 - p_k as the sum of
the other terms (poly-1 with epsilon < 0: psi(c) = -log(1 - c) - c by its
series where c is tiny, as CE - c elsewhere, never through log1p(-c), which
loses everything when p_k = 1 - c is below 10^-80).

The inputs are wide on purpose: single entries, zeros, subnormals, the
normal-range edge, entries up to the largest Double (differences that
overflow), spreads over 600 decades, exact ties and ties within an ulp,
sparsemax's support boundary (an entry exactly at tau, and one ulp either
side), logsumexp where max + log S cancels, poly-1 with p_k within an ulp
of 1, info-nce with tau from 5e-324 to 1e300, plus seeded random vectors of
length 2 to 40 with log-uniform magnitudes.

Run against the implementation with
    LOSSATLAS_HELDOUT=OUT.jsonl swift test --skip-build --filter HeldOut
Needs only mpmath (written and run with mpmath 1.3.0, Python 3.11);
`make test` never runs it. Deterministic: the same file for the same
mpmath version.
"""
import json
import math
import random
import sys
from fractions import Fraction as F

import mpmath as mp

mp.mp.dps = 80
M = mp.mpf


# ---------------------------------------------------------------------------
# Exact helpers

def fr(x):
    """A Double as an exact fraction."""
    return F(x)


def to_mpf(q):
    """A fraction (or int) as an mpf at the working precision."""
    q = F(q)
    if q == 0:
        return M(0)
    return M(q.numerator) / M(q.denominator)


def softmax_pieces(v, tau=None):
    """For scores v (Doubles) and an optional temperature: the maximum m,
    the exact shifted differences d_j = (v_j - m) (fractions), the mpf
    exponents a_j = d_j / tau and the weights w_j = e^(a_j), and
    beside = sum of the weights but the first maximum's (exact 1)."""
    m = max(v)
    d = [fr(x) - fr(m) for x in v]
    t = fr(tau) if tau is not None else F(1)
    a = [to_mpf(x / t) for x in d]
    # e^-1e6 (10^-434294) is 0 to every printed digit and to every sum
    # beside the maximum's 1; mpmath's exp of -1e600 is slow, not wrong.
    w = [mp.exp(x) if x > -1e6 else M(0) for x in a]
    first = v.index(m)
    beside = mp.fsum(w[j] for j in range(len(v)) if j != first)
    return m, d, a, w, first, beside


# ---------------------------------------------------------------------------
# The mathematics of CATALOG.md part 2 (value, gradient dict)

def logsumexp(p, a):
    z = a["z"]
    m, d, _, w, first, beside = softmax_pieces(z)
    S = 1 + beside
    value = to_mpf(fr(m)) + mp.log1p(beside)
    return value, {"z": [x / S for x in w]}


def softmin(p, a):
    z = a["z"]
    neg = [-x for x in z]
    m, d, _, w, first, beside = softmax_pieces(neg)
    S = 1 + beside
    pr = [x / S for x in w]
    n = len(z)
    jac = [[-(pr[i] * ((1 if i == j else 0) - pr[j])) for j in range(n)] for i in range(n)]
    # The diagonal 1 - p_i as the sum of the others (no cancellation in mpf).
    for i in range(n):
        others = mp.fsum(w[j] for j in range(n) if j != i) / S
        jac[i][i] = -pr[i] * others
    return pr, {"z": jac}


def sparsemax_exact(z):
    """tau, the support and p as fractions, by the catalog's definition:
    sort decreasing, k = max{k : 1 + k z_(k) > sum_{j <= k} z_(j)}."""
    q = [fr(x) for x in z]
    srt = sorted(q, reverse=True)
    cum = F(0)
    k = 0
    ksum = F(0)
    for r, x in enumerate(srt, start=1):
        cum += x
        if 1 + r * x > cum:
            k = r
            ksum = cum
    tau = (ksum - 1) / k
    p = [max(x - tau, F(0)) for x in q]
    assert sum(p) == 1
    return tau, p


def sparsemax(p, a):
    z = a["z"]
    tau, pr = sparsemax_exact(z)
    support = [x > 0 for x in pr]
    n = len(z)
    size = sum(support)
    jac = [[(F(1 if i == j else 0) - F(1, size)) if (support[i] and support[j]) else F(0) for j in range(n)]
           for i in range(n)]
    return pr, {"z": jac}


def class_k(a):
    return a["s"], a["k"]


def nll(p, a):
    s, k = class_k(a)
    g = [F(0)] * len(s)
    g[k] = F(-1)
    return -fr(s[k]), {"s": g}


def multiclass_perceptron(p, a):
    s, k = class_k(a)
    m = max(s)
    first = s.index(m)
    g = [F(0)] * len(s)
    value = fr(m) - fr(s[k])
    if value > 0:
        g[first] = F(1)
        g[k] = F(-1)
    return value, {"s": g}


def ce_pieces(s, k, tau=None):
    """CE = (m - s_k)/tau + log S, p, and c = 1 - p_k as the sum of the others."""
    m, d, aa, w, first, beside = softmax_pieces(s, tau)
    S = 1 + beside
    t = fr(tau) if tau is not None else F(1)
    ce = to_mpf((fr(m) - fr(s[k])) / t) + mp.log1p(beside)
    pr = [x / S for x in w]
    c = mp.fsum(w[j] for j in range(len(s)) if j != k) / S
    return ce, pr, c


def psi(c, ce):
    """-log(1 - c) - c = sum_{n >= 2} c^n / n, where -log(1 - c) = ce, the
    cross-entropy formed from the exact differences (log1p(-c) itself would
    lose everything when p_k = 1 - c is below 10^-80)."""
    if c < M("1e-12"):
        return mp.fsum(c ** n / n for n in range(2, 12))
    return ce - c


def poly_cross_entropy(p, a):
    s, k = class_k(a)
    eps = M(p["epsilon"])
    ce, pr, c = ce_pieces(s, k)
    if eps >= 0:
        value = ce + eps * c
        factor = 1 + eps * pr[k]
    else:
        value = psi(c, ce) + (1 + eps) * c
        factor = (1 + eps) + (-eps) * c
    g = [pr[j] * factor for j in range(len(s))]
    g[k] = -c * factor
    return value, {"s": g}


def info_nce(p, a):
    s, k = class_k(a)
    tau = p["tau"]
    ce, pr, c = ce_pieces(s, k, tau)
    t = to_mpf(fr(tau))
    g = [x / t for x in pr]
    g[k] = -c / t
    return ce, {"s": g}


def sparsemax_loss(p, a):
    s, k = class_k(a)
    tau, pr = sparsemax_exact(s)
    q = [fr(x) for x in s]
    # The catalog's form, exactly.
    value = -q[k] + F(1, 2) * sum(x * x - tau * tau for x, pj in zip(q, pr) if pj > 0) + F(1, 2)
    g = list(pr)
    g[k] -= 1
    return value, {"s": g}


FUNCTIONS = {
    "logsumexp": logsumexp,
    "softmin": softmin,
    "sparsemax": sparsemax,
    "nll": nll,
    "multiclass-perceptron": multiclass_perceptron,
    "poly-cross-entropy": poly_cross_entropy,
    "info-nce": info_nce,
    "sparsemax-loss": sparsemax_loss,
}


# ---------------------------------------------------------------------------
# Formatting and sensitivities

def num(x):
    """A component as a decimal string of 45 significant digits."""
    if isinstance(x, F):
        x = to_mpf(x)
    if x == 0:
        return "0"
    return mp.nstr(x, 45, min_fixed=1, max_fixed=0, strip_zeros=False)


def shape_map(f, t):
    if isinstance(t, list):
        return [shape_map(f, u) for u in t]
    return f(t)


def as_mpf(t):
    return shape_map(lambda x: to_mpf(x) if isinstance(x, F) else M(x), t)


def flat(t):
    if isinstance(t, list):
        out = []
        for u in t:
            out.extend(flat(u))
        return out
    return [t]


def unflat(values, like):
    it = iter(values)

    def build(t):
        if isinstance(t, list):
            return [build(u) for u in t]
        return next(it)
    return build(like)


def sens3(x):
    return mp.nstr(x, 3, min_fixed=1, max_fixed=0) if x != 0 else "0.0"


def is_normal_nonzero(x):
    return x != 0 and abs(x) >= 2.2250738585072014e-308 and math.isfinite(x)


def line(fid, params, args):
    f = FUNCTIONS[fid]
    value, grad = f(params, args)
    value = as_mpf(value)
    grad = {key: as_mpf(t) for key, t in grad.items()}
    vec_name = "z" if "z" in args else "s"
    base = flat(value) + [u for key in grad for u in flat(grad[key])]
    sens = [M(0)] * len(base)
    vec = args[vec_name]
    for i, x in enumerate(vec):
        if not is_normal_nonzero(x):
            continue
        worst = [M(0)] * len(base)
        for y in (math.nextafter(x, math.inf), math.nextafter(x, -math.inf)):
            if not math.isfinite(y):
                continue
            moved = dict(args)
            moved[vec_name] = vec[:i] + [y] + vec[i + 1:]
            v2, g2 = f(params, moved)
            other = flat(as_mpf(v2)) + [u for key in grad for u in flat(as_mpf(g2[key]))]
            for c in range(len(base)):
                dlt = abs(other[c] - base[c])
                if dlt > worst[c]:
                    worst[c] = dlt
        sens = [sa + w for sa, w in zip(sens, worst)]
    nv = len(flat(value))
    sv = unflat([sens3(x) for x in sens[:nv]], value)
    sg = {}
    pos = nv
    for key in grad:
        n = len(flat(grad[key]))
        sg[key] = unflat([sens3(x) for x in sens[pos:pos + n]], grad[key])
        pos += n
    out = {
        "id": fid, "params": params, "args": args,
        "value": shape_map(num, value), "grad": {key: shape_map(num, t) for key, t in grad.items()},
        "sens": {"value": sv, "grad": sg},
    }
    return json.dumps(out)


# ---------------------------------------------------------------------------
# Inputs

BIG = 1.7976931348623157e308
TINY = 5e-324
LN2 = math.log(2)


def nu(x, n=1):
    for _ in range(abs(n)):
        x = math.nextafter(x, math.inf if n > 0 else -math.inf)
    return x


def hand_vectors():
    return [
        [0.0], [-0.0], [TINY], [-BIG], [BIG], [1e-300], [123.456],
        [0.0, 0.0], [1.0, nu(1.0)], [1.0, nu(1.0, -1)], [BIG, -BIG], [BIG, BIG], [-BIG, -BIG],
        [BIG, 0.0], [0.0, -BIG], [TINY, -TINY], [TINY, 0.0], [2.2250738585072014e-308, 0.0],
        [1e-300, -1e-300, 0.0], [1e300, 1e300, -1e300], [1e300, nu(1e300, -1)],
        [-LN2, -LN2], [-LN2, nu(-LN2, -5)], [nu(-LN2, 3), -LN2], [-math.log(3)] * 3,
        [-math.log(3), -math.log(3), nu(-math.log(3), 2)], [-math.log(10)] * 10,
        [-745.1, 0.0], [0.0, -745.1], [-744.0, 0.0, 0.0], [0.0, -800.0], [0.0, -1500.0],
        [-745.0, 0.0, 709.0], [709.78, -709.78], [710.0, 709.0, 0.0, 0.0, -5.0],
        [36.7, 0.0], [40.0, 0.0], [0.0, 40.0], [37.0, 37.0, 0.0], [1e-8, 0.0, -1e-8],
        [1e-150, -1e-130, 1e-110, -1e-90, 1e-70, -1e-50, 1e-30, -1e-10, 1e10, -1e30, 1e50, -1e70, 1e90, -1e110,
         1e130, -1e150],
        [1e154, -1e154, 1e-154], [1.3407807929942597e154, 0.0], [6.7e307, -6.7e307, 6.7e307],
        [0.1, 0.2, 0.3], [1.0, 2.0, 3.0], [3.0, 3.0, 2.0, 2.0], [1.0, 1.0, 1.0, 1.0, nu(1.0)],
        [2.5, 2.5, 2.5, -1.0], [0.25, 0.25, -0.5, -0.5],
        # sparsemax: an entry exactly at tau, and one ulp either side
        [1.5, 0.5, 0.5], [1.5, nu(0.5), 0.5], [1.5, 0.5, nu(0.5, -1)], [1.0, 0.0], [nu(1.0, -1), 0.0],
        [nu(1.0), 0.0], [2.0, 1.0, 0.0], [2.0, nu(1.0), 0.0], [2.0, nu(1.0, -1), 0.0],
        [1.0, 1.0 / 3, 1.0 / 3, 0.0], [0.75, 0.25, 0.0, -0.25], [1.0, 0.5, 0.0, -0.5, -1.0],
        [1e8, 1e8 - 0.5], [1e8, 1e8 - 0.25, 1e8 - 0.5], [1e16, 1e16, 1e16 - 2.0], [1e15 + 0.5, 1e15, 1e15 - 0.5],
        [1.152921504606847e18, 1.1529215046068467e18, 0.0], [4.5e15, nu(4.5e15, -1), nu(4.5e15, -2)],
        [1.0, 1.0 - 2.0 ** -30, 1.0 - 2.0 ** -29, 0.5, -0.5],
        [0.3, -1.2, 2.5, 0.0, -0.7, 1e-08, 7.0, 7.0, -3.25, 0.125, 11.0, -11.0, 2.0, 1e300, -1e300, TINY],
    ]


def random_vectors(rng, count):
    out = []
    for _ in range(count):
        n = rng.choice([2, 2, 3, 3, 4, 5, 7, 10, 16, 24])
        scale = 10 ** rng.uniform(-3, 3)
        kind = rng.random()
        v = []
        for _ in range(n):
            if kind < 0.6:
                x = rng.gauss(0, 1) * scale
            elif kind < 0.8:
                x = rng.choice([-1, 1]) * 10 ** rng.uniform(-320, 308)
            else:
                # clusters: many near-ties
                x = round(rng.gauss(0, 2)) * 0.25 + rng.choice([0, 0, 2 ** -52, -2 ** -50])
            v.append(float(x))
        out.append(v)
    return out


def main():
    path = sys.argv[1]
    rng = random.Random(20261206)
    vectors = hand_vectors() + random_vectors(rng, 60)
    lines = []
    poly_eps = [2.0, -1.0, -0.999, -0.5, 0.0, 0.3, 10.0, 1e6]
    taus = [0.1, 1e-4, 0.07, 1.0, 3.7, 1e10, 1e-300, TINY, 1e300]
    for v in vectors:
        for fid in ("logsumexp", "softmin", "sparsemax"):
            lines.append(line(fid, {}, {"z": v}))
        if len(v) < 2:
            continue
        ks = list(range(len(v))) if len(v) <= 3 else sorted({0, len(v) - 1, v.index(max(v)), rng.randrange(len(v))})
        for k in ks:
            for fid in ("nll", "multiclass-perceptron", "sparsemax-loss"):
                lines.append(line(fid, {}, {"s": v, "k": k}))
            for eps in (poly_eps if len(v) <= 3 else rng.sample(poly_eps, 3)):
                lines.append(line("poly-cross-entropy", {"epsilon": eps}, {"s": v, "k": k}))
            for tau in (taus if len(v) <= 3 else rng.sample(taus, 3)):
                lines.append(line("info-nce", {"tau": tau}, {"s": v, "k": k}))
            progress(lines)
    with open(path, "w") as out:
        for text in lines:
            out.write(text + "\n")
    print(f"{len(lines)} lines to {path} (mpmath {mp.__version__})")


def progress(lines):
    print(f"{len(lines)} lines", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()

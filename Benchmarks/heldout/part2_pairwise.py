#!/usr/bin/env python3
"""Held-out vectors for the catalog-part-2 pairwise, embedding, overlap and
regression losses (p2-pairwise).

    python3 Benchmarks/heldout/part2_pairwise.py OUT.jsonl [SEED]

Writes golden-format JSON Lines (the format of data/oracle/public-2.jsonl: value
and gradient as decimal strings of 45 significant digits, or "inf" /
"-inf", and `sens`: for each component, the sum over the nonzero normal
real inputs (every element of a vector counts; labels, parameters, zeros
and subnormals held exact) of the largest change of that component when
the input moves one ulp up or down inside its domain) for perceptron,
margin-ranking, hinge-embedding, cosine-embedding, triplet-margin, dice,
tversky, mape and msle.

The exact values are computed, not approximated where it matters: every
sum and product of the inputs is an exact rational (fractions.Fraction),
so the Gram determinant |a|^2 |b|^2 - (a.b)^2 of nearly parallel vectors,
(a.b)^2 - m^2 |a|^2 |b|^2 at a cosine margin, the numerators of dice and
tversky and 100 |r| / |y| are exact; only square roots and logarithms are
taken with mpmath (200 significant digits, log1p of the exact quotient
(yhat - y) / (1 + y) for msle), and the kinks (L > 0 or not) are decided
on exact rationals (for triplet-margin by comparing squares).

The inputs are wide on purpose: zeros, subnormals (alone and mixed with
1e300), huge components up to the largest Double, ties and one-ulp
neighbours of every kink, nearly parallel and anti-parallel vectors,
exactly parallel subnormal vectors, cosines one ulp from the margin,
empty and perfect masks, y = 1e8 against yhat = y + 1 for msle, subnormal
targets for mape, plus seeded random points.

Run against the implementation with
    LOSSATLAS_HELDOUT=OUT.jsonl swift test --skip-build --filter HeldOut
Needs only mpmath (written and run with mpmath 1.3.0, Python 3.11.7);
`make test` never runs it. Deterministic: the same file for the same seed
(default 2026) and mpmath version.
"""
import json
import math
import random
import sys
from fractions import Fraction as Q

import mpmath as mp

mp.mp.dps = 200
M = mp.mpf
TINY = 5e-324
MAX = sys.float_info.max


def mpq(x):
    """An exact rational as an mpf (200 digits)."""
    x = Q(x)
    return M(x.numerator) / M(x.denominator)


def sqrtq(x):
    return mp.sqrt(mpq(x))


def sgn(x):
    return (x > 0) - (x < 0)


# ---------------------------------------------------------------------------
# The mathematics of CATALOG.md part 2. Each function takes (params, args)
# with args as Python floats / lists and returns (value, grad) with grad a
# dict of mpf or lists of mpf (the catalog's subgradients at kinks).

def perceptron(p, a):
    s, y = Q(a["s"]), Q(a["y"])
    t = y * s
    if t < 0:
        return mpq(-t), {"s": mpq(-y)}
    return M(0), {"s": M(0)}


def margin_ranking(p, a):
    x1, x2, y, m = Q(a["x1"]), Q(a["x2"]), Q(a["y"]), Q(p["margin"])
    e = -y * (x1 - x2) + m
    if e > 0:
        return mpq(e), {"x1": mpq(-y), "x2": mpq(y)}
    return M(0), {"x1": M(0), "x2": M(0)}


def hinge_embedding(p, a):
    x, y, m = Q(a["x"]), Q(a["y"]), Q(p["margin"])
    if y == 1:
        return mpq(x), {"x": M(1)}
    if x < m:
        return mpq(m - x), {"x": M(-1)}
    return M(0), {"x": M(0)}


def cosine_embedding(p, a):
    u = [Q(v) for v in a["a"]]
    v = [Q(w) for w in a["b"]]
    y, m = Q(a["y"]), Q(p["margin"])
    A = sum(x * x for x in u)
    B = sum(x * x for x in v)
    D = sum(x * w for x, w in zip(u, v))
    s = sqrtq(A * B)
    G = A * B - D * D  # >= 0, exact
    if y == 1:
        slope = -1
        if D <= 0:
            value = 1 + mpq(-D) / s
        else:
            value = mpq(G) / (s * (s + mpq(D)))
    else:
        # c > m decided exactly: sign(D - m s) from D and D^2 - m^2 A B.
        num = D * D - m * m * A * B
        if m == 0:
            active = D > 0
        elif m > 0:
            active = D > 0 and num > 0
        else:
            active = D >= 0 or num < 0
        if not active:
            value, slope = M(0), 0
        elif m == 0 or (m < 0 and D >= 0):
            value, slope = mpq(D) / s - mpq(m), 1
        else:
            value, slope = abs(mpq(num)) / (s * (abs(mpq(D)) + abs(mpq(m)) * s)), 1
    ga, gb = [], []
    for i in range(len(u)):
        ga.append(slope * mpq(A * v[i] - D * u[i]) / (mpq(A) * s) if slope else M(0))
        gb.append(slope * mpq(B * u[i] - D * v[i]) / (mpq(B) * s) if slope else M(0))
    return value, {"a": ga, "b": gb}


def triplet_margin(p, a):
    u = [Q(v) for v in a["a"]]
    P = [Q(v) for v in a["p"]]
    N = [Q(v) for v in a["n"]]
    m = Q(p["margin"])
    DP = sum((x - w) ** 2 for x, w in zip(u, P))
    DN = sum((x - w) ** 2 for x, w in zip(u, N))
    # excess = sqrt(DP) - sqrt(DN) + m > 0  <=>  2 m sqrt(DP) > R, R = DN - DP - m^2 (m > 0).
    R = DN - DP - m * m
    active = R < 0 or 4 * m * m * DP > R * R
    n = len(u)
    if not active:
        return M(0), {"a": [M(0)] * n, "p": [M(0)] * n, "n": [M(0)] * n}
    dp, dn = sqrtq(DP), sqrtq(DN)
    # d_p - d_n = (DP - DN) / (d_p + d_n): the exact numerator keeps the
    # digits two nearly equal distances share beyond 200.
    value = (mpq(DP - DN) / (dp + dn) if DP or DN else M(0)) + mpq(m)
    up = [mpq(x - w) / dp if DP else M(0) for x, w in zip(u, P)]
    un = [mpq(x - w) / dn if DN else M(0) for x, w in zip(u, N)]
    ga = []
    for i in range(n):
        Pi, Ni = u[i] - P[i], u[i] - N[i]
        if DP and DN and Pi * Ni > 0:
            # u_p,i - u_n,i = (P_i^2 DN - N_i^2 DP) / (d_p d_n (|P_i| d_n + |N_i| d_p)) (same signs), exact numerator
            g = mpq(Pi * Pi * DN - Ni * Ni * DP) / (dp * dn * (mpq(abs(Pi)) * dn + mpq(abs(Ni)) * dp))
            ga.append(g if Pi > 0 else -g)
        else:
            ga.append(up[i] - un[i])
    return value, {"a": ga, "p": [-x for x in up], "n": un}


def dice(p, a):
    P = [Q(v) for v in a["p"]]
    Y = [Q(v) for v in a["y"]]
    s = Q(p["smooth"])
    I = sum(x * w for x, w in zip(P, Y))
    den = sum(P) + sum(Y) + s
    num = sum(P) + sum(Y) - 2 * I
    value = mpq(num / den)
    grad = [mpq(-(2 * w * den - (2 * I + s)) / (den * den)) for w in Y]
    return value, {"p": grad}


def tversky(p, a):
    P = [Q(v) for v in a["p"]]
    Y = [Q(v) for v in a["y"]]
    al, be, s = Q(p["alpha"]), Q(p["beta"]), Q(p["smooth"])
    T = sum(x * w for x, w in zip(P, Y))
    F = sum(x * (1 - w) for x, w in zip(P, Y))
    N = sum((1 - x) * w for x, w in zip(P, Y))
    E = al * F + be * N
    D = T + E + s
    value = mpq(E / D)
    grad = [mpq(((al * (1 - w) - be * w) * (T + s) - w * E) / (D * D)) for w in Y]
    return value, {"p": grad}


def mape(p, a):
    yh, y = Q(a["yhat"]), Q(a["y"])
    r = yh - y
    return mpq(100 * abs(r) / abs(y)), {"yhat": mpq(100 * sgn(r) / abs(y))}


def msle(p, a):
    yh, y = Q(a["yhat"]), Q(a["y"])
    q = (yh - y) / (1 + y)  # exact; delta = log1p(q) = log((1 + yhat) / (1 + y))
    d = mp.log1p(mpq(q)) if abs(q) < Q(1, 2) else mp.log(mpq((1 + yh) / (1 + y)))
    return d * d, {"yhat": 2 * d / mpq(1 + yh)}


FUNCTIONS = {
    "perceptron": perceptron, "margin-ranking": margin_ranking, "hinge-embedding": hinge_embedding,
    "cosine-embedding": cosine_embedding, "triplet-margin": triplet_margin, "dice": dice, "tversky": tversky,
    "mape": mape, "msle": msle,
}

# Arguments never moved for sens (labels), and the domain of the moved ones.
LABELS = {"perceptron": {"y"}, "margin-ranking": {"y"}, "hinge-embedding": {"y"}, "cosine-embedding": {"y"}}


def in_domain(fid, name, x):
    if not math.isfinite(x):
        return False
    if fid in ("dice", "tversky"):
        return 0 <= x <= 1
    if fid == "msle":
        return x > -1
    if fid == "mape" and name == "y":
        return x != 0
    return True


def valid(fid, p, a):
    """Whether the inputs are inside the domain (no zero denominator, no
    zero vector, lengths equal)."""
    if fid == "cosine-embedding":
        return len(a["a"]) == len(a["b"]) and any(a["a"]) and any(a["b"])
    if fid == "dice":
        return sum(Q(v) for v in a["p"]) + sum(Q(v) for v in a["y"]) + Q(p["smooth"]) > 0
    if fid == "tversky":
        P = [Q(v) for v in a["p"]]
        Y = [Q(v) for v in a["y"]]
        T = sum(x * w for x, w in zip(P, Y))
        F = sum(x * (1 - w) for x, w in zip(P, Y))
        N = sum((1 - x) * w for x, w in zip(P, Y))
        return T + Q(p["alpha"]) * F + Q(p["beta"]) * N + Q(p["smooth"]) > 0
    for k, v in a.items():
        for x in (v if isinstance(v, list) else [v]):
            if not in_domain(fid, k, x):
                return False
    return True


# ---------------------------------------------------------------------------
# Output

def flat(value, grad):
    out = [value]
    for k in sorted(grad):
        g = grad[k]
        out.extend(g if isinstance(g, list) else [g])
    return out


def text(x):
    if mp.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    return mp.nstr(x, 45, min_fixed=-1, max_fixed=-1) if abs(x) > 0 else "0"


def sens_text(x):
    if x == 0:
        return "0.0"
    return mp.nstr(x, 3, min_fixed=-1, max_fixed=-1)


def line(fid, p, a):
    f = FUNCTIONS[fid]
    value, grad = f(p, a)
    base = flat(value, grad)
    total = [M(0)] * len(base)
    for name, arg in a.items():
        if name in LABELS.get(fid, ()):
            continue
        items = arg if isinstance(arg, list) else [arg]
        for i, x in enumerate(items):
            if x == 0 or not math.isfinite(x) or abs(x) < sys.float_info.min:
                continue
            worst = [M(0)] * len(base)
            for moved in (math.nextafter(x, math.inf), math.nextafter(x, -math.inf)):
                if not in_domain(fid, name, moved):
                    continue
                b = dict(a)
                if isinstance(arg, list):
                    b[name] = list(arg)
                    b[name][i] = moved
                else:
                    b[name] = moved
                if not valid(fid, p, b):
                    continue
                other = flat(*f(p, b))
                worst = [max(w, abs(o - e)) for w, o, e in zip(worst, other, base)]
            total = [t + w for t, w in zip(total, worst)]
    k = 1
    gtext, stext = {}, {}
    for key in sorted(grad):
        g = grad[key]
        if isinstance(g, list):
            gtext[key] = [text(x) for x in g]
            stext[key] = [sens_text(x) for x in total[k:k + len(g)]]
            k += len(g)
        else:
            gtext[key] = text(g)
            stext[key] = sens_text(total[k])
            k += 1
    return {"id": fid, "params": p, "args": a, "value": text(value), "grad": gtext,
            "sens": {"value": sens_text(total[0]), "grad": stext}}


# ---------------------------------------------------------------------------
# Inputs

def loguniform(rng, lo=-320, hi=300):
    return 10 ** rng.uniform(lo, hi)


def signed(rng, x):
    return x if rng.random() < 0.5 else -x


SPECIAL = [0.0, TINY, -TINY, 1e-310, -1e-310, 2.2250738585072014e-308, 1e-300, -1e-300, 1e-8, 0.5, 1.0, -1.0,
           3.0, 1e8, 1e16, 1e154, 1e300, -1e300, MAX, -MAX]


def scalar_pairs(rng, n):
    out = [(x, y) for x in SPECIAL for y in SPECIAL[::3]]
    for _ in range(n):
        x = signed(rng, loguniform(rng))
        kind = rng.random()
        if kind < 0.3:
            y = x
        elif kind < 0.6:
            y = math.nextafter(x, math.inf if rng.random() < 0.5 else -math.inf)
        else:
            y = signed(rng, loguniform(rng))
        out.append((x, y))
    return out


def vector(rng, n, lo=-320, hi=300, zeros=0.1):
    return [0.0 if rng.random() < zeros else signed(rng, loguniform(rng, lo, hi)) for _ in range(n)]


def nudged(rng, v, count=1):
    w = list(v)
    for _ in range(count):
        i = rng.randrange(len(w))
        w[i] = math.nextafter(w[i], math.inf if rng.random() < 0.5 else -math.inf)
    return w


def cosine_inputs(rng):
    out = []
    margins = [0, 0.5, -0.5, 1, -1, 0.3]
    for _ in range(260):
        n = rng.choice([1, 2, 3, 5, 16, 64])
        kind = rng.random()
        if kind < 0.25:
            a = vector(rng, n)
            b = vector(rng, n)
        elif kind < 0.45:  # nearly parallel or anti-parallel, moderate
            a = vector(rng, n, -3, 3, 0)
            lam = signed(rng, 10 ** rng.uniform(-5, 5))
            b = nudged(rng, [lam * x for x in a], rng.choice([1, 2, n]))
        elif kind < 0.55:  # nearly parallel, extreme scales
            a = vector(rng, n, -310, 300, 0)
            b = nudged(rng, list(a), 1)
        elif kind < 0.65:  # subnormal vectors, exactly parallel or not
            base = [rng.randint(-40, 40) for _ in range(n)]
            if not any(base):
                base[0] = 1
            k = rng.randint(1, 5)
            a = [x * TINY for x in base]
            b = [k * x * TINY for x in base] if rng.random() < 0.5 else [rng.randint(-40, 40) * TINY for _ in range(n)]
        elif kind < 0.8:  # one component tiny beside a huge one
            a = [signed(rng, 1e300), signed(rng, 1e-300)] + vector(rng, n - 1 if n > 1 else 0, -5, 5, 0.5)[: max(0, n - 2)]
            b = [signed(rng, 1e-300), signed(rng, 1e300)] + vector(rng, n - 1 if n > 1 else 0, -5, 5, 0.5)[: max(0, n - 2)]
            a, b = a[:max(n, 2)], b[:max(n, 2)]
        else:  # a cosine one ulp from the margin
            m = rng.choice([0.5, -0.5, 0.3])
            t = math.acos(m)
            a = [math.cos(t), math.sin(t)]
            b = [1.0, 0.0]
            a = nudged(rng, a, 1)
            out.append(({"margin": m}, {"a": a, "b": b, "y": -1.0}))
            continue
        for y in (1.0, -1.0):
            out.append(({"margin": rng.choice(margins)}, {"a": a, "b": b, "y": y}))
    # The kink constructions of the public file, shifted.
    for m, last in ((0.5, 0.9999999999999999), (0.5, 1.0000000000000002), (-0.5, 1.0000000000000002)):
        for s in (1e-300, 1.0, 1e300):
            out.append(({"margin": m}, {"a": [s, s, s, s * last], "b": [s if m > 0 else -s, 0.0, 0.0, 0.0], "y": -1.0}))
    return out


def triplet_inputs(rng):
    out = []
    margins = [1, 0.5, 2, 1e-300, 1e300]
    for _ in range(300):
        n = rng.choice([1, 2, 3, 5, 16])
        kind = rng.random()
        m = rng.choice(margins)
        if kind < 0.3:
            a, p, q = vector(rng, n), vector(rng, n), vector(rng, n)
        elif kind < 0.5:  # moderate, a tie nudged: |a - n| = |a - p| + m
            a = vector(rng, n, -2, 2, 0)
            p = vector(rng, n, -2, 2, 0)
            dp = math.sqrt(sum((x - w) ** 2 for x, w in zip(a, p)))
            q = list(a)
            q[0] = a[0] + (dp + (m if m < 1e10 else 1))
            q = nudged(rng, q, 1) if rng.random() < 0.7 else q
        elif kind < 0.6:  # zero differences
            a = vector(rng, n, -5, 5, 0.2)
            p = list(a) if rng.random() < 0.5 else vector(rng, n, -5, 5, 0.2)
            q = list(a) if rng.random() < 0.5 else vector(rng, n, -5, 5, 0.2)
        elif kind < 0.75:  # overflowing differences
            a = [signed(rng, MAX * rng.uniform(0.5, 1)) for _ in range(n)]
            p = [-x for x in a] if rng.random() < 0.5 else [signed(rng, MAX * rng.uniform(0.5, 1)) for _ in range(n)]
            q = vector(rng, n, 280, 308, 0.2)
        else:  # subnormal and tiny
            a = [rng.randint(-50, 50) * TINY for _ in range(n)]
            p = [rng.randint(-50, 50) * TINY for _ in range(n)]
            q = vector(rng, n, -320, -290, 0.3)
        out.append(({"margin": m}, {"a": a, "p": p, "n": q}))
    return out


def mask(rng, n, kind):
    if kind == "uniform":
        return [rng.random() for _ in range(n)]
    if kind == "binary":
        return [float(rng.random() < 0.5) for _ in range(n)]
    if kind == "near-one":
        return [1 - 2 ** -rng.randint(1, 53) for _ in range(n)]
    if kind == "tiny":
        return [loguniform(rng, -323, -1) for _ in range(n)]
    if kind == "empty":
        return [0.0] * n
    return [rng.choice([0.0, 1.0, 1 - 2 ** -53, TINY, 1e-300, 0.5]) for _ in range(n)]


def overlap_inputs(rng, fid):
    out = []
    kinds = ["uniform", "binary", "near-one", "tiny", "empty", "mixed"]
    smooths = [1, 0, 1e-5, 1e-300, 1e300, 0.5]
    weights = [(0.3, 0.7), (0.5, 0.5), (0, 1), (1, 0), (2, 3), (1e-300, 1), (1e300, 0.5)]
    for _ in range(320):
        n = rng.choice([1, 2, 3, 8, 64])
        y = mask(rng, n, rng.choice(kinds))
        r = rng.random()
        if r < 0.2:
            p = list(y)  # a perfect mask
        elif r < 0.35:
            p = [min(1.0, max(0.0, math.nextafter(v, 1 if rng.random() < 0.5 else 0))) for v in y]
        else:
            p = mask(rng, n, rng.choice(kinds))
        params = {"smooth": rng.choice(smooths)}
        if fid == "tversky":
            al, be = rng.choice(weights)
            params = {"alpha": al, "beta": be, "smooth": params["smooth"]}
        out.append((params, {"p": p, "y": y}))
    return out


def generate(seed):
    rng = random.Random(seed)
    cases = []
    for s, y in scalar_pairs(rng, 60):
        for lab in (1.0, -1.0):
            cases.append(("perceptron", {}, {"s": s, "y": lab}))
    for x1, x2 in scalar_pairs(rng, 120):
        m = rng.choice([0, 0.5, -1, 1e-300, 1e300, -1e300, 2])
        cases.append(("margin-ranking", {"margin": m}, {"x1": x1, "x2": x2, "y": rng.choice([1.0, -1.0])}))
    for m in (0, 0.5, -1, 1e-300, 3):  # the kink x1 - x2 = -m y with its neighbours
        for x2 in (0.0, 1.0, -1e10, 1e-300):
            for y in (1.0, -1.0):
                x1 = x2 + m / y if True else 0
                for x in (x1, math.nextafter(x1, math.inf), math.nextafter(x1, -math.inf)):
                    cases.append(("margin-ranking", {"margin": m}, {"x1": x, "x2": x2, "y": y}))
    for m in (1, 0.5, 2, 1e-300, 1e300, 3.7):
        for x in SPECIAL + [m, math.nextafter(m, 0), math.nextafter(m, math.inf)] + [signed(rng, loguniform(rng)) for _ in range(20)]:
            for y in (1.0, -1.0):
                cases.append(("hinge-embedding", {"margin": m}, {"x": x, "y": y}))
    for p, a in cosine_inputs(rng):
        cases.append(("cosine-embedding", p, a))
    for p, a in triplet_inputs(rng):
        cases.append(("triplet-margin", p, a))
    for fid in ("dice", "tversky"):
        for p, a in overlap_inputs(rng, fid):
            cases.append((fid, p, a))
    for yh, y in scalar_pairs(rng, 200):
        if y != 0:
            cases.append(("mape", {}, {"yhat": yh, "y": y}))
    msle_points = [-1 + 2 ** -53, -1 + 2 ** -52, -0.9999999, -0.5, -1e-300, -TINY, 0.0, TINY, 1e-300, 1e-8, 1, 1e8,
                   1e8 + 1, 1e8 + 1.5, 1e16, 1e300, MAX]
    pairs = [(x, y) for x in msle_points for y in msle_points]
    for _ in range(250):
        y = rng.choice([-1 + 2 ** -rng.randint(1, 53), loguniform(rng, -320, 300), rng.uniform(-1, 10)])
        yh = rng.choice([y, math.nextafter(y, math.inf), y * (1 + 1e-9), loguniform(rng, -320, 300),
                         -1 + 2 ** -rng.randint(1, 53)])
        pairs.append((yh, y))
    for yh, y in pairs:
        if yh > -1 and y > -1:
            cases.append(("msle", {}, {"yhat": yh, "y": y}))
    return cases


def main():
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    written = 0
    with open(out, "w") as f:
        for fid, p, a in generate(seed):
            if not valid(fid, p, a):
                continue
            f.write(json.dumps(line(fid, p, a)) + "\n")
            written += 1
    print(f"{written} lines written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

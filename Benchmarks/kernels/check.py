#!/usr/bin/env python3
"""Accuracy of the tuned kernels against mpmath (issue 10, section 4).

Runs `jet-dump view <id>` (Benchmarks/Sources/jet-dump) on a dense grid of the
view's plot range plus hard points (boundaries of the fast paths, the minimum,
neighbours of special values) and compares value, f' and f'' with mpmath at
120 digits. Prints, per binary and per component, the worst error in ulps of
the exact value and the number of points over 4 ulp that the accuracy rule's
2 * sens clause (sens: the change of the exact result when x moves by one
ulp) does not cover; f'' is held to the same rule here, though the golden
vectors do not hold it.

    python check.py <id> <jet-dump binary> [<another binary> ...]
    python check.py msle-eval <binary> ...   # msle (or mape-eval: mape) at (yhat, y) pairs, value and gradient

Needs mpmath (a venv under /tmp; `make test` never runs this).
"""
import random
import struct
import subprocess
import sys

import mpmath as mp

mp.mp.dps = 120


def sigma(x):
    return 1 / (1 + mp.exp(-x))


def msle(x, y=0):
    d = mp.log(1 + x) - mp.log(1 + y)
    return d * d, 2 * d / (1 + x), 2 * (1 - d) / (1 + x) ** 2


def log_cosh(x):
    return mp.log(mp.cosh(x)), mp.tanh(x), mp.sech(x) ** 2


def kl_slice(x):
    p0, p1 = sigma(x), sigma(-x)
    v = mp.mpf(0.75) * mp.log(mp.mpf(0.75) / p0) + mp.mpf(0.25) * mp.log(mp.mpf(0.25) / p1)
    return v, p0 - mp.mpf(0.75), p0 * p1


def focal(z, gamma=2, alpha=0.25):
    # y = 1: u = z, L = alpha sigma(-u)^gamma softplus(-u) and its derivatives
    # (CATALOG.md; the closed forms of Focal.carefulJet's note).
    u = z
    sp = mp.log(1 + mp.exp(-u))
    a, b = sigma(u), sigma(-u)
    g, al = mp.mpf(gamma), mp.mpf(alpha)
    v = al * b**g * sp
    d1 = -al * b**g * (g * a * sp + b)
    d2 = al * b**g * a * (g * g * a * sp - g * b * sp + (2 * g + 1) * b)
    return v, d1, d2


def cosine_angle(t):
    return 1 - mp.cos(t), mp.sin(t), mp.cos(t)


def mape(x, y=1):
    r = mp.mpf(x) - mp.mpf(y)
    return 100 * abs(r) / abs(mp.mpf(y)), (100 / abs(mp.mpf(y))) * mp.sign(r), mp.mpf(0)


def ulp(x):
    x = abs(float(x))
    if x == 0:
        return 2.0**-1074
    return max(mp.mpf(2) ** (mp.floor(mp.log(x, 2)) - 52), mp.mpf(2) ** -1074)


def exact_double(v):
    return float(v) if abs(v) < 1.8e308 else float("inf")


def grid(lo, hi, n):
    return [lo + (hi - lo) * i / (n - 1) for i in range(n)]


def around(points):
    out = []
    for b in points:
        for x in (b, b * (1 + 1e-9), b * (1 - 1e-9), b * (1 + 1e-4), b * (1 - 1e-4)):
            out.append(float(x))
        f = float(b)
        import math
        out += [math.nextafter(f, math.inf), math.nextafter(f, -math.inf)]
    return out


random.seed(10)
CASES = {
    # id: (reference, plot range, hard points)
    "msle": (msle, (-0.9, 6), around([2.0**-20, -2.0**-20, 2.0**-19, 1e-3, -1e-3, 0.5, -0.5, 1.718281828459045,
                                      -0.632120558828558, -0.9, -0.99, -0.999999, 1e3, 1e6, 1e100, 2.0**499])
             + [random.uniform(-1, 1) * 10 ** random.uniform(-7, 0) for _ in range(4000)]),
    "log-cosh": (log_cosh, (-3, 3), around([0.0625, 0.7, 0.25, 1e-3, 18, 19, 40, 700, 1e-200])
                 + [random.uniform(-1, 1) * 10 ** random.uniform(-3, 1.5) for _ in range(4000)]),
    "kl-div": (kl_slice, (-6, 6), around([1.0986122886681098, 1.0986122886681098 + 1.5, 1.0986122886681098 - 1.5,
                                          1.0986122886681098 + 0.5, 1.0986122886681098 - 0.59, 3, 6, 40, -40, 0.1])
               + [1.0986122886681098 + random.uniform(-1, 1) * 10 ** random.uniform(-12, 0.7) for _ in range(4000)]),
    "focal": (focal, (-6, 6), around([2.0**-60, 1e-8, 0.25, 1, 3, 10, 36, 39.99, 40]) + [-x for x in around([1e-8, 0.25, 1, 3, 10, 36, 39.99, 40])]
              + [random.uniform(-40, 40) for _ in range(3000)] + [random.uniform(-1, 1) * 10 ** random.uniform(-9, 0) for _ in range(2000)]),
    "cosine-embedding": (cosine_angle, (-3.141592653589793, 3.141592653589793),
                         around([1e-8, 1e-3, 0.5, 1.5707963267948966, 3.141592653589793, 2.0943951023931957])
                         + [random.uniform(-1, 1) * 10 ** random.uniform(-8, 0.5) for _ in range(3000)]),
    "mape": (mape, (-1, 3), around([1, 0.5, 2, 1e-10]) + [1 + random.uniform(-1, 1) * 10 ** random.uniform(-15, 0) for _ in range(3000)]),
}


def run(binary, mode, ident, xs):
    text = "\n".join(repr(x) for x in xs) + "\n"
    out = subprocess.run([binary, mode, ident], input=text, capture_output=True, text=True, check=True).stdout
    return [list(map(float, line.split())) for line in out.splitlines()]


def pairs(ident):
    """(yhat, y) pairs for the two-argument check: y over many binades (tiny,
    huge, near -1 for msle), yhat near y, far from it, and at random."""
    rnd = random.Random(11)
    out = []
    for _ in range(6000):
        if ident == "msle":
            y = rnd.choice([-1 + 10 ** rnd.uniform(-15, 0), 10 ** rnd.uniform(-300, 300), rnd.uniform(-0.99, 10)])
            k = rnd.random()
            yhat = (y + (1 + y) * rnd.uniform(-1, 1) * 10 ** rnd.uniform(-17, 0) if k < 0.5
                    else -1 + (1 + y) * 10 ** rnd.uniform(-15, 15))
            if yhat <= -1:
                continue
        else:
            y = rnd.choice([-1, 1]) * 10 ** rnd.uniform(-310, 308)
            k = rnd.random()
            yhat = y * (1 + rnd.uniform(-1, 1) * 10 ** rnd.uniform(-16, 0)) if k < 0.5 else y * rnd.uniform(-1e3, 1e3)
        if abs(yhat) < 1.7e308 and abs(y) < 1.7e308 and y != 0:
            out.append((yhat, y))
    if ident == "mape":
        # Targets with few significant bits make exact ties (a quotient on the
        # midpoint of two Doubles) common: 100 (14.964 + 7.25) / 7.25 is one.
        for y in (7.25, -7.25, 1.5, 3.0, 0.1, 12345.678):
            out += [(y * (-3 + k * 0.003), y) for k in range(2001)]
    return out


def main_eval(ident, binaries):
    ps = pairs(ident)
    ref = msle if ident == "msle" else mape
    exact = []
    for yhat, y in ps:
        v = ref(mp.mpf(yhat), mp.mpf(y))
        # sens: both inputs moved by one ulp, summed (CATALOG.md).
        sens = [mp.mpf(0), mp.mpf(0)]
        for dy_hat, dy in ((ulp(yhat) if yhat else 0, 0), (0, ulp(y) if y else 0)):
            if dy_hat or dy:
                w = ref(mp.mpf(yhat) + dy_hat, mp.mpf(y) + dy)
                sens = [sens[0] + abs(w[0] - v[0]), sens[1] + abs(w[1] - v[1])]
        exact.append((v, sens))
    text = "\n".join(f"yhat={yhat!r} y={y!r}" for yhat, y in ps) + "\n"
    for binary in binaries:
        out = subprocess.run([binary, "eval", ident, "yhat"], input=text, capture_output=True, text=True, check=True).stdout
        worst, where, fails = [0.0, 0.0], [None, None], [0, 0]
        ties, odd_ties = 0, 0  # exact midpoints, and those not rounded to even
        for (vals, sens), p, line in zip(exact, ps, out.splitlines()):
            row = line.split()
            if row[0] == "error":
                fails = [f + 1 for f in fails]
                continue
            for k in range(2):
                c = float(row[k])
                e = vals[k]
                if mp.isinf(mp.mpf(c)) or abs(e) > 1.79e308:
                    if not (abs(e) > 1.7976931348623157e308 and c == float("inf") * (1 if e > 0 else -1)):
                        fails[k] += 1
                    continue
                err = abs(mp.mpf(c) - e)
                u = float(err / ulp(e))
                if u > worst[k]:
                    worst[k], where[k] = u, p
                if k == 0 and e != 0 and err == ulp(c) / 2 and abs(e) > 2.0**-1000:
                    ties += 1
                    odd_ties += struct.unpack("<q", struct.pack("<d", c))[0] & 1
                if err > max(4 * ulp(e), 2 * sens[k]):
                    fails[k] += 1
        print(f"{ident} (yhat, y) {binary}: {len(ps)} pairs; value on an exact tie: {ties}, not rounded to even: {odd_ties}")
        for k, name in enumerate(["value", "grad"]):
            print(f"  {name:5} worst {worst[k]:.3f} ulp at {where[k]!r}; outside the rule: {fails[k]}")


def main():
    ident, binaries = sys.argv[1], sys.argv[2:]
    if ident.endswith("-eval"):
        return main_eval(ident[:-5], binaries)
    ref, (lo, hi), hard = CASES[ident]
    xs = grid(lo, hi, 20001) + [x for x in hard if lo - 1e-12 <= x <= hi or ident in ("msle", "log-cosh", "kl-div", "focal")]
    xs = [x for x in xs if not (ident == "msle" and x <= -1)]
    exact = []
    for x in xs:
        mx = mp.mpf(x)
        vals = ref(mx)
        # sens: the change of each exact component when x moves by one ulp.
        step = ulp(x) if x != 0 else 0
        if step:
            up = ref(mx + step)
            sens = [abs(a - b) for a, b in zip(up, vals)]
        else:
            sens = [0, 0, 0]
        exact.append((vals, sens))
    for binary in binaries:
        rows = run(binary, "view", ident, xs)
        worst = [0.0, 0.0, 0.0]
        where = [None, None, None]
        fails = [0, 0, 0]
        for (vals, sens), row in zip(exact, rows):
            for k in range(3):
                c = row[1 + k]
                e = vals[k]
                err = abs(mp.mpf(c) - e)
                u = err / ulp(e)
                if u > worst[k]:
                    worst[k], where[k] = float(u), row[0]
                if err > max(4 * ulp(e), 2 * sens[k]):
                    fails[k] += 1
        names = ["value", "f'", "f''"]
        print(f"{ident} {binary}: {len(rows)} points")
        for k in range(3):
            print(f"  {names[k]:5} worst {worst[k]:.3f} ulp at x = {where[k]!r}; outside the rule: {fails[k]}")


if __name__ == "__main__":
    main()

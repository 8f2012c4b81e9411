#!/usr/bin/env python3
"""Held-out vectors for the catalog-part-2 scalar activations and gated units.

    python3 Benchmarks/heldout/part2_scalar.py OUT.jsonl [D2.txt]

Writes golden-format JSON Lines (the format of data/oracle/public-2.jsonl: value
and gradient as decimal strings of 45 significant digits, and `sens`, the
sum over the nonzero normal real arguments of the largest change of each
component when that argument moves one ulp up or down) for celu, hardshrink,
softshrink, tanhshrink, threshold, squareplus, sparse-plus, sparse-sigmoid,
glu, reglu, geglu and swiglu, computed with mpmath at 80 digits (more where
x - tanh x cancels). Optionally also lines `id parameter x f'' sens` for
LOSSATLAS_HELDOUT_D2 (the scalar activations with one parameter or none).

The inputs are wide on purpose: zeros, subnormals, the normal-range edge,
huge values up to the largest Double, the kinks and their neighbours, the
traps of CATALOG.md (tanhshrink near 0 and at the series boundary 0.3,
squareplus for x < 0 and where x^2 overflows, celu with alpha that is not
a float32 number), gated units with |a| up to 1.8e308 times gates below the
normal range, plus 150 seeded log-uniform points per setting.

Run against the implementation with
    LOSSATLAS_HELDOUT=OUT.jsonl LOSSATLAS_HELDOUT_D2=D2.txt \
        swift test --skip-build --filter HeldOut
Needs only mpmath (written and run with mpmath 1.3.0, Python 3.11);
`make test` never runs it. Deterministic: the same file for the same
mpmath version.
"""
import json
import math
import random
import sys

import mpmath as mp

mp.mp.dps = 80
M = mp.mpf


# ---------------------------------------------------------------------------
# The mathematics of CATALOG.md part 2, exactly (each returns value and the
# gradient as a dict, mpf; the catalog's subgradients at kinks)

def sigma(t):
    return 1 / (1 + mp.exp(-t))


def Phi(t):
    # Beyond |t| = 1e6 the tail e^(-t^2/2) < e^-5e11 vanishes from any
    # product of Doubles (mpmath's erfc cannot take t = 1e300 either).
    if abs(t) > 1e6:
        return M(1) if t > 0 else M(0)
    return mp.erfc(-t / mp.sqrt(2)) / 2


def phi(t):
    if abs(t) > 1e6:
        return M(0)
    return mp.exp(-t * t / 2) / mp.sqrt(2 * mp.pi)


def celu(p, x):
    alpha = M(p["alpha"])
    if x > 0:
        return x, {"x": M(1)}, M(0)
    u = x / alpha
    e = mp.exp(u)
    return alpha * mp.expm1(u), {"x": e}, e / alpha


def hardshrink(p, x):
    lam = M(p["lambda"])
    if abs(x) > lam:
        return x, {"x": M(1)}, M(0)
    return M(0), {"x": M(0)}, M(0)


def softshrink(p, x):
    lam = M(p["lambda"])
    if x > lam:
        return x - lam, {"x": M(1)}, M(0)
    if x < -lam:
        return x + lam, {"x": M(1)}, M(0)
    return M(0), {"x": M(0)}, M(0)


def tanhshrink(p, x):
    # x - tanh x cancels: about 2 |log10 x| extra digits keep 80 correct.
    extra = int(2 * max(0, -mp.log10(abs(x)))) + 20 if x != 0 else 0
    with mp.workdps(80 + extra):
        t = mp.tanh(x)
        # f'' = 2 tanh x sech^2 x, sech^2 as 1/cosh^2 (1 - t^2 cancels for large |x|)
        return +(x - t), {"x": +(t * t)}, +(2 * t / mp.cosh(x) ** 2)


def threshold(p, x):
    t, v = M(p["threshold"]), M(p["value"])
    if x > t:
        return x, {"x": M(1)}, M(0)
    return v, {"x": M(0)}, M(0)


def squareplus(p, x):
    b = M(p["b"])
    s = mp.sqrt(x * x + b)
    d = s + abs(x)
    w = b / (2 * s * d)  # no cancellation
    if x >= 0:
        return d / 2, {"x": 1 - w}, b / (2 * s ** 3)
    return b / (2 * d), {"x": w}, b / (2 * s ** 3)


def sparse_plus(p, x):
    if x <= -1:
        return M(0), {"x": M(0)}, M(0)
    if x >= 1:
        return x, {"x": M(1)}, M(0)
    return (x + 1) ** 2 / 4, {"x": (x + 1) / 2}, M(1) / 2


def sparse_sigmoid(p, x):
    if x <= -1:
        return M(0), {"x": M(0)}, M(0)
    if x >= 1:
        return M(1), {"x": M(0)}, M(0)
    return (x + 1) / 2, {"x": M(1) / 2}, M(0)


def glu(p, a, b):
    g, g1 = sigma(b), sigma(b) * sigma(-b)
    return a * g, {"a": g, "b": a * g1}


def reglu(p, a, b):
    if b > 0:
        return a * b, {"a": b, "b": a}
    return M(0), {"a": M(0), "b": M(0)}


def geglu(p, a, b):
    g = b * Phi(b)
    g1 = Phi(b) + b * phi(b)
    return a * g, {"a": g, "b": a * g1}


def swiglu(p, a, b):
    beta = M(p["beta"])
    t = beta * b
    g = b * sigma(t)
    g1 = sigma(t) + t * sigma(t) * sigma(-t)
    return a * g, {"a": g, "b": a * g1}


SCALAR = {
    "celu": celu, "hardshrink": hardshrink, "softshrink": softshrink, "tanhshrink": tanhshrink,
    "threshold": threshold, "squareplus": squareplus, "sparse-plus": sparse_plus,
    "sparse-sigmoid": sparse_sigmoid,
}
GATED = {"glu": glu, "reglu": reglu, "geglu": geglu, "swiglu": swiglu}


# ---------------------------------------------------------------------------
# Inputs

def both(xs):
    out = []
    for x in xs:
        out += [x, -x]
    return out


def around(xs):
    """Each point with its two neighbours."""
    out = []
    for x in xs:
        out += [math.nextafter(x, -math.inf), x, math.nextafter(x, math.inf)]
    return out


BASE = [0.0, -0.0] + both([
    5e-324, 1.5e-323, 4.9e-310, 2.2250738585072014e-308, 2.2250738585072014e-308 * 3, 1e-300, 1e-200,
    1.4e-154, 1e-100, 1e-50, 1e-30, 1e-20, 1e-16, 1e-12, 1e-8, 3e-6, 1e-5, 1e-3, 0.01, 0.1, 0.2, 0.25,
    0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, 7.5, 10, 18, 19, 20, 26, 30, 36.7, 37.5, 40, 50, 60, 100, 354, 372,
    500, 700, 708, 709.78, 710, 745, 745.2, 746, 800, 1000, 1500, 1e4, 1e5, 1e8, 1e10, 1e15,
    4503599627370496.0, 4503599627370498.0, 9007199254740994.0, 1e20, 1e50, 1e100, 1e150, 1.3e154,
    1.3407807929942597e154, 1.4e154, 1e200, 1e300, 1.7976931348623157e308,
]) + both(around([0.3, 350.0, 1.0]))


def log_uniform(rng, n, lo=-320, hi=308):
    out = []
    for _ in range(n):
        x = 10 ** rng.uniform(lo, hi)
        if x == 0 or math.isinf(x):
            continue
        out.append(x if rng.random() < 0.5 else -x)
    return out


def moderate(rng, n, span):
    return [rng.uniform(-span, span) for _ in range(n)]


# ---------------------------------------------------------------------------
# Output

def text(v):
    if mp.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "0"
    return mp.nstr(v, 45, min_fixed=1, max_fixed=0)


def sens_text(v):
    return "0.0" if v == 0 else mp.nstr(v, 3, min_fixed=1, max_fixed=0)


def normal_nonzero(x):
    return x != 0 and abs(x) >= 2.2250738585072014e-308 and math.isfinite(x)


def neighbours(x):
    """The finite Doubles one ulp up and down (the largest Double has one)."""
    return [y for y in (math.nextafter(x, math.inf), math.nextafter(x, -math.inf)) if math.isfinite(y)]


def line_scalar(fid, fn, params, x):
    value, grad, _ = fn(params, M(x))
    sv, sg = M(0), M(0)
    if normal_nonzero(x):
        moved = [fn(params, M(y)) for y in neighbours(x)]
        sv = max(abs(m[0] - value) for m in moved)
        sg = max(abs(m[1]["x"] - grad["x"]) for m in moved)
    return {
        "id": fid, "params": params, "args": {"x": x}, "value": text(value), "grad": {"x": text(grad["x"])},
        "sens": {"value": sens_text(sv), "grad": {"x": sens_text(sg)}},
    }


def line_gated(fid, fn, params, a, b):
    value, grad = fn(params, M(a), M(b))
    sv, sa, sb = M(0), M(0), M(0)
    for name, x in (("a", a), ("b", b)):
        if not normal_nonzero(x):
            continue
        moved = [fn(params, M(y), M(b)) if name == "a" else fn(params, M(a), M(y)) for y in neighbours(x)]
        sv += max(abs(m[0] - value) for m in moved)
        sa += max(abs(m[1]["a"] - grad["a"]) for m in moved)
        sb += max(abs(m[1]["b"] - grad["b"]) for m in moved)
    return {
        "id": fid, "params": params, "args": {"a": a, "b": b}, "value": text(value),
        "grad": {"a": text(grad["a"]), "b": text(grad["b"])},
        "sens": {"value": sens_text(sv), "grad": {"a": sens_text(sa), "b": sens_text(sb)}},
    }


def main():
    out_path = sys.argv[1]
    d2_path = sys.argv[2] if len(sys.argv) > 2 else None
    rng = random.Random(20261206)
    lines, d2 = [], []

    settings = {
        "celu": [{"alpha": a} for a in [1, 0.1, 0.3, 0.5, 2, 2.5, 1e-3, 1e3, 1e-200, 1e200]],
        "hardshrink": [{"lambda": l} for l in [0.5, 0, 0.1, 2, 1e-300, 1e300]],
        "softshrink": [{"lambda": l} for l in [0.5, 0, 0.1, 2, 1e-300, 1e300]],
        "tanhshrink": [{}],
        "threshold": [{"threshold": t, "value": v} for t, v in
                      [(1, 0), (0, 0), (-2.5, 7), (0.1, -3), (1e300, -1e300), (-1e-300, 5e-324), (2, 2)]],
        "squareplus": [{"b": b} for b in [4, 1, 0.1, 1e-20, 1e20, 1e-300, 1e300, 5e-324, 1.7976931348623157e308]],
        "sparse-plus": [{}],
        "sparse-sigmoid": [{}],
    }
    for fid, fn in SCALAR.items():
        for params in settings[fid]:
            kinks = []
            if "lambda" in params:
                kinks = around([params["lambda"]]) + around([-params["lambda"]]) if params["lambda"] > 0 else []
            if "threshold" in params:
                kinks = around([params["threshold"]])
            if fid in ("sparse-plus", "sparse-sigmoid"):
                kinks = around([-1.0, 1.0])
            if fid == "celu":
                # around u = x / alpha = -0.25, -1, -708, -1600 and |u| = 2^-26
                kinks = [-params["alpha"] * u for u in [2 ** -26, 0.25, 1, 708, 1600]]
                kinks = around([k for k in kinks if math.isfinite(k) and k != 0])
            xs = BASE + kinks + log_uniform(rng, 150) + moderate(rng, 60, 8)
            seen = set()
            for x in xs:
                key = (x, math.copysign(1, x))
                if key in seen:
                    continue
                seen.add(key)
                lines.append(line_scalar(fid, fn, params, x))
                if d2_path and normal_nonzero(x) and len(params) <= 1 and fid != "threshold":
                    _, _, f2 = fn(params, M(x))
                    # sens for f'': |f'''| ulp(x), by a difference of f'' over one ulp each way
                    moved = [fn(params, M(y))[2] for y in neighbours(x)]
                    s = max(abs(m - f2) for m in moved)
                    pv = next(iter(params.values())) if params else "-"
                    d2.append(f"{fid} {pv} {x!r} {text(f2)} {sens_text(s)}")

    a_values = [0.0, -0.0] + both([5e-324, 1e-300, 1e-10, 0.5, 1, 1.5, 3, 1e10, 1e300, 1.7976931348623157e308])
    b_values = [0.0, -0.0] + both([
        5e-324, 1e-300, 1e-20, 1e-8, 0.1, 0.5, 0.7517915246935645, 1, 1.278464542761074, 2, 5, 6.5, 10, 20,
        26.5, 37, 38.5, 40, 45, 55, 60, 100, 700, 708, 710, 745, 746, 1000, 1500, 1e10, 1e300,
        1.7976931348623157e308])
    gated_settings = {"glu": [{}], "reglu": [{}], "geglu": [{}],
                      "swiglu": [{"beta": 1}, {"beta": 0.5}, {"beta": 2}, {"beta": 1e-3}, {"beta": 1e3}]}
    for fid, fn in GATED.items():
        for params in gated_settings[fid]:
            pairs = [(a, b) for a in a_values for b in b_values]
            pairs += [(rng.choice(a_values), y) for y in log_uniform(rng, 100)]
            pairs += [(x, y) for x, y in zip(log_uniform(rng, 100), moderate(rng, 100, 8))]
            for a, b in pairs:
                lines.append(line_gated(fid, fn, params, a, b))

    with open(out_path, "w") as f:
        for l in lines:
            f.write(json.dumps(l) + "\n")
    if d2_path:
        with open(d2_path, "w") as f:
            f.write("\n".join(d2) + "\n")
    print(f"{len(lines)} lines to {out_path}" + (f", {len(d2)} f'' lines to {d2_path}" if d2_path else ""))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent derivation of the failure points that SafetyTests pins.

For each formula: its Double evaluation op by op (Python floats and the
math module, i.e. IEEE binary64 and glibc's libm, the same operations in
the same order as the formula is written), its exact value (mpmath at 80
digits), and the criterion of issue 11: a failure is NaN or +-inf where the
exact value is finite, or an error above both 1e-6 relative and 1e-300
absolute. Each edge is found by bisection on representable doubles (their
ordered bit patterns) between a passing and a failing input found by a
dense logarithmic scan. Prints one line per edge; SafetyTests.swift copies
them. mpmath 1.3.0 was used.

  python3 derive.py
"""
import math
import struct

import mpmath

mpmath.mp.dps = 80


def key(x):
    b = struct.unpack("<q", struct.pack("<d", x))[0]
    return b if b >= 0 else -(2**63) - b


def unkey(k):
    if k < 0:
        k = -(2**63) - k
    return struct.unpack("<d", struct.pack("<q", k))[0]


def fails(double_f, exact_f, x):
    try:
        d = double_f(x)
    except (OverflowError, ValueError, ZeroDivisionError):
        d = float("nan")
    e = exact_f(mpmath.mpf(x))
    if not mpmath.isfinite(e):
        return False
    if math.isnan(d) or math.isinf(d):
        return True
    err = abs(mpmath.mpf(d) - e)
    return err > max(mpmath.mpf("1e-6") * abs(e), mpmath.mpf("1e-300"))


def edge(double_f, exact_f, passing, failing):
    """The failing input next to a passing one (bisection on doubles)."""
    kp, kf = key(passing), key(failing)
    assert not fails(double_f, exact_f, passing) and fails(double_f, exact_f, failing)
    while abs(kf - kp) > 1:
        km = kp + (kf - kp) // 2
        if fails(double_f, exact_f, unkey(km)):
            kf = km
        else:
            kp = km
    return unkey(kf), unkey(kp)


def zero_from(double_f, nonzero, zero):
    """The input nearest `nonzero` from which the Double result is exactly 0."""
    kn, kz = key(nonzero), key(zero)
    while abs(kz - kn) > 1:
        km = kn + (kz - kn) // 2
        if double_f(unkey(km)) == 0:
            kz = km
        else:
            kn = km
    return unkey(kz)


def safe(f):
    def g(x):
        try:
            return f(x)
        except OverflowError:
            return float("inf")
    return g


E = mpmath
sig = lambda v: 1 / (1 + E.exp(-v))

CASES = [
    # name, double, exact, [(passing, failing) pairs bracketing each edge]
    ("log(1 + exp(x)) value right", safe(lambda x: math.log(1 + math.exp(x))), lambda x: E.log1p(E.exp(x)), [(700.0, 720.0)]),
    ("log(1 + exp(x)) value left (far edge)", safe(lambda x: math.log(1 + math.exp(x))), lambda x: E.log1p(E.exp(x)), [(-1000.0, -600.0)]),
    ("log(1 + exp(x)) derivative right", safe(lambda x: math.exp(x) / (1 + math.exp(x)) if math.exp(x) != float("inf") else float("nan")),
     lambda x: E.exp(x) / (1 + E.exp(x)), [(700.0, 720.0)]),
    ("(exp(x) - 1) / x value right", safe(lambda x: (math.exp(x) - 1) / x), lambda x: E.expm1(x) / x, [(1.0, 1e-12), (700.0, 720.0)]),
    ("(exp(x) - 1) / x value left", safe(lambda x: (math.exp(x) - 1) / x), lambda x: E.expm1(x) / x, [(-1.0, -1e-12)]),
    ("sqrt(x^2 + 1) - x value right", safe(lambda x: math.sqrt(x * x + 1) - x), lambda x: 1 / (E.sqrt(x * x + 1) + x), [(1e3, 1e6)]),
    ("sqrt(x^2 + 1) - x value left", safe(lambda x: math.sqrt(x * x + 1) - x), lambda x: 1 / (E.sqrt(x * x + 1) + x) if x > 0 else E.sqrt(x * x + 1) - x, [(-1e150, -1e160)]),
    ("1 - cos(x) value", lambda x: 1 - math.cos(x), lambda x: 2 * E.sin(x / 2) ** 2, [(1e-3, 1e-6), (-1e-3, -1e-6)]),
    ("exp(x) / (1 + exp(x)) value right", safe(lambda x: math.exp(x) / (1 + math.exp(x)) if math.exp(x) != float("inf") else float("nan")),
     lambda x: E.exp(x) / (1 + E.exp(x)), [(700.0, 720.0)]),
    ("x^2 value right", safe(lambda x: x * x), lambda x: x * x, [(1e150, 1e160)]),
    ("log(exp(x) + exp(-x)) value right", safe(lambda x: math.log(math.exp(x) + math.exp(-x))), lambda x: E.log(E.exp(x) + E.exp(-x)), [(700.0, 720.0)]),
    ("log(exp(x) + exp(-x)) value left", safe(lambda x: math.log(math.exp(x) + math.exp(-x))), lambda x: E.log(E.exp(x) + E.exp(-x)), [(-700.0, -720.0)]),
    ("x / sqrt(x^2 + 1) value right", safe(lambda x: x / math.sqrt(x * x + 1)), lambda x: x / E.sqrt(x * x + 1), [(1e150, 1e160)]),
    ("sqrt(x + 1) - sqrt(x) value right", lambda x: math.sqrt(x + 1) - math.sqrt(x), lambda x: 1 / (E.sqrt(x + 1) + E.sqrt(x)), [(1e3, 1e12)]),
]

if __name__ == "__main__":
    print("mpmath", mpmath.__version__)
    for name, d, e, brackets in CASES:
        for p, f in brackets:
            first, last_pass = edge(d, e, p, f)
            print(f"{name}: first failure {first!r} (passes at {last_pass!r})")
    # log(1 + exp(x)) toward -inf: failures begin intermittently (an input
    # fails or passes with the rounding of 1 + e^x), so the first failing
    # input is found by a dense scan (4,000,001 inputs from -22.8 to -23.2,
    # the reference log1p(exp(x)), accurate to 1e-15 here) rather than by
    # bisection, and the share of failing inputs per band shows the onset.
    import numpy as np
    xs = np.linspace(-22.8, -23.2, 4_000_001)
    bad = np.abs(np.log(1 + np.exp(xs)) - np.log1p(np.exp(xs))) > 1e-6 * np.log1p(np.exp(xs))
    print("log(1 + exp(x)) value left: first failing input of the dense scan", repr(float(xs[np.nonzero(bad)[0][0]])))
    for lo in (-22.9, -23.0, -23.1):
        m = (xs <= lo) & (xs > lo - 0.1)
        print(f"  share failing in ({lo - 0.1:.1f}, {lo:.1f}]: {bad[m].mean():.3f}")
    xs = np.linspace(-25.0, -26.0, 1_000_001)
    bad = np.abs(np.log(1 + np.exp(xs)) - np.log1p(np.exp(xs))) > 1e-6 * np.log1p(np.exp(xs))
    print(f"  share failing in [-26, -25]: {bad.mean():.3f}")
    # Cancellations start intermittently too: the first failing input of a
    # dense logarithmic scan (numpy, references from the stable forms).
    def first_failing(name, lo, hi, double_f, ref_f, toward_zero):
        xs = np.geomspace(lo, hi, 2_000_001)
        with np.errstate(all="ignore"):
            bad = np.abs(double_f(xs) - ref_f(xs)) > 1e-6 * np.abs(ref_f(xs))
        i = np.nonzero(bad)[0]
        pick = i[0] if not toward_zero else i[0]
        print(f"{name}: first failing input of the dense scan {float(xs[pick])!r} (scan from {lo} to {hi})")
    first_failing("(exp(x) - 1) / x value right (toward 0)", 1e-6, 1e-12, lambda x: (np.exp(x) - 1) / x, lambda x: np.expm1(x) / x, True)
    first_failing("(exp(x) - 1) / x value left (toward 0)", -1e-6, -1e-12, lambda x: (np.exp(x) - 1) / x, lambda x: np.expm1(x) / x, True)
    first_failing("sqrt(x^2 + 1) - x value right", 1e3, 1e7, lambda x: np.sqrt(x * x + 1) - x, lambda x: 1 / (np.sqrt(x * x + 1) + x), False)
    first_failing("1 - cos(x) value (toward 0)", 1e-3, 1e-7, lambda x: 1 - np.cos(x), lambda x: 2 * np.sin(x / 2) ** 2, True)
    first_failing("sqrt(x + 1) - sqrt(x) value right", 1e3, 1e13, lambda x: np.sqrt(x + 1) - np.sqrt(x), lambda x: 1 / (np.sqrt(x + 1) + np.sqrt(x)), False)
    # Where log(1 + exp(x)) becomes exactly 0 going left, and 1 - cos(x) near 0.
    f = lambda x: math.log(1 + math.exp(x))
    print("log(1 + exp(x)) exactly 0 from", repr(zero_from(f, -30.0, -100.0)))
    g = lambda x: 1 - math.cos(x)
    print("1 - cos(x) exactly 0 from", repr(zero_from(g, 1e-6, 1e-300)))

"""Shared arithmetic for measure.py: exact references, ulp errors, bisection
on adjacent doubles, and the measurement record.

Everything here is deterministic: no clocks, no random numbers, no threads.
"""

import math
import struct

import mpmath as mp

# 60 significant digits: every reference value is computed with at least 50
# correct digits (the brief's floor) before it is rounded to a double.
mp.mp.dps = 60

# ---------------------------------------------------------------------------
# Doubles as ordered integers

_SIGN = 0x8000000000000000


def _key(x):
    """An integer that orders doubles as the reals do (-0 and +0 both map to 0)."""
    (i,) = struct.unpack("<q", struct.pack("<d", x))
    return -(i & 0x7FFFFFFFFFFFFFFF) if i < 0 else i


def _from_key(k):
    if k >= 0:
        return struct.unpack("<d", struct.pack("<q", k))[0]
    return struct.unpack("<d", struct.pack("<Q", (-k) | _SIGN))[0]


def next_up(x):
    return math.nextafter(x, math.inf)


def next_down(x):
    return math.nextafter(x, -math.inf)


def boundary(pred, lo, hi, checks=64):
    """The two adjacent doubles (a, b), lo <= a < b <= hi, where pred changes.

    pred must differ at lo and hi; the search is a bisection on the
    representable doubles between them (their integer keys), so the answer
    is exact, not a grid step. Afterwards `checks` doubles spread evenly (in
    key space) over [lo, a] and [b, hi] are evaluated and must agree with
    pred(lo) and pred(hi) respectively: a predicate that is not monotone on
    [lo, hi] makes the measurement fail loudly instead of returning a
    misleading threshold.
    """
    p_lo, p_hi = bool(pred(lo)), bool(pred(hi))
    if p_lo == p_hi:
        raise MeasurementError(f"boundary: pred({lo!r}) == pred({hi!r}) == {p_lo}")
    klo, khi = _key(lo), _key(hi)
    if klo >= khi:
        raise MeasurementError(f"boundary: lo {lo!r} must be below hi {hi!r}")
    while khi - klo > 1:
        mid = (klo + khi) // 2
        if bool(pred(_from_key(mid))) == p_lo:
            klo = mid
        else:
            khi = mid
    a, b = _from_key(klo), _from_key(khi)
    for i in range(checks + 1):
        for (k0, k1, want, side) in ((_key(lo), klo, p_lo, "below"), (khi, _key(hi), p_hi, "above")):
            x = _from_key(k0 + (k1 - k0) * i // checks)
            if bool(pred(x)) != want:
                raise MeasurementError(
                    f"boundary: predicate not monotone: pred({x!r}) != {want} {side} the boundary {a!r} | {b!r}")
    return a, b


# ---------------------------------------------------------------------------
# Errors against exact values


class MeasurementError(Exception):
    pass


def mpf(x):
    """The double x as an exact mpmath number."""
    return mp.mpf(float(x))


def rnd(v):
    """The double nearest to the mpmath value v (mpmath rounds to nearest)."""
    return float(v)


def ulp_of(e):
    """ulp of the double nearest to the exact value e (at least the smallest subnormal)."""
    d = abs(rnd(e))
    if math.isinf(d):
        d = 1.7976931348623157e308
    return math.ulp(d)


def ulp_error(computed, exact):
    """|computed - exact| in units of ulp(exact); inf for NaN or a wrong infinity."""
    c = float(computed)
    if math.isnan(c):
        return math.inf
    if math.isinf(c):
        return 0.0 if (mp.isinf(exact) and (c > 0) == (exact > 0)) else math.inf
    return float(abs(mpf(c) - exact) / ulp_of(exact))


def rel_error(computed, exact):
    """|computed - exact| / |exact| (exact nonzero), inf for NaN."""
    c = float(computed)
    if math.isnan(c) or math.isinf(c):
        return math.inf
    return float(abs(mpf(c) - exact) / abs(exact))


def sig(x, digits=6):
    """A measured figure rounded to `digits` significant digits for the data
    file, so that re-runs print the same text; the full double is recorded
    wherever the double itself is the fact (thresholds, returned values)."""
    x = float(x)
    if x == 0 or math.isinf(x) or math.isnan(x):
        return x
    return float(f"{x:.{digits}g}")


def exact_number(v):
    """An exact value for the data file: the nearest double, or a 17-digit
    decimal string when the value lies outside the double range."""
    d = rnd(v)
    if v != 0 and (d == 0 or math.isinf(d)):
        return mp.nstr(v, 17)
    return d


def num(x):
    """A double for the data file: non-finite values become strings."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x + 0.0  # -0.0 becomes 0.0: the sign of a zero is free (CATALOG.md)


# ---------------------------------------------------------------------------
# Exact reference functions (mpmath, 60 digits)


def m_sigmoid(x):
    x = mpf(x) if not isinstance(x, mp.mpf) else x
    return 1 / (1 + mp.exp(-x))


def m_dsigmoid(x):
    return m_sigmoid(x) * m_sigmoid(-mpf(x))


def m_dtanh(x):
    return mp.sech(mpf(x)) ** 2


def m_softplus(x):
    return mp.log1p(mp.exp(mpf(x)))


# ---------------------------------------------------------------------------
# Source citations


def source_line(module, relpath, needle, occurrence=1):
    """'relpath:LINE in <package> <version>' for the line of an installed
    package file that contains `needle` (the occurrence-th such line).
    Fails loudly when the text is not there, so a citation cannot go stale
    silently when the pinned version changes."""
    import importlib.metadata
    import os
    root = os.path.dirname(module.__file__)
    path = os.path.join(root, relpath)
    seen = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if needle in line:
                seen += 1
                if seen == occurrence:
                    dist = module.__name__.split(".")[0]
                    version = importlib.metadata.version(dist)
                    pkg = os.path.basename(root)
                    return f"{pkg}/{relpath}:{n} in {dist} {version}"
    raise MeasurementError(f"source: {needle!r} not found in {path}")


# ---------------------------------------------------------------------------
# The record


FRAMEWORKS = ("pytorch", "jax", "optax", "keras")


def record(id, framework, function, call, what, values, source=None):
    if framework not in FRAMEWORKS:
        raise MeasurementError(f"{id}: unknown framework {framework}")
    if id != id.lower() or " " in id:
        raise MeasurementError(f"{id}: ids are lowercase without spaces")
    clean = {}
    for k, v in values.items():
        if isinstance(v, bool) or isinstance(v, str) or v is None:
            clean[k] = v
        elif isinstance(v, (int,)):
            clean[k] = v
        elif isinstance(v, float):
            clean[k] = num(v)
        elif isinstance(v, list):
            clean[k] = [num(e) if isinstance(e, float) else e for e in v]
        else:
            raise MeasurementError(f"{id}: value {k} has unsupported type {type(v).__name__}")
    return {"id": id, "framework": framework, "function": function, "call": call,
            "what": what, "values": clean, "source": source}

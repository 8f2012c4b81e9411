"""numpy + matplotlib reference for LossAtlas's benchmarks.

What a reader would write in numpy for a subset of LossAtlas's work, timed on
the same machine:
  1. value + derivative of 35 scalar functions over 1,000,000 points each
     (textbook formulas, vectorised), ms per function;
  2. a small property pass over those sweeps (min, max, monotonicity from the
     sign of the derivative, sign changes of the derivative), whole set;
  3. the manual-like subset: 35 sweeps of 1e6 points + 44 charts (two panels,
     value and derivative, 800x500 PNG with the Agg backend).
Usage: python3 reference.py
"""
import io
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from math import erf  # noqa: E402,F401
from scipy.special import erf as verf  # noqa: E402

N = 1_000_000


def sig(x):
    return 1 / (1 + np.exp(-x))


def sp(x):
    return np.logaddexp(0, x)


# (name, value, derivative, range): textbook numpy, vectorised.
F = [
    ("identity", lambda x: x, lambda x: np.ones_like(x), (-5, 5)),
    ("sigmoid", sig, lambda x: sig(x) * (1 - sig(x)), (-8, 8)),
    ("tanh", np.tanh, lambda x: 1 - np.tanh(x) ** 2, (-5, 5)),
    ("relu", lambda x: np.maximum(x, 0), lambda x: (x > 0) * 1.0, (-4, 4)),
    ("leaky-relu", lambda x: np.where(x >= 0, x, 0.01 * x), lambda x: np.where(x > 0, 1.0, 0.01), (-4, 4)),
    ("relu6", lambda x: np.clip(x, 0, 6), lambda x: ((x > 0) & (x < 6)) * 1.0, (-3, 9)),
    ("elu", lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))), lambda x: np.where(x > 0, 1.0, np.exp(np.minimum(x, 0))), (-4, 4)),
    ("selu", lambda x: 1.0507 * np.where(x > 0, x, 1.6733 * np.expm1(np.minimum(x, 0))), lambda x: 1.0507 * np.where(x > 0, 1.0, 1.6733 * np.exp(np.minimum(x, 0))), (-4, 4)),
    ("gelu", lambda x: x / 2 * (1 + verf(x / np.sqrt(2))), lambda x: (1 + verf(x / np.sqrt(2))) / 2 + x * np.exp(-x * x / 2) / np.sqrt(2 * np.pi), (-5, 5)),
    ("gelu-tanh", lambda x: x / 2 * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3))), lambda x: 0.5 * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3))) + 0.5 * x * (1 - np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)) ** 2) * 0.7978845608 * (1 + 3 * 0.044715 * x * x), (-5, 5)),
    ("silu", lambda x: x * sig(x), lambda x: sig(x) * (1 + x * (1 - sig(x))), (-6, 6)),
    ("mish", lambda x: x * np.tanh(sp(x)), lambda x: np.tanh(sp(x)) + x * sig(x) * (1 - np.tanh(sp(x)) ** 2), (-5, 5)),
    ("softplus", sp, sig, (-5, 5)),
    ("softsign", lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2, (-6, 6)),
    ("hard-sigmoid", lambda x: np.clip(x + 3, 0, 6) / 6, lambda x: ((x > -3) & (x < 3)) / 6.0, (-5, 5)),
    ("hard-tanh", lambda x: np.clip(x, -1, 1), lambda x: ((x > -1) & (x < 1)) * 1.0, (-3, 3)),
    ("hard-swish", lambda x: x * np.clip(x + 3, 0, 6) / 6, lambda x: np.where(x < -3, 0.0, np.where(x > 3, 1.0, (2 * x + 3) / 6)), (-5, 5)),
    ("log-sigmoid", lambda x: -sp(-x), lambda x: sig(-x), (-6, 6)),
    ("zero-one", lambda s: (s <= 0) * 1.0, lambda s: np.zeros_like(s), (-3, 3)),
    ("hinge", lambda s: np.maximum(0, 1 - s), lambda s: np.where(s < 1, -1.0, 0.0), (-3, 3)),
    ("squared-hinge", lambda s: np.maximum(0, 1 - s) ** 2, lambda s: -2 * np.maximum(0, 1 - s), (-3, 3)),
    ("logistic", lambda s: sp(-s), lambda s: -sig(-s), (-3, 3)),
    ("exponential", lambda s: np.exp(-s), lambda s: -np.exp(-s), (-2, 3)),
    ("bce", lambda p: -np.log(p), lambda p: -1 / p, (1e-6, 1)),
    ("bce-logits", lambda z: sp(-z), lambda z: sig(z) - 1, (-6, 6)),
    ("focal", lambda z: -0.25 * (1 - sig(z)) ** 2 * np.log(sig(z)), lambda z: 0.25 * (1 - sig(z)) ** 2 * (2 * sig(z) * np.log(sig(z)) + sig(z) - 1), (-6, 6)),
    ("mse", lambda r: r * r, lambda r: 2 * r, (-3, 3)),
    ("mae", np.abs, np.sign, (-3, 3)),
    ("huber", lambda r: np.where(np.abs(r) <= 1, r * r / 2, np.abs(r) - 0.5), lambda r: np.clip(r, -1, 1), (-3, 3)),
    ("smooth-l1", lambda r: np.where(np.abs(r) < 1, r * r / 2, np.abs(r) - 0.5), lambda r: np.clip(r, -1, 1), (-3, 3)),
    ("log-cosh", lambda r: np.log(np.cosh(r)), np.tanh, (-3, 3)),
    ("quantile", lambda r: np.maximum(0.5 * -r, -0.5 * -r), lambda r: np.where(r > 0, 0.5, np.where(r < 0, -0.5, 0.0)), (-3, 3)),
    ("barron", lambda r: np.sqrt(r * r + 1) - 1, lambda r: r / np.sqrt(r * r + 1), (-6, 6)),
    ("gaussian-nll", lambda m: m * m / 2, lambda m: m, (-3, 3)),
    ("poisson-nll", lambda z: np.exp(z) - 2 * z, lambda z: np.exp(z) - 2, (-3, 3)),
]
assert len(F) == 35


def sweep(f):
    _, v, d, (a, b) = f
    x = np.linspace(a, b, N)
    return x, v(x), d(x)


def properties(x, y, dy):
    # min, max, monotonic from the sign of f', sign changes of f'
    lo, hi = y.min(), y.max()
    inc = np.all(dy >= 0)
    dec = np.all(dy <= 0)
    s = np.sign(dy)
    changes = np.count_nonzero(s[1:] * s[:-1] < 0)
    return lo, hi, inc, dec, changes


def chart(name, x, y, dy):
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8, 5), dpi=100)
    step = max(1, len(x) // 2001)
    a1.plot(x[::step], y[::step], lw=2)
    a2.plot(x[::step], dy[::step], lw=2)
    a1.set_title("value")
    a2.set_title("derivative")
    fig.suptitle(name)
    for ax in (a1, a2):
        ax.grid(True)
        ax.set_xlabel("x")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


# 1. value + derivative per function
times = []
for f in F:
    best = 1e9
    for _ in range(3):
        t = time.perf_counter()
        sweep(f)
        best = min(best, time.perf_counter() - t)
    times.append((f[0], best * 1e3))
print("1. value + derivative over 1e6 points (ms, best of 3):")
for name, ms in times:
    print(f"   {name:14s} {ms:7.2f}")
print(f"   mean {sum(t for _, t in times) / len(times):.2f} ms per function")

# 2. sweeps + property pass, whole set
t = time.perf_counter()
for f in F:
    properties(*sweep(f))
print(f"2. 35 sweeps of 1e6 points + a property pass: {time.perf_counter() - t:.3f} s")

# 3. manual subset: 35 sweeps + 44 charts
chart("warm-up", *sweep(F[1]))
t = time.perf_counter()
data = [sweep(f) for f in F]
for i in range(44):
    f = F[i % 35]
    chart(f[0], *data[i % 35])
print(f"3. 35 sweeps of 1e6 points + 44 charts: {time.perf_counter() - t:.3f} s")

"""numpy + matplotlib reference for the charts benchmark.

Draws the floor-comparable chart (800x500 px, two 2001-point curves, title,
axis labels, legend, ~20 tick labels) N times with the Agg backend and
prints ms per chart. Usage: python3 bench.py [iterations=50]
"""
import io
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
x = np.linspace(-6, 6, 2001)
s = 1 / (1 + np.exp(-x))


def chart():
    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
    ax.plot(x, s, lw=2, label="σ(x)")
    ax.plot(x, 4 * s * (1 - s), lw=2, label="σ′(x)")
    ax.set_title("sigmoid and its derivative")
    ax.set_xlabel("x")
    ax.set_ylabel("value")
    ax.grid(True)
    ax.legend()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


chart()  # warm up (font cache)
t0 = time.perf_counter()
c0 = time.process_time()
for _ in range(n):
    png = chart()
ms = (time.perf_counter() - t0) * 1e3 / n
cpu = (time.process_time() - c0) * 1e3 / n
print(f"matplotlib {matplotlib.__version__}: {ms:.2f} ms per chart ({cpu:.2f} ms CPU), {len(png)} bytes, {n} iterations")

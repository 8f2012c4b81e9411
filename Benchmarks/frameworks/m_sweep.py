"""Accuracy sweeps behind the "none" statements: for each scalar activation
a framework offers, the worst ulp error of the value and of the autodiff
derivative over one fixed set of inputs, against mpmath (60 digits).

The inputs avoid the kinks (0, +-1, +-3, 6, +-0.5), which other
measurements take one by one, and include both tails. Errors are measured
where the exact result is a nonzero normal double; a NaN or a wrong infinity
counts as an infinite error, and nan_count says how many there were.
"""

import math

import jax
import jax.numpy as jnp
import keras
import mpmath as mp
import torch
import torch.nn.functional as F

from lib import mpf, record, sig, ulp_error

MAGNITUDES = [1e-300, 1e-20, 1e-8, 1e-4, 0.01, 0.1, 0.3, 0.7, 1.5, 2.5, 4.0, 7.0, 12.0, 19.0, 25.0, 35.0,
              50.0, 100.0, 1e3, 1e6]
POINTS = sorted([-m for m in MAGNITUDES] + MAGNITUDES)

LAM = mp.mpf("1.0507009873554804934193349852946")
ALP = mp.mpf("1.6732632423543772848170429916717")
K = mp.sqrt(2 / mp.pi)
C = mp.mpf("0.044715")


def sg(x):
    return 1 / (1 + mp.exp(-x))


def sp(x):
    return mp.log1p(mp.exp(x)) if x < 0 else x + mp.log1p(mp.exp(-x))


def phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def Phi(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def gelu_tanh(x):
    return x / 2 * (1 + mp.tanh(K * (x + C * x ** 3)))


def d_gelu_tanh(x):
    u = K * (x + C * x ** 3)
    return (1 + mp.tanh(u)) / 2 + x / 2 * mp.sech(u) ** 2 * K * (1 + 3 * C * x * x)


def mish(x):
    return x * mp.tanh(sp(x))


def d_mish(x):
    t = mp.tanh(sp(x))
    return t + x * sg(x) * (1 - t * t)


# id -> (f, f') exact
EXACT = {
    "sigmoid": (sg, lambda x: sg(x) * sg(-x)),
    "tanh": (mp.tanh, lambda x: mp.sech(x) ** 2),
    "relu": (lambda x: max(x, 0), lambda x: mp.mpf(1 if x > 0 else 0)),
    "leaky-relu": (lambda x: x if x >= 0 else mp.mpf("0.01") * x, lambda x: mp.mpf(1) if x > 0 else mp.mpf("0.01")),
    "relu6": (lambda x: min(max(x, 0), 6), lambda x: mp.mpf(1 if 0 < x < 6 else 0)),
    "elu": (lambda x: x if x > 0 else mp.expm1(x), lambda x: mp.mpf(1) if x > 0 else mp.exp(x)),
    "selu": (lambda x: LAM * (x if x > 0 else ALP * mp.expm1(x)), lambda x: LAM * (1 if x > 0 else ALP * mp.exp(x))),
    "gelu": (lambda x: x * Phi(x), lambda x: Phi(x) + x * phi(x)),
    "gelu-tanh": (gelu_tanh, d_gelu_tanh),
    "silu": (lambda x: x * sg(x), lambda x: sg(x) + x * sg(x) * sg(-x)),
    "mish": (mish, d_mish),
    "softplus": (sp, sg),
    "softsign": (lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2),
    "hard-sigmoid": (lambda x: min(max(x + 3, 0), 6) / 6, lambda x: mp.mpf(1) / 6 if -3 < x < 3 else mp.mpf(0)),
    "hard-tanh": (lambda x: min(max(x, -1), 1), lambda x: mp.mpf(1 if -1 < x < 1 else 0)),
    "hard-swish": (lambda x: x * min(max(x + 3, 0), 6) / 6,
                   lambda x: mp.mpf(0) if x < -3 else (mp.mpf(1) if x > 3 else (2 * x + 3) / 6)),
    "log-sigmoid": (lambda x: -sp(-x), lambda x: sg(-x)),
    "celu": (lambda x: x if x > 0 else mp.expm1(x), lambda x: mp.mpf(1) if x > 0 else mp.exp(x)),
    "hardshrink": (lambda x: x if abs(x) > 0.5 else mp.mpf(0), lambda x: mp.mpf(1 if abs(x) > 0.5 else 0)),
    "softshrink": (lambda x: x - mp.mpf(0.5) if x > 0.5 else (x + mp.mpf(0.5) if x < -0.5 else mp.mpf(0)),
                   lambda x: mp.mpf(1 if abs(x) > 0.5 else 0)),
    "tanhshrink": (lambda x: x - mp.tanh(x), lambda x: mp.tanh(x) ** 2),
    "squareplus": (lambda x: 4 / (2 * (mp.sqrt(x * x + 4) - x)) if x < 0 else (x + mp.sqrt(x * x + 4)) / 2,
                   lambda x: (1 + x / mp.sqrt(x * x + 4)) / 2),
    "sparse-plus": (lambda x: mp.mpf(0) if x <= -1 else (x if x >= 1 else (x + 1) ** 2 / 4),
                    lambda x: mp.mpf(0) if x <= -1 else (mp.mpf(1) if x >= 1 else (x + 1) / 2)),
    "sparse-sigmoid": (lambda x: mp.mpf(0) if x <= -1 else (mp.mpf(1) if x >= 1 else (x + 1) / 2),
                       lambda x: mp.mpf(1) / 2 if -1 < x < 1 else mp.mpf(0)),
}


def _torch(f):
    def vg(x):
        xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        y = f(xt)
        (g,) = torch.autograd.grad(y, xt)
        return y.item(), g.item()
    return vg


def _jax(f):
    vgf = jax.value_and_grad(lambda x: jnp.reshape(f(x), ()))

    def vg(x):
        v, g = vgf(jnp.float64(x))
        return float(v), float(g)
    return vg


TORCH = {
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "leaky-relu": F.leaky_relu,
    "relu6": F.relu6, "elu": F.elu, "selu": torch.selu, "gelu": F.gelu,
    "gelu-tanh": lambda x: F.gelu(x, approximate="tanh"), "silu": F.silu, "mish": F.mish, "softplus": F.softplus,
    "softsign": F.softsign, "hard-sigmoid": F.hardsigmoid, "hard-tanh": F.hardtanh, "hard-swish": F.hardswish,
    "log-sigmoid": F.logsigmoid, "celu": F.celu, "hardshrink": F.hardshrink, "softshrink": F.softshrink,
    "tanhshrink": F.tanhshrink,
}
JAXNN = {
    "sigmoid": jax.nn.sigmoid, "tanh": jnp.tanh, "relu": jax.nn.relu, "leaky-relu": jax.nn.leaky_relu,
    "relu6": jax.nn.relu6, "elu": jax.nn.elu, "selu": jax.nn.selu,
    "gelu": lambda x: jax.nn.gelu(x, approximate=False), "gelu-tanh": jax.nn.gelu, "silu": jax.nn.silu,
    "mish": jax.nn.mish, "softplus": jax.nn.softplus, "softsign": jax.nn.soft_sign,
    "hard-sigmoid": jax.nn.hard_sigmoid, "hard-tanh": jax.nn.hard_tanh, "hard-swish": jax.nn.hard_swish,
    "log-sigmoid": jax.nn.log_sigmoid, "celu": jax.nn.celu, "squareplus": jax.nn.squareplus,
    "sparse-plus": jax.nn.sparse_plus, "sparse-sigmoid": jax.nn.sparse_sigmoid,
}
A = keras.activations
KERAS = {
    "sigmoid": A.sigmoid, "tanh": A.tanh, "relu": A.relu, "leaky-relu": lambda x: A.leaky_relu(x, negative_slope=0.01),
    "relu6": A.relu6, "elu": A.elu, "selu": A.selu, "gelu": A.gelu,
    "gelu-tanh": lambda x: A.gelu(x, approximate=True), "silu": A.silu, "mish": A.mish, "softplus": A.softplus,
    "softsign": A.softsign, "hard-sigmoid": A.hard_sigmoid, "hard-tanh": A.hard_tanh, "hard-swish": A.hard_silu,
    "log-sigmoid": A.log_sigmoid, "celu": A.celu, "hardshrink": A.hard_shrink, "softshrink": A.soft_shrink,
    "tanhshrink": A.tanh_shrink, "squareplus": A.squareplus, "sparse-plus": A.sparse_plus,
    "sparse-sigmoid": A.sparse_sigmoid,
}

_CALLS = {
    "pytorch": "torch / torch.nn.functional, autograd",
    "jax": "jax.nn (jnp.tanh for tanh; gelu with approximate=False for gelu, the default for gelu-tanh), jax.grad",
    "keras": "keras.activations on the JAX backend (leaky_relu with negative_slope=0.01), jax.grad",
}


def _dtype(framework, fn):
    """The dtype of the result for a float64 input array."""
    if framework == "pytorch":
        with torch.no_grad():
            return str(fn(torch.tensor([0.3], dtype=torch.float64)).dtype).replace("torch.", "")
    return str(jnp.asarray(fn(jnp.array([0.3], dtype=jnp.float64))).dtype)


def _worst(vg, fid):
    f, df = EXACT[fid]
    worst_v, worst_g = (0.0, None), (0.0, None)
    nans = 0
    for x in POINTS:
        X = mpf(x)
        v, g = vg(x)
        nans += math.isnan(v) + math.isnan(g)
        for computed, exact, slot in ((v, f(X), 0), (g, df(X), 1)):
            e = mp.mpf(exact)
            d = float(e)
            if e == 0 or d == 0 or math.isinf(d) or abs(d) < 2.2250738585072014e-308:
                if e == 0 and computed != 0 and not math.isnan(computed):
                    err = math.inf  # a nonzero where the exact result is 0
                elif math.isnan(computed):
                    err = math.inf
                else:
                    continue
            else:
                err = ulp_error(computed, e)
            cur = worst_v if slot == 0 else worst_g
            if err > cur[0]:
                if slot == 0:
                    worst_v = (err, x)
                else:
                    worst_g = (err, x)
    return worst_v, worst_g, nans


def _sweep(framework, prefix, table):
    out = []
    for fid, fn in sorted(table.items()):
        (ev, xv), (eg, xg), nans = _worst((_torch if framework == "pytorch" else _jax)(fn), fid)
        out.append(record(
            f"{prefix}.{fid}.accuracy", framework, fid, _CALLS[framework],
            f"output_dtype is the dtype returned for a float64 input array. Worst ulp error of the value (value_max_ulp, at value_worst_x) and of the derivative (grad_max_ulp, "
            f"at grad_worst_x) over {len(POINTS)} inputs +-{{1e-300 ... 1e6}} away from kinks, against mpmath; "
            "nan_count counts NaN results; 'inf' marks a NaN, a wrong infinity or a nonzero where the exact "
            "result is 0; worst_x is null when every error is 0.",
            dict(output_dtype=_dtype(framework, fn), value_max_ulp=sig(ev, 4), value_worst_x=xv, grad_max_ulp=sig(eg, 4), grad_worst_x=xg,
                 nan_count=nans, points=len(POINTS))))
    return out


def torch_sweep():
    return _sweep("pytorch", "torch", TORCH)


def jax_sweep():
    return _sweep("jax", "jax", JAXNN)


def keras_sweep():
    return _sweep("keras", "keras", KERAS)


MEASUREMENTS = [torch_sweep, jax_sweep, keras_sweep]

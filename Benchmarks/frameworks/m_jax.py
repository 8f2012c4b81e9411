"""jax.nn and optax measurements: float64 (jax_enable_x64) on the CPU, jax.grad."""

import inspect
import math

import jax
import jax.numpy as jnp
import mpmath as mp
import optax

from lib import (boundary, exact_number, m_dsigmoid, m_dtanh, m_sigmoid, m_softplus, mpf, record,
                 rel_error, sig, source_line, ulp_error)

JAX = "jax"
OPTAX = "optax"
f64 = jnp.float64


def vg(f, x):
    v, g = jax.value_and_grad(f)(f64(x))
    return float(v), float(g)


def grad_only(f, x):
    return vg(f, x)[1]


def value(f, x):
    return float(f(f64(x)))


def nn_src(needle):
    return source_line(jax, "_src/nn/functions.py", needle)


# ---------------------------------------------------------------------------
# jax.nn


def sigmoid():
    f = jax.nn.sigmoid
    a, b = boundary(lambda x: grad_only(f, x) == 0.0, 30.0, 40.0)
    rel = {f"rel_error_at_{k}": sig(rel_error(grad_only(f, x), m_dsigmoid(x)))
           for k, x in (("30", 30.0), ("35", 35.0), ("36_7", 36.7))}
    return record(
        "jax.sigmoid.grad", JAX, "sigmoid", "jax.nn.sigmoid(x) (lax.logistic); jax.grad",
        "Relative error of the derivative at x = 30, 35, 36.7 (exact sigma(x) sigma(-x)); it is exactly 0 from "
        "x = zero_from (bisection), where the exact derivative is exact_at_zero_from.",
        dict(zero_from=b, exact_at_zero_from=exact_number(m_dsigmoid(b)), **rel))


def tanh():
    f = jax.nn.tanh if hasattr(jax.nn, "tanh") else jnp.tanh
    a, b = boundary(lambda x: grad_only(f, x) == 0.0, 15.0, 25.0)
    out = {}
    for k, x in (("18", 18.0), ("19_1", 19.1)):
        g = grad_only(f, x)
        out[f"ratio_at_{k}"] = sig(float(mpf(g) / m_dtanh(x)))
    return record(
        "jax.tanh.grad", JAX, "tanh", "jax.nn.tanh(x); jax.grad",
        "The derivative divided by the exact sech^2 x at x = 18 and 19.1 (1 is exact); exactly 0 from "
        "x = zero_from (bisection), where the exact derivative is exact_at_zero_from.",
        dict(zero_from=b, exact_at_zero_from=exact_number(m_dtanh(b)), **out))


def softmax():
    def j(t, i):
        return float(jax.jacfwd(lambda v: jax.nn.softmax(v))(jnp.array([t, 0.0]))[i, i])

    _, t0 = boundary(lambda t: j(t, 0) == 0.0, 30.0, 50.0)
    exact40 = m_dsigmoid(40.0)
    return record(
        "jax.softmax.jacobian-diagonal", JAX, "softmax", "jax.nn.softmax(z); jax.jacfwd",
        "jax.nn.softmax has a custom JVP y * (x_dot - sum(y * x_dot)) on the rounded output y (source): at "
        "z = [40, 0] the diagonal entry J00 is j00_at_40 (exact exact_j00_at_40); J00 at z = [t, 0] is exactly 0 "
        "from t = zero_from (bisection), exact there exact_at_zero_from.",
        dict(j00_at_40=j(40.0, 0), exact_j00_at_40=exact_number(exact40), zero_from=t0,
             exact_at_zero_from=exact_number(m_dsigmoid(t0))),
        source=nn_src("return y, y * (x_dot - (y * x_dot).sum("))


def log_softmax():
    jac = jax.jacfwd(lambda v: jax.nn.log_softmax(v))(jnp.array([40.0, 0.0]))
    return record(
        "jax.log_softmax.jacobian", JAX, "log-softmax", "jax.nn.log_softmax(z); jax.jacfwd",
        "At z = [40, 0] the Jacobian entry J00 = 1 - p0 is j00_at_40 (exact exact_j00_at_40).",
        dict(j00_at_40=float(jac[0, 0]), exact_j00_at_40=exact_number(1 - m_sigmoid(40.0))))


def kinks():
    out = []
    out.append(record(
        "jax.relu.grad-at-0", JAX, "relu", "jax.nn.relu(x); jax.grad at 0",
        "The derivative at the kink (relu has a custom JVP: select(x > 0, g, 0)).",
        dict(grad_at_0=grad_only(jax.nn.relu, 0.0)), source=nn_src("relu.defjvps(")))
    out.append(record(
        "jax.leaky_relu.kink-and-default", JAX, "leaky-relu", "jax.nn.leaky_relu(x); jax.grad at 0",
        "default_negative_slope is the signature's; grad_at_0 the derivative at the kink (the catalog's a = 0.01).",
        dict(default_negative_slope=inspect.signature(jax.nn.leaky_relu).parameters["negative_slope"].default,
             grad_at_0=grad_only(jax.nn.leaky_relu, 0.0))))
    out.append(record(
        "jax.relu6.grad-at-kinks", JAX, "relu6", "jax.nn.relu6(x); jax.grad at 0 and 6",
        "The derivative at the two kinks (custom JVP).",
        dict(grad_at_0=grad_only(jax.nn.relu6, 0.0), grad_at_6=grad_only(jax.nn.relu6, 6.0))))
    out.append(record(
        "jax.hard_tanh.grad-at-kinks", JAX, "hard-tanh", "jax.nn.hard_tanh(x); jax.grad at -1 and 1",
        "The derivative at the two kinks (the catalog's 0).",
        dict(grad_at_minus_1=grad_only(jax.nn.hard_tanh, -1.0), grad_at_1=grad_only(jax.nn.hard_tanh, 1.0))))
    out.append(record(
        "jax.hard_swish.grad-at-kinks", JAX, "hard-swish", "jax.nn.hard_swish(x); jax.grad at -3, 3, 1",
        "The derivative at x = -3 and 3 (the catalog's -1/2 and 3/2) and at x = 1 (5/6); hard_swish_is_hard_silu "
        "tells whether the two names are one function.",
        dict(grad_at_minus_3=grad_only(jax.nn.hard_swish, -3.0), grad_at_3=grad_only(jax.nn.hard_swish, 3.0),
             grad_at_1=grad_only(jax.nn.hard_swish, 1.0), hard_swish_is_hard_silu=jax.nn.hard_swish is jax.nn.hard_silu)))
    hs = [value(jax.nn.hard_sigmoid, x) for x in (-3.0, 1.0, 3.0)]
    out.append(record(
        "jax.hard_sigmoid.values", JAX, "hard-sigmoid", "jax.nn.hard_sigmoid(x) at x = -3, 1, 3; jax.grad at 0",
        "Values at -3, 1, 3 (relu6(x + 3) / 6: 0, 2/3, 1) and the derivative at 0 (1/6 as a double: grad_is_double_sixth).",
        dict(value_at_minus_3=hs[0], value_at_1=hs[1], value_at_3=hs[2],
             grad_at_0=grad_only(jax.nn.hard_sigmoid, 0.0), grad_is_double_sixth=grad_only(jax.nn.hard_sigmoid, 0.0) == 1 / 6)))
    out.append(record(
        "jax.sparse_sigmoid.grad-at-kinks", JAX, "sparse-sigmoid", "jax.nn.sparse_sigmoid(x) = 0.5 * clip(x + 1, 0, 2); jax.grad",
        "The derivative at the kinks x = -1 and 1 (the catalog's 0) and inside (x = 0: 1/2).",
        dict(grad_at_minus_1=grad_only(jax.nn.sparse_sigmoid, -1.0), grad_at_1=grad_only(jax.nn.sparse_sigmoid, 1.0),
             grad_at_0=grad_only(jax.nn.sparse_sigmoid, 0.0))))
    out.append(record(
        "jax.sparse_plus.grad-at-kinks", JAX, "sparse-plus", "jax.nn.sparse_plus(x); jax.grad",
        "The derivative at the kinks x = -1 and 1 (the catalog's 0 and 1).",
        dict(grad_at_minus_1=grad_only(jax.nn.sparse_plus, -1.0), grad_at_1=grad_only(jax.nn.sparse_plus, 1.0))))
    return out


def expm1_family():
    """elu, selu and celu differentiate alpha * expm1(x) through expm1's JVP,
    expm1(x) + 1: the derivative e^x cancels for x well below 0."""
    out = []
    lam = mp.mpf("1.0507009873554804934193349852946")
    alp = mp.mpf("1.6732632423543772848170429916717")
    cases = [
        ("elu", "elu", "jax.nn.elu(x) (alpha = 1)", jax.nn.elu, lambda x: mp.exp(x)),
        ("selu", "selu", "jax.nn.selu(x)", jax.nn.selu, lambda x: lam * alp * mp.exp(x)),
        ("celu", "celu", "jax.nn.celu(x) (alpha = 1)", jax.nn.celu, lambda x: mp.exp(x)),
    ]
    for name, fid, call, f, dexact in cases:
        zero_up_to, _ = boundary(lambda x: grad_only(f, x) != 0.0, -60.0, -20.0)
        rel = {f"rel_error_at_minus_{k}": sig(rel_error(grad_only(f, -float(k)), dexact(mp.mpf(-k))))
               for k in (5, 20, 30)}
        extra = {}
        if name == "elu":
            extra["grad_at_0_alpha_2"] = grad_only(lambda x: jax.nn.elu(x, alpha=2.0), 0.0)
        if name == "selu":
            extra["grad_at_0"] = grad_only(jax.nn.selu, 0.0)
        if name == "celu":
            extra["default_alpha"] = inspect.signature(jax.nn.celu).parameters["alpha"].default
        out.append(record(
            f"jax.{name}.grad-cancellation", JAX, fid, call + "; jax.grad",
            "The derivative goes through expm1's JVP expm1(x) + 1, which cancels for x < 0: relative errors at "
            "x = -5, -20, -30, and exactly 0 for x <= zero_up_to (bisection), where the exact derivative is "
            "exact_at_zero_up_to." + (" grad_at_0_alpha_2 is the derivative at the kink with alpha = 2." if name == "elu" else "")
            + (" grad_at_0 is the derivative at the kink (lambda alpha = 1.7580993408473766...)." if name == "selu" else ""),
            dict(zero_up_to=zero_up_to, exact_at_zero_up_to=exact_number(dexact(mpf(zero_up_to))), **rel, **extra)))
    return out


def gelu():
    default = inspect.signature(jax.nn.gelu).parameters["approximate"].default
    _, b = boundary(lambda x: math.isnan(grad_only(jax.nn.gelu, x)), 1e150, 1e160)
    nb, _ = boundary(lambda x: math.isnan(grad_only(jax.nn.gelu, x)), -1e160, -1e150)
    return record(
        "jax.gelu.default-and-nan", JAX, "gelu-tanh", "jax.nn.gelu(x) (default approximate); jax.grad",
        "default_approximate is the signature's (True: the tanh form); the derivative of the default is NaN from "
        "x = nan_from (bisection; exact 1) and for x <= nan_up_to_negative (exact 0).",
        dict(default_approximate=default, nan_from=b, nan_up_to_negative=nb))


def squareplus():
    f = jax.nn.squareplus
    b = 4.0
    exact = lambda x: mp.mpf(b) / (2 * (mp.sqrt(mpf(x) ** 2 + b) - mpf(x)))
    _, inf_from = boundary(lambda x: math.isinf(value(f, x)), 1e150, 1e160)
    neg_inf, _ = boundary(lambda x: math.isinf(value(f, x)), -1e160, -1e150)
    return record(
        "jax.squareplus.overflow-cancellation", JAX, "squareplus", "jax.nn.squareplus(x) (b = 4)",
        "default_b is the signature's; (x + sqrt(x^2 + b)) / 2 is inf from x = inf_from and for x <= "
        "inf_up_to_negative (x^2 overflows; exact x and about 1/|x|); for x < 0 the sum cancels: relative "
        "errors at -1e4 and -1e6, and value_at_minus_1e8 (exact exact_at_minus_1e8).",
        dict(default_b=inspect.signature(f).parameters["b"].default, inf_from=inf_from, inf_up_to_negative=neg_inf,
             rel_error_at_minus_1e4=sig(rel_error(value(f, -1e4), exact(-1e4))),
             rel_error_at_minus_1e6=sig(rel_error(value(f, -1e6), exact(-1e6))),
             value_at_minus_1e8=value(f, -1e8), exact_at_minus_1e8=exact_number(exact(-1e8))))


def subnormal():
    x = 1.2e-310
    return record(
        "jax.xla.subnormal-inputs", JAX, "relu", "jax.nn.relu / leaky_relu / hard_tanh / (x > 0) at x = 1.2e-310, eager and jax.jit",
        "XLA on the CPU reads subnormal inputs as 0: the values returned for the subnormal x = 1.2e-310 (exact: x "
        "itself for all three) and whether x > 0 holds, eagerly and under jit.",
        dict(relu=value(jax.nn.relu, x), leaky_relu=value(jax.nn.leaky_relu, x), hard_tanh=value(jax.nn.hard_tanh, x),
             greater_than_zero=bool(f64(x) > 0), greater_than_zero_jit=bool(jax.jit(lambda v: v > 0)(f64(x))),
             relu_jit=float(jax.jit(jax.nn.relu)(f64(x))), relu_of_normal_2e_308=value(jax.nn.relu, 2.3e-308)))


def ties():
    out = {}
    for tau in (0.25, 0.5):
        out[f"quantile_grad_at_tie_tau_{str(tau).replace('.', '_')}"] = grad_only(
            lambda yhat: jnp.maximum(tau * (0.0 - yhat), (tau - 1) * (0.0 - yhat)), 0.0)
    out["abs_grad_at_0"] = grad_only(jnp.abs, 0.0)
    out["maximum_grad_at_tie"] = grad_only(lambda x: jnp.maximum(x, 0.0), 0.0)
    return record(
        "jax.jnp.tie-grads", JAX, "quantile",
        "jnp.maximum(tau*u, (tau-1)*u) with u = y - yhat, d/dyhat at u = 0; jnp.abs and jnp.maximum(x, 0) at 0; jax.grad",
        "Gradients at ties: the quantile kink for tau = 0.25 and 0.5 (the catalog's 0), d|x|/dx at 0, and "
        "d max(x, 0)/dx at 0 (jnp.maximum gives each tied argument half).", out)


def sources():
    out = []
    for fid, name, needle in (("softplus", "softplus", "return jnp.logaddexp(x, 0)"),
                              ("log-sigmoid", "log_sigmoid", "return -softplus(-x_arr)"),
                              ("mish", "mish", "return x_arr * jnp.tanh(softplus(x_arr))"),
                              ("glu", "glu", "return x1 * sigmoid(x2)"),
                              ("elu", "elu", "alpha * jnp.expm1(jnp.where(x_arr > 0, 0., x_arr)))"),
                              ("celu", "celu", "return jnp.maximum(x, 0.0) + alpha * jnp.expm1(jnp.minimum(x, 0.0) / alpha)"),
                              ("leaky-relu", "leaky_relu", "return jnp.where(x_arr >= 0, x_arr, negative_slope * x_arr)"),
                              ("squareplus", "squareplus", "y = x + jnp.sqrt(jnp.square(x) + b)")):
        out.append(record(
            f"jax.{name}.source", JAX, fid, f"jax.nn.{name} (source)",
            "The line of jax.nn's source that computes the function, quoted in formula.",
            dict(formula=needle.replace("return ", "")), source=nn_src(needle)))
    return out


def api_jax():
    names = ["sigmoid", "tanh", "relu", "leaky_relu", "relu6", "elu", "selu", "gelu", "silu", "swish", "mish",
             "softplus", "soft_sign", "hard_sigmoid", "hard_tanh", "hard_swish", "hard_silu", "log_sigmoid",
             "softmax", "log_softmax", "celu", "glu", "squareplus", "sparse_plus", "sparse_sigmoid", "logsumexp",
             "identity", "tanhshrink", "hard_shrink", "soft_shrink", "sparsemax", "softmin"]
    vals = {f"jax.nn.{n}": hasattr(jax.nn, n) for n in names}
    vals["silu_is_swish"] = jax.nn.silu is jax.nn.swish
    vals["silu_parameters"] = ",".join(inspect.signature(jax.nn.silu).parameters)
    vals["softplus_parameters"] = ",".join(inspect.signature(jax.nn.softplus).parameters)
    return record("jax.api.exists", JAX, "*", "hasattr(jax.nn, name); inspect.signature",
                  "Whether each jax.nn name the manual mentions (or says is absent) exists in the pinned version; "
                  "silu_is_swish: one function under two names; the parameters of silu and softplus.", vals)


# ---------------------------------------------------------------------------
# optax


def huber():
    def g(r, delta=1.0):
        return grad_only(lambda v: optax.losses.huber_loss(v, delta=delta), r)

    z1_lo, z1 = boundary(lambda r: g(r) != 0.0, 1e-20, 1e-15)
    z4_lo, _ = boundary(lambda r: g(r, 4.0) != 0.0, 1e-20, 1e-14)
    return record(
        "optax.huber_loss.grad", OPTAX, "huber", "optax.losses.huber_loss(r, delta); jax.grad (targets omitted: r = yhat)",
        "The derivative (exact r in the quadratic zone) has absolute error about 1e-16 delta: relative error at "
        "r = 1e-9 and 1e-15 (delta = 1); it is exactly 0 for 0 < r <= zero_up_to (bisection; exact r) with delta "
        "= 1, and up to zero_up_to_delta_4 with delta = 4.",
        dict(rel_error_at_1e_9=sig(rel_error(g(1e-9), mpf(1e-9))), rel_error_at_1e_15=sig(rel_error(g(1e-15), mpf(1e-15))),
             zero_up_to=z1_lo, zero_up_to_delta_4=z4_lo, grad_just_above=g(z1)),
        source=source_line(optax, "losses/_regression.py", "linear = abs_errors - quadratic"))


def log_cosh():
    vals = {}
    for k, r in (("1e_9", 1e-9), ("1e_8", 1e-8), ("1e_7", 1e-7)):
        vals[f"value_at_{k}"] = value(optax.losses.log_cosh, r)
        vals[f"exact_at_{k}"] = exact_number(mp.log(mp.cosh(mpf(r))))
    return record(
        "optax.log_cosh.small", OPTAX, "log-cosh", "optax.losses.log_cosh(r) = logaddexp(r, -r) - log 2",
        "Values returned and exact values (about r^2/2) at r = 1e-9, 1e-8, 1e-7: the result is a difference of two "
        "numbers near log 2, so below about 1e-8 it is 0 or a multiple of 1.1e-16.",
        vals, source=source_line(optax, "losses/_regression.py", "return jnp.logaddexp(errors, -errors)"))


def hinge_perceptron():
    out = []
    out.append(record(
        "optax.hinge_loss.kink-grad", OPTAX, "hinge", "optax.losses.hinge_loss(s, y); jax.grad at y s = 1",
        "The derivative in s at the kink 1 - y s = 0 (jnp.maximum splits a tie): for y = +1 and y = -1; the catalog gives 0.",
        dict(y_plus=grad_only(lambda s: optax.losses.hinge_loss(s, f64(1.0)), 1.0),
             y_minus=grad_only(lambda s: optax.losses.hinge_loss(s, f64(-1.0)), -1.0))))
    out.append(record(
        "optax.perceptron_loss.tie-grad", OPTAX, "perceptron", "optax.losses.perceptron_loss(s, y) at s = 0; jax.grad",
        "The derivative at the kink y s = 0 for y = +1 and -1 (the catalog gives 0).",
        dict(y_plus=grad_only(lambda s: optax.losses.perceptron_loss(s, f64(1.0)), 0.0),
             y_minus=grad_only(lambda s: optax.losses.perceptron_loss(s, f64(-1.0)), 0.0))))
    return out


def _grad_vec(f, s):
    v, g = jax.value_and_grad(f)(jnp.array(s, dtype=f64))
    return float(v), [float(e) for e in g]


def multiclass():
    out = []
    mh = lambda k: (lambda s: optax.losses.multiclass_hinge_loss(s, k))
    v_keras_case, _ = _grad_vec(mh(0), [0.5, -5.0, -5.0])
    v_cs, _ = _grad_vec(mh(0), [0.2, 1.0, -0.5])
    v_tie, g_tie = _grad_vec(mh(0), [0.0, 1.0, 1.0])
    out.append(record(
        "optax.multiclass_hinge_loss.crammer-singer", OPTAX, "crammer-singer", "optax.losses.multiclass_hinge_loss(s, k); jax.grad",
        "Crammer-Singer with delta = 1: value at s = [0.5, -5, -5], k = 0 (exact 0) and at s = [0.2, 1, -0.5], k = 0 "
        "(exact 1.8); at s = [0, 1, 1], k = 0 (a tie between the wrong classes) the gradient is grad_at_tie (the "
        "catalog's [-1, 1, 0]: the first largest).",
        dict(value_all_negative=v_keras_case, value_at_0_2_1_minus_0_5=v_cs, value_at_tie=v_tie, grad_at_tie=g_tie)))
    mp_ = lambda k: (lambda s: optax.losses.multiclass_perceptron_loss(s, k))
    _, g_k_tied = _grad_vec(mp_(0), [1.0, 1.0, 0.0])
    _, g_wrong_tied = _grad_vec(mp_(0), [0.0, 1.0, 1.0])
    out.append(record(
        "optax.multiclass_perceptron_loss.tie-grad", OPTAX, "multiclass-perceptron",
        "optax.losses.multiclass_perceptron_loss(s, k); jax.grad",
        "At s = [1, 1, 0], k = 0 (s_k tied for the largest: L = 0) the gradient is grad_k_tied (the catalog's all 0); "
        "at s = [0, 1, 1], k = 0 it is grad_wrong_tied (the catalog's [-1, 1, 0]).",
        dict(grad_k_tied=g_k_tied, grad_wrong_tied=g_wrong_tied)))
    # poly-1 at p_k within an ulp of 1
    s = [40.0, 0.0]
    lab = jnp.array([1.0, 0.0], dtype=f64)
    v, g = jax.value_and_grad(lambda z: optax.losses.poly_loss_cross_entropy(z, lab))(jnp.array(s, dtype=f64))
    one_minus_p = 1 - m_sigmoid(40.0)
    ce = m_softplus(-40.0)
    eps = 2
    p0 = m_sigmoid(40.0)
    out.append(record(
        "optax.poly_loss_cross_entropy.saturated", OPTAX, "poly-cross-entropy",
        "optax.losses.poly_loss_cross_entropy(s, one_hot(k)) at s = [40, 0], k = 0; jax.grad",
        "default_epsilon is the signature's; at s = [40, 0] (p_k = 1 - 4.2e-18 rounds to 1) the value is value "
        "(exact exact_value = CE + 2 (1 - p_k)) and d/ds_0 is grad_0 (exact exact_grad_0).",
        dict(default_epsilon=inspect.signature(optax.losses.poly_loss_cross_entropy).parameters["epsilon"].default,
             value=float(v), exact_value=exact_number(ce + eps * one_minus_p), grad_0=float(g[0]),
             exact_grad_0=exact_number(p0 - 1 - eps * p0 * (1 - p0)))))
    # info-nce: softmax cross-entropy of s / tau, eagerly and under jit
    # The label is an argument (traced under jit), as in a training step where
    # labels are data; with the label a Python constant XLA fuses differently.
    f = lambda z, k, tau: optax.losses.softmax_cross_entropy_with_integer_labels(z / tau, k)
    fj = jax.jit(f)
    fc = jax.jit(lambda z, tau: optax.losses.softmax_cross_entropy_with_integer_labels(z / tau, 0))
    z = jnp.array([1e300, 0.0], dtype=f64)
    k0 = jnp.array(0)
    vals = {}
    for tau in (0.07, 0.3):
        t = str(tau).replace(".", "_")
        vals[f"eager_tau_{t}"] = float(f(z, k0, tau))
        vals[f"jit_tau_{t}"] = float(fj(z, k0, tau))
        vals[f"jit_constant_label_tau_{t}"] = float(fc(z, tau))
    out.append(record(
        "optax.info-nce.jit", OPTAX, "info-nce",
        "optax.losses.softmax_cross_entropy_with_integer_labels(s / tau, k), eagerly and under jax.jit(f)(s, k, tau), s = [1e300, 0], k = 0",
        "The exact loss is log(1 + e^(-1e300 / tau)), 0 as a double: values returned eagerly and under jit (label "
        "and tau traced) for tau = 0.07 and 0.3, and under jit with the label a Python constant (jit rewrites "
        "s / tau as s * (1 / tau) and fuses the max subtraction, so the largest logit minus the max need not be "
        "0). default_temperature is optax.losses.ntxent's.",
        dict(default_temperature=inspect.signature(optax.losses.ntxent).parameters["temperature"].default, **vals)))
    return out


def regression_misc():
    out = []
    out.append(record(
        "optax.squared_error.l2_loss", OPTAX, "mse", "optax.losses.squared_error(3.0), optax.losses.l2_loss(3.0)",
        "Values at r = 3: squared_error is r^2, l2_loss r^2 / 2.",
        dict(squared_error_at_3=value(optax.losses.squared_error, 3.0), l2_loss_at_3=value(optax.losses.l2_loss, 3.0))))
    lq = jax.nn.log_softmax(jnp.array([0.3, 1.0, -0.5], dtype=f64))
    q = jnp.array([0.2, 0.5, 0.3], dtype=f64)
    v = float(optax.losses.kl_divergence(lq, q))
    S = [mpf(0.3), mp.mpf(1), mpf(-0.5)]
    lse = mp.log(sum(mp.exp(x) for x in S))
    Q = [mpf(0.2), mpf(0.5), mpf(0.3)]
    exact = sum(qi * (mp.log(qi) - (si - lse)) for qi, si in zip(Q, S))
    out.append(record(
        "optax.kl_divergence.log-input", OPTAX, "kl-div", "optax.losses.kl_divergence(jax.nn.log_softmax(s), q)",
        "Takes log-probabilities of the prediction: at s = [0.3, 1, -0.5], q = [0.2, 0.5, 0.3] the ulp error against "
        "the catalog's kl-div.", dict(ulp_error=sig(ulp_error(v, exact)))))
    # sigmoid_binary_cross_entropy at z = -37, y = 0
    sb = value(lambda z: optax.losses.sigmoid_binary_cross_entropy(z, f64(0.0)), -37.0)
    out.append(record(
        "optax.sigmoid_binary_cross_entropy.tail", OPTAX, "bce-logits",
        "optax.losses.sigmoid_binary_cross_entropy(z, y=0) at z = -37",
        "Relative error of the value (exact log(1 + e^-37), about 8.5e-17) where PyTorch returns 0.",
        dict(rel_error_at_minus_37=sig(rel_error(sb, m_softplus(-37.0))))))
    # focal: default alpha, NaN?
    sf = optax.losses.sigmoid_focal_loss
    g05 = grad_only(lambda z: sf(z, f64(1.0), gamma=0.5), 40.0)
    z0 = 3.0
    unweighted = value(lambda z: sf(z, f64(1.0)), z0)
    P = m_sigmoid(mpf(z0))
    exact_unweighted = (1 - P) ** 2 * (-mp.log(P))
    out.append(record(
        "optax.sigmoid_focal_loss.defaults", OPTAX, "focal", "optax.losses.sigmoid_focal_loss(z, y, alpha=None, gamma=2); jax.grad",
        "default_alpha and default_gamma from the signature; at z = 3, y = 1 the default loss has ulp error "
        "unweighted_ulp_error against (1 - p)^2 (-log p), i.e. alpha_t = 1; the derivative at z = 40, y = 1, "
        "gamma = 0.5 is grad_gamma_0_5_at_40 (finite: the factor is exp(gamma log(1 - p_t))).",
        dict(default_alpha=str(inspect.signature(sf).parameters["alpha"].default),
             default_gamma=inspect.signature(sf).parameters["gamma"].default,
             unweighted_ulp_error=sig(ulp_error(unweighted, exact_unweighted)), grad_gamma_0_5_at_40=g05)))
    return out


def triplet_cosine():
    out = []
    tl = optax.losses.triplet_margin_loss
    a, p, n = (jnp.array(v, dtype=f64) for v in ([0.0, 0.0], [0.0, 0.0], [0.5, 0.0]))
    v = float(tl(a, p, n))
    g = jax.grad(lambda a_, p_, n_: tl(a_, p_, n_, eps=0.0), argnums=(0, 1, 2))(a, p, n)
    flat = [float(e) for t in g for e in t]
    out.append(record(
        "optax.triplet_margin_loss.eps", OPTAX, "triplet-margin", "optax.losses.triplet_margin_loss(a, p, n) and eps=0; jax.grad",
        "default_eps is the signature's (added inside the root: (sum d^2 + eps)^(1/2)); at a = p = [0, 0], "
        "n = [0.5, 0] the loss is value (exact 0.5); with eps = 0 the gradient at the zero difference a - p has "
        "nan_count NaN components of 6.",
        dict(default_eps=inspect.signature(tl).parameters["eps"].default, value=v,
             nan_count=sum(1 for e in flat if math.isnan(e)))))
    cd = optax.losses.cosine_distance
    out.append(record(
        "optax.cosine_distance.defaults", OPTAX, "cosine-embedding", "optax.losses.cosine_distance(a, b)",
        "default_epsilon from the signature; value at a = b = [2, 2] (exact 0) and at a = [1, 0], b = [0, 1] (exact 1).",
        dict(default_epsilon=inspect.signature(cd).parameters["epsilon"].default,
             at_equal=float(cd(jnp.array([2.0, 2.0]), jnp.array([2.0, 2.0]))),
             at_orthogonal=float(cd(jnp.array([1.0, 0.0]), jnp.array([0.0, 1.0]))))))
    return out


def dice():
    u = 2.0 ** -53
    p1 = 1.0 - u
    # two pixels, two classes (p, 1 - p) so that apply_softmax=False accepts the input
    preds = jnp.array([[[1.0, 0.0], [p1, 1.0 - p1]]], dtype=f64)
    targs = jnp.array([[[1.0, 0.0], [1.0, 0.0]]], dtype=f64)
    per_class = optax.losses.dice_loss(preds, targs, apply_softmax=False, reduction="none")
    # exact per class, optax's own formula (alpha = beta = 1/2, smooth = 1)
    P1 = mpf(p1)
    I0 = 1 + P1
    Pred0 = 1 + P1
    Y0 = mp.mpf(2)
    exact0 = 1 - (I0 + 1) / (I0 + (Pred0 - I0) / 2 + (Y0 - I0) / 2 + 1)
    Pred1 = 1 - P1
    exact1 = 1 - mp.mpf(1) / (Pred1 / 2 + 1)
    sig_ = inspect.signature(optax.losses.dice_loss).parameters
    # the smooth convention: optax smooth s equals the catalog's dice smooth 2 s
    pv = jnp.array([[[0.3, 0.7], [0.9, 0.1]]], dtype=f64)
    yv = jnp.array([[[1.0, 0.0], [0.0, 1.0]]], dtype=f64)
    o = float(optax.losses.dice_loss(pv, yv, apply_softmax=False, reduction="none")[0, 0])
    Pp, Yy = [mpf(0.3), mpf(0.9)], [mp.mpf(1), mp.mpf(0)]
    I = sum(a * b for a, b in zip(Pp, Yy))
    cat = lambda s: 1 - (2 * I + s) / (sum(Pp) + sum(Yy) + s)
    return record(
        "optax.dice_loss.conventions", OPTAX, "dice",
        "optax.losses.dice_loss(p, y, apply_softmax=False, reduction='none') on two pixels with classes (p, 1 - p)",
        "Defaults from the signature. With p = [1, 1 - 2^-53] and y = [1, 1] in class 0 the per-class losses are "
        "class_0 and class_1 (exact exact_class_0 and exact_class_1: 1 - ratio rounds to 0). At p = [0.3, 0.9], "
        "y = [1, 0] optax's smooth = 1 gives smooth_1_value, which is the catalog's dice with smooth 2 "
        "(ulp_error_vs_catalog_smooth_2), not smooth 1 (catalog_smooth_1).",
        dict(default_smooth=sig_["smooth"].default, default_alpha=sig_["alpha"].default, default_beta=sig_["beta"].default,
             default_apply_softmax=sig_["apply_softmax"].default,
             class_0=float(per_class[0, 0]), class_1=float(per_class[0, 1]),
             exact_class_0=exact_number(exact0), exact_class_1=exact_number(exact1),
             smooth_1_value=o, ulp_error_vs_catalog_smooth_2=sig(ulp_error(o, cat(2))),
             catalog_smooth_1=exact_number(cat(1))))


def api_optax():
    names = ["hinge_loss", "perceptron_loss", "multiclass_hinge_loss", "multiclass_perceptron_loss",
             "poly_loss_cross_entropy", "ntxent", "triplet_margin_loss", "dice_loss", "binary_dice_loss",
             "cosine_distance", "sigmoid_binary_cross_entropy", "sigmoid_focal_loss",
             "softmax_cross_entropy", "softmax_cross_entropy_with_integer_labels", "smooth_labels", "kl_divergence",
             "kl_divergence_with_log_targets", "squared_error", "l2_loss", "huber_loss", "log_cosh",
             "multiclass_sparsemax_loss", "sparsemax_loss",
             # the manual says these are absent
             "absolute_error", "l1_loss", "gaussian_nll_loss", "poisson_nll_loss", "exponential_loss",
             "binary_cross_entropy", "tversky_loss", "squared_hinge_loss", "mape", "msle"]
    vals = {f"optax.losses.{n}": hasattr(optax.losses, n) for n in names}
    vals["softmax_cross_entropy_with_integer_labels_parameters"] = ",".join(
        inspect.signature(optax.losses.softmax_cross_entropy_with_integer_labels).parameters)
    return record("optax.api.exists", OPTAX, "*", "hasattr(optax.losses, name); inspect.signature",
                  "Whether each optax.losses name the manual mentions (or says is absent) exists in the pinned "
                  "version, and the parameters of softmax_cross_entropy_with_integer_labels (no smoothing).", vals)


MEASUREMENTS = [sigmoid, tanh, softmax, log_softmax, kinks, expm1_family, gelu, squareplus, subnormal, ties,
                sources, api_jax, huber, log_cosh, hinge_perceptron, multiclass, regression_misc, triplet_cosine,
                dice, api_optax]


def logistic_via_sigmoid_bce():
    """optax.losses.sigmoid_binary_cross_entropy(s, (y + 1) / 2) against log(1 + e^(-y s))."""
    worst, at = 0.0, None
    for s in (-40.0, -5.0, -0.3, 0.0, 0.3, 5.0, 20.0, 37.0, 50.0):
        for y in (1.0, -1.0):
            v = value(lambda z: optax.losses.sigmoid_binary_cross_entropy(z, f64((y + 1) / 2)), s)
            e = ulp_error(v, mp.log1p(mp.exp(-mpf(y) * mpf(s))))
            if e > worst:
                worst, at = e, [s, y]
    return record(
        "optax.sigmoid_binary_cross_entropy.as-logistic", OPTAX, "logistic",
        "optax.losses.sigmoid_binary_cross_entropy(s, (y + 1) / 2) at s in {-40, -5, -0.3, 0, 0.3, 5, 20, 37, 50}, y = +-1",
        "Worst ulp error against the logistic loss log(1 + e^(-y s)) (max_ulp, at [s, y]).",
        dict(max_ulp=sig(worst, 4), worst_at=at if at else "none"))


MEASUREMENTS.append(logistic_via_sigmoid_bce)

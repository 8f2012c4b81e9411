"""PyTorch (and torchvision) measurements: float64 on the CPU, autograd."""

import inspect
import math

import mpmath as mp
import torch
import torch.nn.functional as F
import torchvision

from lib import (MeasurementError, boundary, exact_number, m_dsigmoid, m_dtanh, m_sigmoid,
                 m_softplus, mpf, next_down, next_up, record, rel_error, sig, source_line,
                 ulp_error)

D = torch.float64
FW = "pytorch"


def T(x, grad=True):
    return torch.tensor(x, dtype=D, requires_grad=grad)


def vg(f, x):
    """Value and autograd derivative of a scalar function at the double x."""
    xt = T(x)
    y = f(xt)
    (g,) = torch.autograd.grad(y, xt)
    return y.item(), g.item()


def grad_only(f, x):
    return vg(f, x)[1]


def value(f, x):
    with torch.no_grad():
        return f(T(x, grad=False)).item()


# ---------------------------------------------------------------------------
# Activations


def sigmoid():
    f = torch.sigmoid
    a, b = boundary(lambda x: grad_only(f, x) == 0.0, 30.0, 40.0)
    rel = {f"rel_error_at_{k}": sig(rel_error(grad_only(f, x), m_dsigmoid(x)))
           for k, x in (("30", 30.0), ("35", 35.0), ("36_7", 36.7))}
    return record(
        "torch.sigmoid.grad-zero-from", FW, "sigmoid", "torch.sigmoid(x); d/dx by autograd",
        "The autograd derivative y (1 - y) on the rounded output is exactly 0 from x (the first double with a 0 "
        "derivative, found by bisection); exact_derivative is sigma(x) sigma(-x) there; last_nonzero is the double "
        "below x and its derivative; the rel_error keys are the relative errors of the derivative at 30, 35, 36.7.",
        dict(x=b, exact_derivative=exact_number(m_dsigmoid(b)), last_nonzero_x=a,
             last_nonzero_derivative=grad_only(f, a), value_at_x_is_1=value(f, b) == 1.0, **rel))


def tanh():
    f = torch.tanh
    a, b = boundary(lambda x: grad_only(f, x) == 0.0, 15.0, 25.0)
    na, nb = boundary(lambda x: grad_only(f, x) == 0.0, -25.0, -15.0)
    rel = {f"rel_error_at_{k}": sig(rel_error(grad_only(f, x), m_dtanh(x)))
           for k, x in (("18", 18.0), ("19_1", 19.1))}
    return record(
        "torch.tanh.grad-zero-from", FW, "tanh", "torch.tanh(x); d/dx by autograd",
        "The autograd derivative 1 - y^2 on the rounded output is exactly 0 from x on (and up to x_negative on the "
        "left); exact_derivative is sech^2 x there (about 4 e^(-2x)); rel_error keys at x = 18 and 19.1.",
        dict(x=b, x_negative=na, exact_derivative=exact_number(m_dtanh(b)), **rel))


def softmax_jacobian(fn_jac, lo, hi):
    """(threshold t, J00 at [40, 0], exact) for z = [t, 0] where J00 becomes exactly 0."""
    a, b = boundary(lambda t: fn_jac(t) == 0.0, lo, hi)
    return a, b


def softmax():
    def j00(t):
        z = T([t, 0.0])
        return torch.autograd.functional.jacobian(lambda v: torch.softmax(v, dim=-1), z)[0, 0].item()

    def j11(t):
        z = T([t, 0.0])
        return torch.autograd.functional.jacobian(lambda v: torch.softmax(v, dim=-1), z)[1, 1].item()

    _, t0 = boundary(lambda t: j00(t) == 0.0, 30.0, 50.0)
    exact40 = m_dsigmoid(40.0)  # p0 p1 = sigma(40) sigma(-40)
    return record(
        "torch.softmax.jacobian-diagonal", FW, "softmax", "torch.softmax(z, dim=-1); Jacobian by torch.autograd.functional.jacobian",
        "At z = [40, 0] the diagonal Jacobian entry J00 = p0 (1 - p0), formed on the rounded p0 = 1, is j00_at_40 "
        "(exact exact_j00_at_40); J11 = p1 (1 - p1) keeps its digits (j11_rel_error_at_40). J00 at z = [t, 0] is "
        "exactly 0 from t = zero_from (bisection), where the exact entry is exact_at_zero_from.",
        dict(j00_at_40=j00(40.0), exact_j00_at_40=exact_number(exact40),
             j11_rel_error_at_40=sig(rel_error(j11(40.0), exact40)),
             zero_from=t0, exact_at_zero_from=exact_number(m_dsigmoid(t0))))


def log_softmax():
    z = T([40.0, 0.0])
    jac = torch.autograd.functional.jacobian(lambda v: F.log_softmax(v, dim=-1), z)
    exact00 = 1 - m_sigmoid(40.0)  # 1 - p0 = p1
    src = source_line(torch, "_decomp/decompositions.py", "grad_input = grad_output - torch.exp(output) * torch.sum(")
    return record(
        "torch.log_softmax.backward", FW, "log-softmax", "torch.nn.functional.log_softmax(z, dim=-1); Jacobian by autograd",
        "The backward is grad - exp(output) * sum(grad) (source: the decomposition PyTorch registers); at "
        "z = [40, 0] the Jacobian entry J00 = 1 - p0 is j00_at_40 where the exact value is exact_j00_at_40.",
        dict(j00_at_40=jac[0, 0].item(), exact_j00_at_40=exact_number(exact00),
             j01_at_40=jac[0, 1].item()),
        source=src)


def relu_family():
    out = []
    out.append(record(
        "torch.relu.grad-at-0", FW, "relu", "torch.relu(x); d/dx by autograd at x = 0",
        "The derivative autograd returns at the kink x = 0.",
        dict(grad_at_0=grad_only(torch.relu, 0.0))))
    slope_default = inspect.signature(F.leaky_relu).parameters["negative_slope"].default
    out.append(record(
        "torch.leaky_relu.kink-and-default", FW, "leaky-relu",
        "torch.nn.functional.leaky_relu(x) (default negative_slope); d/dx by autograd at x = 0",
        "default_negative_slope is the signature's default; grad_at_0 the derivative at the kink x = 0.",
        dict(default_negative_slope=slope_default, grad_at_0=grad_only(F.leaky_relu, 0.0))))
    out.append(record(
        "torch.relu6.grad-at-kinks", FW, "relu6", "torch.nn.functional.relu6(x); d/dx by autograd at x = 0 and 6",
        "The derivative autograd returns at the two kinks.",
        dict(grad_at_0=grad_only(F.relu6, 0.0), grad_at_6=grad_only(F.relu6, 6.0))))
    out.append(record(
        "torch.elu.grad-at-0", FW, "elu", "torch.nn.functional.elu(x, alpha=2.0); d/dx by autograd at x = 0",
        "The derivative at the kink x = 0 with alpha = 2 (the catalog's alpha e^0 = 2; the right side gives 1).",
        dict(grad_at_0=grad_only(lambda x: F.elu(x, alpha=2.0), 0.0))))
    out.append(record(
        "torch.selu.grad-at-0", FW, "selu", "torch.selu(x); d/dx by autograd at x = 0",
        "The derivative at the kink x = 0 (the catalog's lambda alpha = 1.7580993408473766...).",
        dict(grad_at_0=grad_only(torch.selu, 0.0))))
    out.append(record(
        "torch.hardtanh.grad-at-kinks", FW, "hard-tanh", "torch.nn.functional.hardtanh(x); d/dx by autograd at x = -1 and 1",
        "The derivative autograd returns at the two kinks.",
        dict(grad_at_minus_1=grad_only(F.hardtanh, -1.0), grad_at_1=grad_only(F.hardtanh, 1.0))))
    out.append(record(
        "torch.hardswish.grad-at-kinks", FW, "hard-swish", "torch.nn.functional.hardswish(x); d/dx by autograd",
        "The derivative at x = -3, 3 and inside (x = 1: x/3 + 1/2 = 5/6).",
        dict(grad_at_minus_3=grad_only(F.hardswish, -3.0), grad_at_3=grad_only(F.hardswish, 3.0),
             grad_at_1=grad_only(F.hardswish, 1.0))))
    return out


def gelu():
    out = []
    X = mp.mpf(1)
    erf_form = X / 2 * (1 + mp.erf(X / mp.sqrt(2)))
    k = mp.sqrt(2 / mp.pi)
    tanh_form = X / 2 * (1 + mp.tanh(k * (X + mp.mpf("0.044715") * X ** 3)))
    v1 = value(F.gelu, 1.0)
    out.append(record(
        "torch.gelu.default", FW, "gelu", "torch.nn.GELU().approximate; torch.nn.functional.gelu(1.0)",
        "The default approximate of the GELU module ('none' is the erf form); F.gelu(1) is ulp_error_vs_erf ulp from "
        "the erf form x/2 (1 + erf(x / sqrt 2)) and ulp_error_vs_tanh ulp from the tanh form.",
        dict(default_approximate=torch.nn.GELU().approximate, ulp_error_vs_erf=sig(ulp_error(v1, erf_form)),
             ulp_error_vs_tanh=sig(ulp_error(v1, tanh_form)))))
    f = lambda x: F.gelu(x, approximate="tanh")
    _, b = boundary(lambda x: math.isnan(grad_only(f, x)), 1e150, 1e160)
    nb, _ = boundary(lambda x: math.isnan(grad_only(f, x)), -1e160, -1e150)
    out.append(record(
        "torch.gelu-tanh.nan-grad-from", FW, "gelu-tanh", "torch.nn.functional.gelu(x, approximate='tanh'); d/dx by autograd",
        "The autograd derivative is NaN from x = nan_from on (bisection; the exact derivative is 1 there) and up to "
        "x = nan_from_negative on the left (exact 0).",
        dict(nan_from=b, nan_from_negative=nb)))
    return out


def silu_softplus():
    out = []
    params = list(inspect.signature(F.silu).parameters)
    out.append(record(
        "torch.silu.parameters", FW, "silu", "inspect.signature(torch.nn.functional.silu)",
        "The parameters of F.silu: has_beta is false when there is no beta.",
        dict(parameters=",".join(params), has_beta="beta" in params)))
    sp = torch.nn.Softplus()
    f = F.softplus
    a, b = boundary(lambda x: value(f, x) == x, 19.0, 21.0)
    err_b = ulp_error(value(f, b), m_softplus(b))
    # The value x is off by log1p(e^-x), which falls with x: the largest error
    # is at the first double that takes the shortcut. Check it on the next
    # 2000 doubles and at a few points beyond.
    worst = (err_b, b)
    x = b
    for _ in range(2000):
        x = next_up(x)
        e = ulp_error(value(f, x), m_softplus(x))
        if e > worst[0]:
            worst = (e, x)
    if worst[1] != b:
        raise MeasurementError("softplus: the largest error is not at the threshold")
    g_b = grad_only(f, b)
    out.append(record(
        "torch.softplus.threshold", FW, "softplus",
        "torch.nn.functional.softplus(x) (beta=1, threshold=20); d/dx by autograd",
        "Defaults of nn.Softplus; returns x itself from x = returns_x_from (the double after 20; bisection), where "
        "the value is off by max_ulp_error ulp (the largest error past the threshold, checked on the next 2000 "
        "doubles) and the derivative is grad_at_threshold instead of exact_grad_at_threshold; at x = 20 the value "
        "is ulp_error_at_20 ulp off.",
        dict(default_beta=sp.beta, default_threshold=sp.threshold, returns_x_from=b, last_exact_path_x=a,
             max_ulp_error=sig(err_b), ulp_error_at_20=sig(ulp_error(value(f, 20.0), m_softplus(20.0))),
             grad_at_threshold=g_b, exact_grad_at_threshold=exact_number(m_sigmoid(mpf(b))),
             grad_rel_error_at_threshold=sig(rel_error(g_b, m_sigmoid(mpf(b)))))))
    return out


def hardsigmoid():
    f = F.hardsigmoid
    g0 = grad_only(f, 0.0)
    f32_sixth = float(torch.tensor(1.0, dtype=torch.float32) / 6.0)
    pts = [-2.999, -2.0, -1.0, -0.5, 0.0, 0.25, 1.0, 2.0, 2.999]
    all_same = all(grad_only(f, x) == g0 for x in pts)
    return record(
        "torch.hardsigmoid.grad-constant", FW, "hard-sigmoid", "torch.nn.functional.hardsigmoid(x); d/dx by autograd",
        "The float64 derivative on (-3, 3) (grad_at_0; same at 9 points across the interval: same_on_interval), "
        "whether it equals the float32 1.0f/6.0f, and its relative error against 1/6.",
        dict(grad_at_0=g0, equals_float32_one_sixth=g0 == f32_sixth, same_on_interval=all_same,
             rel_error=sig(rel_error(g0, mp.mpf(1) / 6))))


def celu():
    alpha = 0.1
    rows = {}
    worst = 0.0
    for ratio in (1, 10, 100, 700):
        x = -ratio * alpha
        g = grad_only(lambda v: F.celu(v, alpha=alpha), x)
        e = rel_error(g, mp.exp(mpf(x) / mpf(alpha)))
        rows[f"rel_error_at_x_over_alpha_{ratio}"] = sig(e)
        worst = max(worst, e)
    g_half = grad_only(lambda v: F.celu(v, alpha=0.5), -5.0)
    return record(
        "torch.celu.float32-reciprocal", FW, "celu", "torch.nn.functional.celu(x, alpha=0.1); d/dx by autograd",
        "Relative error of the derivative e^(x/alpha) at x = -alpha * {1, 10, 100, 700} with alpha = 0.1 (not a "
        "float32 number); it grows with |x|/alpha, as from a float32 reciprocal 1/alpha in the exponent. "
        "rel_error_alpha_0_5 is the same at alpha = 0.5 (a float32 number), x = -5.",
        dict(rel_error_alpha_0_5=sig(rel_error(g_half, mp.exp(mp.mpf(-10)))), **rows))


def tanhshrink():
    f = F.tanhshrink
    rows = {}
    for k, x in (("1e_3", 1e-3), ("1e_5", 1e-5), ("1e_8", 1e-8)):
        v, g = vg(f, x)
        X = mpf(x)
        rows[f"value_rel_error_at_{k}"] = sig(rel_error(v, X - mp.tanh(X)))
        rows[f"grad_rel_error_at_{k}"] = sig(rel_error(g, mp.tanh(X) ** 2))
    # No threshold: whether x - tanh(x) rounds to 0 is not monotone in x (the
    # bisection's check finds nonzero values below zero ones), so the figures
    # are values at fixed points.
    return record(
        "torch.tanhshrink.cancellation", FW, "tanhshrink", "torch.nn.functional.tanhshrink(x) = x - tanh(x); d/dx by autograd",
        "Relative errors of the value x - tanh x (exact about x^3/3) and of its derivative (exact tanh^2 x) at "
        "x = 1e-3, 1e-5, 1e-8 (a relative error of 1 is a returned 0); value_at_1e_8 is the value returned there "
        "(exact exact_at_1e_8).",
        dict(value_at_1e_8=value(f, 1e-8), exact_at_1e_8=exact_number(mpf(1e-8) - mp.tanh(mpf(1e-8))), **rows))


def squareplus_by_hand():
    b = 4.0
    f = lambda x: (x + torch.sqrt(x * x + b)) / 2
    exact = lambda x: mp.mpf(b) / (2 * (mp.sqrt(mpf(x) ** 2 + b) - mpf(x)))
    _, inf_from = boundary(lambda x: math.isinf(value(f, x)), 1e150, 1e160)
    neg_inf, _ = boundary(lambda x: math.isinf(value(f, x)), -1e160, -1e150)
    # Whether the cancelled sum is exactly 0 is not monotone in x (sqrt's
    # rounding), so no threshold for it: values at fixed points.
    return record(
        "torch.squareplus.by-hand", FW, "squareplus", "(x + torch.sqrt(x * x + 4)) / 2 written by hand (b = 4)",
        "x * x overflows: the value is inf from x = inf_from and for x <= inf_up_to_negative (exact: x, and about "
        "1/|x|); for x < 0 the sum cancels: relative errors at x = -1e4 and -1e6; value_at_minus_1e8 is the value "
        "returned at x = -1e8 (exact exact_at_minus_1e8).",
        dict(inf_from=inf_from, inf_up_to_negative=neg_inf, value_at_minus_1e8=value(f, -1e8),
             exact_at_minus_1e8=exact_number(exact(-1e8)),
             rel_error_at_minus_1e4=sig(rel_error(value(f, -1e4), exact(-1e4))),
             rel_error_at_minus_1e6=sig(rel_error(value(f, -1e6), exact(-1e6)))))


def module_defaults():
    rr = F.rrelu(T(-1.0, grad=False), training=False).item()
    thr_params = inspect.signature(torch.nn.Threshold.__init__).parameters
    return [
        record("torch.prelu.init", FW, "leaky-relu", "torch.nn.PReLU().weight",
               "The initial learned slope of PReLU.", dict(init=torch.nn.PReLU().weight.item())),
        record("torch.rrelu.eval-slope", FW, "leaky-relu", "torch.nn.functional.rrelu(-1.0, training=False)",
               "In evaluation RReLU uses the slope (lower + upper) / 2; value_at_minus_1 is -slope; equals_11_over_48 "
               "compares with -11/48 rounded; lower and upper are the defaults.",
               dict(value_at_minus_1=rr, equals_11_over_48=rr == -11 / 48,
                    lower=inspect.signature(F.rrelu).parameters["lower"].default,
                    upper=inspect.signature(F.rrelu).parameters["upper"].default)),
        record("torch.threshold.defaults", FW, "threshold", "inspect.signature(torch.nn.Threshold.__init__)",
               "Whether Threshold(threshold, value) has defaults for its two parameters.",
               dict(threshold_has_default=thr_params["threshold"].default is not inspect.Parameter.empty,
                    value_has_default=thr_params["value"].default is not inspect.Parameter.empty)),
        record("torch.shrink.defaults", FW, "hardshrink", "torch.nn.Hardshrink().lambd; torch.nn.Softshrink().lambd",
               "The default lambda of the two shrink modules.",
               dict(hardshrink_lambd=torch.nn.Hardshrink().lambd, softshrink_lambd=torch.nn.Softshrink().lambd)),
        record("torch.celu.default", FW, "celu", "torch.nn.CELU().alpha", "The default alpha.",
               dict(alpha=torch.nn.CELU().alpha)),
        record("torch.glu.default", FW, "glu", "torch.nn.GLU().dim; F.glu([a, b]) vs a * sigmoid(b)",
               "The default split dimension, and whether F.glu([a, b]) equals a * torch.sigmoid(b) at a = 1.5, b = -0.7.",
               dict(dim=torch.nn.GLU().dim,
                    equals_a_sigmoid_b=F.glu(T([1.5, -0.7], grad=False), dim=-1).item()
                    == (1.5 * torch.sigmoid(T(-0.7, grad=False))).item())),
    ]


def shrink_threshold_kinks():
    """p2-scalar: the derivative at the kinks of hardshrink, softshrink and threshold."""
    hard = lambda lam: (lambda v: F.hardshrink(v, lam))  # noqa: E731
    soft = lambda lam: (lambda v: F.softshrink(v, lam))  # noqa: E731
    return record(
        "torch.shrink-threshold.grad-at-kinks", FW, "hardshrink",
        "F.hardshrink(x, lambd), F.softshrink(x, lambd), F.threshold(x, 1.0, 0.0); d/dx by autograd",
        "The derivative at x = lambda and x = -lambda (lambd = 0.5), at x = 0 with lambd = 0 (where the function is the "
        "identity), and threshold's at x = t = 1 (value 0); the catalog's subgradient is 0 at each.",
        dict(hardshrink_at_lambda=grad_only(hard(0.5), 0.5), hardshrink_at_minus_lambda=grad_only(hard(0.5), -0.5),
             hardshrink_lambda_0_at_0=grad_only(hard(0.0), 0.0),
             softshrink_at_lambda=grad_only(soft(0.5), 0.5), softshrink_at_minus_lambda=grad_only(soft(0.5), -0.5),
             softshrink_lambda_0_at_0=grad_only(soft(0.0), 0.0),
             threshold_at_t=grad_only(lambda v: F.threshold(v, 1.0, 0.0), 1.0)))


# ---------------------------------------------------------------------------
# Losses


def soft_margin():
    """p2-scalar: SoftMarginLoss against the logistic loss log(1 + e^(-y s)) (alias soft-margin)."""
    worst, at = 0.0, None
    for s_ in (-40.0, -5.0, -0.3, 0.0, 0.3, 5.0, 20.0, 37.0):
        for y in (1.0, -1.0):
            v = F.soft_margin_loss(T(s_, grad=False), T(y, grad=False), reduction="none").item()
            e = ulp_error(v, mp.log1p(mp.exp(-mpf(y) * mpf(s_))))
            if e > worst:
                worst, at = e, f"s = {s_}, y = {y}"
    return record(
        "torch.soft_margin_loss.as-logistic", FW, "logistic", "F.soft_margin_loss(s, y, reduction='none')",
        "Worst ulp error against log(1 + e^(-y s)) over s in {-40, -5, -0.3, 0, 0.3, 5, 20, 37}, y = ±1 (at worst_at), "
        "and the default reduction of F.soft_margin_loss.",
        dict(max_ulp=sig(worst, 4), worst_at=at,
             default_reduction=inspect.signature(F.soft_margin_loss).parameters["reduction"].default))


def hinge_kink():
    out = {}
    for y in (1.0, -1.0):
        s = y  # y s = 1: the kink
        tag = "y_plus" if y > 0 else "y_minus"
        out[f"clamp_{tag}"] = grad_only(lambda v: torch.clamp(1 - y * v, min=0), s)
        out[f"clamp_min_{tag}"] = grad_only(lambda v: torch.clamp_min(1 - y * v, 0), s)
        out[f"relu_{tag}"] = grad_only(lambda v: F.relu(1 - y * v), s)
    return record(
        "torch.hinge.kink-grad", FW, "hinge",
        "torch.clamp(1 - y*s, min=0), torch.clamp_min(1 - y*s, 0), F.relu(1 - y*s); d/ds by autograd at y s = 1",
        "The derivative in s at the kink 1 - y s = 0 exactly, for y = +1 (s = 1) and y = -1 (s = -1); the catalog "
        "gives 0.", out)


def multi_margin():
    s = T([0.2, 1.0, -0.5])
    v = F.multi_margin_loss(s.unsqueeze(0), torch.tensor([0]), reduction="none")
    ww = (1 + 1.0 - 0.2) + (-0.5 - 0.2 + 1)
    sk = T([1.0, 0.0, -5.0])  # margin s_1 - s_0 + 1 = 0: a tie
    l2 = F.multi_margin_loss(sk.unsqueeze(0), torch.tensor([0]), reduction="none").sum()
    (g,) = torch.autograd.grad(l2, sk)
    return record(
        "torch.multi_margin_loss.convention", FW, "multiclass-hinge",
        "torch.nn.functional.multi_margin_loss(s, k, reduction='none'); gradient by autograd",
        "At s = [0.2, 1, -0.5], k = 0 the loss is value while the Weston-Watkins sum is ww_sum (ratio = C = 3); at "
        "s = [1, 0, -5], k = 0 the margin of class 1 is exactly 0 (a tie): loss_at_tie and its gradient grad_at_tie.",
        dict(value=v.item(), ww_sum=ww, ratio=ww / v.item(), loss_at_tie=l2.item(), grad_at_tie=g.tolist()))


def cross_entropy():
    s = T([1.0, 2.0, 3.0])
    l = F.cross_entropy(s.unsqueeze(0), torch.tensor([2]), label_smoothing=0.1)
    (g,) = torch.autograd.grad(l, s)
    S = [mp.mpf(1), mp.mpf(2), mp.mpf(3)]
    lse = mp.log(sum(mp.exp(v) for v in S))
    q = [mp.mpf("0.1") / 3, mp.mpf("0.1") / 3, 1 - mp.mpf("0.1") + mp.mpf("0.1") / 3]
    exact = lse - sum(qi * si for qi, si in zip(q, S))
    p = [mp.exp(v - lse) for v in S]
    gerr = max(ulp_error(gi, pi - qi) for gi, pi, qi in zip(g.tolist(), p, q))
    return record(
        "torch.cross_entropy.label-smoothing", FW, "cross-entropy",
        "torch.nn.functional.cross_entropy(s, k, label_smoothing=0.1); gradient by autograd",
        "At s = [1, 2, 3], k = 2, eps = 0.1: the ulp errors of the value and (worst component) the gradient against "
        "the catalog's smoothed cross-entropy.",
        dict(value_ulp_error=sig(ulp_error(l.item(), exact)), grad_max_ulp_error=sig(gerr)))


def kl_div():
    logp = torch.log_softmax(T([[0.3, 1.0, -0.5], [2.0, 0.0, 1.0]], grad=False), dim=-1)
    q = torch.tensor([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]], dtype=D)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyTorch warns that 'mean' is not the KL divergence: the point measured
        mean = F.kl_div(logp, q, reduction="mean").item()
    bm = F.kl_div(logp, q, reduction="batchmean").item()
    return record(
        "torch.kl_div.reduction", FW, "kl-div", "torch.nn.functional.kl_div(log_softmax(s), q, reduction=...) on 2 rows of 3",
        "batchmean / mean: 'mean' divides by the number of elements (6), 'batchmean' by the batch size (2).",
        dict(batchmean_over_mean=sig(bm / mean, 12)))


def bce():
    f1 = lambda p: F.binary_cross_entropy(p, torch.tensor(1.0, dtype=D), reduction="none")
    a, b = boundary(lambda p: value(f1, p) == 100.0, 1e-50, 1e-40)
    v255 = value(f1, 1e-255)

    def g(p, y):
        return grad_only(lambda v: F.binary_cross_entropy(v, torch.tensor(y, dtype=D)), p)

    g10 = g(1.0, 0.0)
    f32eps = float(torch.tensor(1e-12, dtype=torch.float32))
    return record(
        "torch.binary_cross_entropy.clamps", FW, "bce", "torch.nn.functional.binary_cross_entropy(p, y); d/dp by autograd",
        "With y = 1 the loss is exactly 100 (log clamped at -100) for p <= capped_up_to (bisection), where the exact "
        "loss -log p is exact_at_capped_up_to; at p = 1e-255 the loss is value_at_1e_255 (exact exact_at_1e_255); the "
        "gradient at (p, y) = (1, 0) is grad_at_1_0 (1 / float32(1e-12) = one_over_float32_1e_12); at (0, 0) and "
        "(1, 1) it is grad_at_0_0 and grad_at_1_1 (the catalog's one-sided +1 and -1).",
        dict(capped_up_to=a, exact_at_capped_up_to=exact_number(-mp.log(mpf(a))), value_at_1e_255=v255,
             exact_at_1e_255=exact_number(-mp.log(mpf(1e-255))), grad_at_1_0=g10,
             one_over_float32_1e_12=1.0 / f32eps, grad_at_0_0=g(0.0, 0.0), grad_at_1_1=g(1.0, 1.0)))


def bce_logits():
    f = lambda z: F.binary_cross_entropy_with_logits(z, torch.tensor(0.0, dtype=D))
    a, b = boundary(lambda z: value(f, z) == 0.0, -50.0, -20.0)
    return record(
        "torch.bce_with_logits.zero-below", FW, "bce-logits",
        "torch.nn.functional.binary_cross_entropy_with_logits(z, y=0)",
        "With y = 0 the loss (exact log(1 + e^z), about e^z) is exactly 0 for z <= zero_up_to (bisection), where "
        "the exact loss is exact_at_zero_up_to; at z = -37 it returns value_at_minus_37 (exact exact_at_minus_37).",
        dict(zero_up_to=a, exact_at_zero_up_to=exact_number(m_softplus(a)),
             value_at_minus_37=value(f, -37.0), exact_at_minus_37=exact_number(m_softplus(-37.0))))


def focal():
    from torchvision.ops import sigmoid_focal_loss as sfl

    def grad(z, y, gamma, alpha=0.25):
        return grad_only(lambda v: sfl(v, torch.tensor(y, dtype=D), alpha=alpha, gamma=gamma), z)

    _, pos = boundary(lambda z: math.isnan(grad(z, 1.0, 0.5)), 30.0, 40.0)
    neg, _ = boundary(lambda z: math.isnan(grad(z, 0.0, 0.5)), -40.0, -30.0)
    zt = T(3.0, grad=False)
    y1 = torch.tensor(1.0, dtype=D)
    unweighted_equal = sfl(zt, y1, alpha=-1, gamma=2).item() == 2 * sfl(zt, y1, alpha=0.5, gamma=2).item()
    src = source_line(torchvision, "ops/focal_loss.py", "if alpha >= 0:")
    return record(
        "torchvision.sigmoid_focal_loss.nan-grad", FW, "focal",
        "torchvision.ops.sigmoid_focal_loss(z, y, alpha=0.25, gamma=0.5); d/dz by autograd",
        "With gamma = 0.5 the derivative is NaN for y = 1 from z = nan_from_y1 on, and for y = 0 up to "
        "z = nan_up_to_y0 (bisection; exact derivatives are tiny and finite); gamma = 2 at z = 40, y = 1 gives "
        "grad_gamma_2_at_40. alpha < 0 skips the weighting (source): the loss with alpha = -1 equals twice the one "
        "with alpha = 0.5 (alpha_negative_is_unweighted).",
        dict(nan_from_y1=pos, nan_up_to_y0=neg, grad_gamma_2_at_40=grad(40.0, 1.0, 2.0),
             alpha_negative_is_unweighted=unweighted_equal, default_alpha=inspect.signature(sfl).parameters["alpha"].default,
             default_gamma=inspect.signature(sfl).parameters["gamma"].default),
        source=src)


def gaussian_nll():
    def lg(mu, y, var):
        m, v = T(mu), T(var)
        l = F.gaussian_nll_loss(m, torch.tensor(y, dtype=D), v, reduction="none")
        gm, gv = torch.autograd.grad(l, (m, v))
        return l.item(), gv.item()

    var = 1e-300
    l0, gv0 = lg(0.0, 0.0, var)
    exact_l0 = mp.log(mpf(var)) / 2
    exact_gv0 = 1 / (2 * mpf(var))
    l1, _ = lg(0.0, 0.0, 1e-7)
    l2, _ = lg(0.0, 0.0, 1e-6)
    return record(
        "torch.gaussian_nll_loss.var-clamp", FW, "gaussian-nll",
        "torch.nn.functional.gaussian_nll_loss(mu, y, var, reduction='none'); gradients by autograd",
        "default_eps is the signature default; var is clamped at eps: the loss at var = 1e-7 equals that at 1e-6 "
        "(clamped_below_eps); at mu = y = 0, var = 1e-300 the loss is value (exact exact_value) and d/dvar is "
        "grad_var (exact exact_grad_var).",
        dict(default_eps=inspect.signature(F.gaussian_nll_loss).parameters["eps"].default,
             clamped_below_eps=l1 == l2, value=l0, exact_value=exact_number(exact_l0), grad_var=gv0,
             exact_grad_var=exact_number(exact_gv0)),
        source=source_line(torch, "nn/functional.py", "var.clamp_(min=eps)"))


def l1_grad():
    return record(
        "torch.l1_loss.grad-at-0", FW, "mae", "torch.nn.functional.l1_loss(yhat, y); d/dyhat at r = 0",
        "The derivative at r = 0 (the catalog's 0).",
        dict(grad_at_0=grad_only(lambda v: F.l1_loss(v, torch.tensor(0.0, dtype=D)), 0.0)))


def huber_smooth_l1():
    beta = 0.5
    rs = [0.1, 0.3, 0.7, 2.0, -5.0]
    same = all(
        value(lambda v: F.smooth_l1_loss(v, torch.tensor(0.0, dtype=D), beta=beta), r) * beta
        == value(lambda v: F.huber_loss(v, torch.tensor(0.0, dtype=D), delta=beta), r) for r in rs)
    l1 = all(value(lambda v: F.smooth_l1_loss(v, torch.tensor(0.0, dtype=D), beta=0.0), r) == abs(r) for r in rs)
    g15 = grad_only(lambda v: F.huber_loss(v, torch.tensor(0.0, dtype=D)), 1e-15)
    return record(
        "torch.smooth_l1.vs-huber", FW, "smooth-l1", "F.smooth_l1_loss(yhat, y, beta); F.huber_loss(yhat, y, delta)",
        "At r = 0.1, 0.3, 0.7, 2, -5: smooth_l1(beta = 0.5) * beta == huber(delta = 0.5) exactly (times_beta_is_huber); "
        "beta = 0 gives |r| (beta_0_is_l1); huber's derivative at r = 1e-15 (huber_grad_rel_error_at_1e_15 against r).",
        dict(times_beta_is_huber=same, beta_0_is_l1=l1, huber_grad_rel_error_at_1e_15=sig(rel_error(g15, mpf(1e-15)))))


def log_cosh_by_hand():
    f = lambda r: torch.log(torch.cosh(r))
    _, inf_from = boundary(lambda r: math.isinf(value(f, r)), 700.0, 720.0)
    zero_up_to, _ = boundary(lambda r: value(f, r) != 0.0, 1e-12, 1e-6)
    return record(
        "torch.log_cosh.by-hand", FW, "log-cosh", "torch.log(torch.cosh(r)) written by hand",
        "cosh overflows: inf from r = inf_from (bisection); cosh rounds to 1: the value is exactly 0 up to "
        "r = zero_up_to, where the exact value is exact_at_zero_up_to.",
        dict(inf_from=inf_from, zero_up_to=zero_up_to,
             exact_at_zero_up_to=exact_number(mp.log(mp.cosh(mpf(zero_up_to))))))


def quantile_by_hand():
    out = {}
    for tau in (0.25, 0.5):
        out[f"grad_at_tie_tau_{str(tau).replace('.', '_')}"] = grad_only(
            lambda yhat: torch.maximum(tau * (0.0 - yhat), (tau - 1) * (0.0 - yhat)), 0.0)
    return record(
        "torch.quantile.tie-grad", FW, "quantile", "torch.maximum(tau*u, (tau-1)*u), u = y - yhat; d/dyhat at u = 0",
        "The derivative at the kink u = 0 (both arguments 0: a tie of torch.maximum) for tau = 0.25 and 0.5; the "
        "catalog's is 0.", out)


def poisson():
    z, y = 0.5, 2.0
    l = F.poisson_nll_loss(T(z, grad=False), torch.tensor(y, dtype=D), log_input=True, full=False, reduction="none").item()
    lf = F.poisson_nll_loss(T(z, grad=False), torch.tensor(y, dtype=D), log_input=True, full=True, reduction="none").item()
    Y = mp.mpf(y)
    stirling = Y * mp.log(Y) - Y + mp.log(2 * mp.pi * Y) / 2
    return record(
        "torch.poisson_nll_loss.convention", FW, "poisson-nll",
        "torch.nn.functional.poisson_nll_loss(z, y, log_input=True, full=False|True, reduction='none')",
        "At z = 0.5, y = 2: the ulp error of e^z - y z (full=False), and full=True minus full=False against the "
        "Stirling term y log y - y + log(2 pi y)/2.",
        dict(value_ulp_error=sig(ulp_error(l, mp.exp(mp.mpf(z)) - Y * z)),
             full_minus_plain=lf - l, stirling=exact_number(stirling)))


def pairwise():
    out = []
    # margin ranking at a tie
    x1, x2 = T(0.0), T(0.0)
    l = F.margin_ranking_loss(x1, x2, torch.tensor(1.0, dtype=D), margin=0.0)
    g1, g2 = torch.autograd.grad(l, (x1, x2))
    out.append(record(
        "torch.margin_ranking_loss.tie", FW, "margin-ranking",
        "torch.nn.functional.margin_ranking_loss(x1, x2, y=1, margin=0) at x1 = x2 = 0; gradients by autograd",
        "Gradients at the kink -y (x1 - x2) + m = 0 (the catalog gives 0 and 0); default_margin the signature's.",
        dict(grad_x1=g1.item(), grad_x2=g2.item(),
             default_margin=inspect.signature(F.margin_ranking_loss).parameters["margin"].default)))
    x = T(1.0)
    l = F.hinge_embedding_loss(x, torch.tensor(-1.0, dtype=D))
    (g,) = torch.autograd.grad(l, x)
    out.append(record(
        "torch.hinge_embedding_loss.tie", FW, "hinge-embedding",
        "torch.nn.functional.hinge_embedding_loss(x=1, y=-1) (margin 1); d/dx by autograd",
        "The derivative at the kink x = m with y = -1 (the catalog's 0); default_margin the signature's.",
        dict(grad_at_margin=g.item(),
             default_margin=inspect.signature(F.hinge_embedding_loss).parameters["margin"].default)))
    # torch.abs at 0
    out.append(record(
        "torch.abs.grad-at-0", FW, "mae", "torch.abs(x); d/dx by autograd at x = 0",
        "The derivative of abs at 0 (sign(0) = 0).", dict(grad_at_0=grad_only(torch.abs, 0.0))))
    return out


def cosine_embedding():
    def loss(a, b, y, margin=0.0):
        with torch.no_grad():
            return F.cosine_embedding_loss(T([a], grad=False), T([b], grad=False), torch.tensor([y], dtype=D),
                                           margin=margin).item()

    l_unit = loss([1.0], [1.0], 1.0)
    l_two = loss([2.0, 2.0], [2.0, 2.0], 1.0)
    l_anti = loss([2.0, 2.0], [-2.0, -2.0], -1.0, margin=-1.0)
    _, nan_from = boundary(lambda x: not math.isfinite(loss([x], [x], 1.0)), 1e150, 1e160)
    return record(
        "torch.cosine_embedding_loss.epsilon", FW, "cosine-embedding",
        "torch.nn.functional.cosine_embedding_loss(a, b, y, margin) on one row",
        "At a = b = [1], y = 1 (exact loss 0) the loss is at_unit_vectors (1 - 1/(1 + eps) with eps about 1e-12 "
        "added to each squared norm; the figure does not tell a double 1e-12 from a float32 one); at a = b = [2, 2] it is "
        "at_two_two (eps / 8); at a = -b = [2, 2], y = -1, margin = -1 (c = -1) it is at_c_minus_1_margin_minus_1 "
        "(exact 0); with a = b = [x] the loss is NaN or inf from x = nonfinite_from (squared norms overflow).",
        dict(at_unit_vectors=l_unit,
             at_two_two=l_two, at_c_minus_1_margin_minus_1=l_anti, nonfinite_from=nan_from))


def triplet():
    a, p, n = T([0.0, 0.0]), T([0.0, 0.0]), T([0.5, 0.0])
    l = F.triplet_margin_loss(a.unsqueeze(0), p.unsqueeze(0), n.unsqueeze(0)).item()
    a0, p0, n0 = T([0.0, 0.0]), T([0.0, 0.0]), T([0.5, 0.0])
    l0 = F.triplet_margin_loss(a0.unsqueeze(0), p0.unsqueeze(0), n0.unsqueeze(0), eps=0.0)
    ga, gp, gn = torch.autograd.grad(l0, (a0, p0, n0))
    grads = ga.tolist() + gp.tolist() + gn.tolist()
    return record(
        "torch.triplet_margin_loss.eps", FW, "triplet-margin",
        "torch.nn.functional.triplet_margin_loss(a, p, n) (margin 1, eps 1e-6) and with eps=0; gradients by autograd",
        "default_eps is the signature's; at a = p = [0, 0], n = [0.5, 0] the loss is value (exact 0.5: eps is added "
        "to every difference); with eps = 0 the gradient at the zero difference a - p is finite "
        "(eps0_grad_finite) and equals eps0_grad (a, then p, then n).",
        dict(default_eps=inspect.signature(F.triplet_margin_loss).parameters["eps"].default, value=l,
             eps0_grad_finite=all(math.isfinite(v) for v in grads), eps0_grad=grads))


def nll():
    s = T([0.3, -1.2, 2.5])
    l = F.nll_loss(s.unsqueeze(0), torch.tensor([1]))
    (g,) = torch.autograd.grad(l, s)
    return record(
        "torch.nll_loss.value", FW, "nll", "torch.nn.functional.nll_loss(s, k=1) on s = [0.3, -1.2, 2.5]",
        "The loss is -s_k and the gradient -1 at k.", dict(value=l.item(), grad=g.tolist()))


def api():
    names = [
        "torch.nn.Identity", "torch.sigmoid", "torch.tanh", "torch.relu", "torch.nn.functional.leaky_relu",
        "torch.nn.functional.relu6", "torch.nn.functional.elu", "torch.selu", "torch.nn.functional.gelu",
        "torch.nn.functional.silu", "torch.nn.functional.mish", "torch.nn.functional.softplus",
        "torch.nn.functional.softsign", "torch.nn.functional.hardsigmoid", "torch.nn.functional.hardtanh",
        "torch.nn.functional.hardswish", "torch.nn.functional.logsigmoid", "torch.softmax",
        "torch.nn.functional.log_softmax", "torch.nn.functional.binary_cross_entropy",
        "torch.nn.functional.binary_cross_entropy_with_logits", "torch.nn.functional.cross_entropy",
        "torch.nn.functional.kl_div", "torch.nn.functional.multi_margin_loss", "torch.nn.MSELoss",
        "torch.nn.L1Loss", "torch.nn.HuberLoss", "torch.nn.SmoothL1Loss", "torch.nn.GaussianNLLLoss",
        "torch.nn.PoissonNLLLoss", "torch.nn.functional.celu", "torch.nn.functional.hardshrink",
        "torch.nn.functional.softshrink", "torch.nn.functional.tanhshrink", "torch.nn.functional.threshold",
        "torch.nn.functional.glu", "torch.logsumexp", "torch.nn.functional.softmin",
        "torch.nn.functional.margin_ranking_loss", "torch.nn.functional.hinge_embedding_loss",
        "torch.nn.functional.cosine_embedding_loss", "torch.nn.functional.triplet_margin_loss",
        "torch.nn.functional.nll_loss", "torch.nn.functional.soft_margin_loss", "torch.nn.PReLU", "torch.nn.RReLU",
        "torchvision.ops.sigmoid_focal_loss",
        # absent ones the manual says are absent
        "torch.nn.functional.squareplus", "torch.nn.functional.sparsemax", "torch.nn.functional.swiglu",
        "torch.nn.functional.dice_loss",
    ]
    return record("torch.api.exists", FW, "*", "attribute look-up of each name in torch / torchvision",
                  "Whether each name the manual mentions (or says is absent) exists in the pinned version.",
                  {n: _exists(n) for n in names})


def _exists(name):
    import importlib
    parts = name.split(".")
    obj = importlib.import_module(parts[0])
    for p in parts[1:]:
        if not hasattr(obj, p):
            return False
        obj = getattr(obj, p)
    return True


MEASUREMENTS = [sigmoid, tanh, softmax, log_softmax, relu_family, gelu, silu_softplus, hardsigmoid, celu,
                tanhshrink, squareplus_by_hand, module_defaults, shrink_threshold_kinks, soft_margin, hinge_kink, multi_margin, cross_entropy, kl_div,
                bce, bce_logits, focal, gaussian_nll, l1_grad, huber_smooth_l1, log_cosh_by_hand, quantile_by_hand,
                poisson, pairwise, cosine_embedding, triplet, nll, api]

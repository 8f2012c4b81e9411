"""Keras 3 measurements on the JAX backend (KERAS_BACKEND=jax, floatx float64),
differentiated with jax.grad (Keras's gradients on this backend are JAX's)."""

import inspect

import jax
import jax.numpy as jnp
import keras
import mpmath as mp

from lib import exact_number, mpf, record, rel_error, sig, source_line, ulp_error

FW = "keras"
f64 = jnp.float64
A = lambda v: jnp.array(v, dtype=f64)  # noqa: E731
L = keras.losses
ACT = keras.activations


def losses_src(needle):
    return source_line(keras, "src/losses/losses.py", needle)


def fl(x):
    return float(jnp.asarray(x).reshape(()))


def categorical_hinge():
    s = A([[0.5, -5.0, -5.0]])
    y = A([[1.0, 0.0, 0.0]])
    v = fl(L.categorical_hinge(y, s))
    v2 = fl(L.categorical_hinge(y, A([[0.2, 1.0, -0.5]])))
    return record(
        "keras.categorical_hinge.vs-crammer-singer", FW, "crammer-singer", "keras.losses.categorical_hinge(one_hot(k), s)",
        "At s = [0.5, -5, -5], k = 0 Keras gives value where Crammer-Singer gives crammer_singer (its max runs over "
        "(1 - y_true) * y_pred, which includes the zeroed true-class slot); at s = [0.2, 1, -0.5], k = 0, where "
        "another score is positive, both give 1.8 (value_positive_other).",
        dict(value=v, crammer_singer=0.0, value_positive_other=v2),
        source=losses_src("neg = ops.max((1.0 - y_true) * y_pred, axis=-1)"))


def activation_defaults():
    sig_ = lambda f, p: inspect.signature(f).parameters[p].default  # noqa: E731
    relu = inspect.signature(ACT.relu).parameters
    X = mp.mpf(1)
    erf_form = X / 2 * (1 + mp.erf(X / mp.sqrt(2)))
    out = [
        record("keras.leaky_relu.defaults", FW, "leaky-relu",
               "inspect.signature(keras.activations.leaky_relu); keras.layers.LeakyReLU().negative_slope",
               "The default negative slope of the activation function and of the layer.",
               dict(activation_default=sig_(ACT.leaky_relu, "negative_slope"),
                    layer_default=float(keras.layers.LeakyReLU().negative_slope))),
        record("keras.relu.defaults", FW, "relu", "inspect.signature(keras.activations.relu)",
               "The defaults of negative_slope, max_value (None written as a string) and threshold.",
               dict(negative_slope=relu["negative_slope"].default, max_value=str(relu["max_value"].default),
                    threshold=relu["threshold"].default)),
        record("keras.gelu.default", FW, "gelu", "inspect.signature(keras.activations.gelu); keras.activations.gelu(1.0)",
               "The default approximate (False: the erf form) and the ulp error of gelu(1) against the erf form.",
               dict(default_approximate=sig_(ACT.gelu, "approximate"),
                    ulp_error_vs_erf=sig(ulp_error(fl(ACT.gelu(A(1.0))), erf_form)))),
        record("keras.hard_sigmoid.form", FW, "hard-sigmoid", "keras.activations.hard_sigmoid(1.0)",
               "The value at x = 1: relu6(x + 3) / 6 = 2/3 (Keras 3), not clip(0.2 x + 0.5, 0, 1) = 0.7 (Keras 2).",
               dict(value_at_1=fl(ACT.hard_sigmoid(A(1.0))))),
        record("keras.activations.parameters", FW, "silu",
               "inspect.signature of keras.activations.silu, softplus, squareplus, celu, hard_shrink, soft_shrink, threshold",
               "Parameter lists and defaults: silu and softplus have no beta; squareplus b, celu alpha, the shrink "
               "thresholds; threshold has no defaults; swish and silu are one function, hard_swish and hard_silu too.",
               dict(silu_parameters=",".join(inspect.signature(ACT.silu).parameters),
                    softplus_parameters=",".join(inspect.signature(ACT.softplus).parameters),
                    squareplus_default_b=sig_(ACT.squareplus, "b"), celu_default_alpha=sig_(ACT.celu, "alpha"),
                    hard_shrink_default=sig_(ACT.hard_shrink, "threshold"),
                    soft_shrink_default=sig_(ACT.soft_shrink, "threshold"),
                    threshold_has_defaults=any(p.default is not inspect.Parameter.empty
                                               for n, p in inspect.signature(ACT.threshold).parameters.items() if n != "x"),
                    swish_is_silu=ACT.swish is ACT.silu, hard_swish_is_hard_silu=ACT.hard_swish is ACT.hard_silu)),
        record("keras.mish.source", FW, "mish", "keras.activations.mish (source)",
               "The line that computes mish.", dict(formula="x * tanh(softplus(x))"),
               source=source_line(keras, "src/activations/activations.py", "return x * backend.nn.tanh(backend.nn.softplus(x))")),
    ]
    return out


def bce():
    eps = keras.config.epsilon()
    v = fl(L.binary_crossentropy(A([1.0]), A([0.0])))
    g = float(jax.grad(lambda p: L.binary_crossentropy(A([1.0]), jnp.reshape(p, (1,))).reshape(()))(f64(1e-9)))
    eps32 = float(jnp.float32(eps))
    return record(
        "keras.binary_crossentropy.clip", FW, "bce", "keras.losses.binary_crossentropy(y, p) (from_logits=False); jax.grad",
        "epsilon is keras.config.epsilon(); p is clipped to [epsilon, 1 - epsilon]: at p = 0, y = 1 the loss is "
        "value_at_0 (exact inf; -log(epsilon) = minus_log_epsilon, and -log of epsilon rounded to float32 = "
        "minus_log_float32_epsilon: the clip bound is the float32 one) and d/dp at p = 1e-9 is grad_at_1e_9 "
        "(exact -1e9).",
        dict(epsilon=eps, value_at_0=v, minus_log_epsilon=exact_number(-mp.log(mpf(eps))),
             minus_log_float32_epsilon=exact_number(-mp.log(mpf(eps32))), grad_at_1e_9=g))


def categorical_crossentropy():
    v = fl(L.categorical_crossentropy(A([[1.0, 0.0]]), A([[1e-10, 1.0 - 1e-10]])))
    s = A([[1.0, 2.0, 3.0]])
    ls = fl(L.categorical_crossentropy(A([[0.0, 0.0, 1.0]]), s, from_logits=True, label_smoothing=0.1))
    S = [mp.mpf(1), mp.mpf(2), mp.mpf(3)]
    lse = mp.log(sum(mp.exp(x) for x in S))
    q = [mp.mpf("0.1") / 3, mp.mpf("0.1") / 3, 1 - mp.mpf("0.1") + mp.mpf("0.1") / 3]
    exact = lse - sum(qi * si for qi, si in zip(q, S))
    return record(
        "keras.categorical_crossentropy.clip-and-smoothing", FW, "cross-entropy",
        "keras.losses.categorical_crossentropy(one_hot, p) and (one_hot, s, from_logits=True, label_smoothing=0.1)",
        "With probabilities p_k = 1e-10 (clipped to epsilon) the loss is value_clipped (exact -log 1e-10 = 23.03); "
        "with logits s = [1, 2, 3], k = 2, label_smoothing = 0.1 the ulp error against the catalog's eps = 0.1.",
        dict(value_clipped=v, smoothing_ulp_error=sig(ulp_error(ls, exact))))


def kl_divergence():
    v = fl(L.kl_divergence(A([0.0, 1.0]), A([0.5, 0.5])))
    return record(
        "keras.kl_divergence.clip", FW, "kl-div", "keras.losses.kl_divergence(q, p) at q = [0, 1], p = [0.5, 0.5]",
        "Both arguments are clipped to [1e-7, 1]: the value returned and the exact KL(q || p) = log 2.",
        dict(value=v, exact=exact_number(mp.log(2)), rel_error=sig(rel_error(v, mp.log(2)))),
        source=losses_src("y_true = ops.clip(y_true, backend.epsilon(), 1)"))


def poisson():
    v = fl(L.poisson(A([1.0]), A([0.0])))
    return record(
        "keras.poisson.rate-input", FW, "poisson-nll", "keras.losses.poisson(y, rate) at y = 1, rate = 0",
        "Takes the rate, not its log: yhat - y log(yhat + epsilon); at rate 0, y = 1 the value is value (exact inf).",
        dict(value=v), source=losses_src("return ops.mean(y_pred - y_true * ops.log(y_pred + epsilon), axis=-1)"))


def log_cosh():
    vals = {}
    for k, r in (("1e_9", 1e-9), ("1e_8", 1e-8)):
        vals[f"value_at_{k}"] = fl(L.log_cosh(A([r]), A([0.0])))
        vals[f"exact_at_{k}"] = exact_number(mp.log(mp.cosh(mpf(r))))
    return record(
        "keras.log_cosh.small", FW, "log-cosh", "keras.losses.log_cosh(y, yhat) = mean(r + softplus(-2 r) - log 2)",
        "Values returned and exact values at r = 1e-9 and 1e-8 (the formula cancels against log 2).",
        vals, source=losses_src("return x + ops.softplus(x * -2.0) - log2"))


def mape_msle():
    m1 = fl(L.mean_absolute_percentage_error(A([1e-9]), A([0.0])))
    m0 = fl(L.mean_absolute_percentage_error(A([0.0]), A([1.0])))
    s1 = fl(L.mean_squared_logarithmic_error(A([0.0]), A([-0.5])))
    exact_s1 = mp.log(mp.mpf("0.5")) ** 2
    return [
        record("keras.mape.clip", FW, "mape", "keras.losses.mean_absolute_percentage_error(y, yhat)",
               "|y| is clipped at epsilon = 1e-7: at y = 1e-9, yhat = 0 the value is at_y_1e_9 (exact 100); at y = 0, "
               "yhat = 1 (outside the catalog's domain) it is at_y_0.",
               dict(at_y_1e_9=m1, at_y_0=m0),
               source=losses_src("diff = ops.abs((y_true - y_pred) / ops.maximum(ops.abs(y_true), epsilon))")),
        record("keras.msle.clip", FW, "msle", "keras.losses.mean_squared_logarithmic_error(y, yhat)",
               "Both inputs are clipped below at epsilon = 1e-7 before log(x + 1): at yhat = -0.5, y = 0 the value is "
               "value (exact (log 0.5)^2 = exact).",
               dict(value=s1, exact=exact_number(exact_s1)),
               source=losses_src("first_log = ops.log(ops.maximum(y_pred, epsilon) + 1.0)")),
    ]


def hinge():
    a = fl(L.hinge(A([0.0]), A([0.5])))
    b = fl(L.hinge(A([-1.0]), A([0.5])))
    mean = fl(L.hinge(A([[1.0, -1.0]]), A([[0.5, 0.5]])))
    g = float(jax.grad(lambda s: L.hinge(A([1.0]), jnp.reshape(s, (1,))).reshape(()))(f64(1.0)))
    return record(
        "keras.hinge.labels", FW, "hinge", "keras.losses.hinge(y, s); jax.grad at the kink",
        "Labels {0, 1} are converted to {-1, 1}: hinge(0, 0.5) (label_0) equals hinge(-1, 0.5) (label_minus_1); "
        "over the last axis it averages: hinge([1, -1], [0.5, 0.5]) = mean_of_two (0.5 and 1.5); the derivative "
        "at the kink y s = 1 is grad_at_kink.",
        dict(label_0=a, label_minus_1=b, mean_of_two=mean, grad_at_kink=g),
        source=losses_src("return 2.0 * y_true - 1.0"))


def focal():
    z = A([[2.0]])
    y = A([[1.0]])
    d = fl(L.binary_focal_crossentropy(y, z, from_logits=True, alpha=0.25, gamma=2.0))
    d9 = fl(L.binary_focal_crossentropy(y, z, from_logits=True, alpha=0.9, gamma=2.0))
    cb = fl(L.binary_focal_crossentropy(y, z, from_logits=True, alpha=0.25, gamma=2.0, apply_class_balancing=True))
    init = inspect.signature(L.BinaryFocalCrossentropy.__init__).parameters
    return record(
        "keras.binary_focal_crossentropy.alpha", FW, "focal",
        "keras.losses.binary_focal_crossentropy(y, z, from_logits=True, alpha, gamma=2, apply_class_balancing)",
        "At z = 2, y = 1: alpha has no effect unless apply_class_balancing=True (alpha_ignored: alpha 0.25 and 0.9 "
        "give the same loss); with it the loss is balanced_over_plain times the plain one (alpha_t = 0.25); the "
        "class's defaults.",
        dict(alpha_ignored=d == d9, balanced_over_plain=sig(cb / d, 12),
             default_apply_class_balancing=init["apply_class_balancing"].default,
             default_alpha=init["alpha"].default, default_gamma=init["gamma"].default),
        source=losses_src("if apply_class_balancing:"))


def huber():
    vals = {}
    for k, r in (("0_5", 0.5), ("3", 3.0)):
        v = fl(L.huber(A([0.0]), A([r])))
        R = mpf(r)
        exact = R * R / 2 if abs(r) <= 1 else abs(R) - mp.mpf(1) / 2
        vals[f"ulp_error_at_{k}"] = sig(ulp_error(v, exact))
    return record("keras.huber.value", FW, "huber", "keras.losses.huber(y, yhat) (delta = 1)",
                  "ulp error of the per-element loss at r = 0.5 and 3.", vals)


def dice_tversky():
    empty = fl(L.dice(A([0.0, 0.0]), A([0.0, 0.0])))
    p, y = [0.3, 0.9], [1.0, 0.0]
    v = fl(L.dice(A(y), A(p)))
    P, Y = [mpf(e) for e in p], [mpf(e) for e in y]
    I = sum(a * b for a, b in zip(P, Y))
    cat0 = 1 - 2 * I / (sum(P) + sum(Y))
    # Tversky: which term does Keras's alpha weigh?
    tp = [0.5, 0.5]
    ty = [1.0, 1.0]  # T = 1, F = sum p (1 - y) = 0, N = sum (1 - p) y = 1
    k_a1 = fl(L.tversky(A(ty), A(tp), alpha=1.0, beta=0.0))
    k_b1 = fl(L.tversky(A(ty), A(tp), alpha=0.0, beta=1.0))
    tv = inspect.signature(L.Tversky.__init__).parameters
    return [
        record("keras.dice.smoothing", FW, "dice", "keras.losses.dice(y, p)",
               "No smooth term: 1 - 2I / (P + Y + epsilon). At p = y = [0, 0] the loss is at_empty (the catalog, "
               "smooth 1: 0); at p = [0.3, 0.9], y = [1, 0] it is value, ulp_error_vs_smooth_0 ulp from the "
               "catalog's dice with smooth 0.",
               dict(at_empty=empty, value=v, ulp_error_vs_smooth_0=sig(ulp_error(v, cat0))),
               source=losses_src("ops.sum(y_true, axis=axis)")),
        record("keras.tversky.alpha-weighs", FW, "tversky", "keras.losses.tversky(y, p, alpha, beta)",
               "At p = [0.5, 0.5], y = [1, 1] (T = 1, false positives F = 0, false negatives N = 1): Keras with "
               "alpha = 1, beta = 0 gives alpha_1_beta_0 and with alpha = 0, beta = 1 gives alpha_0_beta_1; the "
               "catalog (alpha on F, beta on N, smooth 0) gives 0 and 0.5: Keras's alpha weighs the false negatives. "
               "The class defaults.",
               dict(alpha_1_beta_0=k_a1, alpha_0_beta_1=k_b1, default_alpha=tv["alpha"].default,
                    default_beta=tv["beta"].default),
               source=losses_src("fp = ops.sum((1 - targets) * inputs, axis=axis)")),
    ]


def tanh_shrink():
    x = 1e-8
    v = fl(ACT.tanh_shrink(A(x)))
    return record("keras.tanh_shrink.cancellation", FW, "tanhshrink", "keras.activations.tanh_shrink(x) = x - tanh(x)",
                  "The value at x = 1e-8 (exact about x^3/3 = exact).",
                  dict(value_at_1e_8=v, exact=exact_number(mpf(x) - mp.tanh(mpf(x)))))


def float64_downcast():
    from keras.src.backend.common import dtypes
    x = A([0.3])
    ops = keras.ops
    vals = {f"ops_{n}_dtype": str(getattr(ops, n)(x).dtype) for n in ("tanh", "sinh", "exp", "log", "log1p", "sqrt", "sigmoid")}
    vals["activations_tanh_dtype"] = str(ACT.tanh(x).dtype)
    vals["result_type_float64_float"] = str(dtypes.result_type("float64", float))
    vals["activations_tanh_at_0_3"] = fl(ACT.tanh(A(0.3)))
    vals["exact_tanh_at_0_3"] = exact_number(mp.tanh(mpf(0.3)))
    return record(
        "keras.ops.float64-downcast", FW, "tanh",
        "keras.ops.<op>(x) and keras.activations.tanh(x) for a float64 array x = [0.3] (floatx float64, JAX backend)",
        "The dtype each returns for a float64 input; Keras's dtypes.result_type('float64', float) is "
        "result_type_float64_float, so the ops that promote with it (tanh and sinh among these; source) compute in "
        "float32: keras.activations.tanh(0.3) is "
        "activations_tanh_at_0_3 (exact exact_tanh_at_0_3).",
        vals, source=source_line(keras, "src/backend/jax/numpy.py", "dtype = dtypes.result_type(x.dtype, float)"))


def api():
    acts = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "relu6", "elu", "selu", "gelu", "silu", "swish",
            "mish", "softplus", "softsign", "hard_sigmoid", "hard_tanh", "hard_silu", "hard_swish", "log_sigmoid",
            "softmax", "log_softmax", "celu", "glu", "squareplus", "sparse_plus", "sparse_sigmoid", "sparsemax",
            "hard_shrink", "soft_shrink", "tanh_shrink", "threshold", "softmin", "logsumexp"]
    losses = ["Hinge", "SquaredHinge", "BinaryCrossentropy", "CategoricalCrossentropy", "KLDivergence",
              "CategoricalHinge", "MeanSquaredError", "MeanAbsoluteError", "Huber", "LogCosh", "Poisson",
              "BinaryFocalCrossentropy", "Dice", "Tversky", "MeanAbsolutePercentageError",
              "MeanSquaredLogarithmicError", "CosineSimilarity",
              "SmoothL1", "GaussianNLL", "Quantile", "TripletMargin"]
    vals = {f"keras.activations.{n}": hasattr(ACT, n) for n in acts}
    vals.update({f"keras.losses.{n}": hasattr(L, n) for n in losses})
    return record("keras.api.exists", FW, "*", "hasattr(keras.activations / keras.losses, name)",
                  "Whether each Keras name the manual mentions (or says is absent) exists in the pinned version.", vals)


MEASUREMENTS = [categorical_hinge, activation_defaults, bce, categorical_crossentropy, kl_divergence, poisson,
                log_cosh, mape_msle, hinge, focal, huber, dice_tversky, tanh_shrink, float64_downcast, api]


def logistic_via_bce():
    """keras.losses.binary_crossentropy(from_logits=True) with labels (y + 1) / 2 against log(1 + e^(-y s))."""
    worst, at = 0.0, None
    for s in (-40.0, -5.0, -0.3, 0.0, 0.3, 5.0, 20.0, 37.0, 50.0):
        for y in (1.0, -1.0):
            v = fl(L.binary_crossentropy(A([(y + 1) / 2]), A([s]), from_logits=True))
            e = ulp_error(v, mp.log1p(mp.exp(-mpf(y) * mpf(s))))
            if e > worst:
                worst, at = e, [s, y]
    return record(
        "keras.binary_crossentropy.logits-as-logistic", FW, "logistic",
        "keras.losses.binary_crossentropy((y + 1) / 2, s, from_logits=True) at s in {-40, -5, -0.3, 0, 0.3, 5, 20, 37, 50}, y = +-1",
        "Worst ulp error against the logistic loss log(1 + e^(-y s)) (max_ulp, at [s, y]); the same loss after the "
        "label change when this is small. bce-logits is the same call with y in {0, 1}.",
        dict(max_ulp=sig(worst, 4), worst_at=at if at else "none"))


MEASUREMENTS.append(logistic_via_bce)


def mean_float32():
    from keras.src.backend.common import dtypes
    x = 0.8543552444685271  # softplus(0.3), a double that float32 does not hold
    m = fl(keras.ops.mean(A([x])))
    return record(
        "keras.ops.mean.float32", FW, "*",
        "keras.ops.mean(x) for the float64 array x = [0.8543552444685271] (the reduction ending most keras.losses)",
        "The mean of one element is the element itself; Keras returns mean_of_one (float64 dtype: result_dtype), "
        "which equals x rounded to float32 (equals_float32_rounding): the mean is computed in "
        "dtypes.result_type('float64', 'float32') = compute_dtype, so every Keras loss that averages over the "
        "last axis is float32-accurate in float64 (relative error rel_error here).",
        dict(mean_of_one=m, result_dtype=str(keras.ops.mean(A([x])).dtype),
             equals_float32_rounding=m == float(jnp.float32(x)),
             compute_dtype=str(dtypes.result_type("float64", "float32")), rel_error=sig(rel_error(m, mpf(x)))),
        source=source_line(keras, "src/backend/jax/numpy.py", 'compute_dtype = dtypes.result_type(x.dtype, "float32")'))


MEASUREMENTS.append(mean_float32)


def glu_shrink_threshold():
    """p2-scalar: keras.activations.glu's halves, and the kink derivatives of hard_shrink, soft_shrink, threshold."""
    d = lambda f, x: float(jax.grad(lambda v: jnp.sum(f(v)))(A(x)))  # noqa: E731
    a, b = 1.5, -0.7
    g = fl(ACT.glu(A([a, b])))
    exact = mpf(a) / (1 + mp.exp(-mpf(b)))
    thr = inspect.signature(ACT.threshold).parameters
    return [
        record("keras.glu.halves", FW, "glu", "keras.activations.glu(x) with x = [a, b]",
               "Whether glu([a, b]) is a * sigmoid(b) (ulp error at a = 1.5, b = -0.7) and the default split axis.",
               dict(ulp_error_vs_a_sigmoid_b=sig(ulp_error(g, exact), 4),
                    default_axis=inspect.signature(ACT.glu).parameters["axis"].default)),
        record("keras.shrink-threshold.grad-at-kinks", FW, "hardshrink",
               "keras.activations.hard_shrink / soft_shrink (threshold=0.5), threshold(x, 1.0, 0.0); jax.grad",
               "The derivative at x = 0.5 and -0.5 (threshold 0.5) and threshold's at x = 1 (value 0), where the "
               "catalog's subgradient is 0; the parameter names of keras.activations.threshold.",
               dict(hard_shrink_at_lambda=d(lambda v: ACT.hard_shrink(v, 0.5), 0.5),
                    hard_shrink_at_minus_lambda=d(lambda v: ACT.hard_shrink(v, 0.5), -0.5),
                    soft_shrink_at_lambda=d(lambda v: ACT.soft_shrink(v, 0.5), 0.5),
                    soft_shrink_at_minus_lambda=d(lambda v: ACT.soft_shrink(v, 0.5), -0.5),
                    threshold_at_t=d(lambda v: ACT.threshold(v, 1.0, 0.0), 1.0),
                    threshold_parameters=",".join(thr)))]


MEASUREMENTS.append(glu_shrink_threshold)

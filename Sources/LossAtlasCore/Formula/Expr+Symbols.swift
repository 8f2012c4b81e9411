/// The symbols the catalog's formulas share: arguments (x, z, s, y, p,
/// yhat), parameters used by several functions (alpha, beta, delta), the
/// indices of vector formulas, and named quantities several formulas use
/// (the margin y s, the residual r, softmax p_i).
///
/// A symbol only one function uses is a static member of that function's
/// own type (leaky-relu's slope, quantile's tau).
extension Symbol {
  /// The activation input x.
  public static let x = Symbol.latin("x")
  /// The input vector z of a vector activation.
  static let z = Symbol.latin("z")
  /// Indices: i (an output), j (an input or a class), k (the true class),
  /// l (a summation index beside j).
  static let i = Symbol.latin("i")
  static let j = Symbol.latin("j")
  static let k = Symbol.latin("k")
  static let l = Symbol.latin("l")
  /// The score s and the label or target y.
  static let s = Symbol.latin("s")
  static let y = Symbol.latin("y")
  /// The probability p of bce.
  static let p = Symbol.latin("p")
}

extension Expr {
  /// The activation input x.
  public static let x = Expr.symbol(.x)
  /// The parameter alpha (elu, focal, barron).
  static let alpha = Expr.symbol(.greek("alpha", "α"))
  /// The parameter beta (silu, softplus, smooth-l1).
  static let beta = Expr.symbol(.greek("beta", "β"))
  /// The margin delta (multiclass hinges, huber).
  static let delta = Expr.symbol(.greek("delta", "δ"))
  /// The threshold lambda of the shrink functions (hardshrink, softshrink).
  static let lambda = Expr.symbol(.greek("lambda", "λ"))

  static let s = Expr.symbol(.s)
  static let y = Expr.symbol(.y)
  /// The margin y s.
  static let ys = Expr.y * .s

  static let p = Expr.symbol(.p)
  /// The logit z.
  static let z = Expr.symbol(.z)

  /// The prediction yhat, printed \hat{y}.
  static let yhat = Expr.symbol(Symbol("yhat", latex: "\\hat{y}", mathml: "<mover accent=\"true\"><mi>y</mi><mo>^</mo></mover>"))
  /// The residual r = yhat - y.
  static let r = Expr.named(.latin("r"), .yhat - .y)

  /// p_i = e^(v_i) / sum e^(v_l), the softmax of the vector `v` at `index`,
  /// named p (defined once under the formulas).
  static func softmax(of v: Symbol, at index: Symbol) -> Expr {
    let sumIndex: Symbol = index.name == Symbol.j.name ? .l : .j
    let p = Symbol("p", latex: "p_{\(index.latex)}", mathml: "<msub><mi>p</mi>\(index.mathml)</msub>")
    return .named(p, .exp(.element(v, index: index)) / .sumOver(sumIndex, excluding: nil, .exp(.element(v, index: sumIndex))))
  }
}

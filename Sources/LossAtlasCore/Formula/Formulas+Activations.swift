extension Formulas {
  /// The formulas of the scalar activations, by id: f(x), f'(x) with the
  /// catalog's subgradient at each kink, and f''(x) of the piece that owns
  /// the point (the piece whose f' is reported).
  static let activations: [String: FunctionFormula] = [
    "identity": FunctionFormula(value: .x, derivatives: [("x", .n(1))], secondDerivative: .n(0)),
    "sigmoid": FunctionFormula(
      value: .n(1) / (.n(1) + .exp(-.x)),
      derivatives: [("x", .sigma(.x) * .sigma(-.x))],
      secondDerivative: .sigma(.x) * .sigma(-.x) * (.n(1) - .n(2) * .sigma(.x))),
    "tanh": FunctionFormula(
      value: .tanh(.x),
      derivatives: [("x", .n(1) - .tanh(.x).pow(.n(2)))],
      secondDerivative: -(.n(2) * .tanh(.x) * (.n(1) - .tanh(.x).pow(.n(2))))),
    "relu": FunctionFormula(
      value: .max(.n(0), .x),
      derivatives: [("x", .cases([(.n(1), .greater(.x, .n(0))), (.n(0), .otherwise)]))],
      secondDerivative: .n(0)),
    "leaky-relu": FunctionFormula(
      value: .cases([(.x, .greaterOrEqual(.x, .n(0))), (.slope * .x, .otherwise)]),
      derivatives: [("x", .cases([(.n(1), .greater(.x, .n(0))), (.slope, .otherwise)]))],
      secondDerivative: .n(0)),
    "relu6": FunctionFormula(
      value: .min(.max(.n(0), .x), .n(6)),
      derivatives: [("x", .cases([(.n(1), .between(.n(0), .x, .n(6))), (.n(0), .otherwise)]))],
      secondDerivative: .n(0)),
    "elu": FunctionFormula(
      value: .cases([(.x, .greater(.x, .n(0))), (.alpha * (.exp(.x) - .n(1)), .otherwise)]),
      derivatives: [("x", .cases([(.n(1), .greater(.x, .n(0))), (.alpha * .exp(.x), .otherwise)]))],
      secondDerivative: .cases([(.n(0), .greater(.x, .n(0))), (.alpha * .exp(.x), .otherwise)])),
    "selu": FunctionFormula(
      value: .cases([
        (.seluLambda * .x, .greater(.x, .n(0))), (.seluLambda * .seluAlpha * (.exp(.x) - .n(1)), .otherwise),
      ]),
      derivatives: [("x", .cases([(.seluLambda, .greater(.x, .n(0))), (.seluLambda * .seluAlpha * .exp(.x), .otherwise)]))],
      secondDerivative: .cases([(.n(0), .greater(.x, .n(0))), (.seluLambda * .seluAlpha * .exp(.x), .otherwise)]),
      definitions: [
        (.seluLambda, .decimal("1.0507009873554804934193349852946")),
        (.seluAlpha, .decimal("1.6732632423543772848170429916717")),
      ]),
    "gelu": FunctionFormula(
      value: .x * .Phi(.x),
      derivatives: [("x", .Phi(.x) + .x * .phi(.x))],
      secondDerivative: (.n(2) - .x.pow(.n(2))) * .phi(.x),
      definitions: [
        (.Phi(.x), .n(1) / .n(2) * (.n(1) + .erf(.x / .sqrt(.n(2))))),
        (.phi(.x), .exp(-(.x.pow(.n(2)) / .n(2))) / .sqrt(.n(2) * .pi)),
      ]),
    "gelu-tanh": FunctionFormula(
      value: .x / .n(2) * (.n(1) + .tanh(GeluTanh.u)),
      derivatives: [
        ("x", .n(1) / .n(2) * (.n(1) + .tanh(GeluTanh.u)) + .x / .n(2) * GeluTanh.sech2 * GeluTanh.du)
      ],
      secondDerivative: GeluTanh.sech2
        * (GeluTanh.du - .x * .tanh(GeluTanh.u) * GeluTanh.du.pow(.n(2)) + .n(GeluTanh.c3) * GeluTanh.k * .x.pow(.n(2)))),
    "silu": FunctionFormula(
      value: .x * .sigma(.beta * .x),
      derivatives: [("x", .sigma(.beta * .x) + .beta * .x * .sigma(.beta * .x) * .sigma(-(.beta * .x)))],
      secondDerivative: .beta * .sigma(.beta * .x) * .sigma(-(.beta * .x))
        * (.n(2) + .beta * .x * (.n(1) - .n(2) * .sigma(.beta * .x)))),
    "mish": FunctionFormula(
      value: .x * .tanh(.softplus(.x)),
      derivatives: [("x", .tanh(Mish.sp) + .x * .sigma(.x) * (.n(1) - .tanh(Mish.sp).pow(.n(2))))],
      secondDerivative: .sigma(.x) * (.n(1) - .tanh(Mish.sp).pow(.n(2)))
        * (.n(2) + .x * .sigma(-.x) - .n(2) * .x * .sigma(.x) * .tanh(Mish.sp))),
    "softplus": FunctionFormula(
      value: .n(1) / .beta * .log(.n(1) + .exp(.beta * .x)),
      derivatives: [("x", .sigma(.beta * .x))],
      secondDerivative: .beta * .sigma(.beta * .x) * .sigma(-(.beta * .x))),
    "softsign": FunctionFormula(
      value: .x / (.n(1) + .abs(.x)),
      derivatives: [("x", .n(1) / (.n(1) + .abs(.x)).pow(.n(2)))],
      secondDerivative: -(.n(2) * .sign(.x) / (.n(1) + .abs(.x)).pow(.n(3)))),
    "hard-sigmoid": FunctionFormula(
      value: .min(.max(.n(0), .x + .n(3)), .n(6)) / .n(6),
      derivatives: [("x", .cases([(.n(1) / .n(6), .between(.n(-3), .x, .n(3))), (.n(0), .otherwise)]))],
      secondDerivative: .n(0)),
    "hard-tanh": FunctionFormula(
      value: .min(.max(.x, .n(-1)), .n(1)),
      derivatives: [("x", .cases([(.n(1), .between(.n(-1), .x, .n(1))), (.n(0), .otherwise)]))],
      secondDerivative: .n(0)),
    "hard-swish": FunctionFormula(
      value: .x * .min(.max(.n(0), .x + .n(3)), .n(6)) / .n(6),
      derivatives: [
        (
          "x",
          .cases([
            (.n(0), .less(.x, .n(-3))),
            ((.n(2) * .x + .n(3)) / .n(6), .between(.n(-3), .x, .n(3), closedLower: true, closedUpper: true)),
            (.n(1), .otherwise),
          ])
        )
      ],
      secondDerivative: .cases([
        (.n(1) / .n(3), .between(.n(-3), .x, .n(3), closedLower: true, closedUpper: true)), (.n(0), .otherwise),
      ])),
    "log-sigmoid": FunctionFormula(
      value: .log(.sigma(.x)),
      derivatives: [("x", .sigma(-.x))],
      secondDerivative: -(.sigma(.x) * .sigma(-.x))),
  ]

  /// The named quantities of gelu-tanh: u = k (x + 0.044715 x^3) with
  /// k = sqrt(2/pi), its derivative u', and sech^2 u.
  enum GeluTanh {
    static let c = 0.044715
    /// 3 c, the coefficient of x^2 in u' / k.
    static let c3 = 0.134145
    static let k = Expr.named(.latin("k"), .sqrt(.n(2) / .pi))
    static let u = Expr.named(.latin("u"), k * (.x + .n(c) * .x.pow(.n(3))))
    static let du = Expr.named(
      Symbol("u'", latex: "u'", mathml: "<msup><mi>u</mi><mo>′</mo></msup>"), k * (.n(1) + .n(c3) * .x.pow(.n(2))))
    static let sech2 = Expr.n(1) - .tanh(u).pow(.n(2))
  }

  /// mish's sp = softplus(x).
  enum Mish {
    static let sp = Expr.named(Symbol("sp", latex: "\\mathrm{sp}", mathml: "<mi>sp</mi>"), .softplus(.x))
  }
}

extension Symbol {
  /// The activation input x.
  public static let x = Symbol.latin("x")
}

extension Expr {
  /// The activation input x.
  public static let x = Expr.symbol(.x)
  /// leaky-relu's slope, printed a.
  static let slope = Expr.symbol(Symbol("slope", latex: "a", mathml: "<mi>a</mi>"))
  /// The parameter alpha (elu, focal, barron).
  static let alpha = Expr.symbol(.greek("alpha", "α"))
  /// The parameter beta (silu, softplus, smooth-l1).
  static let beta = Expr.symbol(.greek("beta", "β"))
  /// SELU's lambda and alpha, the catalog's exact constants.
  static let seluLambda = Expr.constant(.greek("lambda", "λ"), 1.0507009873554804934193349852946)
  static let seluAlpha = Expr.constant(.greek("alpha", "α"), 1.6732632423543772848170429916717)
}

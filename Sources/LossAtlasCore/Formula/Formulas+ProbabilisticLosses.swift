extension Formulas {
  /// The formulas of the probabilistic binary losses, by id: bce in the
  /// probability p (0 log 0 = 0 written out as cases), bce-logits and focal
  /// in the logit z.
  static let probabilisticLosses: [String: FunctionFormula] = [
    "bce": FunctionFormula(
      value: .cases([
        (-.log(.n(1) - .p), .equal(.y, .n(0))),
        (-.log(.p), .equal(.y, .n(1))),
        (-(.y * .log(.p) + (.n(1) - .y) * .log(.n(1) - .p)), .otherwise),
      ]),
      derivatives: [
        (
          "p",
          .cases([
            (.n(1), .and([.equal(.p, .n(0)), .equal(.y, .n(0))])),
            (.n(-1), .and([.equal(.p, .n(1)), .equal(.y, .n(1))])),
            ((.p - .y) / (.p * (.n(1) - .p)), .otherwise),
          ])
        )
      ],
      secondDerivative: .cases([
        (.n(1) / (.n(1) - .p).pow(.n(2)), .equal(.y, .n(0))),
        (.n(1) / .p.pow(.n(2)), .equal(.y, .n(1))),
        (.y / .p.pow(.n(2)) + (.n(1) - .y) / (.n(1) - .p).pow(.n(2)), .otherwise),
      ])),
    "bce-logits": FunctionFormula(
      value: .max(.z, .n(0)) - .z * .y + .log(.n(1) + .exp(-.abs(.z))),
      derivatives: [("z", .sigma(.z) - .y)],
      secondDerivative: .sigma(.z) * .sigma(-.z)),
    "focal": FunctionFormula(
      value: -(Focal.alphaT * (.n(1) - Focal.pT).pow(.gamma) * .log(Focal.pT)),
      derivatives: [
        (
          "z",
          (.n(2) * .y - .n(1)) * Focal.alphaT * (.n(1) - Focal.pT).pow(.gamma)
            * (.gamma * Focal.pT * .log(Focal.pT) + Focal.pT - .n(1))
        )
      ],
      secondDerivative: Focal.alphaT * Focal.pT * (.n(1) - Focal.pT).pow(.gamma)
        * ((.n(2) * .gamma + .n(1)) * (.n(1) - Focal.pT) + .gamma * (.n(1) - Focal.pT) * .log(Focal.pT)
          - .gamma.pow(.n(2)) * Focal.pT * .log(Focal.pT))),
  ]

  /// focal's named quantities: p = sigma(z), p_t and alpha_t.
  enum Focal {
    static let p = Expr.named(.latin("p"), .sigma(.z))
    static let pT = Expr.named(
      Symbol("p_t", latex: "p_t", mathml: "<msub><mi>p</mi><mi>t</mi></msub>"),
      .cases([(p, .equal(.y, .n(1))), (.n(1) - p, .otherwise)]))
    static let alphaT = Expr.named(
      Symbol("alpha_t", latex: "\\alpha_t", mathml: "<msub><mi>α</mi><mi>t</mi></msub>"),
      .cases([(.alpha, .equal(.y, .n(1))), (.n(1) - .alpha, .otherwise)]))
  }
}

extension Symbol {
  /// The probability p of bce.
  static let p = Symbol.latin("p")
}

extension Expr {
  static let p = Expr.symbol(.p)
  /// The logit z.
  static let z = Expr.symbol(.z)
  /// focal's focusing parameter gamma.
  static let gamma = Expr.symbol(.greek("gamma", "γ"))
}

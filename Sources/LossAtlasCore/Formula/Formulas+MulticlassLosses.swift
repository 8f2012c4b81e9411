extension Formulas {
  /// The formulas of the multiclass losses, by id: L(s, k) (kl-div: L(s, q))
  /// and the gradient in s, entry j (free index j). No second derivative:
  /// the argument is a vector.
  static let multiclassLosses: [String: FunctionFormula] = [
    "cross-entropy": FunctionFormula(
      value: .apply(.logSumExp, [.symbol(.s)])
        - .sumOver(.j, excluding: nil, Multiclass.smoothedTarget * .element(.s, index: .j)),
      derivatives: [("s", .softmax(of: .s, at: .j) - Multiclass.smoothedTarget)],
      derivativeIndices: [.j]),
    "kl-div": FunctionFormula(
      // 0 log 0 = 0: the sum runs over the classes with q_j > 0.
      value: .sumOver(
        .j, excluding: nil,
        .cases([
          (Multiclass.q(.j) * .log(Multiclass.q(.j) / .softmax(of: .s, at: .j)), .greater(Multiclass.q(.j), .n(0))),
          (.n(0), .otherwise),
        ])),
      derivatives: [("s", .sumOver(.l, excluding: nil, Multiclass.q(.l)) * .softmax(of: .s, at: .j) - Multiclass.q(.j))],
      derivativeIndices: [.j]),
    "multiclass-hinge": FunctionFormula(
      value: .sumOver(.j, excluding: .k, .max(.n(0), Multiclass.margin(.j))),
      derivatives: [
        (
          "s",
          .cases([
            (-.sumOver(.l, excluding: .k, .indicator(.greater(Multiclass.margin(.l), .n(0)))), .equal(.symbol(.j), .symbol(.k))),
            (.indicator(.greater(Multiclass.margin(.j), .n(0))), .otherwise),
          ])
        )
      ],
      derivativeIndices: [.j]),
    "crammer-singer": FunctionFormula(
      value: .max(.n(0), Multiclass.largestMargin(.j)),
      derivatives: [
        (
          "s",
          .cases([
            (.n(1), .and([.equal(.symbol(.j), Multiclass.runnerUp), .greater(Multiclass.largestMargin(.l), .n(0))])),
            (.n(-1), .and([.equal(.symbol(.j), .symbol(.k)), .greater(Multiclass.largestMargin(.l), .n(0))])),
            (.n(0), .otherwise),
          ])
        )
      ],
      derivativeIndices: [.j]),
  ]

  /// Pieces shared by the multiclass formulas.
  enum Multiclass {
    /// The target distribution q at `index` (kl-div's argument).
    static func q(_ index: Symbol) -> Expr { .element(.q, index: index) }

    /// cross-entropy's smoothed target q_j = (1 - eps) delta_jk + eps / C.
    static let smoothedTarget = Expr.named(
      Symbol("q", latex: "q_j", mathml: "<msub><mi>q</mi><mi>j</mi></msub>"),
      (.n(1) - .eps) * .kronecker(.j, .k) + .eps / .count(.s))

    /// The hinge margin s_j - s_k + delta of class `j`.
    static func margin(_ j: Symbol) -> Expr { .element(.s, index: j) - .element(.s, index: .k) + .delta }

    /// max over j != k of s_j, minus s_k, plus delta (maximising over
    /// `j`). In this order the sign of a tiny margin is exact: the
    /// difference of two close scores is exact (Sterbenz).
    static func largestMargin(_ j: Symbol) -> Expr {
      .maxOver(j, excluding: .k, .element(.s, index: j)) - .element(.s, index: .k) + .delta
    }

    /// j^*: the first j != k with the largest s_j.
    static let runnerUp = Expr.named(
      Symbol("j*", latex: "j^*", mathml: "<msup><mi>j</mi><mo>∗</mo></msup>"),
      .argmaxOver(.l, excluding: .k, .element(.s, index: .l)))
  }
}

extension Symbol {
  /// kl-div's target distribution q.
  static let q = Symbol.latin("q")
}

extension Expr {
  /// The margin delta (multiclass hinges, huber).
  static let delta = Expr.symbol(.greek("delta", "δ"))
  /// cross-entropy's label smoothing eps, printed as varepsilon.
  static let eps = Expr.symbol(Symbol("eps", latex: "\\varepsilon", mathml: "<mi>ε</mi>"))
}

extension Formulas {
  /// The formulas of the vector activations, by id: the output p_i (free
  /// index i) and the Jacobian J_ij = d p_i / d z_j (free indices i, j).
  static let vectorActivations: [String: FunctionFormula] = [
    "softmax": FunctionFormula(
      value: .exp(.element(.z, index: .i)) / .sumOver(.j, excluding: nil, .exp(.element(.z, index: .j))),
      derivatives: [("z", .softmax(of: .z, at: .i) * (.kronecker(.i, .j) - .softmax(of: .z, at: .j)))],
      valueIndex: .i, derivativeIndices: [.i, .j]),
    "log-softmax": FunctionFormula(
      value: .element(.z, index: .i) - .apply(.logSumExp, [.symbol(.z)]),
      derivatives: [("z", .kronecker(.i, .j) - .softmax(of: .z, at: .j))],
      valueIndex: .i, derivativeIndices: [.i, .j]),
  ]
}

extension Symbol {
  /// The input vector z of a vector activation.
  static let z = Symbol.latin("z")
  /// Indices: i (an output), j (an input or a class), k (the true class),
  /// l (a summation index beside j).
  static let i = Symbol.latin("i")
  static let j = Symbol.latin("j")
  static let k = Symbol.latin("k")
  static let l = Symbol.latin("l")
}

extension Expr {
  /// p_i = e^(v_i) / sum e^(v_l), the softmax of the vector `v` at `index`,
  /// named p (defined once under the formulas).
  static func softmax(of v: Symbol, at index: Symbol) -> Expr {
    let sumIndex: Symbol = index.name == Symbol.j.name ? .l : .j
    let p = Symbol("p", latex: "p_{\(index.latex)}", mathml: "<msub><mi>p</mi>\(index.mathml)</msub>")
    return .named(p, .exp(.element(v, index: index)) / .sumOver(sumIndex, excluding: nil, .exp(.element(v, index: sumIndex))))
  }
}

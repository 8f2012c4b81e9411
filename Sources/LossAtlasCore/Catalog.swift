/// Every function of CATALOG.md, in catalog order, with look-up by id or alias.
///
/// `all` is the registry: one line per function, each naming the `spec` of
/// the function's own file under `Functions/<family>/`. Adding a function is
/// one new file there and one line here (see CONTRIBUTING.md).
public enum Catalog {
  /// All 41 functions: activations, vector activations, margin,
  /// probabilistic, multiclass and regression losses, in catalog order.
  public static let all: [FunctionSpec] = [
    // Activations
    Identity.spec,
    Sigmoid.spec,
    Tanh.spec,
    ReLU.spec,
    LeakyReLU.spec,
    ReLU6.spec,
    ELU.spec,
    SELU.spec,
    GELU.spec,
    GELUTanh.spec,
    SiLU.spec,
    Mish.spec,
    Softplus.spec,
    Softsign.spec,
    HardSigmoid.spec,
    HardTanh.spec,
    HardSwish.spec,
    LogSigmoid.spec,
    CELU.spec,
    HardShrink.spec,
    SoftShrink.spec,
    TanhShrink.spec,
    Threshold.spec,
    Squareplus.spec,
    SparsePlus.spec,
    SparseSigmoid.spec,
    // Gated linear units
    GLU.spec,
    ReGLU.spec,
    GEGLU.spec,
    SwiGLU.spec,
    // Vector activations
    Softmax.spec,
    LogSoftmax.spec,
    LogSumExp.spec,
    Softmin.spec,
    Sparsemax.spec,
    // Margin losses
    ZeroOne.spec,
    Hinge.spec,
    SquaredHinge.spec,
    LogisticLoss.spec,
    ExponentialLoss.spec,
    // Probabilistic binary losses
    BCE.spec,
    BCELogits.spec,
    Focal.spec,
    // Multiclass losses
    CrossEntropy.spec,
    KLDiv.spec,
    MulticlassHinge.spec,
    CrammerSinger.spec,
    NLL.spec,
    MulticlassPerceptron.spec,
    PolyCrossEntropy.spec,
    InfoNCE.spec,
    SparsemaxLoss.spec,
    // Regression losses
    MSE.spec,
    MAE.spec,
    Huber.spec,
    SmoothL1.spec,
    LogCosh.spec,
    Quantile.spec,
    Barron.spec,
    GaussianNLL.spec,
    PoissonNLL.spec,
    MAPE.spec,
    MSLE.spec,
    // Pairwise and embedding losses
    Perceptron.spec,
    MarginRanking.spec,
    HingeEmbedding.spec,
    CosineEmbedding.spec,
    TripletMargin.spec,
    // Overlap losses
    Dice.spec,
    Tversky.spec,
  ]

  /// Every id, in catalog order.
  public static var ids: [String] { all.map(\.id) }

  private static let index: [String: Int] = {
    let clashes = nameClashes(in: all)
    precondition(clashes.isEmpty, "catalog names used twice: " + clashes.joined(separator: "; "))
    var index: [String: Int] = [:]
    for (i, spec) in all.enumerated() {
      for name in [spec.id] + spec.aliases { index[normalized(name)] = i }
    }
    return index
  }()

  /// Every name (id or alias, compared as a user's input is: case-folded,
  /// `_` read as `-`) that `specs` use more than once, each described with
  /// the functions that use it; empty for a valid registry.
  ///
  /// A duplicated id or alias would make one function unreachable by that
  /// name, so the registry is checked on first use (a precondition) and by
  /// a test.
  public static func nameClashes(in specs: [FunctionSpec]) -> [String] {
    var owners: [String: [String]] = [:]
    var order: [String] = []
    for spec in specs {
      for name in [spec.id] + spec.aliases {
        let key = normalized(name)
        if owners[key] == nil { order.append(key) }
        owners[key, default: []].append(spec.id)
      }
    }
    return order.compactMap { key in
      guard let ids = owners[key], ids.count > 1 else { return nil }
      return "'\(key)' is a name of " + ids.joined(separator: " and ")
    }
  }

  /// The function whose id or alias is `name` (case-insensitive; `_` reads as `-`).
  ///
  /// - Throws: ``CatalogError`` listing the closest ids when nothing matches.
  public static func function(named name: String) throws(CatalogError) -> FunctionSpec {
    let key = normalized(name)
    if let i = index[key] { return all[i] }
    let close = suggestions(for: key)
    let hint = close.isEmpty
      ? "run `lossatlas list` for the \(all.count) ids"
      : "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
    throw CatalogError(.unknownFunction, "unknown function '\(InputEcho.short(name))': \(hint)")
  }

  /// The ids and aliases closest to `name` by edit distance, at most three,
  /// each within distance 3 or sharing a prefix with `name`.
  ///
  /// The edit distance is computed only for names whose length differs
  /// from `name`'s by at most the limit (the distance is at least that
  /// difference), so a 10 MB name costs a prefix test per catalog name, not
  /// 10 MB x 20 steps each.
  public static func suggestions(for name: String) -> [String] {
    let key = normalized(name)
    let length = key.unicodeScalars.count
    let limit = max(2, min(3, key.count / 2))
    let scored = index.keys.map { candidate -> (String, Int) in
      var d = abs(candidate.unicodeScalars.count - length) <= limit ? editDistance(key, candidate) : Int.max
      if !key.isEmpty && (candidate.hasPrefix(key) || key.hasPrefix(candidate)) { d = min(d, 1) }
      return (candidate, d)
    }
    return scored.filter { $0.1 <= limit }
      .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
      .prefix(3)
      .map(\.0)
  }

  /// The look-up key: lower case, `_` read as `-`, and at most 64
  /// characters (every id and alias is shorter, so a longer name matches
  /// nothing either way, and a 10 MB name is not copied in full).
  private static func normalized(_ name: String) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: name.unicodeScalars.prefix(64))
    return String(String(scalars).lowercased().map { $0 == "_" ? "-" : $0 })
  }
}

/// Levenshtein distance between two strings, by Unicode scalar: the
/// fewest insertions, deletions and substitutions that turn `a` into `b`
/// (the "did you mean" suggestions of the catalog and of user functions).
public func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars)
  let b = Array(b.unicodeScalars)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

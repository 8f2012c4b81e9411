/// Every function of CATALOG.md, in catalog order, with look-up by id or alias.
public enum Catalog {
  /// All 41 functions: activations, vector activations, margin,
  /// probabilistic, multiclass and regression losses, in catalog order.
  public static let all: [FunctionSpec] =
    Activations.all + VectorActivations.all + MarginLosses.all + ProbabilisticLosses.all
    + MulticlassLosses.all + RegressionLosses.all

  /// Every id, in catalog order.
  public static var ids: [String] { all.map(\.id) }

  private static let index: [String: Int] = {
    var index: [String: Int] = [:]
    for (i, spec) in all.enumerated() {
      for name in [spec.id] + spec.aliases {
        precondition(index[name] == nil, "catalog name \(name) is used twice")
        index[name] = i
      }
    }
    return index
  }()

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

/// Levenshtein distance between two strings, by Unicode scalar.
func editDistance(_ a: String, _ b: String) -> Int {
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

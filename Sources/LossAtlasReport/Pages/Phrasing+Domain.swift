import LossAtlasCore

extension Phrasing {
  /// An argument's domain in the edition's words: "a finite real number",
  /// "an array of 2 or more numbers, each a finite number >= 0", "one of
  /// {-1, +1}"; in English exactly `ArgumentSpec.domainDescription` (the
  /// CLI's wording), with the bounds formatted by Core's `formatBound`.
  func domain(_ a: ArgumentSpec) -> String {
    switch a.kind {
    case .real: return domain(a.domain)
    case .vector: return strings("page.domain.vector", ["count": String(a.minimumCount), "each": domain(a.domain)])
    case .integer: return strings("page.domain.classIndex")
    }
  }

  /// One number's domain (the element of a vector argument's).
  func domain(_ d: ArgumentDomain) -> String {
    switch d {
    case .finite:
      return strings("page.domain.finite")
    case .nonZero:
      return strings("page.domain.nonZero")
    case .interval(let lo, let loIn, let hi, let hiIn):
      if hi == .infinity { return strings(loIn ? "page.domain.atLeast" : "page.domain.above", ["bound": formatBound(lo)]) }
      let interval = "\(loIn ? "[" : "(")\(formatBound(lo)), \(formatBound(hi))\(hiIn ? "]" : ")")"
      return strings("page.domain.interval", ["interval": interval])
    case .labels(let allowed):
      // Signed label sets read as {-1, +1}; others as {0, 1} (as Core's description).
      let signed = allowed.contains { $0 < 0 }
      let names = allowed.map { signed && $0 > 0 ? "+" + formatBound($0) : formatBound($0) }
      return strings("page.domain.labels", ["labels": "{" + names.joined(separator: ", ") + "}"])
    }
  }
}

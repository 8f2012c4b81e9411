import LossAtlasCore

extension Phrasing {
  /// An argument's domain in the edition's words: "a finite real number",
  /// "an array of 2 or more numbers, each a finite number >= 0", "one of
  /// {-1, +1}"; in English exactly `ArgumentSpec.domainDescription` (the
  /// CLI's wording), with the intervals and label sets written by Core's `formatInterval`
  /// and `formatLabels`.
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
      return strings("page.domain.interval", ["interval": formatInterval(lo, closed: loIn, hi, closed: hiIn)])
    case .labels(let allowed):
      return strings("page.domain.labels", ["labels": formatLabels(allowed)])
    }
  }
}

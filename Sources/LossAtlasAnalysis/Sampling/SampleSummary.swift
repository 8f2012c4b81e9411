import LossAtlasCore

/// What several properties read from the samples, gathered in one pass
/// (a million samples are swept once here instead of once per property).
public struct SampleSummary: Sendable {
  /// Whether some sample has f' > 0, f' < 0, f'' > 0, f'' < 0.
  public var d1Positive = false
  public var d1Negative = false
  public var d2Positive = false
  public var d2Negative = false
  /// The samples with the smallest and largest f and |f'| (NaN skipped).
  public var minValue = -1
  public var maxValue = -1
  public var minAbsSlope = -1
  public var maxAbsSlope = -1
  /// Brackets (i, j) of samples between which g' changes sign strictly,
  /// stepping over exact zeros: g = f (g' = f') and g = |f'| (g' = sign(f') f'').
  public var valueBrackets: [(Int, Int)] = []
  public var slopeBrackets: [(Int, Int)] = []

  init() {}

  /// Gathers the summary one sample at a time, in x order, so the sweep
  /// can fold it into the loop that evaluates the function (one pass over
  /// the samples, while f, f', f'' are still in registers).
  struct Accumulator {
    private var d1Positive = false, d1Negative = false, d2Positive = false, d2Negative = false
    private var minValue = -1, maxValue = -1, minAbsSlope = -1, maxAbsSlope = -1
    private var minV = Double.infinity, maxV = -Double.infinity, minS = Double.infinity, maxS = -Double.infinity
    private var valueBrackets: [(Int, Int)] = []
    private var slopeBrackets: [(Int, Int)] = []
    private var lastValueSign = 0.0, lastValueIndex = -1
    private var lastSlopeSign = 0.0, lastSlopeIndex = -1

    /// Sample `i` (indices increase by one per call) with f, f', f''.
    @inline(__always)
    mutating func add(_ i: Int, _ f: Double, _ a: Double, _ b: Double) {
      d1Positive = d1Positive || a > 0
      d1Negative = d1Negative || a < 0
      d2Positive = d2Positive || b > 0
      d2Negative = d2Negative || b < 0
      if f == f {
        if minValue < 0 || f < minV { minV = f; minValue = i }
        if maxValue < 0 || f > maxV { maxV = f; maxValue = i }
      }
      let s = abs(a)
      if s == s {
        if minAbsSlope < 0 || s < minS { minS = s; minAbsSlope = i }
        if maxAbsSlope < 0 || s > maxS { maxS = s; maxAbsSlope = i }
      }
      // Sign changes of f' (for the range) ...
      if a != 0 && a == a {
        let sign: Double = a < 0 ? -1 : 1
        if lastValueIndex >= 0 && sign != lastValueSign { valueBrackets.append((lastValueIndex, i)) }
        lastValueSign = sign
        lastValueIndex = i
      }
      // ... and of sign(f') f'' (for max |f'|).
      let sp = a == 0 ? 0 : (a < 0 ? -b : b)
      if sp != 0 && sp == sp {
        let sign: Double = sp < 0 ? -1 : 1
        if lastSlopeIndex >= 0 && sign != lastSlopeSign { slopeBrackets.append((lastSlopeIndex, i)) }
        lastSlopeSign = sign
        lastSlopeIndex = i
      }
    }

    var summary: SampleSummary {
      var s = SampleSummary()
      (s.d1Positive, s.d1Negative, s.d2Positive, s.d2Negative) = (d1Positive, d1Negative, d2Positive, d2Negative)
      (s.minValue, s.maxValue, s.minAbsSlope, s.maxAbsSlope) = (minValue, maxValue, minAbsSlope, maxAbsSlope)
      s.valueBrackets = valueBrackets
      s.slopeBrackets = slopeBrackets
      return s
    }
  }
}

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

  init(values: [Double], d1: [Double], d2: [Double]) {
    let n = values.count
    guard n > 0 else { return }
    var lastValueSign = 0.0
    var lastValueIndex = -1
    var lastSlopeSign = 0.0
    var lastSlopeIndex = -1
    var minV = Double.infinity, maxV = -Double.infinity, minS = Double.infinity, maxS = -Double.infinity
    values.withUnsafeBufferPointer { v in
      d1.withUnsafeBufferPointer { g in
        d2.withUnsafeBufferPointer { h in
          for i in 0..<n {
            let f = v[i]
            let a = g[i]
            let b = h[i]
            if a > 0 { d1Positive = true } else if a < 0 { d1Negative = true }
            if b > 0 { d2Positive = true } else if b < 0 { d2Negative = true }
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
        }
      }
    }
  }
}

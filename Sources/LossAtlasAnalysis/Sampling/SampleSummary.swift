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

  /// Gathers the summary block by block, in x order, so the sweep can
  /// summarise each block of samples right after evaluating it, while the
  /// block is still in the L1 cache (one pass over memory, as if folded
  /// into the evaluation loop, but without its cost: there, every sample's
  /// state crossed an opaque call to the view's closure, which clobbers
  /// every floating-point register, so the state lived in memory).
  struct Accumulator {
    private var d1Positive = false, d1Negative = false, d2Positive = false, d2Negative = false
    private var minValue = -1, maxValue = -1, minAbsSlope = -1, maxAbsSlope = -1
    private var minV = Double.infinity, maxV = -Double.infinity, minS = Double.infinity, maxS = -Double.infinity
    private var valueBrackets: [(Int, Int)] = []
    private var slopeBrackets: [(Int, Int)] = []
    private var lastValueSign = 0.0, lastValueIndex = -1
    private var lastSlopeSign = 0.0, lastSlopeIndex = -1

    /// Samples `range` (blocks follow one another in index order) with
    /// f, f', f'' at `values[i]`, `d1[i]`, `d2[i]`.
    ///
    /// Most blocks hold no sign change: there the block is read once
    /// without a branch on the data (``addQuietBlock``), and only the few
    /// blocks where a sign may change go through the sample-by-sample loop.
    @inline(__always)
    mutating func add(
      _ range: Range<Int>, values: UnsafeMutableBufferPointer<Double>, d1: UnsafeMutableBufferPointer<Double>,
      d2: UnsafeMutableBufferPointer<Double>
    ) {
      if !addQuietBlock(range, values: values, d1: d1, d2: d2) {
        addEach(range, values: values, d1: d1, d2: d2)
      }
    }

    /// The block summarised from reductions, when neither f' nor
    /// sign(f') f'' changes sign inside it or against the last sign seen
    /// (then no bracket starts or ends in it, and the last index with a
    /// sign is found from the end); false, with nothing changed, otherwise.
    ///
    /// The reductions give what the sample-by-sample loop gives: the
    /// smallest f is the smallest of `f < m ? f : m` (a NaN never replaces
    /// it), found again at its first index (== treats -0 and +0 alike, as
    /// < did), and it replaces the summary's only if strictly smaller (the
    /// first of equal ones stays); likewise the largest f and the extreme
    /// |f'|. Some sample has f' > 0 exactly when the largest f' so formed
    /// is > 0 (NaN skipped, as `a > 0` is false for it), and likewise for
    /// f' < 0, f'' and sign(f') f''. Four samples at a time go through
    /// 4-lane vectors (AVX2 in the native build, two SSE2 halves in the
    /// portable one), each lane its own extremes, merged at the end:
    /// comparisons and sign flips only, so the result does not depend on
    /// the order.
    @inline(__always)
    mutating func addQuietBlock(
      _ range: Range<Int>, values: UnsafeMutableBufferPointer<Double>, d1: UnsafeMutableBufferPointer<Double>,
      d2: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
      typealias Lanes = SIMD4<Double>
      typealias Bits = SIMD4<UInt64>
      let signBit = Bits(repeating: 1 << 63)
      let zero = Lanes(repeating: 0)
      var lo = Lanes(repeating: .infinity), hi = Lanes(repeating: -.infinity)
      var slo = Lanes(repeating: .infinity), shi = Lanes(repeating: -.infinity)
      var aMin = Lanes(repeating: .infinity), aMax = Lanes(repeating: -.infinity)
      var bMin = Lanes(repeating: .infinity), bMax = Lanes(repeating: -.infinity)
      var spMin = Lanes(repeating: .infinity), spMax = Lanes(repeating: -.infinity)
      /// The running extremes with a lane of samples (x < m ? x : m, x > m ? x : m).
      @inline(__always)
      func extremes(_ x: Lanes, _ low: inout Lanes, _ high: inout Lanes) {
        low.replace(with: x, where: x .< low)
        high.replace(with: x, where: x .> high)
      }
      var i = range.lowerBound
      let end = range.upperBound
      let (fp, ap, bp) = (UnsafeRawPointer(values.baseAddress!), UnsafeRawPointer(d1.baseAddress!), UnsafeRawPointer(d2.baseAddress!))
      while end - i >= Lanes.scalarCount {
        let o = i &* MemoryLayout<Double>.stride
        let f = fp.loadUnaligned(fromByteOffset: o, as: Lanes.self)
        let a = ap.loadUnaligned(fromByteOffset: o, as: Lanes.self)
        let b = bp.loadUnaligned(fromByteOffset: o, as: Lanes.self)
        let aBits = unsafeBitCast(a, to: Bits.self)
        extremes(f, &lo, &hi)
        extremes(unsafeBitCast(aBits & ~signBit, to: Lanes.self), &slo, &shi)  // |f'|
        extremes(a, &aMin, &aMax)
        extremes(b, &bMin, &bMax)
        // sign(f') f'' as a == 0 ? 0 : (a < 0 ? -b : b): the sign of b
        // flipped where a < 0 (NaN a: b as it is), +0 where a == 0.
        let flip = unsafeBitCast(a .< zero, to: Bits.self) & signBit
        let keep = ~unsafeBitCast(a .== zero, to: Bits.self)
        extremes(unsafeBitCast((unsafeBitCast(b, to: Bits.self) ^ flip) & keep, to: Lanes.self), &spMin, &spMax)
        i &+= Lanes.scalarCount
      }
      while i < end {
        // The last few samples, each in every lane.
        let (f, a, b) = (Lanes(repeating: values[i]), Lanes(repeating: d1[i]), Lanes(repeating: d2[i]))
        let sp = a[0] == 0 ? 0 : (a[0] < 0 ? -b[0] : b[0])
        extremes(f, &lo, &hi)
        extremes(Lanes(repeating: abs(a[0])), &slo, &shi)
        extremes(a, &aMin, &aMax)
        extremes(b, &bMin, &bMax)
        extremes(Lanes(repeating: sp), &spMin, &spMax)
        i &+= 1
      }
      // The lanes merged, as the loop would have (no lane holds a NaN).
      func lowest(_ x: Lanes) -> Double {
        var m = x[0]
        for k in 1..<Lanes.scalarCount where x[k] < m { m = x[k] }
        return m
      }
      func highest(_ x: Lanes) -> Double {
        var m = x[0]
        for k in 1..<Lanes.scalarCount where x[k] > m { m = x[k] }
        return m
      }
      let aPos = highest(aMax) > 0, aNeg = lowest(aMin) < 0
      let spPos = highest(spMax) > 0, spNeg = lowest(spMin) < 0
      // A sign change inside the block, or against the last sign: the slow way.
      if aPos && aNeg || spPos && spNeg { return false }
      let valueSign: Double = aPos ? 1 : -1
      let slopeSign: Double = spPos ? 1 : -1
      if (aPos || aNeg) && lastValueIndex >= 0 && valueSign != lastValueSign { return false }
      if (spPos || spNeg) && lastSlopeIndex >= 0 && slopeSign != lastSlopeSign { return false }

      d1Positive = d1Positive || aPos
      d1Negative = d1Negative || aNeg
      d2Positive = d2Positive || highest(bMax) > 0
      d2Negative = d2Negative || lowest(bMin) < 0
      let (l, h, sl, sh) = (lowest(lo), highest(hi), lowest(slo), highest(shi))
      typealias A = SampleSummary.Accumulator
      if minValue < 0 || l < minV, let i = A.firstIndex(values, in: range, equalTo: l, magnitude: false) { minV = values[i]; minValue = i }
      if maxValue < 0 || h > maxV, let i = A.firstIndex(values, in: range, equalTo: h, magnitude: false) { maxV = values[i]; maxValue = i }
      if minAbsSlope < 0 || sl < minS, let i = A.firstIndex(d1, in: range, equalTo: sl, magnitude: true) {
        minS = abs(d1[i])
        minAbsSlope = i
      }
      if maxAbsSlope < 0 || sh > maxS, let i = A.firstIndex(d1, in: range, equalTo: sh, magnitude: true) {
        maxS = abs(d1[i])
        maxAbsSlope = i
      }
      if aPos || aNeg, let i = range.last(where: { d1[$0] != 0 && d1[$0] == d1[$0] }) {
        lastValueSign = valueSign
        lastValueIndex = i
      }
      if spPos || spNeg, let i = range.last(where: { j in
        let a = d1[j]
        let sp = a == 0 ? 0 : (a < 0 ? -d2[j] : d2[j])
        return sp != 0 && sp == sp
      }) {
        lastSlopeSign = slopeSign
        lastSlopeIndex = i
      }
      return true
    }

    /// The block sample by sample (the definition the reductions follow).
    /// The state is copied into locals for the block and back after it:
    /// locals whose address never escapes stay in registers through the
    /// loop (only the rare bracket append is a call).
    @inline(__always)
    mutating func addEach(
      _ range: Range<Int>, values: UnsafeMutableBufferPointer<Double>, d1: UnsafeMutableBufferPointer<Double>,
      d2: UnsafeMutableBufferPointer<Double>
    ) {
      var (d1Positive, d1Negative, d2Positive, d2Negative) = (self.d1Positive, self.d1Negative, self.d2Positive, self.d2Negative)
      var (minValue, maxValue, minAbsSlope, maxAbsSlope) = (self.minValue, self.maxValue, self.minAbsSlope, self.maxAbsSlope)
      var (minV, maxV, minS, maxS) = (self.minV, self.maxV, self.minS, self.maxS)
      var (lastValueSign, lastValueIndex) = (self.lastValueSign, self.lastValueIndex)
      var (lastSlopeSign, lastSlopeIndex) = (self.lastSlopeSign, self.lastSlopeIndex)
      for i in range {
        let f = values[i]
        let a = d1[i]
        let b = d2[i]
        d1Positive = d1Positive || a > 0
        d1Negative = d1Negative || a < 0
        d2Positive = d2Positive || b > 0
        d2Negative = d2Negative || b < 0
        // The smallest and largest f and |f'| (NaN skipped; the first of equal ones).
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
      (self.d1Positive, self.d1Negative, self.d2Positive, self.d2Negative) = (d1Positive, d1Negative, d2Positive, d2Negative)
      (self.minValue, self.maxValue, self.minAbsSlope, self.maxAbsSlope) = (minValue, maxValue, minAbsSlope, maxAbsSlope)
      (self.minV, self.maxV, self.minS, self.maxS) = (minV, maxV, minS, maxS)
      (self.lastValueSign, self.lastValueIndex) = (lastValueSign, lastValueIndex)
      (self.lastSlopeSign, self.lastSlopeIndex) = (lastSlopeSign, lastSlopeIndex)
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


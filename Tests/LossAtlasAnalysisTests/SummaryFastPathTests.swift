import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The summary's quiet blocks (``SampleSummary/Accumulator/addQuietBlock``)
/// are reduced in SSE2 lanes (the signs seen read off the lanes' smallest
/// and largest f', f'' and sign(f') f'', the extremes of f and |f'| found
/// again at their first index) instead of scalar ORs and reductions. The
/// accumulator of main 03bd8ba is kept here verbatim
/// (`ReferenceAccumulator`); every field of the summary, and the quiet
/// path's decision for each block, must be the same on every catalog view
/// and on hostile blocks.
@Suite struct SummaryFastPathTests {
  /// The accumulator of main 03bd8ba, verbatim (only its name changed).
  enum Reference {
  struct ReferenceAccumulator {
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
    /// The reductions give what the sample-by-sample loop gives: the signs
    /// seen are ORs of comparisons (false for NaN); the smallest f is the
    /// smallest of `f < m ? f : m` (a NaN never replaces it), found again
    /// at its first index (== treats -0 and +0 alike, as < did), and it
    /// replaces the summary's only if strictly smaller (the first of equal
    /// ones stays); likewise the largest f and the extreme |f'|.
    @inline(__always)
    mutating func addQuietBlock(
      _ range: Range<Int>, values: UnsafeMutableBufferPointer<Double>, d1: UnsafeMutableBufferPointer<Double>,
      d2: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
      var aPos = 0, aNeg = 0, bPos = 0, bNeg = 0, spPos = 0, spNeg = 0
      var lo = Double.infinity, hi = -Double.infinity, slo = Double.infinity, shi = -Double.infinity
      for i in range {
        let f = values[i]
        let a = d1[i]
        let b = d2[i]
        aPos |= a > 0 ? 1 : 0
        aNeg |= a < 0 ? 1 : 0
        bPos |= b > 0 ? 1 : 0
        bNeg |= b < 0 ? 1 : 0
        lo = f < lo ? f : lo
        hi = f > hi ? f : hi
        let s = abs(a)
        slo = s < slo ? s : slo
        shi = s > shi ? s : shi
        let sp = a == 0 ? 0 : (a < 0 ? -b : b)
        spPos |= sp > 0 ? 1 : 0
        spNeg |= sp < 0 ? 1 : 0
      }
      // A sign change inside the block, or against the last sign: the slow way.
      if aPos & aNeg != 0 || spPos & spNeg != 0 { return false }
      let valueSign: Double = aPos != 0 ? 1 : -1
      let slopeSign: Double = spPos != 0 ? 1 : -1
      if aPos | aNeg != 0 && lastValueIndex >= 0 && valueSign != lastValueSign { return false }
      if spPos | spNeg != 0 && lastSlopeIndex >= 0 && slopeSign != lastSlopeSign { return false }

      d1Positive = d1Positive || aPos != 0
      d1Negative = d1Negative || aNeg != 0
      d2Positive = d2Positive || bPos != 0
      d2Negative = d2Negative || bNeg != 0
      if minValue < 0 || lo < minV, let i = range.first(where: { values[$0] == lo }) { minV = values[i]; minValue = i }
      if maxValue < 0 || hi > maxV, let i = range.first(where: { values[$0] == hi }) { maxV = values[i]; maxValue = i }
      if minAbsSlope < 0 || slo < minS, let i = range.first(where: { abs(d1[$0]) == slo }) { minS = abs(d1[i]); minAbsSlope = i }
      if maxAbsSlope < 0 || shi > maxS, let i = range.first(where: { abs(d1[$0]) == shi }) { maxS = abs(d1[i]); maxAbsSlope = i }
      if aPos | aNeg != 0, let i = range.last(where: { d1[$0] != 0 && d1[$0] == d1[$0] }) {
        lastValueSign = valueSign
        lastValueIndex = i
      }
      if spPos | spNeg != 0, let i = range.last(where: { j in
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

  /// Every field of two summaries, the brackets included.
  static func same(_ a: SampleSummary, _ b: SampleSummary) -> Bool {
    (a.d1Positive, a.d1Negative, a.d2Positive, a.d2Negative) == (b.d1Positive, b.d1Negative, b.d2Positive, b.d2Negative)
      && (a.minValue, a.maxValue, a.minAbsSlope, a.maxAbsSlope) == (b.minValue, b.maxValue, b.minAbsSlope, b.maxAbsSlope)
      && a.valueBrackets.map { [$0.0, $0.1] } == b.valueBrackets.map { [$0.0, $0.1] }
      && a.slopeBrackets.map { [$0.0, $0.1] } == b.slopeBrackets.map { [$0.0, $0.1] }
  }

  /// Feeds the same blocks to the new accumulator and the reference, and
  /// checks that the quiet path decides alike on each block (true: taken)
  /// and that the summaries agree; returns how many blocks were quiet.
  @discardableResult
  static func compare(
    _ values: [Double], _ d1: [Double], _ d2: [Double], blocks: [Int], _ name: String
  ) -> Int {
    var fast = SampleSummary.Accumulator()
    var reference = Reference.ReferenceAccumulator()
    var quiet = 0
    var (v, g, h) = (values, d1, d2)
    v.withUnsafeMutableBufferPointer { v in
      g.withUnsafeMutableBufferPointer { g in
        h.withUnsafeMutableBufferPointer { h in
          var start = 0
          for length in blocks {
            let range = start..<min(start + length, v.count)
            let a = fast.addQuietBlock(range, values: v, d1: g, d2: h)
            let b = reference.addQuietBlock(range, values: v, d1: g, d2: h)
            #expect(a == b, "\(name): the quiet path's decision on \(range)")
            if a { quiet += 1 } else { fast.addEach(range, values: v, d1: g, d2: h) }
            if !b { reference.addEach(range, values: v, d1: g, d2: h) }
            start = range.upperBound
          }
        }
      }
    }
    #expect(same(fast.summary, reference.summary), "\(name): the summary")
    return quiet
  }

  /// Every view of every catalog function at its default parameters,
  /// sampled as the analysis samples the non-primary views (20,001
  /// points), summarised in the sweep's blocks of 1024 by both; and the
  /// summary `ViewSamples` made in its sweep against the reference.
  @Test("The quiet blocks' lanes give the reference summary on every catalog view")
  func catalogViews() throws {
    var views = 0
    var quiet = 0
    for spec in Catalog.all {
      for (k, view) in spec.views(spec.defaultParameters).enumerated() {
        let s = ViewSamples(view, count: 20_001)
        let name = "\(spec.id) view \(k)"
        let blocks = Array(repeating: Sweep.blockSize, count: (s.xs.count + Sweep.blockSize - 1) / Sweep.blockSize)
        quiet += Self.compare(s.values, s.d1, s.d2, blocks: blocks, name)
        // ViewSamples' own summary (made in its sweep) against the reference's.
        var reference = Reference.ReferenceAccumulator()
        var (v, g, h) = (s.values, s.d1, s.d2)
        v.withUnsafeMutableBufferPointer { v in
          g.withUnsafeMutableBufferPointer { g in
            h.withUnsafeMutableBufferPointer { h in
              for start in stride(from: 0, to: v.count, by: Sweep.blockSize) {
                reference.add(start..<min(start + Sweep.blockSize, v.count), values: v, d1: g, d2: h)
              }
            }
          }
        }
        #expect(Self.same(s.summary, reference.summary), "\(name): ViewSamples' summary")
        views += 1
      }
    }
    #expect(views >= Catalog.all.count, "a view or more of every function")
    #expect(quiet > 10 * views, "the quiet path is taken (\(quiet) blocks)")
  }

  /// The primary views at the analysis's 1,000,001 points, for the
  /// functions whose extremes move every block (monotone f or f').
  @Test("The quiet blocks' lanes give the reference summary on primary views at 1,000,001", arguments: ["sigmoid", "softplus", "mse", "bce", "hinge", "gelu"])
  func primaryViews(id: String) throws {
    let spec = try Catalog.function(named: id)
    let s = ViewSamples(spec.views(spec.defaultParameters)[0], count: 1_000_001)
    let blocks = Array(repeating: Sweep.blockSize, count: (s.xs.count + Sweep.blockSize - 1) / Sweep.blockSize)
    Self.compare(s.values, s.d1, s.d2, blocks: blocks, "\(id) at 1,000,001")
  }

  /// Hostile blocks: values from a palette of NaN, ±inf, ±0, the least
  /// subnormal, ties (repeated values) and ordinary numbers; f' of one
  /// sign per run of blocks (so the quiet path is taken) with zeros and
  /// NaNs among them, or of mixed signs; f'' so that sign(f') f'' keeps or
  /// changes its sign; block lengths 1 to 1030 (every remainder mod 4).
  @Test("The quiet blocks' lanes give the reference summary on hostile blocks", arguments: 1...8)
  func hostileBlocks(seed: UInt64) {
    var rng = SplitMix64(seed: 0x5A_3317 &+ seed)
    let palette: [Double] = [
      .nan, .infinity, -.infinity, 0, -0.0, 0x1p-1074, -0x1p-1074, 1, -1, 2, 0.5, 7, -7, .greatestFiniteMagnitude,
      -.greatestFiniteMagnitude, 1e-300, -3.25,
    ]
    func pick(_ from: [Double]) -> Double { from[Int(rng.next() % UInt64(from.count))] }
    var values: [Double] = []
    var d1: [Double] = []
    var d2: [Double] = []
    var blocks: [Int] = []
    var quietSign: Double = 1
    var slopeSign: Double = 1
    let magnitudes: [Double] = [1, 2, 0.5, 7, 0x1p-1074, .infinity, 3, .greatestFiniteMagnitude]
    for _ in 0..<60 {
      let length = 1 + Int(rng.next() % 1030)
      blocks.append(length)
      // Modes 0 and 1 make quiet blocks (f' of one sign, or only zeros and
      // NaN; sign(f') f'' of one sign), 2 noisy ones, 3 a quiet block but
      // for one flipped f'. The signs carry over from block to block and
      // change now and then (a change against the last sign is not quiet).
      let mode = rng.next() % 4
      if rng.next() % 5 == 0 { quietSign = -quietSign }
      if rng.next() % 5 == 0 { slopeSign = -slopeSign }
      let flipAt = Int(rng.next() % UInt64(length))
      for k in 0..<length {
        // f: the palette, or a number on a coarse grid (ties).
        values.append(rng.next() % 3 == 0 ? pick(palette) : Double(Int(rng.next() % 2001) - 1000) / 8)
        var a: Double
        switch mode {
        case 0, 3: a = rng.next() % 8 == 0 ? pick([0, -0.0, .nan]) : quietSign * pick(magnitudes)
        case 1: a = pick([0, -0.0, 0, .nan])
        default: a = pick(palette)
        }
        if mode == 3 && k == flipAt { a = -quietSign * pick(magnitudes) }
        d1.append(a)
        // f'' so that sign(f') f'' has the sign slopeSign (or is 0 or NaN);
        // where f' is NaN, sign(f') f'' is f'' itself.
        let b: Double =
          mode == 2
          ? pick(palette) : slopeSign * (a < 0 ? -1 : 1) * pick([1, 0.25, 0, -0.0, 9, .infinity, .nan, 0x1p-1074])
        d2.append(b)
      }
    }
    let quiet = Self.compare(values, d1, d2, blocks: blocks, "hostile blocks, seed \(seed)")
    #expect(quiet >= 5, "the quiet path is taken on hostile blocks (\(quiet) of 60)")
    // Whole constant blocks: every f equal (the first index wins), all NaN,
    // all +inf, all -inf, all -0 then +0.
    for constant in [0.0, -0.0, .nan, .infinity, -.infinity, 5] {
      let n = 1031
      Self.compare(
        Array(repeating: constant, count: n), Array(repeating: constant, count: n), Array(repeating: constant, count: n),
        blocks: [7, 1024], "constant \(constant)")
    }
    let zeros = (0..<2048).map { $0 % 3 == 0 ? -0.0 : 0.0 }
    Self.compare(zeros, zeros.map { -$0 }, zeros, blocks: [1024, 1024], "signed zeros")
  }
}

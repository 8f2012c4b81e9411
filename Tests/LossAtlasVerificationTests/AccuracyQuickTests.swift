import LossAtlasCore
import TestSupport
import Testing

@testable import LossAtlasVerification

// MARK: - The accuracy check and summary before session 21, verbatim

/// `AccuracyRule.check` and `GoldenVectors.summarize` as they were before
/// session 21 (main at 8fe79c5), copied verbatim apart from their names and
/// the qualified names they need outside their types: the check all in
/// BigInt, the summary looking the function up and spelling out the
/// worst component's place on every line. The quick 128-bit path and the
/// summary's single look-up must give the same outcomes, bit for bit.
enum ReferenceAccuracy {
  typealias Outcome = AccuracyRule.Outcome

  static func check(computed: Double, exactText: String, sensText: String) -> Outcome {
    if computed.isNaN { return Outcome(passes: false, ulpError: .infinity, neededSens: false) }
    guard let rounded = Double(exactText) else {
      preconditionFailure("golden value '\(exactText)' is not a number")
    }
    if rounded.isInfinite {
      // "inf", "-inf", or a finite value beyond the Double range: the nearest
      // Double is the infinity, and only that infinity passes.
      let ok = computed == rounded
      return Outcome(passes: ok, ulpError: ok ? 0 : .infinity, neededSens: false)
    }
    guard computed.isFinite else { return Outcome(passes: false, ulpError: .infinity, neededSens: false) }
    guard let exact = ExactNumber(decimal: exactText) else {
      preconditionFailure("golden value '\(exactText)' is not a decimal")
    }
    let sens = ExactNumber(decimal: sensText)?.magnitude ?? .zero
    let ulp = AccuracyRule.ulp(of: exact, rounded: rounded)
    let ints = ExactNumber.commonIntegers([ExactNumber(computed), exact, ulp, sens])
    let error = (ints[0] - ints[1]).magnitude
    let ulpBound = ints[2].magnitude * 4
    let sensBound = ints[3].magnitude * 2
    let withinUlp = error <= ulpBound
    let withinSens = error <= sensBound
    // Report the error in ulp with three decimals, exactly truncated.
    let milli = (error * 1000) / ints[2].magnitude
    let ulpError = milli.bitWidth > 1000 ? Double.infinity : Double(milli) / 1000
    return Outcome(passes: withinUlp || withinSens, ulpError: ulpError, neededSens: !withinUlp && withinSens)
  }

  static func summarize(_ lines: [GoldenLine], id: String) -> AccuracySummary {
    var summary = AccuracySummary(id: id)
    for line in lines where line.id == id {
      summary.lines += 1
      let evaluation: Evaluation
      do {
        let spec = try Catalog.function(named: line.id)
        evaluation = try spec.evaluate(parameters: line.parameters, arguments: line.arguments)
      } catch {
        summary.failures.append("line \(line.lineNumber) \(line.coordinates): threw \(error)")
        continue
      }
      for c in line.components {
        summary.components += 1
        guard let computed = GoldenVectors.component(c.path, of: evaluation) else {
          summary.failures.append("line \(line.lineNumber) \(line.coordinates): no component \(c.path)")
          continue
        }
        let outcome = check(computed: computed, exactText: c.exact, sensText: c.sens)
        if outcome.neededSens { summary.neededSens += 1 }
        if !outcome.neededSens && outcome.passes && outcome.ulpError > summary.worstUlp {
          summary.worstUlp = outcome.ulpError
          summary.worstAt = "\(line.coordinates) \(c.path)"
        }
        if !outcome.passes {
          summary.failures.append(
            "line \(line.lineNumber) \(line.coordinates) \(c.path): computed \(formatValue(computed)), exact \(c.exact), "
              + "\(outcome.ulpError) ulp, sens \(c.sens)")
        }
      }
    }
    return summary
  }
}

// MARK: - The quick path against the reference

@Suite struct AccuracyQuickTests {
  /// Same outcome, the reported error to the bit.
  static func same(_ a: AccuracyRule.Outcome, _ b: AccuracyRule.Outcome) -> Bool {
    a.passes == b.passes && a.neededSens == b.neededSens && a.ulpError.bitPattern == b.ulpError.bitPattern
  }

  /// The Doubles n ulps (n in -steps...steps) around `x`, walking across
  /// binades and through zero.
  static func neighbours(_ x: Double, steps: Int) -> [Double] {
    var out = [x]
    var up = x
    var down = x
    for _ in 0..<steps {
      up = up.nextUp
      down = down.nextDown
      out += [up, down]
    }
    return out
  }

  /// Compares `check` (quick path first) with the reference for `computed`
  /// against every golden text; returns how many the quick path decided.
  @discardableResult
  static func compare(_ computed: [Double], _ exactText: String, _ sensText: String, place: String) -> Int {
    var quick = 0
    for c in computed {
      let new = AccuracyRule.check(computed: c, exactText: exactText, sensText: sensText)
      let old = ReferenceAccuracy.check(computed: c, exactText: exactText, sensText: sensText)
      #expect(same(new, old), "\(place): computed \(c) (\(c.bitPattern)) exact \(exactText) sens \(sensText): \(new) vs \(old)")
      if c.isFinite, let rounded = Double(exactText), rounded.isFinite,
        let q = AccuracyRule.quickCheck(computed: c, exactText: exactText, rounded: rounded)
      {
        quick += 1
        #expect(same(q, old), "\(place): quick \(q) vs exact \(old) at computed \(c) exact \(exactText)")
      }
    }
    return quick
  }

  @Test("every golden component: the catalog's value, the exact value's rounding and 6 ulps around each, the negation and 0")
  func everyGoldenComponent() {
    var components = 0
    var decided = 0
    var tried = 0
    for line in GoldenFixtures.lines {
      let evaluation = try? Catalog.function(named: line.id).evaluate(parameters: line.parameters, arguments: line.arguments)
      for c in line.components {
        components += 1
        var computed: [Double] = [0, -0.0]
        if let e = evaluation, let v = GoldenVectors.component(c.path, of: e) { computed += Self.neighbours(v, steps: 6) + [-v] }
        if let r = Double(c.exact) { computed += Self.neighbours(r, steps: 6) }
        tried += computed.count
        decided += Self.compare(computed, c.exact, c.sens, place: "line \(line.lineNumber) \(c.path)")
      }
    }
    print("quick path: \(decided) of \(tried) checks over \(components) golden components")
    #expect(components == 25_991)
    // The fast path must carry most of the work, or it is no fast path.
    #expect(decided > tried / 2)
  }

  @Test("the summary of every catalog function equals the reference summary's, field by field")
  func summaries() {
    for id in Catalog.ids {
      let new = GoldenVectors.summarize(GoldenFixtures.lines, id: id)
      let old = ReferenceAccuracy.summarize(GoldenFixtures.lines, id: id)
      #expect(new.lines == old.lines && new.components == old.components, "\(id)")
      #expect(new.worstUlp.bitPattern == old.worstUlp.bitPattern && new.worstAt == old.worstAt, "\(id)")
      #expect(new.neededSens == old.neededSens && new.failures == old.failures, "\(id)")
    }
    // Lines of an unknown id: each fails with the look-up's error.
    let renamed = GoldenFixtures.lines.prefix(3).map {
      GoldenLine(
        lineNumber: $0.lineNumber, text: $0.text, id: "no-such-loss", parameters: $0.parameters, arguments: $0.arguments,
        components: $0.components)
    }
    let new = GoldenVectors.summarize(renamed, id: "no-such-loss")
    #expect(new.failures.count == 3)
    #expect(new.failures == ReferenceAccuracy.summarize(renamed, id: "no-such-loss").failures)
  }

  /// Exact values at the edges of the rule and of the quick path: zeros,
  /// subnormals, the largest Doubles, powers of two and values just beside
  /// them (the ulp of the binade below), dyadic decimals, |exponent| at and
  /// past 55, 38 and 39 digits, absurd exponents, values below the Double
  /// range.
  static let hostileExacts = [
    "0", "-0", "0.0", "+0e5", "0e-900", "1", "-1", "0.5", "0.25", "-0.125", "2", "3", "0.1", "-0.1",
    "4.940656458412465441765688e-324", "-4.940656458412465441765688e-324", "9.88e-324", "1e-320",
    "2.225073858507201383090233e-308", "2.2250738585072009e-308", "1.7976931348623157e308", "-1.797693134862315708e308",
    "8.98846567431158e307", "0.99999999999999999913263826", "1.00000000000000000000000001", "0.999999999999999999999999999",
    "1.9999999999999999999999999", "0.2499999999999999999999999999", "0.25000000000000000000000001",
    "1e-30", "1e30", "1e55", "1e56", "1e-55", "1e-56", "1.5e-55", "123e-57", "12345678901234567890123456789012345678e-20",
    "99999999999999999999999999999999999999e-38", "999999999999999999999999999999999999999e-39",
    "340282366920938463463374607431768211455e-38", "340282366920938463463374607431768211456e-38",
    "1.2e-647", "6.26e-1302883445709755357619998", "1e-761", "1e-760", "7e22", "9007199254740993", "9007199254740992.5",
    "4503599627370495.5", "4503599627370496.0000000000000000001", "1152921504606846976", "1152921504606847232",
    "1152921504606846976.0000000000000000001", "1152921504606846975.9999999999999999999",
    "1152921504606847232.0000000000000000001", "1152921504606847231.9999999999999999999",
  ]

  @Test("hostile exact values: 8 ulps around the rounding, ±0, subnormals, huge values, infinities and NaN")
  func hostileValues() {
    for exact in Self.hostileExacts {
      guard let r = Double(exact) else { continue }
      var computed = Self.neighbours(r, steps: 8) + [-r, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude]
      computed += [.leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan]
      computed += [r * 2, r / 2, r + 4 * r.ulp, r - 4 * r.ulp, r * (1 + 0x1p-40)]
      for sens in ["0", "1e-300", "5e-324", "1e300", "1e-17"] {
        Self.compare(computed, exact, sens, place: "hostile")
      }
    }
  }

  /// Near 2^60 (ulp 2^8 = 256) the exact values are integers, or integers
  /// ± 10^-19 (a part in 2^64 of an ulp is 1.4e-17, so the quick path sees
  /// them only through its floors): the error in ulp lands on, or a hair
  /// beside, every multiple of 1/1000 that is a multiple of 1/2, and on 4
  /// exactly. Both ends of the quick path's interval decide here: without
  /// the +1 (or the -1) on the error's bound it reports 4 ulp within the rule
  /// where it is 4 + 3e-22 beyond (or 1.000 ulp where it is 0.999...).
  @Test("errors on, and a hair beside, 4 ulp and the reported thousandths")
  func boundaries() {
    let base = 0x1p60
    let computed = (-40...40).map { base + Double($0) * 128 }
    var decided = 0
    for exact in Self.hostileExacts where exact.hasPrefix("1152921504606") {
      decided += Self.compare(computed, exact, "0", place: "boundary")
    }
    // The two integer exact values (2^60 and 2^60 + 256) are decided by the
    // quick path at each of the 17 computed values within 4 ulp (both floors
    // exact, the interval a point); the ±10^-19 ones fall back wherever the
    // hair straddles a reported thousandth. Zero if the quick path never answered.
    #expect(decided >= 34)
    // The rule's boundary itself: exactly 4 ulp passes, the next Double fails.
    let four = AccuracyRule.check(computed: base + 4 * 256, exactText: "1152921504606846976", sensText: "0")
    #expect(four.passes && four.ulpError == 4 && !four.neededSens)
    #expect(!AccuracyRule.check(computed: (base + 4 * 256).nextUp, exactText: "1152921504606846976", sensText: "0").passes)
    let hair = AccuracyRule.check(computed: base - 4 * 256, exactText: "1152921504606846976.0000000000000000001", sensText: "0")
    #expect(!hair.passes)
  }

  @Test("the short decimal reads every golden string as ExactNumber does (or declines)")
  func shortDecimal() {
    var texts: [String] = Self.hostileExacts + ["", "-", "1e", "1e+", ".", "1.2.3", "1x", "e5", "inf", "nan", "0x1p3", " 1"]
    for line in GoldenFixtures.lines { for c in line.components { texts += [c.exact, c.sens] } }
    for text in texts {
      let exact = ExactNumber(decimal: text)
      guard let short = ShortDecimal(text) else {
        // Declined: not a decimal, or more than 128 bits of digits.
        #expect(exact == nil || exact!.mantissa.magnitude.bitWidth > 128, "\(text)")
        continue
      }
      guard let exact else {
        Issue.record("\(text): short \(short), ExactNumber nil")
        continue
      }
      if short.isZero {
        #expect(exact.isZero, "\(text)")
      } else {
        #expect("\(short.negative ? "-" : "")\(short.digits)" == "\(exact.mantissa)" && short.exponent10 == exact.exp10, "\(text)")
      }
    }
  }
}

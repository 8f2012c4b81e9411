import BigInt

/// The catalog's accuracy rule (the README and the methods page state it), decided in exact rational arithmetic:
///
/// ```
/// |computed - exact| <= max(4 ulp(exact), 2 * sens)
/// ```
/// ±inf must match exactly and NaN never passes. `exact` is the golden
/// vector's decimal string (25 to 60 digits), not its Double rounding, so a
/// result 4.4 ulp from the exact value fails even when it is 3.9 ulp from
/// the nearest Double.
public enum AccuracyRule {
  /// The outcome for one component.
  public struct Outcome: Sendable {
    public let passes: Bool
    /// |computed - exact| / ulp(exact); infinity when a non-finite result is wrong.
    public let ulpError: Double
    /// True when the component passes only through the `2 * sens` clause.
    public let neededSens: Bool
  }

  /// The unit in the last place of the binade holding `exact`:
  /// 2^(floor(log2 |exact|) - 52), at least 2^-1074. The binade is taken from
  /// the exact value, so an exact value just below a power of two has the
  /// smaller ulp of the binade below.
  public static func ulp(of exact: ExactNumber, rounded: Double) -> ExactNumber {
    guard rounded != 0, rounded.isFinite else { return .powerOfTwo(-1074) }
    var k = Int(rounded.exponent)
    if rounded.significandBitPattern == 0, rounded.isNormal {
      // |rounded| = 2^k; the exact value may lie just below it.
      let ints = ExactNumber.commonIntegers([exact.magnitude, ExactNumber(abs(rounded))])
      if ints[0] < ints[1] { k -= 1 }
    }
    return .powerOfTwo(max(k - 52, -1074))
  }

  /// Decides one component. `exactText` and `sensText` are the golden
  /// strings ("inf", "-inf" or a decimal).
  public static func check(computed: Double, exactText: String, sensText: String) -> Outcome {
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
    // Most components are decided in 128-bit integers; the rest (beyond
    // 4 ulp, |exponent| > 55, more than 38 digits, or too near a decision) exactly.
    if let quick = quickCheck(computed: computed, exactText: exactText, rounded: rounded) { return quick }
    return exactCheck(computed: computed, exactText: exactText, sensText: sensText, rounded: rounded)
  }

  /// ``check(computed:exactText:sensText:)`` for finite `computed` and
  /// `rounded` = Double(`exactText`), in BigInt: every component, and the
  /// reference the quick path is tested against.
  static func exactCheck(computed: Double, exactText: String, sensText: String, rounded: Double) -> Outcome {
    guard let exact = ExactNumber(decimal: exactText) else {
      preconditionFailure("golden value '\(exactText)' is not a decimal")
    }
    let sens = ExactNumber(decimal: sensText)?.magnitude ?? .zero
    let ulp = ulp(of: exact, rounded: rounded)
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
}

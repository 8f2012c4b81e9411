import Foundation
import LossAtlasCore

/// A user function's exact value and derivative on its view, correctly
/// rounded to a format: the view's ``ScalarView/exactRounding``, read by
/// the precision study in place of the formula's Double (issue 11: the
/// study describes the function; the formula's own failures are the
/// numerical-safety report's subject).
///
/// Each number is evaluated in ball arithmetic (``WideEvaluator``) at 128
/// bits, climbing to 4,096 while ``BallRounding`` cannot decide the
/// rounding: log(1 + e^x) at x = -600 needs the 1 + e^-600 of about 870
/// bits. A number still undecided at 4,096 bits, or unknown at two precisions
/// in a row (beyond the exponent range
/// ±2^(2^58), such as e^x above x = 2.0e17) is nil. Answers are cached by
/// input, part and format: the study asks the same inputs once per kind.
struct ExactRounder: Sendable {
  let expression: UserExpression
  let parameters: [Double]
  /// The view's arguments, the swept one at index `argument`.
  let arguments: [Double]
  let argument: Int
  /// The value's and the view derivative's terms.
  let value: TermID
  let derivative: TermID
  let cache = RoundingCache()

  func round(_ x: Double, _ part: ExactPart, _ format: BinaryFormat) -> Double? {
    let key = RoundingCache.Key(x: x.bitPattern, derivative: part == .derivative, bits: format.significandBits)
    return cache.answer(key) {
      var args = arguments
      args[argument] = x
      let root = part == .value ? value : derivative
      let wide = WideEvaluator(expression: expression)
      var unknownBefore = false
      for p in WideEvaluator.precisions {
        let ball = wide.evaluate(arguments: args, parameters: parameters, roots: [root], precision: p)[root] ?? .unknown
        if let r = BallRounding.round(ball, format) { return r }
        // Unknown at two precisions in a row: beyond the exponent range
        // (more bits do not help), or a ball on a pole or domain edge that
        // stays undecided (nil, which the study never reads a fact from).
        if ball.state == .unknown && unknownBefore { return nil }
        unknownBefore = ball.state == .unknown
      }
      return nil
    }
  }
}

/// The answers of one view's ``ExactRounder`` so far. A deterministic
/// function's results: each computed once (two threads may both compute
/// one; both are equal).
final class RoundingCache: @unchecked Sendable {
  struct Key: Hashable {
    /// The input's bit pattern (0 and -0 apart).
    let x: UInt64
    let derivative: Bool
    let bits: Int
  }

  private let lock = NSLock()
  private var answers: [Key: Double?] = [:]

  func answer(_ key: Key, compute: () -> Double?) -> Double? {
    lock.lock()
    if let a = answers[key] {
      lock.unlock()
      return a
    }
    lock.unlock()
    let a = compute()
    lock.lock()
    answers[key] = .some(a)
    lock.unlock()
    return a
  }
}

import Foundation
import LossAtlasCore

/// Reads an interval as a user writes it in a function definition's
/// `domain:` or a parameter's `range:`: `(-inf, inf)`, `[0, 1]`, `(0, inf)`,
/// `[-1, 1)`. Ends are decimal numbers or ±inf; an infinite end is open.
///
/// Errors point at the offending text (FILE:LINE:COLUMN with a caret): a
/// missing bracket or comma, an end that is not a number, a closed infinite
/// end, and an empty interval (`(1, 1)`, `[2, 1]`).
public enum IntervalText {
  public static func parse(_ source: ExpressionSource) throws(ExpressionError) -> RealInterval {
    let scalars = Array(source.text.unicodeScalars)
    let whole = SourceRange(0, scalars.count)
    let trimmedStart = scalars.firstIndex { $0 != " " && $0 != "\t" } ?? 0
    let trimmedEnd = (scalars.lastIndex { $0 != " " && $0 != "\t" } ?? -1) + 1
    let expected = "write an interval as (a, b), [a, b], (a, b] or [a, b) with a <= b, numbers or -inf and inf"
    guard trimmedEnd - trimmedStart >= 5 else { throw source.error("not an interval: \(expected)", at: whole) }
    let open = scalars[trimmedStart]
    let close = scalars[trimmedEnd - 1]
    guard open == "(" || open == "[" else {
      throw source.error("an interval starts with '(' or '[': \(expected)", at: SourceRange(trimmedStart, trimmedStart + 1))
    }
    guard close == ")" || close == "]" else {
      throw source.error("an interval ends with ')' or ']': \(expected)", at: SourceRange(trimmedEnd - 1, trimmedEnd))
    }
    let inner = (trimmedStart + 1)..<(trimmedEnd - 1)
    guard let comma = inner.first(where: { scalars[$0] == "," }) else {
      throw source.error("an interval needs a comma between its ends: \(expected)", at: whole)
    }
    func bound(_ range: Range<Int>) throws(ExpressionError) -> Double {
      let lo = range.first { scalars[$0] != " " } ?? range.lowerBound
      let hi = (range.last { scalars[$0] != " " } ?? (range.upperBound - 1)) + 1
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars[lo..<max(lo, hi)])
      let t = String(text)
      switch t {
      case "inf", "+inf": return .infinity
      case "-inf": return -.infinity
      default:
        guard let v = Double(t), v.isFinite, !t.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) else {
          throw source.error("'\(t)' is not a number (or -inf, inf)", at: SourceRange(lo, max(lo + 1, hi)))
        }
        return v
      }
    }
    let a = try bound(inner.lowerBound..<comma)
    let b = try bound((comma + 1)..<inner.upperBound)
    let lowerClosed = open == "["
    let upperClosed = close == "]"
    if lowerClosed && a.isInfinite {
      throw source.error("an infinite end is never part of the set: write '(' before -inf", at: SourceRange(trimmedStart, trimmedStart + 1))
    }
    if upperClosed && b.isInfinite {
      throw source.error("an infinite end is never part of the set: write ')' after inf", at: SourceRange(trimmedEnd - 1, trimmedEnd))
    }
    if a > b || (a == b && !(lowerClosed && upperClosed)) {
      throw source.error("the interval \(source.text.trimmingCharacters(in: .whitespaces)) is empty: it holds no number", at: whole)
    }
    return RealInterval(a, b, lowerClosed: lowerClosed, upperClosed: upperClosed)
  }
}

import Foundation

/// Which subexpression made a failing input fail, and why.
///
/// The nodes that the Double evaluation actually uses (of a where(), the
/// branch its condition selects) are walked children first; the culprit is
/// the first node whose Double value fails against its exact value while
/// every child it reads passes: the operation where the error was born.
/// Its kind names the mechanism: an overflow (a finite exact value above
/// the Double range), an underflow (to 0; a division by it is named as
/// such), a cancellation (a subtraction whose operands agree in most of
/// their digits), a log of a rounded 1 (log of 1 + tiny, where the tiny
/// part lost its digits in the rounding), or rounding amplified by an
/// ill-conditioned function.
struct Diagnosis {
  let expression: UserExpression

  struct Culprit {
    let node: TermID
    let cause: FailureCause
    let text: String
    let explanation: String
  }

  func diagnose(_ result: SafetyProbe.Result, component: Int) -> Culprit {
    let graph = expression.graph
    let root = probeRoots[component]
    let live = liveNodes(root, result.trace)
    var bad = Set<TermID>()
    for n in live where !graph.isCondition(n) {
      guard let ball = result.balls[n], case .fail = SafetyProbe.status(result.trace[n], ball) else { continue }
      bad.insert(n)
      let numericChildren = graph[n].children.filter { !graph.isCondition($0) && live.contains($0) }
      if numericChildren.allSatisfy({ !bad.contains($0) }) {
        // A child within the 1e-300 absolute tolerance can still be wrong
        // relative to itself (exp(x) - 1 = 0 for x = 1e-300, exact 1e-300):
        // this node only magnified it. The error was born where that child's
        // relative error was.
        if let origin = relativeOrigin(numericChildren, result, live: live) {
          return describe(origin, result, live: live)
        }
        return describe(n, result, live: live)
      }
    }
    // Unreachable in practice (the root fails); name the root.
    return Culprit(
      node: root, cause: .amplifiedRounding, text: text(root),
      explanation: "`\(text(root))` accumulates rounding errors beyond 1e-6")
  }

  /// The first node below `nodes` whose Double value is off by more than
  /// 1e-6 relative to its exact nonzero value while its own children are not.
  private func relativeOrigin(_ nodes: [TermID], _ r: SafetyProbe.Result, live: [TermID]) -> TermID? {
    let graph = expression.graph
    func relativelyBad(_ n: TermID) -> Bool {
      guard let b = r.balls[n], b.isFinite, !b.mid.isZero else { return false }
      let d = r.trace[n]
      guard d.isFinite else { return true }
      let exact = b.mid.double
      guard exact != 0, exact.isFinite else { return false }
      return Swift.abs(d - exact) > 1e-6 * Swift.abs(exact)
    }
    var current = nodes.first(where: relativelyBad)
    while let n = current {
      let kids = graph[n].children.filter { !graph.isCondition($0) && live.contains($0) }
      guard let next = kids.first(where: relativelyBad) else { return n }
      current = next
    }
    return nil
  }

  /// value, derivative and second derivative of the view.
  let probeRoots: [TermID]

  init(expression: UserExpression, roots: [TermID]) {
    self.expression = expression
    self.probeRoots = roots
  }

  /// The nodes the Double evaluation of `root` reads, in id order (children first).
  private func liveNodes(_ root: TermID, _ trace: [Double]) -> [TermID] {
    let graph = expression.graph
    var seen = Set<TermID>()
    var stack = [root]
    while let n = stack.popLast() {
      guard seen.insert(n).inserted else { continue }
      let c = graph[n].children
      if case .select = graph[n].op {
        stack.append(c[0])
        stack.append(trace[c[0]] != 0 ? c[1] : c[2])
      } else {
        stack.append(contentsOf: c)
      }
    }
    return seen.sorted()
  }

  private func text(_ n: TermID) -> String {
    expression.sourceText(of: n) ?? expression.plainText(n)
  }

  private func describe(_ n: TermID, _ r: SafetyProbe.Result, live: [TermID]) -> Culprit {
    let graph = expression.graph
    let node = graph[n]
    let d = r.trace[n]
    let exact = r.balls[n]?.double ?? .nan
    let t = text(n)
    let children = node.children.filter { !graph.isCondition($0) }
    let show = Diagnosis.number
    func culprit(_ cause: FailureCause, _ sentence: String) -> Culprit {
      Culprit(node: n, cause: cause, text: t, explanation: sentence)
    }
    let exactText = (r.balls[n]).map { Diagnosis.exactText($0) } ?? show(exact)
    // "Double 9.398e-11, exact 9.397e-11" hides a 1e-6 error: the relative error says it.
    let offBy = exact != 0 && d.isFinite && exact.isFinite ? ", off by \(show(Swift.abs(d - exact) / Swift.abs(exact))) relative" : ""
    if node.op == .subtract || node.op == .add, children.count == 2, !d.isInfinite, !d.isNaN {
      let a = r.trace[children[0]]
      let b = r.trace[children[1]]
      let isDifference = (node.op == .subtract) == ((a < 0) == (b < 0))
      if isDifference, a != 0, b != 0, Swift.abs(d) < 0.5 * Swift.max(Swift.abs(a), Swift.abs(b)) {
        let result = d == 0 ? Swift.abs(exact) : Swift.abs(d)
        let digits = Swift.max(0, Int((-log10(result / Swift.max(Swift.abs(a), Swift.abs(b)))).rounded(.down)))
        let agreement = a == b ? "are equal in Double" : "agree to about \(digits) digits"
        return culprit(
          .cancellation,
          "cancellation in `\(t)`: the operands \(show(a)) and \(show(b)) \(agreement), so their rounding errors become the leading digits of the result (Double \(show(d)), exact \(exactText)\(offBy))")
      }
    }
    if d.isInfinite, r.balls[n]?.isFinite == true {
      return culprit(.overflow, "`\(t)` overflows: its exact value, \(exactText), is above the largest Double, so Double gives \(show(d))")
    }
    if d == 0, let b = r.balls[n], b.isFinite, !b.mid.isZero, b.mid.topExponent < -1022 {
      // Is it the divisor of a division that reads it?
      if let parent = live.first(where: { p in
        if case .divide = graph[p].op { return graph[p].children[1] == n }
        return false
      }) {
        return Culprit(
          node: n, cause: .divisionByUnderflowedZero, text: t,
          explanation: "`\(t)` underflows to 0 (exact \(exactText)), and `\(text(parent))` then divides by 0")
      }
      return culprit(.underflow, "`\(t)` underflows: its exact value \(exactText) is below the smallest Double, so Double gives 0")
    }
    if d.isNaN {
      let operands = children.map { show(r.trace[$0]) }.joined(separator: ", ")
      return culprit(.invalidOperation, "`\(t)` is NaN in Double (its operands are \(operands)) while its exact value is \(exactText)")
    }
    switch node.op {
    case .function(.log), .function(.log1p):
      let u = children[0]
      let ud = r.trace[u]
      if node.op == .function(.log), Swift.abs(ud - 1) < 0.5, let ub = r.balls[u], ub.isFinite {
        let ut = text(u)
        // The small part u - 1, exactly and as Double stores it.
        let w = WideArithmetic(precision: 256)
        let small = w.subtract(ub, .one)
        let smallText = Diagnosis.exactText(small)
        if ud == 1 {
          return culprit(
            .logOfRoundedOne,
            "log of a rounded 1: `\(ut)` is 1 + \(smallText), which rounds to exactly 1 in Double, so log gives 0 (exact \(exactText))")
        }
        let stored = ud - 1
        let relative = Swift.abs(stored / small.double - 1)
        let digits = relative > 0 ? Swift.max(0, Int(-log10(relative))) : 16
        return culprit(
          .logOfRoundedOne,
          "log of a rounded 1: `\(ut)` is 1 + \(smallText), stored in Double as 1 + \(show(stored)) (the small part keeps about \(digits) correct digits), and log near 1 passes that error on to the result (Double \(show(d)), exact \(exactText)\(offBy))")
      }
    default:
      break
    }
    let name: String
    if case .function(let f) = node.op { name = f.rawValue } else { name = "the operation" }
    return culprit(
      .amplifiedRounding,
      "`\(t)`: \(name) magnifies the rounding of its operands here (Double \(show(d)), exact \(exactText)\(offBy))")
  }

  /// A number as the report prints it: 4 significant digits.
  static func number(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v == .infinity { return "inf" }
    if v == -.infinity { return "-inf" }
    if v == 0 { return "0" }
    return String(format: "%.4g", v)
  }

  /// An exact ball's value, also outside the Double range (e.g. 2.723e347).
  static func exactText(_ b: Ball) -> String {
    guard b.isFinite else { return number(b.double) }
    let d = b.mid.double
    if d != 0 && d.isFinite { return number(d) }
    if b.mid.isZero { return "0" }
    // log10 |x| from the exponent and the leading bits.
    let top = b.mid.topExponent
    let lead = Double(b.mid.mantissa >> Swift.max(0, b.mid.mantissa.bitWidth - 53)) / 0x1p52
    let log10 = (Double(top) + Foundation.log2(lead)) * 0.30102999566398120
    let exponent = log10.rounded(.down)
    let mantissa = pow(10, log10 - exponent)
    return (b.mid.negative ? "-" : "") + String(format: "%.4ge%d", mantissa, Int(exponent))
  }
}

import BigInt
import Foundation
import LossAtlasCore

/// Evaluates every node of a user expression in ball arithmetic: the exact
/// value of each subexpression, proven to lie in its ball.
///
/// Precision: 128 bits first (two 64-bit limbs: about 75 bits beyond
/// Double's 53, so an error of 1e-6 relative is resolved with room to spare
/// even after a cancellation of 50 bits), then 256, 512, ... up to 4,096
/// bits while the caller's question is not yet decided by the balls (a
/// cancellation of more than the working precision shows as a wide ball,
/// never as a wrong digit). Past 4,096 bits a point stays undecided.
///
/// Numbers are exact as written: a decimal literal is the exact decimal
/// (0.1 is 1/10, not its Double), pi and e are pi and e; arguments and
/// parameters are the Doubles given. A catalog call is evaluated from the
/// catalog's own formula trees (value, derivatives, second derivative) in
/// the same ball arithmetic, sigma as 1/(1 + e^-x), Phi as erfc(-x/sqrt 2)/2,
/// softplus as log1p(e^x).
struct WideEvaluator {
  static let precisions = [128, 256, 512, 1024, 2048, 4096]

  let expression: UserExpression

  /// The balls of `roots` (and of every node they need) at the first
  /// precision where `decided` accepts them, or at the last one.
  func evaluate(
    arguments: [Double], parameters: [Double], roots: [TermID], decided: ([Ball?]) -> Bool
  ) -> (balls: [Ball?], precision: Int) {
    var last: [Ball?] = []
    for p in WideEvaluator.precisions {
      last = evaluate(arguments: arguments, parameters: parameters, roots: roots, precision: p)
      if decided(last) { return (last, p) }
    }
    return (last, WideEvaluator.precisions.last!)
  }

  /// The balls of every node `roots` need, at precision p.
  func evaluate(arguments: [Double], parameters: [Double], roots: [TermID], precision p: Int) -> [Ball?] {
    evaluate(argumentBalls: arguments.map { Ball($0) }, parameters: parameters, roots: roots, precision: p)
  }

  /// The balls of every node `roots` need, at precision p, with each
  /// argument a ball: every ball then holds the exact value of its node at
  /// every point of the argument balls (a whole interval of inputs at once,
  /// see ``RegionRepair``).
  func evaluate(argumentBalls arguments: [Ball], parameters: [Double], roots: [TermID], precision p: Int) -> [Ball?] {
    let graph = expression.graph
    let w = WideArithmetic(precision: p)
    // Arrays by node id (no hashing per node).
    var balls = [Ball?](repeating: nil, count: graph.count)
    var truth = [Bool??](repeating: nil, count: graph.count)
    var calls: [[Int]: [CatalogOutput: Ball]] = [:]
    for n in graph.topologicalOrder(roots) {
      let node = graph[n]
      let c = node.children
      func b(_ i: Int) -> Ball { balls[c[i]] ?? .unknown }
      switch node.op {
      case .constant(let v): balls[n] = Ball(v)
      case .literal(let text): balls[n] = WideEvaluator.decimal(text, p)
      case .pi: balls[n] = WideEvaluator.pi(p)
      case .euler: balls[n] = w.exp(.one)
      case .infinity: balls[n] = .positiveInfinity
      case .argument(let i): balls[n] = arguments[i]
      case .parameter(let i): balls[n] = Ball(parameters[i])
      case .add: balls[n] = w.add(b(0), b(1))
      case .subtract: balls[n] = w.subtract(b(0), b(1))
      case .multiply: balls[n] = w.multiply(b(0), b(1))
      case .divide: balls[n] = w.divide(b(0), b(1))
      case .negate: balls[n] = w.negate(b(0))
      case .power: balls[n] = w.power(b(0), b(1))
      case .function(let f): balls[n] = WideEvaluator.apply(f, b(0), w)
      case .minimum: balls[n] = w.minimum(b(0), b(1))
      case .maximum: balls[n] = w.maximum(b(0), b(1))
      case .boolean(let v): truth[n] = v
      case .compare(let op): truth[n] = WideEvaluator.holds(op, b(0), b(1), w)
      case .and:
        let (x, y) = (truth[c[0]] ?? nil, truth[c[1]] ?? nil)
        truth[n] = (x == false || y == false) ? false : (x == true && y == true ? true : nil)
      case .or:
        let (x, y) = (truth[c[0]] ?? nil, truth[c[1]] ?? nil)
        truth[n] = (x == true || y == true) ? true : (x == false && y == false ? false : nil)
      case .not:
        truth[n] = (truth[c[0]] ?? nil).map { !$0 }
      case .select:
        switch truth[c[0]] ?? nil {
        case true?: balls[n] = b(1)
        case false?: balls[n] = b(2)
        case nil: balls[n] = WideEvaluator.hull(b(1), b(2), w)
        }
      case .catalog(let k, let output):
        let callee = graph.callees[k]
        let count = callee.argumentNames.count
        let key = [k] + c
        if let cached = calls[key]?[output] {
          balls[n] = cached
        } else {
          let v = CatalogWide.evaluate(
            callee, output, arguments: c.prefix(count).map { balls[$0] ?? .unknown },
            parameters: c.dropFirst(count).map { balls[$0] ?? .unknown }, w)
          calls[key, default: [:]][output] = v
          balls[n] = v
        }
      }
      if let t = truth[n] {
        // Conditions also get a ball: 1, 0, or unknown.
        balls[n] = t.map { $0 ? .one : .zero } ?? .unknown
      }
    }
    return balls
  }

  static func apply(_ f: UnaryFunction, _ x: Ball, _ w: WideArithmetic) -> Ball {
    switch f {
    case .exp: return w.exp(x)
    case .expm1: return w.expm1(x)
    case .log: return w.log(x)
    case .log1p: return w.log1p(x)
    case .sqrt: return w.sqrt(x)
    case .abs: return w.abs(x)
    case .sign: return w.sign(x)
    case .sin: return w.sin(x)
    case .cos: return w.cos(x)
    case .tan: return w.tan(x)
    case .tanh: return w.tanh(x)
    case .sinh: return w.sinh(x)
    case .cosh: return w.cosh(x)
    case .atan: return w.atan(x)
    case .erf: return w.erf(x)
    case .erfc: return w.erfc(x)
    }
  }

  static func holds(_ op: Comparison, _ a: Ball, _ b: Ball, _ w: WideArithmetic) -> Bool? {
    if a.state == .undefined || b.state == .undefined { return op == .notEqual }
    guard let c = w.compare(a, b) else { return nil }
    return op.holds(Double(c), 0)
  }

  /// A ball holding both (a where() whose condition is not decided).
  static func hull(_ a: Ball, _ b: Ball, _ w: WideArithmetic) -> Ball {
    guard a.isFinite, b.isFinite else {
      if a.state == b.state && (a.state == .positiveInfinity || a.state == .negativeInfinity) { return a }
      return .unknown
    }
    let d = w.subtract(a, b)
    guard d.isFinite else { return .unknown }
    return Ball(a.mid, a.rad + d.upperMagnitude)
  }

  /// pi at precision p.
  static func pi(_ p: Int) -> Ball {
    let m = BigFloat(fixed: WideConstants.pi(p + 8), p + 8).rounded(p)
    return Ball(m, Ball.roundingError(m, p))
  }

  /// A decimal literal exactly (to p bits, with its rounding in the radius).
  static func decimal(_ text: String, _ p: Int) -> Ball {
    guard let d = ExactDecimalText(text) else { return .unknown }
    if d.exponent10 >= 0 {
      let m = BigFloat(mantissa: d.digits * BigUInt(10).power(d.exponent10), exponent: 0)
      let r = m.rounded(p)
      return Ball(r, BigFloat.compare(r, m) == 0 ? .zero : Ball.roundingError(r, p))
    }
    let q = BigFloat.divide(BigFloat(mantissa: d.digits, exponent: 0), BigFloat(mantissa: BigUInt(10).power(-d.exponent10), exponent: 0), p)
    return Ball(q, Ball.roundingError(q, p))
  }
}

import LossAtlasCore

/// A catalog function evaluated exactly (in ball arithmetic) from its own
/// formula trees, the single source the manual prints: its value, its
/// derivative in each argument and its second derivative in the prediction
/// argument. An argument outside the catalog's domain has no value.
enum CatalogWide {
  static func evaluate(
    _ callee: CatalogCallee, _ output: CatalogOutput, arguments: [Ball], parameters: [Ball], _ w: WideArithmetic
  ) -> Ball {
    let formula = callee.spec.formula
    // The domain of each argument, decided on the ball.
    for (i, spec) in callee.spec.arguments.enumerated() {
      switch inDomain(arguments[i], spec.domain, w) {
      case false?: return .undefined
      case nil: return .unknown
      case true?: break
      }
    }
    var env: [String: Ball] = [:]
    for (i, name) in callee.argumentNames.enumerated() { env[name] = arguments[i] }
    for (i, name) in callee.parameterNames.enumerated() { env[name] = parameters[i] }
    let tree: Expr?
    switch output {
    case .value: tree = formula.value
    case .gradient(let i): tree = formula.derivatives.first { $0.argument == callee.argumentNames[i] }?.expr
    case .hessian: tree = formula.secondDerivative
    }
    guard let tree else { return .unknown }
    var evaluator = ExprBallEvaluator(env: env, w: w)
    return evaluator.ball(tree)
  }

  /// true: every point of the ball is in the domain; false: none is; nil: not decided.
  static func inDomain(_ x: Ball, _ domain: ArgumentDomain, _ w: WideArithmetic) -> Bool? {
    guard x.isFinite else { return x.state == .unknown ? nil : false }
    switch domain {
    case .finite:
      return true
    case .nonZero:
      guard let c = w.compare(x, Ball(0)) else { return nil }
      return c != 0
    case .labels(let labels):
      if x.isExact { return labels.contains { BigFloat.compare(x.mid, BigFloat($0)) == 0 } }
      return nil
    case .interval(let lo, let loIn, let hi, let hiIn):
      func side(_ bound: Double, _ inclusive: Bool, above: Bool) -> Bool? {
        if bound.isInfinite { return true }
        guard let c = w.compare(x, Ball(bound)) else { return nil }
        if c == 0 { return inclusive }
        return above ? c > 0 : c < 0
      }
      let l = side(lo, loIn, above: true)
      let u = side(hi, hiIn, above: false)
      if l == false || u == false { return false }
      if l == true && u == true { return true }
      return nil
    }
  }
}

/// Core's `Expr` evaluated in ball arithmetic (the scalar cases a catalog
/// formula uses; sums over indices and vectors are not scalar and give an
/// unknown ball).
struct ExprBallEvaluator {
  var env: [String: Ball]
  let w: WideArithmetic
  private var named: [String: Ball] = [:]

  init(env: [String: Ball], w: WideArithmetic) {
    self.env = env
    self.w = w
  }

  mutating func ball(_ e: Expr) -> Ball {
    switch e {
    case .symbol(let s):
      return env[s.name] ?? .unknown
    case .number(let v):
      return Ball(v)
    case .constant(let s, let v):
      if s.name == "pi" { return WideEvaluator.pi(w.precision) }
      if let first = s.name.first, first.isNumber, ExactDecimalText(s.name) != nil {
        return WideEvaluator.decimal(s.name, w.precision)
      }
      return Ball(v)
    case .sum(let terms):
      var total = Ball.zero
      for t in terms { total = w.add(total, ball(t)) }
      return total
    case .product(let factors):
      var total = Ball.one
      for f in factors { total = w.multiply(total, ball(f)) }
      return total
    case .negate(let a):
      return w.negate(ball(a))
    case .difference(let a, let b):
      return w.subtract(ball(a), ball(b))
    case .fraction(let a, let b):
      return w.divide(ball(a), ball(b))
    case .power(let a, let b):
      return w.power(ball(a), ball(b))
    case .apply(let f, let args):
      let xs = args.map { ball($0) }
      return apply(f, xs)
    case .cases(let rows):
      var candidates: [Ball] = []
      for (value, condition) in rows {
        switch holds(condition) {
        case true?:
          let v = ball(value)
          return candidates.reduce(v) { WideEvaluator.hull($0, $1, w) }
        case false?:
          continue
        case nil:
          candidates.append(ball(value))
        }
      }
      guard let first = candidates.first else { return .undefined }
      return candidates.dropFirst().reduce(first) { WideEvaluator.hull($0, $1, w) }
    case .named(let s, let definition):
      if let v = named[s.name] { return v }
      let v = ball(definition)
      named[s.name] = v
      return v
    case .indicator(let c):
      switch holds(c) {
      case true?: return .one
      case false?: return .zero
      case nil: return WideEvaluator.hull(.one, .zero, w)
      }
    case .element, .sumOver, .maxOver, .kronecker, .count, .argmaxOver:
      return .unknown
    }
  }

  private mutating func apply(_ f: MathFunction, _ x: [Ball]) -> Ball {
    switch f {
    case .exp: return w.exp(x[0])
    case .log: return w.log(x[0])
    case .tanh: return w.tanh(x[0])
    case .cosh: return w.cosh(x[0])
    case .sinh: return w.sinh(x[0])
    case .erf: return w.erf(x[0])
    case .erfc: return w.erfc(x[0])
    case .abs: return w.abs(x[0])
    case .sqrt: return w.sqrt(x[0])
    case .sign: return w.sign(x[0])
    case .expm1: return w.expm1(x[0])
    case .log1p: return w.log1p(x[0])
    case .sin: return w.sin(x[0])
    case .cos: return w.cos(x[0])
    case .tan: return w.tan(x[0])
    case .atan: return w.atan(x[0])
    case .sigma:
      // 1 / (1 + e^-x)
      return w.divide(.one, w.add(.one, w.exp(w.negate(x[0]))))
    case .normalCDF:
      // erfc(-x / sqrt 2) / 2
      let s2 = w.sqrt(Ball(2))
      return w.multiply(w.erfc(w.negate(w.divide(x[0], s2))), Ball(0.5))
    case .normalPDF:
      // e^(-x^2/2) / sqrt(2 pi)
      let g = w.exp(w.negate(w.multiply(w.multiply(x[0], x[0]), Ball(0.5))))
      return w.divide(g, w.sqrt(w.multiply(Ball(2), WideEvaluator.pi(w.precision))))
    case .softplus:
      return w.log1p(w.exp(x[0]))
    case .max:
      return x.dropFirst().reduce(x[0]) { w.maximum($0, $1) }
    case .min:
      return x.dropFirst().reduce(x[0]) { w.minimum($0, $1) }
    case .logSumExp:
      return .unknown
    }
  }

  private mutating func holds(_ c: Condition) -> Bool? {
    switch c {
    case .less(let a, let b): return WideEvaluator.holds(.less, ball(a), ball(b), w)
    case .lessOrEqual(let a, let b): return WideEvaluator.holds(.lessOrEqual, ball(a), ball(b), w)
    case .greater(let a, let b): return WideEvaluator.holds(.greater, ball(a), ball(b), w)
    case .greaterOrEqual(let a, let b): return WideEvaluator.holds(.greaterOrEqual, ball(a), ball(b), w)
    case .equal(let a, let b): return WideEvaluator.holds(.equal, ball(a), ball(b), w)
    case .notEqual(let a, let b): return WideEvaluator.holds(.notEqual, ball(a), ball(b), w)
    case .between(let a, let x, let b, let cl, let cu):
      let xv = ball(x)
      let lower = WideEvaluator.holds(cl ? .lessOrEqual : .less, ball(a), xv, w)
      let upper = WideEvaluator.holds(cu ? .lessOrEqual : .less, xv, ball(b), w)
      if lower == false || upper == false { return false }
      if lower == true && upper == true { return true }
      return nil
    case .and(let list):
      var result: Bool? = true
      for item in list {
        let h = holds(item)
        if h == false { return false }
        if h == nil { result = nil }
      }
      return result
    case .otherwise:
      return true
    }
  }
}

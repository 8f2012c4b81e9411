/// Values for a formula's symbols: scalars (x, y, parameters, a class
/// index k) and vectors (s, q, z).
public struct FormulaEnvironment: Sendable {
  public var scalars: [String: Double]
  public var vectors: [String: [Double]]
  var indices = IndexBindings()

  public init(scalars: [String: Double] = [:], vectors: [String: [Double]] = [:]) {
    self.scalars = scalars
    self.vectors = vectors
  }

  /// The length C of the vectors (they all have the same length).
  var count: Int { vectors.values.first?.count ?? 0 }

  func index(_ s: Symbol) -> Int? {
    if let i = indices[s.name] { return i }
    if let v = scalars[s.name], v == v.rounded(), Swift.abs(v) < 1e9 { return Int(v) }
    return nil
  }

  /// The index a sum, max or argmax skips, if any.
  func skipped(_ excluding: Symbol?) throws(FormulaError) -> Int? {
    guard let s = excluding else { return nil }
    guard let k = index(s) else { throw FormulaError(description: "unbound index \(s.name)") }
    return k
  }
}

/// The indices bound by enclosing sums, max and argmax: a handful at most,
/// so a short list compared by name (a dictionary hashed each name with
/// SipHash on every symbol look-up). Binding a name again replaces it.
struct IndexBindings: Sendable {
  private var names: [String] = []
  private var values: [Int] = []

  /// No index bound (an environment callers build).
  var isEmpty: Bool { names.isEmpty }

  subscript(name: String) -> Int? {
    get {
      for k in names.indices where names[k] == name { return values[k] }
      return nil
    }
    set {
      if let k = names.firstIndex(of: name) {
        if let v = newValue {
          values[k] = v
        } else {
          names.remove(at: k)
          values.remove(at: k)
        }
      } else if let v = newValue {
        names.append(name)
        values.append(v)
      }
    }
  }
}

/// A formula that cannot be evaluated: an unbound symbol, or a value that
/// no case covers.
public struct FormulaError: Error, Sendable, CustomStringConvertible {
  public let description: String
}

extension Expr {
  /// Evaluates the formula in plain Double arithmetic (the textbook way:
  /// tests compare it with the stable implementation at moderate inputs,
  /// where the textbook way is accurate). sigma and softplus use their
  /// stable forms, being functions in their own right.
  public func evaluate(_ env: FormulaEnvironment) throws(FormulaError) -> Double {
    switch self {
    case .symbol(let s):
      // An index bound by an enclosing sum shadows a free value of the name.
      if let i = env.indices[s.name] { return Double(i) }
      if let v = env.scalars[s.name] { return v }
      throw FormulaError(description: "unbound symbol \(s.name)")
    case .element(let s, let index):
      guard let vector = env.vectors[s.name] else { throw FormulaError(description: "unbound vector \(s.name)") }
      guard let i = env.index(index), vector.indices.contains(i) else {
        throw FormulaError(description: "index \(index.name) out of range for \(s.name)")
      }
      return vector[i]
    case .number(let v):
      return v
    case .constant(_, let v):
      return v
    case .sum(let terms):
      var total = 0.0
      for t in terms { total += try t.evaluate(env) }
      return total
    case .product(let factors):
      var total = 1.0
      for f in factors { total *= try f.evaluate(env) }
      return total
    case .negate(let a):
      return -(try a.evaluate(env))
    case .difference(let a, let b):
      return try a.evaluate(env) - b.evaluate(env)
    case .fraction(let a, let b):
      return try a.evaluate(env) / b.evaluate(env)
    case .power(let a, let b):
      return LossAtlasCore.pow(try a.evaluate(env), try b.evaluate(env))
    case .apply(let f, let args):
      if f == .logSumExp {
        guard let first = args.first, let v = try first.vectorValues(env) else {
          throw FormulaError(description: "logsumexp needs a vector symbol (or one scaled by a scalar)")
        }
        return StableMath.logSumExp(v)
      }
      var values: [Double] = []
      for a in args { values.append(try a.evaluate(env)) }
      return try Expr.apply(f, values)
    case .cases(let list):
      for (value, condition) in list where try condition.holds(env) {
        return try value.evaluate(env)
      }
      throw FormulaError(description: "no case covers the input")
    case .sumOver(let j, let excluding, let body):
      var total = 0.0
      let skip = try env.skipped(excluding)
      // One copy of the environment for the whole loop (a copy per index,
      // with its dictionaries, was most of the formula check's time).
      var inner = env
      for i in 0..<env.count where i != skip {
        inner.indices[j.name] = i
        total += try body.evaluate(inner)
      }
      return total
    case .maxOver(let j, let excluding, let body):
      var best = -Double.infinity
      let skip = try env.skipped(excluding)
      // One copy of the environment for the whole loop (a copy per index,
      // with its dictionaries, was most of the formula check's time).
      var inner = env
      for i in 0..<env.count where i != skip {
        inner.indices[j.name] = i
        best = Swift.max(best, try body.evaluate(inner))
      }
      return best
    case .kronecker(let a, let b):
      guard let i = env.index(a), let k = env.index(b) else { throw FormulaError(description: "unbound index") }
      return i == k ? 1 : 0
    case .named(_, let definition):
      return try definition.evaluate(env)
    case .count(let s):
      guard let vector = env.vectors[s.name] else { throw FormulaError(description: "unbound vector \(s.name)") }
      return Double(vector.count)
    case .indicator(let condition):
      return try condition.holds(env) ? 1 : 0
    case .argmaxOver(let j, let excluding, let body):
      // Strictly greater: the first index wins a tie.
      var best: (index: Int, value: Double)?
      let skip = try env.skipped(excluding)
      // One copy of the environment for the whole loop (a copy per index,
      // with its dictionaries, was most of the formula check's time).
      var inner = env
      for i in 0..<env.count where i != skip {
        inner.indices[j.name] = i
        let v = try body.evaluate(inner)
        if best == nil || v > best!.value { best = (i, v) }
      }
      guard let best else { throw FormulaError(description: "argmax over no index") }
      return Double(best.index)
    }
  }

  /// The elements of a vector-valued argument: a vector symbol (s), or one
  /// divided by, multiplied by or negated with a scalar expression (s / tau,
  /// -z), elementwise; nil for anything else.
  func vectorValues(_ env: FormulaEnvironment) throws(FormulaError) -> [Double]? {
    switch self {
    case .symbol(let s):
      return env.vectors[s.name]
    case .negate(let a):
      return try a.vectorValues(env)?.map { -$0 }
    case .fraction(let a, let b):
      guard let v = try a.vectorValues(env) else { return nil }
      let d = try b.evaluate(env)
      return v.map { $0 / d }
    case .product(let factors) where factors.count == 2:
      guard let v = try factors[0].vectorValues(env) else { return nil }
      let c = try factors[1].evaluate(env)
      return v.map { $0 * c }
    default:
      return nil
    }
  }

  static func apply(_ f: MathFunction, _ v: [Double]) throws(FormulaError) -> Double {
    switch f {
    case .max: return v.max() ?? .nan
    case .min: return v.min() ?? .nan
    case .logSumExp: throw FormulaError(description: "logsumexp takes a vector")
    default: return unary(f, v[0])
    }
  }

  /// A function of one argument at `x` (not max, min or logsumexp): the one
  /// definition both ``evaluate(_:)`` and ``CompiledFormula`` call, so that
  /// the two cannot differ in a bit.
  @inline(__always)
  static func unary(_ f: MathFunction, _ x: Double) -> Double {
    switch f {
    case .exp: return LossAtlasCore.exp(x)
    case .log: return LossAtlasCore.log(x)
    case .tanh: return LossAtlasCore.tanh(x)
    case .cosh: return LossAtlasCore.cosh(x)
    case .sinh: return LossAtlasCore.sinh(x)
    case .erf: return LossAtlasCore.erf(x)
    case .erfc: return LossAtlasCore.erfc(x)
    case .abs: return Swift.abs(x)
    case .sqrt: return x.squareRoot()
    case .sign: return x > 0 ? 1 : (x < 0 ? -1 : 0)
    case .sigma: return StableMath.sigmoid(x)
    case .normalCDF: return LossAtlasCore.erfc(-x / 2.0.squareRoot()) / 2
    case .normalPDF: return LossAtlasCore.exp(-x * x / 2) / (2 * Double.pi).squareRoot()
    case .softplus: return StableMath.softplus(x)
    case .expm1: return LossAtlasCore.expm1(x)
    case .log1p: return LossAtlasCore.log1p(x)
    case .sin: return LossAtlasCore.sin(x)
    case .cos: return LossAtlasCore.cos(x)
    case .tan: return LossAtlasCore.tan(x)
    case .atan: return LossAtlasCore.atan(x)
    case .max, .min, .logSumExp: preconditionFailure("\(f) is not a function of one argument")
    }
  }
}

extension Condition {
  func holds(_ env: FormulaEnvironment) throws(FormulaError) -> Bool {
    switch self {
    case .less(let a, let b): return try a.evaluate(env) < b.evaluate(env)
    case .lessOrEqual(let a, let b): return try a.evaluate(env) <= b.evaluate(env)
    case .greater(let a, let b): return try a.evaluate(env) > b.evaluate(env)
    case .greaterOrEqual(let a, let b): return try a.evaluate(env) >= b.evaluate(env)
    case .equal(let a, let b): return try a.evaluate(env) == b.evaluate(env)
    case .notEqual(let a, let b): return try a.evaluate(env) != b.evaluate(env)
    case .between(let a, let x, let b, let cl, let cu):
      let (va, vx, vb) = (try a.evaluate(env), try x.evaluate(env), try b.evaluate(env))
      return (cl ? va <= vx : va < vx) && (cu ? vx <= vb : vx < vb)
    case .and(let list):
      for c in list where !(try c.holds(env)) { return false }
      return true
    case .otherwise:
      return true
    }
  }
}

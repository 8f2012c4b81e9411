/// A formula compiled once for the names of an environment and then
/// evaluated at many points: the formula check evaluates each printed
/// formula at thousands of inputs that share their names.
///
/// ``Expr/evaluate(_:)`` looks every symbol up by name at every node (a
/// hashed dictionary for scalars and vectors, a list compared by name for
/// the indices of enclosing sums) and gathers a function's arguments in a
/// new array. The compiled tree resolves each name once, to a slot of an
/// array of values (a scalar, a vector, or the index of an enclosing sum
/// by its depth), and applies a function of one argument directly.
///
/// A named quantity (`Expr.named`: triplet-margin's distance d_p, the
/// residual r) whose definition uses no index of an enclosing sum has one
/// value per point, however often the formula uses it: it is evaluated the
/// first time it is reached and remembered for the rest of the evaluation.
/// The arithmetic is a pure function of the point, so the value remembered
/// is the value that evaluating it again would give, bit for bit.
///
/// Everything else is ``Expr/evaluate(_:)``'s own arithmetic: the same
/// operations on the same operands in the same order (a sum from 0.0 term
/// by term, a product from 1.0, max and min by the standard library's rule,
/// the same `exp`, `log`, `pow`), and the same error, with the same message,
/// wherever the interpreter throws one (an unbound name in a case never
/// taken throws only when taken). `CompiledFormulaTests` compares the two
/// bit for bit on every catalog formula.
public struct CompiledFormula: Sendable {
  /// The scalar names and vector names the formula was compiled for, in
  /// slot order.
  public let scalarNames: [String]
  public let vectorNames: [String]
  /// The tree compiled from, evaluated by the interpreter for an
  /// environment with other names.
  public let expr: Expr
  let root: Node
  /// Nesting depth of sums, max and argmax over an index (index slots).
  let loopDepth: Int
  /// Named quantities remembered per evaluation.
  let memoCount: Int

  /// Compiles `expr` for environments holding exactly the scalars
  /// `scalars` and the vectors `vectors`.
  public init(_ expr: Expr, scalars: [String], vectors: [String]) {
    self.expr = expr
    self.scalarNames = scalars
    self.vectorNames = vectors
    var compiler = Compiler(scalars: scalars, vectors: vectors)
    root = compiler.node(expr)
    loopDepth = compiler.maxDepth
    memoCount = compiler.memo.count
  }

  /// Compiles `expr` for environments with the names of `env`.
  public init(_ expr: Expr, namesOf env: FormulaEnvironment) {
    self.init(expr, scalars: env.scalars.keys.sorted(), vectors: env.vectors.keys.sorted())
  }

  /// The value of the formula at `env`: bit for bit ``Expr/evaluate(_:)``
  /// (and the same error). An environment with other names than the
  /// compiled ones is evaluated by the interpreter.
  public func evaluate(_ env: FormulaEnvironment) throws(FormulaError) -> Double {
    guard var frame = bind(env) else { return try expr.evaluate(env) }
    return try Self.value(root, &frame)
  }

  /// The values of `env` by slot, or nil when its names are not the
  /// compiled ones.
  func bind(_ env: FormulaEnvironment) -> Frame? {
    guard env.indices.isEmpty, env.scalars.count == scalarNames.count, env.vectors.count == vectorNames.count else {
      return nil
    }
    var scalars: [Double] = []
    scalars.reserveCapacity(scalarNames.count)
    for name in scalarNames {
      guard let v = env.scalars[name] else { return nil }
      scalars.append(v)
    }
    var vectors: [[Double]] = []
    vectors.reserveCapacity(vectorNames.count)
    for name in vectorNames {
      guard let v = env.vectors[name] else { return nil }
      vectors.append(v)
    }
    return Frame(
      scalars: scalars, vectors: vectors, count: env.count, indices: [Int](repeating: 0, count: loopDepth),
      memo: [Double](repeating: 0, count: memoCount), known: [Bool](repeating: false, count: memoCount))
  }
}

// MARK: - The compiled tree

extension CompiledFormula {
  /// A Double compared and hashed by its bits (0 and -0 differ), so that
  /// two named quantities share a remembered value only when their
  /// definitions are the same to the bit.
  struct Constant: Hashable, Sendable {
    let value: Double
    static func == (a: Constant, b: Constant) -> Bool { a.value.bitPattern == b.value.bitPattern }
    func hash(into hasher: inout Hasher) { hasher.combine(value.bitPattern) }
  }

  /// Where an index comes from: an enclosing sum (by depth), a scalar
  /// (when it is a whole number below 1e9 in magnitude), or nowhere.
  enum IndexSource: Hashable, Sendable {
    case loop(Int)
    case scalar(Int)
    case unbound
  }

  /// A compiled ``Expr``: names resolved to slots.
  indirect enum Node: Hashable, Sendable {
    case number(Constant)
    case scalar(Int)
    case loopIndex(Int)
    /// Element of vector slot `vector` at `index`; `message` is the error
    /// when the index is unbound or out of range.
    case element(vector: Int, index: IndexSource, message: String)
    case count(Int)
    case sum([Node])
    case product([Node])
    case negate(Node)
    case difference(Node, Node)
    case fraction(Node, Node)
    case power(Node, Node)
    /// A function of one argument applied to one argument.
    case unary(MathFunction, Node)
    case maximum([Node])
    case minimum([Node])
    /// Any other application: the interpreter's path (values gathered in
    /// an array, then ``Expr/apply(_:_:)``).
    case apply(MathFunction, [Node])
    case logSumExp(VectorNode)
    case cases([Node], [Test])
    /// A loop binds index slot `depth`; `skip` is the excluded index.
    case sumOver(depth: Int, skip: Skip?, Node)
    case maxOver(depth: Int, skip: Skip?, Node)
    case argmaxOver(depth: Int, skip: Skip?, Node)
    case kronecker(IndexSource, IndexSource)
    /// A named quantity remembered in memo slot `slot`.
    case remembered(slot: Int, Node)
    case indicator(Test)
    /// An error reached only when evaluation gets here.
    case failure(String)
  }

  /// The index a loop skips, and its name for the error when unbound.
  struct Skip: Hashable, Sendable {
    let source: IndexSource
    let name: String
  }

  /// A vector-valued argument of logsumexp (see `Expr.vectorValues`).
  indirect enum VectorNode: Hashable, Sendable {
    case vector(Int)
    /// A name that is no vector of the environment, or a tree that is no
    /// vector expression: logsumexp throws.
    case notVector
    case negate(VectorNode)
    case divide(VectorNode, Node)
    case scale(VectorNode, Node)
  }

  enum Comparison: Hashable, Sendable {
    case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
  }

  /// A compiled ``Condition``.
  indirect enum Test: Hashable, Sendable {
    case compare(Comparison, Node, Node)
    case between(Node, Node, Node, closedLower: Bool, closedUpper: Bool)
    case and([Test])
    case always
  }

  /// The values of one evaluation, by slot.
  struct Frame {
    var scalars: [Double]
    var vectors: [[Double]]
    /// The length C of the vectors, as ``FormulaEnvironment`` reads it.
    var count: Int
    var indices: [Int]
    var memo: [Double]
    var known: [Bool]
  }
}

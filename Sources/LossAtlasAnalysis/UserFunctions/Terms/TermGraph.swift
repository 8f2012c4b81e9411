/// The index of a node in a ``TermGraph``.
public typealias TermID = Int

/// What a node of a ``TermGraph`` computes from its children.
public enum TermOp: Sendable, Hashable {
  /// Exactly this Double.
  case constant(Double)
  /// A decimal literal that no Double represents exactly (`0.1`): Double
  /// arithmetic uses its nearest Double, the wide arithmetic the exact decimal.
  case literal(String)
  /// pi, e, and +infinity.
  case pi, euler, infinity
  /// true or false (a folded condition).
  case boolean(Bool)
  /// The i-th argument of the user function.
  case argument(Int)
  /// The i-th parameter of the user function.
  case parameter(Int)
  case add, subtract, multiply, divide, negate, power
  case function(UnaryFunction)
  case minimum, maximum
  /// where(condition, a, b): children [condition, a, b].
  case select
  /// A comparison of two numbers (a condition).
  case compare(Comparison)
  case and, or, not
  /// An output of a catalog function call: children are the call's
  /// arguments, then its parameters, in the catalog's order.
  case catalog(callee: Int, CatalogOutput)
}

/// Which number of a catalog function a node takes: its value, its
/// derivative in one argument, or a second derivative.
public enum CatalogOutput: Sendable, Hashable {
  case value
  /// The derivative in the argument at this position.
  case gradient(Int)
  /// The second derivative in the arguments at these positions (i <= j).
  case hessian(Int, Int)
}

/// One node: an operation and its children.
public struct TermNode: Sendable, Hashable {
  public let op: TermOp
  public let children: [TermID]
}

/// A formula as a graph of shared nodes (hash-consed: a node is stored once
/// however often it appears), the form derivatives are taken in, simplified,
/// compiled and evaluated.
///
/// Nodes made by ``node(_:_:)`` are kept as given (the user's formula as
/// written); those made by the simplifying constructors (``add(_:_:)``...)
/// fold constants and drop `0 *`, `1 *`, `+ 0`, `x^1` and double negation.
/// Nodes are appended in dependency order: children always have smaller ids.
public struct TermGraph: Sendable {
  public private(set) var nodes: [TermNode] = []
  private var index: [TermNode: TermID] = [:]
  /// The catalog functions the calls refer to.
  public internal(set) var callees: [CatalogCallee] = []
  /// Where each node built from the user's text came from (the first
  /// occurrence when the same subexpression is written twice).
  public internal(set) var sourceRanges: [TermID: SourceRange] = [:]
  /// For a node made by differentiation, the node of the user's formula it is
  /// the derivative of (so a diagnosis can name the user's text).
  public internal(set) var derivedFrom: [TermID: TermID] = [:]
  /// The most nodes a graph may hold (derivatives of derivatives grow).
  public static let maximumNodes = 200_000

  public init() {}

  public subscript(_ id: TermID) -> TermNode { nodes[id] }

  public var count: Int { nodes.count }

  /// The node computing `op` of `children`, shared if it already exists.
  public mutating func node(_ op: TermOp, _ children: [TermID] = []) -> TermID {
    let n = TermNode(op: op, children: children)
    if let id = index[n] { return id }
    nodes.append(n)
    let id = nodes.count - 1
    index[n] = id
    return id
  }

  // MARK: - Queries

  /// The Double a node stands for, when it is an exact constant.
  public func constantValue(_ id: TermID) -> Double? {
    if case .constant(let v) = nodes[id].op { return v }
    return nil
  }

  public func isConstant(_ id: TermID, _ v: Double) -> Bool { constantValue(id) == v }

  /// Whether a node is a condition (true/false) rather than a number.
  public func isCondition(_ id: TermID) -> Bool {
    switch nodes[id].op {
    case .boolean, .compare, .and, .or, .not: return true
    default: return false
    }
  }

  /// Whether the node depends on any argument (else it is fixed once the
  /// parameters are).
  public func dependsOnArguments(_ id: TermID) -> Bool {
    dependence(id).arguments
  }

  /// The arguments and parameters a node depends on.
  public func dependence(_ id: TermID) -> (arguments: Bool, parameters: Bool, argumentSet: Set<Int>) {
    var seen = Set<TermID>()
    var stack = [id]
    var args = Set<Int>()
    var params = false
    while let n = stack.popLast() {
      guard seen.insert(n).inserted else { continue }
      switch nodes[n].op {
      case .argument(let i): args.insert(i)
      case .parameter: params = true
      default: break
      }
      stack.append(contentsOf: nodes[n].children)
    }
    return (!args.isEmpty, params, args)
  }

  /// Whether the node depends on the argument `i`.
  public func depends(_ id: TermID, onArgument i: Int) -> Bool {
    dependence(id).argumentSet.contains(i)
  }

  /// The nodes `roots` need, children before parents, each once.
  public func topologicalOrder(_ roots: [TermID]) -> [TermID] {
    var needed = Set<TermID>()
    var stack = roots
    while let n = stack.popLast() {
      guard needed.insert(n).inserted else { continue }
      stack.append(contentsOf: nodes[n].children)
    }
    // Children have smaller ids than their parents.
    return needed.sorted()
  }
}

import LossAtlasCore
import LossAtlasParallel

/// The definition problems the property engine met while sampling a user
/// function's views: points the probe before the analysis did not try
/// (``DefinitionProbe``) but a sample, a quadrature node or a search did.
/// The command that ran the analysis refuses the function with the same
/// message instead of printing facts computed from NaN or ±inf values.
///
/// Threads record concurrently; the problem kept is the same whatever
/// their order: the one at the smallest parameters (lexicographically),
/// then the smallest |x|, then the smallest x.
public final class MetProblems: @unchecked Sendable {
  private let lock = Lock()
  private var kept: DefinitionProblem?

  public init() {}

  /// The problem kept so far, if any.
  public var first: DefinitionProblem? { lock.withLock { kept } }

  func record(_ p: DefinitionProblem) {
    lock.withLock {
      if let k = kept, !MetProblems.precedes(p, k) { return }
      kept = p
    }
  }

  static func precedes(_ a: DefinitionProblem, _ b: DefinitionProblem) -> Bool {
    let (pa, pb) = (a.parameters.map(\.value), b.parameters.map(\.value))
    if pa != pb { return pa.lexicographicallyPrecedes(pb) }
    if abs(a.x) != abs(b.x) { return abs(a.x) < abs(b.x) }
    return a.x < b.x
  }
}

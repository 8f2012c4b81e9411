/// The value of a scalar function and its first two derivatives at one point.
///
/// This is what the hot path returns: a sweep evaluates a ``ScalarView``'s
/// closure once per point and gets all three numbers in one call, so the
/// shared work (an `exp`, a `sigma`) is done once.
///
/// At a kink `d1` is the subgradient named in the catalog and `d2` is the
/// second derivative of the piece that owns the point (the same piece whose
/// derivative `d1` reports).
public struct Jet: Sendable, Equatable {
  /// f(x)
  public var value: Double
  /// f'(x)
  public var d1: Double
  /// f''(x)
  public var d2: Double

  @inlinable
  public init(value: Double, d1: Double, d2: Double) {
    self.value = value
    self.d1 = d1
    self.d2 = d2
  }
}

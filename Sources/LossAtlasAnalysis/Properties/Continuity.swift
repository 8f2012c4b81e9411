import LossAtlasCore

/// Continuity: the highest k such that f is C^k, checked at the declared
/// breakpoints by one-sided limits of f, f', f'' (and of f''' by a
/// one-sided difference quotient of f''). Between breakpoints every catalog
/// piece is analytic, so a view without breakpoints is C-infinity, and so
/// is one whose breakpoints show no jump up to f'''.
enum Continuity {
  /// A jump counts when the one-sided limits differ by more than 1e-6 of
  /// their size (at least 1): the extrapolated limits are accurate to about
  /// 1e-13, real jumps in the catalog are O(1).
  static let jumpTolerance = 1e-6

  static func at(_ b: Double, _ view: ScalarView) -> BreakpointSmoothness {
    let f = view.evaluate
    let d = view.domain
    var jumps: [Double] = []
    var first: Int?
    let components: [(Double) -> Double] = [{ f($0).value }, { f($0).d1 }, { f($0).d2 }]
    for (order, g) in components.enumerated() {
      guard let left = OneSided.limit(of: g, at: b, side: -1, domain: d),
        let right = OneSided.limit(of: g, at: b, side: 1, domain: d)
      else {
        jumps.append(0)
        continue
      }
      let jump = right - left
      if isJump(left, right) {
        jumps.append(jump)
        if first == nil { first = order }
      } else {
        jumps.append(0)
      }
    }
    if first == nil {
      // f''' by one-sided difference quotients of f''.
      let h = 1e-5 * max(1, abs(b))
      let d2 = { f($0).d2 }
      if d.contains(b - 2 * h) && d.contains(b + 2 * h) {
        let left = (d2(b - h) - d2(b - 2 * h)) / h
        let right = (d2(b + 2 * h) - d2(b + h)) / h
        if abs(right - left) > 1e-4 * max(1, abs(left), abs(right)) { first = 3 }
      }
    }
    return BreakpointSmoothness(x: b, firstJumpOrder: first, jumps: jumps)
  }

  static func isJump(_ left: Double, _ right: Double) -> Bool {
    if left.isInfinite || right.isInfinite { return left != right }
    return abs(right - left) > jumpTolerance * max(1, abs(left), abs(right))
  }

  /// The class of the whole view: the lowest over its breakpoints.
  static func overall(_ points: [BreakpointSmoothness]) -> Smoothness {
    let orders = points.compactMap(\.firstJumpOrder)
    switch orders.min() {
    case nil: return .cInfinity
    case 0?: return .discontinuous
    case 1?: return .c0
    case 2?: return .c1
    default: return .c2
    }
  }
}

import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// ``GradientDepth/simulate(_:seed:)`` evaluates a layer's |f'| into a
/// buffer and multiplies the products in a loop of their own (session 21,
/// precision-fast). Every catalog activation is pinned against the chain
/// as it was by ``DepthChainFastPathTests``; here, hostile derivatives:
/// ±inf, ±0, subnormals, huge and negative slopes (products overflowing,
/// underflowing, and inf × 0 = NaN in the means).
@Suite struct DepthChainSlopesTests {
  static func view(_ label: String, _ d1: @escaping @Sendable (Double) -> Double) -> ScalarView {
    ScalarView(label: label, argument: "x", plotRange: -4...4, declared: DeclaredProperties()) { x in
      Jet(value: x, d1: d1(x), d2: 0)
    }
  }

  static let views: [ScalarView] = [
    // Infinite slopes in the tails, huge ones elsewhere: products overflow.
    view("overflow") { x in abs(x) > 2.5 ? (x < 0 ? -.infinity : .infinity) : 1 + 1e30 * abs(x) },
    // ±0 in the tails, subnormal near 0, tiny elsewhere: products underflow.
    view("underflow") { x in
      let a = abs(x)
      if a > 2 { return x < 0 ? -0.0 : 0 }
      if a < 0.01 { return 0x1p-1070 }
      return 1e-30 / a
    },
    // Negative slopes: |f'| is what multiplies.
    view("negative") { x in -1.5 - x * x / 8 },
    // Subnormal slopes everywhere: every product is 0 from layer 2.
    view("subnormal") { x in x < 0 ? -0x1p-1060 : 0x1p-1074 },
  ]

  /// Infinite and zero slopes both: inf × 0 makes NaN products (the
  /// medians then read NaN data, which neither median is defined on).
  static let nan = view("nan") { x in abs(x) > 2.5 ? .infinity : abs(x) > 2 ? 0 : 1 }

  @Test("simulate equals the old chain bit for bit on hostile slopes (overflow to inf, underflow to 0, negative, subnormal; NaN products: the means)")
  func hostileSlopes() {
    for v in Self.views {
      let new = GradientDepth.simulate(v)
      let old = DepthChainFastPathTests.OldDepthChain.simulate(v)
      #expect(new.median.map(\.bitPattern) == old.median.map(\.bitPattern), "\(v.label): medians")
      #expect(new.mean.map(\.bitPattern) == old.mean.map(\.bitPattern), "\(v.label): means")
      #expect(new.depthToVanish == old.depthToVanish, "\(v.label): depth to vanish")
    }
    let overflow = GradientDepth.simulate(Self.views[0])
    #expect(overflow.mean.contains { $0 == .infinity })
    let nan = GradientDepth.simulate(Self.nan)
    #expect(nan.mean.map(\.bitPattern) == DepthChainFastPathTests.OldDepthChain.simulate(Self.nan).mean.map(\.bitPattern))
    #expect(nan.mean.contains { $0.isNaN })
  }

  /// A view whose f'-only kernel deliberately disagrees with its jet (no
  /// catalog view may: ActivationDerivativeTests): the chain follows the
  /// kernel where there is one, the jet where there is none.
  @Test("simulate reads f' from the view's derivative where it offers one, from the jet otherwise")
  func derivativeRead() {
    let jetOnly = ScalarView(label: "jet", argument: "x", plotRange: -4...4, declared: DeclaredProperties()) { x in
      Jet(value: x, d1: -0.5, d2: 0)
    }
    let kernel = ScalarView(
      label: "kernel", argument: "x", plotRange: -4...4, declared: DeclaredProperties(), derivative: { _ in -0.25 }
    ) { x in Jet(value: x, d1: -0.5, d2: 0) }
    #expect(GradientDepth.simulate(jetOnly).median[1] == 0.25)
    #expect(GradientDepth.simulate(kernel).median[1] == 0.0625)
  }

  /// Declared even, f' is evaluated at each pair's draw x and used for -x
  /// too: the same study where f' is even bit for bit, a different one
  /// where it is not (no catalog view declares that wrongly:
  /// ActivationDerivativeTests).
  @Test("simulate evaluates f' once per antithetic pair where the view declares it even")
  func evenRead() {
    func view(even: Bool, _ d1: @escaping @Sendable (Double) -> Double) -> ScalarView {
      ScalarView(
        label: "even", argument: "x", plotRange: -4...4, declared: DeclaredProperties(), evenDerivative: even
      ) { x in Jet(value: x, d1: d1(x), d2: 0) }
    }
    let bell: @Sendable (Double) -> Double = { x in 1 / (1 + x * x) }
    #expect(GradientDepth.simulate(view(even: true, bell)) == GradientDepth.simulate(view(even: false, bell)))
    let step: @Sendable (Double) -> Double = { x in x < 0 ? 0.5 : 1 }
    // Each pair holds one 0.5 and one 1 at layer 1: a mean of exactly 0.75, unless x's slope serves both.
    #expect(GradientDepth.simulate(view(even: false, step)).mean[0] == 0.75)
    #expect(GradientDepth.simulate(view(even: true, step)).mean[0] != 0.75)
  }
}

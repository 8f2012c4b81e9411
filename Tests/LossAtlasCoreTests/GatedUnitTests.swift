import LossAtlasCore
import TestSupport
import Testing

/// The gated linear units glu, reglu, geglu, swiglu: f(a, b) = a g(b) with
/// its gradient in both arguments and its 2 x 2 Hessian
/// [[0, g'(b)], [g'(b), a g''(b)]], the gate reused from the gate
/// activation, the views and the plot box. Expected values from mpmath
/// 1.3.0 at 60 digits, computed from the Double inputs.
@Suite struct GatedUnitTests {
  static let units: [(id: String, gate: String)] = [("glu", "sigmoid"), ("reglu", "relu"), ("geglu", "gelu"), ("swiglu", "silu")]

  /// Value, gradient (a, b) and Hessian of a unit through the general evaluator.
  static func evaluate(_ id: String, _ a: Double, _ b: Double, _ params: [String: Double] = [:]) throws
    -> (value: Double, da: Double, db: Double, hessian: [[Double]])
  {
    let e = try Catalog.function(named: id).evaluate(parameters: params, arguments: ["a": .real(a), "b": .real(b)])
    guard case .matrix(let h)? = e.hessian else {
      Issue.record("\(id): no Hessian")
      return (.nan, .nan, .nan, [])
    }
    #expect(e.secondDerivative == nil, "\(id) reports its Hessian, not f'' in one argument")
    #expect(e.gradient.map(\.name) == ["a", "b"])
    return (e.value.scalarValue!, e.gradient("a")!.scalarValue!, e.gradient("b")!.scalarValue!, h)
  }

  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(b.ulp, Double.leastNonzeroMagnitude)
  }

  @Test("a g(b), g, a g', [[0, g'], [g', a g'']] from the gate activation's own jet", arguments: units.map(\.id))
  func productOfTheGate(id: String) throws {
    let gate = try Catalog.function(named: Self.units.first { $0.id == id }!.gate)
    for a in [-3.0, -1, -0.5, 0, 0.5, 1, 2.5] {
      for b in stride(from: -6.0, through: 6, by: 0.125) {
        let u = try Self.evaluate(id, a, b)
        let g = try gate.evaluate(arguments: ["x": .real(b)])
        let gv = g.value.scalarValue!
        let g1 = g.gradient("x")!.scalarValue!
        let g2 = g.secondDerivative!
        // Each product with a is one rounding of the gate's own result (normal range here).
        #expect(u.value == a * gv && u.da == gv && u.db == a * g1, "\(id) at a = \(a), b = \(b)")
        #expect(u.hessian == [[0, g1], [g1, a * g2]], "\(id) Hessian at a = \(a), b = \(b)")
      }
    }
  }

  @Test("the view in b at a = 1 is the gate activation itself", arguments: units.map(\.id))
  func primaryViewIsTheGate(id: String) throws {
    let spec = try Catalog.function(named: id)
    let gate = try Catalog.function(named: Self.units.first { $0.id == id }!.gate)
    let settings = id == "swiglu" ? [0.5, 1, 2].map { ParameterValues(["beta": $0]) } : [ParameterValues()]
    for p in settings {
      let view = spec.views(p)[0]
      #expect(view.label == "b (a = 1)" && view.argument == "b")
      let gateView = gate.views(p)[0]
      #expect(view.plotRange == gateView.plotRange)
      for b in [-1e300, -746, -40, -6.5, -1, -1e-300, 0, 5e-324, 0.3, 2, 40, 746, 1e300] {
        #expect(view.evaluate(b) == gateView.evaluate(b), "\(id) \(p) at b = \(b)")
      }
    }
  }

  @Test("the views: b at a = 1, -1, 2 and a at b = 1, -1, matching the evaluator")
  func views() throws {
    let spec = try Catalog.function(named: "geglu")
    let views = spec.views(spec.defaultParameters)
    #expect(views.map(\.label) == ["b (a = 1)", "b (a = -1)", "b (a = 2)", "a (b = 1)", "a (b = -1)"])
    for view in views {
      let fixed = Dictionary(uniqueKeysWithValues: view.fixed.map { ($0.name, $0.value) })
      for t in stride(from: -3.0, through: 3, by: 0.5) {
        var args = fixed
        args[view.argument] = .real(t)
        let e = try spec.evaluate(arguments: args)
        let j = view.evaluate(t)
        let i = view.argument == "a" ? 0 : 1
        guard case .matrix(let h)? = e.hessian else { continue }
        #expect(j.value == e.value.scalarValue! && j.d1 == e.gradient(view.argument)!.scalarValue!)
        #expect(j.d2 == h[i][i], "\(view.label) at \(t): the view's f'' is the Hessian's diagonal entry")
      }
    }
    // In a the unit is a straight line of slope g(b): gelu(1) = Phi(1) = 0.8413447460685429 (mpmath).
    #expect(abs(views[3].evaluate(1).d1 - 0.8413447460685429) <= 1e-16)
    #expect(views[3].evaluate(2).d2 == 0)
  }

  @Test("the plot box of f(a, b): b across the gate's range, a up over [-3, 3], the evaluator's numbers")
  func surface() throws {
    for (id, _) in Self.units {
      let spec = try Catalog.function(named: id)
      let surfaces = spec.surfaces(spec.defaultParameters)
      let s = try #require(surfaces.first)
      #expect(surfaces.count == 1 && s.x == "b" && s.y == "a" && s.yRange == -3...3)
      #expect(s.xRange == spec.views(spec.defaultParameters)[0].plotRange)
      #expect(s.xBreakpoints == (id == "reglu" ? [0] : []))
      for a in [-3.0, -0.75, 0, 2] {
        for b in [-5.0, -0.5, 0, 0.25, 4] {
          let j = s.evaluate(b, a)
          let u = try Self.evaluate(id, a, b)
          #expect(j.value == u.value && j.dy == u.da && j.dx == u.db)
          #expect([[j.dyy, j.dxy], [j.dxy, j.dxx]] == u.hessian)
        }
      }
    }
    // Other functions declare no plot box.
    #expect(try Catalog.function(named: "sigmoid").surfaces(ParameterValues()).isEmpty)
  }

  @Test("a huge a times a gate below the normal range keeps its digits")
  func hugeValueHalf() throws {
    // mpmath 1.3.0, 60 digits, a = 1e300:
    // glu at b = -746: a sigma(b) = 1.0382848095158284e-24 (sigma(-746) is 5e-324 or 0 as a Double).
    let g = try Self.evaluate("glu", 1e300, -746)
    #expect(Self.ulps(g.value, 1.0382848095158284e-24) <= 2 && Self.ulps(g.db, 1.0382848095158284e-24) <= 2)
    // geglu at b = -40: a gelu(b) = -1.462357416366012e-48, a gelu'(b) = -5.849425109812298e-47
    // (gelu(-40) itself rounds to -0).
    let ge = try Self.evaluate("geglu", 1e300, -40)
    #expect(Self.ulps(ge.value, -1.462357416366012e-48) <= 2 && Self.ulps(ge.db, -5.849425109812298e-47) <= 2)
    // swiglu at b = -746: a silu(b) = -7.745604678988079e-22, a silu'(b) = -7.735221830892921e-22.
    let sw = try Self.evaluate("swiglu", 1e300, -746)
    #expect(Self.ulps(sw.value, -7.745604678988079e-22) <= 2 && Self.ulps(sw.db, -7.735221830892921e-22) <= 2)
    // A subnormal gate input: a g(b) = a b / 2 to double precision: 1e10 * 5e-324 / 2 = 2.470328229e-314.
    for id in ["geglu", "swiglu"] {
      let t = try Self.evaluate(id, 1e10, 5e-324)
      #expect(abs(t.value - 2.470328229206233e-314) <= 4 * 0x1p-1074, "\(id): \(t.value)")
    }
  }

  @Test("reglu's dead gate: for b <= 0 both gradients and the Hessian are 0")
  func regluDeadGate() throws {
    for b in [0.0, -0.0, -5e-324, -1, -1e300] {
      let u = try Self.evaluate("reglu", 2.5, b)
      #expect(u.value == 0 && u.da == 0 && u.db == 0 && u.hessian == [[0, 0], [0, 0]])
    }
    let u = try Self.evaluate("reglu", 2.5, 3)
    #expect(u.value == 7.5 && u.da == 3 && u.db == 2.5 && u.hessian == [[0, 1], [1, 0]])
  }

  @Test("the gated units are their own family with a Hessian formula and no f''")
  func formulaShape() throws {
    for (id, _) in Self.units {
      let spec = try Catalog.function(named: id)
      #expect(spec.family == .gatedUnit && spec.differentiable == ["a", "b"])
      #expect(spec.formula.secondDerivative == nil)
      let h = try #require(spec.formula.hessian)
      #expect(h.count == 2 && h.allSatisfy { $0.count == 2 })
    }
    #expect(!Family.gatedUnit.isLoss && Family.gatedUnit.title == "Gated linear units")
  }
}

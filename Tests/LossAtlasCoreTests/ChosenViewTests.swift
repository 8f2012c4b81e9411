import Foundation
import LossAtlasCore
import Testing

/// `FunctionSpec.view(_:base:fixing:along:)`: a view of any function along
/// any differentiated argument with any fixed arguments (issue 12 item 1).
/// Expected values come from the textbook formulas with Foundation's libm.
@Suite struct ChosenViewTests {
  func spec(_ id: String) throws -> FunctionSpec { try Catalog.function(named: id) }

  @Test("Every function: the default choice is its primary catalog view")
  func defaultIsPrimary() throws {
    for s in Catalog.all {
      let r = try s.view(s.defaultParameters)
      #expect(r.catalogIndex == 0, "\(s.id)")
      #expect(r.view.label == s.primaryView.label, "\(s.id)")
      #expect(r.breakpoints == .catalog)
    }
  }

  @Test("Every function with a real second argument: a view built at another value evaluates like the evaluator")
  func builtViewsAgreeWithTheEvaluator() throws {
    var built = 0
    for s in Catalog.all {
      let p = s.defaultParameters
      let base = s.views(p)[0]
      // Move each fixed real argument to another point of its domain.
      for arg in s.arguments where arg.kind == .real && arg.name != s.predictionArgument {
        guard case .real(let old)? = base.fixed.first(where: { $0.name == arg.name })?.value else { continue }
        let candidates = [old + 0.37, old - 0.37, old / 2 + 0.1]
        guard let v = candidates.first(where: { arg.domain.contains($0) }) else { continue }
        let r: ResolvedView
        do {
          r = try s.view(p, fixing: [arg.name: .real(v)])
        } catch {
          // A value the function's other conditions refuse is a clear error, not a crash.
          #expect(!error.message.isEmpty)
          continue
        }
        built += 1
        // At three points of the plot range, f and f' equal the evaluator's.
        let range = r.view.plotRange
        for t in [0.2, 0.5, 0.8] {
          let x = range.lowerBound + t * (range.upperBound - range.lowerBound)
          guard r.view.domain.contains(x) else { continue }
          var args = Dictionary(uniqueKeysWithValues: r.view.fixed.map { ($0.name, $0.value) })
          args[s.predictionArgument] = .real(x)
          guard let e = try? s.evaluate(parameters: p.values, arguments: args) else { continue }
          let j = r.view.evaluate(x)
          #expect(j.value == e.value.scalarValue, "\(s.id) at \(arg.name) = \(v), x = \(x)")
          #expect(j.d1 == e.gradient(s.predictionArgument)?.scalarValue, "\(s.id) at \(arg.name) = \(v), x = \(x)")
        }
      }
    }
    #expect(built >= 10)
  }

  @Test("huber at y = 5: the plot range moves with the target; kinks from the formula, to one ulp")
  func huberMovesWithTheTarget() throws {
    let s = try spec("huber")
    let p = try s.validateParameters(["delta": 0.3])
    let r = try s.view(p, fixing: ["y": .real(5)])
    #expect(r.catalogIndex == nil)
    #expect(r.breakpoints == .formula)
    let primary = s.views(p)[0].plotRange
    #expect(r.view.plotRange == (primary.lowerBound + 5)...(primary.upperBound + 5))
    // Independently: the first Double x with x - 5 > 0.3.
    var x = 5.3
    while x - 5 <= 0.3 { x = x.nextUp }
    while x.nextDown - 5 > 0.3 { x = x.nextDown }
    #expect(r.view.breakpoints.contains(x), "\(r.view.breakpoints)")
    // f and f' on both sides of it: inner piece r^2/2, outer delta(|r| - delta/2).
    let inner = r.view.evaluate(x.nextDown)
    let outer = r.view.evaluate(x)
    #expect(inner.d2 == 1 && outer.d2 == 0)
    #expect(outer.d1 == 0.3)
  }

  @Test("Refusals name the input: an unknown axis, a class index, a swept argument fixed, an element past the end")
  func refusals() throws {
    let ce = try spec("cross-entropy")
    let p = ce.defaultParameters
    func error(_ body: () throws(ViewError) -> ResolvedView) -> ViewError? {
      do {
        _ = try body()
        return nil
      } catch {
        return error
      }
    }
    let k = error { () throws(ViewError) in try ce.view(p, along: ViewAxis("k")) }
    #expect(k?.input == .axis && k?.isUsage == true)
    let past = error { () throws(ViewError) in
      try ce.view(p, fixing: ["s": .vector([1, 2]), "k": .integer(0)], along: ViewAxis("s", index: 2))
    }
    #expect(past?.input == .axis && past?.isUsage == false)
    let kTooBig = error { () throws(ViewError) in
      try ce.view(p, fixing: ["s": .vector([1, 2]), "k": .integer(5)], along: ViewAxis("s", index: 0))
    }
    #expect(kTooBig?.input == .arguments)
    let bce = try spec("bce")
    let swept = error { () throws(ViewError) in try bce.view(bce.defaultParameters, fixing: ["p": .real(0.5)]) }
    #expect(swept?.input == .argument("p"))
    #expect(ViewAxis(parsing: "s[1]") == ViewAxis("s", index: 1))
    for bad in ["", "s[]", "s[-1]", "s[0]x", "[0]", "s]"] { #expect(ViewAxis(parsing: bad) == nil, "\(bad)") }
  }
}

import Foundation
import LossAtlasCore
import Testing
import TestSupport

@testable import LossAtlasAnalysis

/// The catalog's scalar functions in the wide arithmetic (their formula
/// trees in ball arithmetic, as the safety analysis evaluates a catalog
/// call) against the golden vectors (oracle/public.jsonl: the exact values
/// at 25 significant digits, from CATALOG.md's definitions at 50 digits),
/// every fourth line of the project's copy in data/oracle.
@Suite struct CatalogWideTests {
  /// Relative agreement required: 1e-13. The golden strings carry 25
  /// digits; the formula trees hold a few constants as Doubles (0.044715
  /// and sqrt(2/pi) in gelu-tanh are the Doubles nearest the exact
  /// numbers), which moves a value by a few 1e-17 relative; 1e-13 leaves
  /// room for the conditioning of those constants' uses and nothing more.
  static let tolerance = 1e-13

  @Test func formulaTreesMatchTheGoldenVectors() throws {
    let lines = try GoldenVectors.parse(try GoldenFixtures.text("public.jsonl"))
    var checked = 0
    var beyondRange = 0
    var ids = Set<String>()
    var skipped = Set<String>()
    // Every fourth line (all 41 ids keep dozens of lines each; the whole file
    // takes minutes in a debug build): the lines and their order are fixed.
    for line in lines where line.lineNumber % 4 == 1 {
      guard let spec = try? Catalog.function(named: line.id), let callee = CatalogCallee(spec), spec.formula != nil,
        line.parameters.values.allSatisfy(\.isFinite)
      else {
        skipped.insert(line.id)
        continue
      }
      let names = callee.argumentNames
      let params = line.parameters.keys.sorted().map { ", \($0)=\(Self.literal(line.parameters[$0]!))" }.joined()
      let e = try UserExpression(
        ExpressionSource("\(callee.callName)(\(names.joined(separator: ", "))\(params))", file: "golden"),
        arguments: names, differentiate: [spec.predictionArgument])
      let args = names.map { name -> Double in
        if case .real(let v)? = line.arguments[name] { return v }
        if case .integer(let k)? = line.arguments[name] { return Double(k) }
        return .nan
      }
      let roots = [e.value, e.gradient[0]]
      let wide = WideEvaluator(expression: e)
      let (balls, _) = wide.evaluate(arguments: args, parameters: [], roots: roots) { b in
        roots.allSatisfy { r in
          guard let x = b[r] else { return false }
          return !x.isFinite ? x.state != .unknown : x.rad <= Magnitude.power(-80) * x.mid.upperMagnitude + Magnitude.power(-1200)
        }
      }
      for (path, exact, _) in line.components {
        let node: TermID
        if path == "value" { node = e.value } else if path == "grad.\(spec.predictionArgument)" { node = e.gradient[0] } else { continue }
        let got = balls[node] ?? .unknown
        // Beyond the wide exponent range (e^(1e300) is 2^(1.4e300)) the
        // result is left undecided, never a wrong number.
        if got.state == .unknown && args.contains(where: { Swift.abs($0) > 0x1p57 }) {
          beyondRange += 1
          continue
        }
        let want = Self.decimal(exact)
        let w = WideArithmetic(precision: 400)
        switch want.state {
        case .positiveInfinity, .negativeInfinity:
          #expect(got.state == want.state, "\(line.coordinates) \(path): \(got) vs \(exact)")
        default:
          #expect(got.isFinite, "\(line.coordinates) \(path): \(got) vs \(exact)")
          guard got.isFinite else { continue }
          let diff = w.subtract(got, want)
          let bound = Magnitude(Self.tolerance) * want.upperMagnitude + Magnitude.power(-1100)
          #expect(diff.mid.upperMagnitude <= bound + diff.rad, "\(line.coordinates) \(path): \(got.mid) vs \(exact)")
        }
        checked += 1
        ids.insert(line.id)
      }
    }
    // Every scalar function of the public file is covered; the vector ones are not callable.
    #expect(checked > 500 && ids.count >= 30, "\(checked) components; skipped \(skipped.sorted())")
    #expect(beyondRange < checked / 20, "\(beyondRange) components beyond the wide range")
  }

  static func literal(_ v: Double) -> String { v < 0 ? "-\(formatValue(-v))" : formatValue(v) }

  /// A golden decimal string ("-1.25e-3", "inf") as an exact ball.
  static func decimal(_ text: String) -> Ball {
    if text == "inf" { return .positiveInfinity }
    if text == "-inf" { return .negativeInfinity }
    let negative = text.hasPrefix("-")
    let b = WideEvaluator.decimal(negative ? String(text.dropFirst()) : text, 600)
    return negative ? WideArithmetic(precision: 600).negate(b) : b
  }
}

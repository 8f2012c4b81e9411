import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// Development checks against files outside the repository, skipped unless
/// the environment names them:
///
/// - `LOSSATLAS_HELDOUT`: a golden-format file (an mpmath-generated held-out
///   set); every component is held to the accuracy rule, and per id the
///   worst error in ulp and the worst error as a fraction of what the rule
///   allows are printed.
/// - `LOSSATLAS_HELDOUT_D2`: lines `id parameter x f'' sens` (the parameter
///   is the function's first parameter, or `-`; sens = |f'''| ulp(x)); the
///   jet's f'' must be within max(64 ulp, 4 sens) of them (f'' carries no
///   accuracy rule of its own; this catches a wrong formula or a lost digit
///   budget), and the worst error per id is printed.
///
/// `LOSSATLAS_HELDOUT=/tmp/held.jsonl swift test --filter HeldOut`.
@Suite struct HeldOutActivationTests {
  @Test(
    "accuracy rule on the held-out file of LOSSATLAS_HELDOUT",
    .enabled(if: ProcessInfo.processInfo.environment["LOSSATLAS_HELDOUT"] != nil, "set LOSSATLAS_HELDOUT to a held-out file"))
  func heldOut() throws {
    let path = ProcessInfo.processInfo.environment["LOSSATLAS_HELDOUT"]!
    let lines = try GoldenVectors.parse(String(contentsOfFile: path, encoding: .utf8))
    for id in GoldenVectors.ids(lines) {
      let s = GoldenVectors.summarize(lines, id: id)
      print(
        "held \(id.padding(toLength: 17, withPad: " ", startingAt: 0)) lines \(s.lines) components \(s.components) "
          + "worst \(s.worstUlp) ulp (\(s.worstAt)); sens clause \(s.neededSens); failures \(s.failures.count)")
      for f in s.failures.prefix(10) { print("  FAIL \(f)") }
      #expect(s.failures.count == 0)
      let m = Self.margin(lines, id: id)
      print("held \(id.padding(toLength: 17, withPad: " ", startingAt: 0)) worst error / allowed = \(m.ratio) (\(m.at))")
    }
  }

  /// The largest |computed - exact| / max(4 ulp(exact), 2 sens) of `id`'s
  /// components (1 is the edge of the accuracy rule), the bound in Double
  /// arithmetic: how close to failing the closest component is, whichever
  /// clause holds it.
  static func margin(_ lines: [GoldenLine], id: String) -> (ratio: Double, at: String) {
    var worst = (ratio: 0.0, at: "")
    for line in lines where line.id == id {
      guard let e = try? Catalog.function(named: id).evaluate(parameters: line.parameters, arguments: line.arguments)
      else { continue }
      for c in line.components {
        guard let computed = GoldenVectors.component(c.path, of: e), let exact = Double(c.exact), exact.isFinite,
          computed.isFinite
        else { continue }
        let o = AccuracyRule.check(computed: computed, exactText: c.exact, sensText: c.sens)
        let ulp = exact == 0 ? 0x1p-1074 : max(exact.magnitude.ulp, 0x1p-1074)
        let allowed = max(4.0, 2 * (Double(c.sens) ?? 0) / ulp)
        let ratio = o.ulpError / allowed
        if ratio > worst.ratio { worst = (ratio, "\(line.coordinates) \(c.path): \(o.ulpError) ulp, allowed \(allowed)") }
      }
    }
    return worst
  }

  @Test(
    "f'' against the reference lines of LOSSATLAS_HELDOUT_D2",
    .enabled(if: ProcessInfo.processInfo.environment["LOSSATLAS_HELDOUT_D2"] != nil, "set LOSSATLAS_HELDOUT_D2 to a reference file"))
  func secondDerivative() throws {
    let path = ProcessInfo.processInfo.environment["LOSSATLAS_HELDOUT_D2"]!
    var worst: [String: (ratio: Double, at: String)] = [:]
    var counts: [String: Int] = [:]
    for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
      let f = line.split(separator: " ").map(String.init)
      guard f.count == 5, let x = Double(f[2]), let exact = Double(f[3]), let sens = Double(f[4]) else { continue }
      let spec = try Catalog.function(named: f[0])
      var params: [String: Double] = [:]
      if let p = spec.parameters.first, let v = Double(f[1]) { params[p.name] = v }
      let e = try spec.evaluate(parameters: params, arguments: ["x": .real(x)])
      guard let d2 = e.secondDerivative else { continue }
      let ulp = exact == 0 ? 0x1p-1074 : max(exact.magnitude.ulp, 0x1p-1074)
      let allowed = max(64 * ulp, 4 * sens)
      let ratio = abs(d2 - exact) / allowed
      counts[f[0], default: 0] += 1
      if ratio >= worst[f[0], default: (0, "")].ratio {
        worst[f[0]] = (ratio, "\(f[1]) x = \(f[2]): \(d2) vs \(f[3]), \(abs(d2 - exact) / ulp) ulp")
      }
      #expect(!d2.isNaN && ratio <= 1, "\(line): \(d2)")
    }
    for id in worst.keys.sorted() {
      print(
        "d2 \(id.padding(toLength: 12, withPad: " ", startingAt: 0)) lines \(counts[id]!) "
          + "worst error / max(64 ulp, 4 sens) = \(worst[id]!.ratio) (\(worst[id]!.at))")
    }
  }
}

import LossAtlasCore
import LossAtlasVerification
import TestSupport
import Testing

/// The printed formulas against the implementation (``FormulaCheck``; the
/// errata prints its result: ReaderNumberTests, formulaEvidence).
@Suite struct FormulaCheckTests {
  /// Both golden files, as `generate` reads them (the part-2 functions
  /// have their lines in public-2.jsonl only).
  @Test("the formula check compares every catalog function (vector ones component by component) and f'' wherever the catalog prints one")
  func everything() throws {
    let lines = try GoldenVectors.parse(GoldenFixtures.text("public.jsonl"))
      + GoldenVectors.parse(GoldenFixtures.text("public-2.jsonl"))
    let check = FormulaCheck.run(lines: lines)
    #expect(check.functions == Catalog.all.count)
    #expect(check.missing.isEmpty)
    let withSecond = Catalog.all.filter { $0.formula.secondDerivative != nil }.count
    #expect(withSecond >= 30)
    #expect(check.secondDerivatives == withSecond)
    #expect(check.worst <= FormulaCheck.tolerance, "worst \(check.worst) at \(check.worstAt)")
    // More components than points: the vector functions' Jacobians count C^2 entries a point.
    #expect(check.components > check.points)
  }
}

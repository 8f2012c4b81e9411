import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// Claim-file input checks of issue 9, in the library: the YAML prescan,
/// over-intervals against the domain, and grid points without overflow.
@Suite struct ClaimInputTests {
  static func problem(_ yaml: String) -> YAMLPrescan.Problem? {
    do {
      try YAMLPrescan.check(yaml)
      return nil
    } catch {
      return error
    }
  }

  @Test func prescan() {
    // Anchors and aliases in values are fine; the count includes expansions.
    #expect(Self.problem("a: &x [1, 2]\nb: *x\nc: {k: *x}\n") == nil)
    #expect(Self.problem("a: &x 1\n? *x\n: 2\n") == YAMLPrescan.Problem(line: 2, reason: "an alias (*x) cannot be a mapping key"))
    #expect(Self.problem("? [a, b]\n: 1\n") == YAMLPrescan.Problem(line: 1, reason: "a mapping key must be a plain word, not a list or a mapping"))
    #expect(Self.problem("a: 1\nb: 2\na: 3\n") == YAMLPrescan.Problem(line: 3, reason: "duplicate key 'a' (first on line 1)"))
    // Keys may repeat in different mappings.
    #expect(Self.problem("- a: 1\n- a: 2\n") == nil)
    // Expansion: 20 levels of doubling is a million nodes.
    var lines = ["l0: &l0 [x, x]"]
    for i in 1...20 { lines.append("l\(i): &l\(i) [*l\(i - 1), *l\(i - 1)]") }
    let p = Self.problem(lines.joined(separator: "\n"))
    #expect(p?.reason.hasPrefix("aliases expand the file to more than 200000 nodes") == true)
    #expect((p?.line ?? 0) > 10)
    // Syntax errors are left to Yams.
    #expect(Self.problem("a: [1, 2\n") == nil)
  }

  @Test func claimFileReportsPrescanProblems() {
    #expect(throws: ClaimFileError.self) { try ClaimFile.parse("claims:\n  - id: a\n    id: b\n", file: "f.yaml") }
    do {
      _ = try ClaimFile.parse("claims:\n  - id: a\n    id: b\n", file: "f.yaml")
    } catch {
      #expect(error.description == "f.yaml:3: duplicate key 'id' (first on line 2)")
    }
  }

  /// An over-interval must meet the domain; one that does is analysed on
  /// the intersection.
  @Test func overMustMeetTheDomain() throws {
    func claim(_ a: Double, _ b: Double) throws -> Claim {
      let yaml = """
        claims:
          - id: c
            function: bce
            property: max-abs-derivative
            over: [\(a), \(b)]
            expect: {at-most: 1}
        """
      return try ClaimFile.parse(yaml, file: "f.yaml")[0]
    }
    let evaluator = ClaimEvaluator()
    for (a, b) in [(5.0, 10.0), (-2.0, -1.0), (1.0, 2.0)] {
      let c = try claim(a, b)
      do throws(ClaimFileError) {
        _ = try evaluator.selectView(c, ParameterValues())
        Issue.record("[\(a), \(b)] accepted")
      } catch {
        #expect(error.line == 2)
        #expect(error.reason.contains("lies outside the domain [0, 1] of bce"))
      }
    }
    let inside = try evaluator.selectView(try claim(-1, 0.5), ParameterValues())
    #expect(inside.domain.lower == 0 && inside.domain.upper == 0.5)
  }

  /// Grid points are finite for the widest ranges (a (1 - t) + b t when
  /// b - a overflows), exact at the ends, monotone, 0 in the middle of a
  /// symmetric range, and unchanged (a + i h) where b - a is a Double.
  @Test func gridPointsNeverOverflow() {
    let wide = Grid.linear(from: -1e308, to: 1e308, count: 5)
    #expect(wide.values == [-1e308, -5e307, 0, 5e307, 1e308])
    let widest = Grid.linear(from: -Double.greatestFiniteMagnitude, to: .greatestFiniteMagnitude, count: 1001).values
    #expect(widest.allSatisfy { $0.isFinite })
    #expect(zip(widest, widest.dropFirst()).allSatisfy { $0 < $1 })
    #expect(widest[500] == 0)
    let top = Grid.linear(from: 1e308, to: .greatestFiniteMagnitude, count: 7).values
    #expect(top.allSatisfy { $0.isFinite } && top.first == 1e308 && top.last == .greatestFiniteMagnitude)
    let log = Grid.symmetricLog(from: -1e308, to: 1e308, count: 9, scale: 1e308 / 100 + 1e308 / 100).values
    #expect(log.allSatisfy { $0.isFinite } && log[4] == 0)
    #expect(Grid.linear(from: 2, to: 3, count: 1).values == [2])
    #expect(Grid.linear(from: 2, to: 3, count: 0).values.isEmpty)
    #expect(Grid.linear(from: -3, to: 3, count: 70_000).count == 70_000)
    #expect(Grid.linear(from: -3, to: 3, count: 70_000).point(69_999) == 3)
    // The manual's decimal grids keep their decimals: -5 + 1 * 0.025.
    #expect(Grid.linear(from: -5, to: 5, count: 401).values[1] == -4.975)
    let step: Double = 10.0 / 400.0
    #expect(Grid.linear(from: -5, to: 5, count: 401).values[2] == -5.0 + 2.0 * step)
  }
}

import Foundation
import TestSupport
import Testing

/// `lossatlas check` on hostile claim files (issue 9, items 8 and 10, and
/// the claim-file messages): every one ends with exit 2 and one line
/// `error: FILE:LINE: reason`, in a subprocess so that a crash or a hang
/// fails the test instead of the test runner.
@Suite struct ClaimFileHardeningTests {
  /// Runs `check FILE` on `yaml` and returns the result and the file's path.
  static func check(_ yaml: String, extra: [String] = []) throws -> (BoundedRun.Result, String, TemporaryFolder) {
    let folder = try TemporaryFolder()
    let path = try folder.write("claims.yaml", yaml)
    return (try BoundedRun.run(["check", path] + extra), path, folder)
  }

  /// Item 8: an interval outside the view's domain trapped in
  /// `ClosedRange` ("Range requires lowerBound <= upperBound", SIGILL).
  @Test(arguments: ["[5, 10]", "[-10, -5]", "[1, 2]", "[-inf, 0]"])
  func overOutsideTheDomainIsAClaimError(over: String) throws {
    let yaml = """
      claims:
        - id: ok
          function: sigmoid
          property: max-abs-derivative
          expect: {at-most: 0.25}
        - id: outside
          function: bce
          property: max-abs-derivative
          args: {y: 1}
          over: \(over)
          expect: {at-most: 1}
      """
    let (r, path, _) = try Self.check(yaml)
    #expect(r.status == 2, "\(r.summary)")
    #expect(r.stderr.hasPrefix("error: \(path):6: claim 'outside': over "), "\(r.stderr)")
    #expect(r.stderr.contains("lies outside the domain [0, 1] of bce"))
    #expect(r.stderr.split(separator: "\n").count == 1)
    #expect(r.stdout.isEmpty)
  }

  /// Before session 25 `params: {delta: []}` made no setting and the claim
  /// passed without being checked (huber(0) = 5 passed); a negative `tol`
  /// and an empty `in` were taken too.
  @Test(arguments: [
    ("params: {delta: []}\n    expect: 5", 6, "parameter delta lists no values"),
    ("expect: {approx: 0.5, tol: -1}", 6, "expect.tol must be 0 or more, not -1.0"),
    ("expect: {in: [1, 0]}", 6, "expect.in [1.0, 0.0] is empty"),
  ])
  func vacuousOrImpossibleExpectationsAreRefused(tail: String, line: Int, message: String) throws {
    let yaml = "claims:\n  - id: vacuous\n    function: huber\n    property: value-at\n    at: 0\n    \(tail)\n"
    let (r, path, _) = try Self.check(yaml)
    #expect(r.status == 2, "\(r.summary)")
    #expect(r.stderr.hasPrefix("error: \(path):\(line): claim 'vacuous': \(message)"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
    #expect(r.stdout.isEmpty)
  }

  /// Item 8, the other side: intervals at the edges of what a Double holds
  /// are analysed (or refused) without a crash or a NaN.
  @Test(arguments: [
    "[-5e307, 1e308]", "[1e308, inf]", "[-inf, -1e308]", "[1.7976931348623157e308, inf]", "[0, 5e-324]", "[-5e-324, 5e-324]",
  ])
  func extremeIntervalsInsideTheDomainAreDecided(over: String) throws {
    for function in ["sigmoid", "gelu"] {
      let yaml = """
        claims:
          - id: extreme
            function: \(function)
            property: max-abs-derivative
            over: \(over)
            expect: {at-most: 1e300}
        """
      let (r, _, _) = try Self.check(yaml, extra: ["--format", "json"])
      #expect(r.status == 0 || r.status == 1, "\(function) \(over): \(r.summary)")
      #expect(!r.stdoutText.lowercased().contains("nan"), "\(r.stdoutText)")
    }
  }

  /// Found by the fuzz test: an interval wider than the largest Double
  /// ([-1e308, 1e308]) made the engine's sample spacing inf, every sample
  /// NaN, and gelu trapped on Int(NaN). Refused as a claim error.
  @Test(arguments: ["[-1e308, 1e308]", "[-1.7976931348623157e308, 1.7976931348623157e308]"])
  func intervalsWiderThanADoubleAreClaimErrors(over: String) throws {
    let yaml = """
      claims:
        - id: too-wide
          function: gelu
          property: range
          over: \(over)
          expect: [0, 1]
      """
    let (r, path, _) = try Self.check(yaml)
    #expect(r.status == 2, "\(r.summary)")
    #expect(r.stderr.hasPrefix("error: \(path):2: claim 'too-wide': over "), "\(r.stderr)")
    #expect(r.stderr.contains("is wider than a Double can measure"))
  }

  /// The audit's 600-byte alias bomb: nine levels of nine aliases, used as
  /// a mapping key, so that Yams' duplicate-key check hashed 9^9 nodes
  /// (about an hour). Now refused before the tree is built.
  static func bomb(keyed: Bool) -> String {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in 1...9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
    lines.append("claims:")
    if keyed {
      lines += ["  - ? *a9", "    : 1"]
    } else {
      lines += ["  - id: *a9"]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: [true, false])
  func aliasBombIsRefusedAtOnce(keyed: Bool) throws {
    let yaml = Self.bomb(keyed: keyed)
    #expect(yaml.utf8.count < 700)
    let (r, path, _) = try Self.check(yaml)
    #expect(!r.timedOut && r.signal == nil, "\(r.summary)")
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("error: \(path):"), "\(r.stderr)")
    #expect(r.stderr.contains("aliases expand the file to more than 200000 nodes"), "\(r.stderr)")
  }

  /// A small alias as a key: refused with its line, whatever its size.
  @Test func aliasAsAKeyIsRefused() throws {
    let yaml = """
      base: &k id
      claims:
        - *k : x
          function: sigmoid
      """
    let (r, path, _) = try Self.check(yaml)
    #expect(r.status == 2)
    #expect(r.stderr == "error: \(path):3: an alias (*k) cannot be a mapping key\n", "\(r.stderr)")
  }

  /// Aliases in values keep working.
  @Test func aliasesInValuesStillWork() throws {
    let yaml = """
      shared: &slope {at-most: 0.25}
      claims:
        - id: a
          function: sigmoid
          property: max-abs-derivative
          expect: *slope
      """
    let (r, _, _) = try Self.check(yaml)
    #expect(r.status == 0, "\(r.summary) \(r.stdoutText)")
  }

  /// "Clearer messages": a repeated key was reported at line 1 with a dump
  /// of the file; now at its own line, naming the first, in one line.
  @Test func duplicateKeyIsReportedAtItsLine() throws {
    let yaml = """
      claims:
        - id: x
          function: sigmoid
          function: relu
          property: max-abs-derivative
          expect: {at-most: 1}
      """
    let (r, path, _) = try Self.check(yaml)
    #expect(r.status == 2)
    #expect(r.stderr == "error: \(path):4: duplicate key 'function' (first on line 3)\n", "\(r.stderr)")
  }

  /// Nesting deeper than libyaml allows: a one-line error, no crash.
  @Test func deepNestingIsAnError() throws {
    let yaml = "claims: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
    let (r, path, _) = try Self.check(yaml)
    #expect(r.status == 2, "\(r.summary)")
    #expect(r.stderr.hasPrefix("error: \(path):1: not valid YAML"))
    #expect(r.stderr.split(separator: "\n").count == 1)
  }

  /// A file larger than 4 MiB is refused without being read whole, and
  /// /dev/zero (endless) too.
  @Test func oversizedInputIsRefused() throws {
    let r = try BoundedRun.run(["check", "/dev/zero"])
    #expect(r.status == 2, "\(r.summary)")
    #expect(r.stderr == "error: /dev/zero:1: the file is larger than 4194304 bytes (4 MiB), the most a claim file may have\n")
  }

  /// Work that grows with a claim's lists is capped before any analysis:
  /// params lists multiply (100 x 100 values would be 10,000 runs of the
  /// engine), and the minimiser evaluates every target at 2001 points.
  @Test func claimWorkIsBounded() throws {
    let values = "[" + (1...100).map { "\(Double($0) / 10)" }.joined(separator: ", ") + "]"
    let settings = """
      claims:
        - id: many-settings
          function: barron
          params: {alpha: \(values), c: \(values)}
          property: max-abs-derivative
          expect: {at-most: 1e300}
      """
    let (r, path, _) = try Self.check(settings)
    #expect(r.status == 2, "\(r.summary)")
    #expect(r.stderr == "error: \(path):4: claim 'many-settings': the params lists make 10000 settings; a claim may have at most 64 (split it)\n")
    let targets = "[" + (0..<1001).map(String.init).joined(separator: ", ") + "]"
    let minimiser = """
      claims:
        - id: many-targets
          function: mse
          property: minimiser
          targets: \(targets)
          expect: {approx: 500, tol: 1}
      """
    let (m, mpath, _) = try Self.check(minimiser)
    #expect(m.status == 2, "\(m.summary)")
    #expect(m.stderr == "error: \(mpath):5: claim 'many-targets': 'targets' has 1001 numbers; at most 1000 are allowed\n")
    let claims = "claims:\n" + (0..<10_001).map { "  - {id: c\($0), function: relu, property: monotonic, expect: increasing}" }.joined(separator: "\n")
    let (c, cpath, _) = try Self.check(claims)
    #expect(c.status == 2, "\(c.summary)")
    #expect(c.stderr == "error: \(cpath):2: 10001 claims; a claim file may hold at most 10000 (split it)\n")
  }

  /// One number syntax: claim files read +1, .5 and 1. as numbers, NaN in
  /// any spelling is refused with the same message.
  @Test func numberSyntaxInClaimFiles() throws {
    let good = """
      claims:
        - id: a
          function: leaky-relu
          params: {slope: .5}
          property: value-at
          at: +1.
          expect: 1.
      """
    let (r, _, _) = try Self.check(good)
    #expect(r.status == 0, "\(r.summary) \(r.stdoutText)")
    for spelling in ["nan", "NaN", ".nan", ".NaN"] {
      let (bad, path, _) = try Self.check(good.replacingOccurrences(of: "at: +1.", with: "at: \(spelling)"))
      #expect(bad.status == 2)
      #expect(
        bad.stderr == "error: \(path):6: claim 'a': at must be a number (such as 1.5, -2e-8, inf, -inf), not '\(spelling)'\n",
        "\(bad.stderr)")
    }
  }
}

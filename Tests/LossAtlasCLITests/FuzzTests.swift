import Foundation
import LossAtlasCore
import TestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Fuzzing (issue 9, "Done when"): generated hostile inputs for
/// `eval --jsonl`, `check` (claim files: parsing and evaluation) and the
/// template renderer, for a fixed time budget, each run as a subprocess
/// with a time limit. Asserted every time: no crash (no signal), no hang
/// (the time limit), the documented exit statuses, exactly one answer per
/// input line in order, errors on one line naming the input, and no NaN
/// printed as a number.
///
/// The budget is `FUZZ_SECONDS` in all (default 6, shared by the three
/// targets) and the inputs come from `FUZZ_SEED` (default fixed), so a run
/// is reproducible: the same seed gives the same inputs in the same order,
/// and a longer budget only adds inputs after them. `make fuzz
/// FUZZ_SECONDS=600` runs longer. A failing input is kept under
/// `$TMPDIR/lossatlas-fuzz-failures/` and named in the failure.
@Suite struct FuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let seconds = environment["FUZZ_SECONDS"].flatMap(Double.init) ?? 6
  static let seed = environment["FUZZ_SEED"].flatMap { UInt64($0, radix: 16) } ?? 0x4C6F_7373_4174_6C61

  /// Runs `body` with a fresh generator until `share` of the budget is
  /// spent (at least once); returns the number of rounds.
  @discardableResult
  static func rounds(_ share: Double, salt: UInt64, _ body: (inout SplitMix64, Int) throws -> Void) rethrows -> Int {
    var rng = SplitMix64(seed: seed ^ salt)
    let deadline = Date().addingTimeInterval(seconds * share)
    var round = 0
    let start = Date()
    repeat {
      try body(&rng, round)
      round += 1
    } while Date() < deadline
    print("fuzz (seed \(String(seed, radix: 16)), salt \(salt)): \(round) rounds in \(Int(Date().timeIntervalSince(start))) s")
    return round
  }

  /// Keeps a failing input for reproduction and returns its path.
  static func keep(_ bytes: [UInt8], _ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-fuzz-failures")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try? Data(bytes).write(to: url)
    return url.path
  }

  // MARK: - eval --jsonl

  @Test func evalBatch() throws {
    let n = try Self.rounds(0.4, salt: 1) { rng, round in
      let lines = (0..<(20 + Int(rng.next() % 60))).map { _ in HostileJSONL.line(&rng) }
      var bytes = Array(lines.joined(separator: "\n").utf8)
      if rng.next() % 3 > 0 { bytes.append(10) }
      HostileJSONL.corrupt(&bytes, &rng)
      let r = try BoundedRun.run(["eval", "--jsonl"], input: .bytes(bytes), timeout: 60)
      let problems = HostileJSONL.check(r, input: bytes)
      if !problems.isEmpty {
        let path = Self.keep(bytes, "eval-\(String(Self.seed, radix: 16))-\(round).jsonl")
        Issue.record("round \(round), input kept at \(path): \(problems.prefix(5).joined(separator: "; "))")
      }
    }
    #expect(n >= 1)
  }

  // MARK: - check

  @Test func claimFiles() throws {
    let formats = ["table", "json", "junit", "github"]
    let n = try Self.rounds(0.35, salt: 2) { rng, round in
      let folder = try TemporaryFolder("lossatlas-fuzz")
      var bytes = Array(HostileClaims.file(&rng).utf8)
      HostileClaims.corrupt(&bytes, &rng)
      let path = try folder.write("claims.yaml", bytes)
      let format = formats[Int(rng.next() % 4)]
      let r = try BoundedRun.run(["check", path, "--jobs", "1", "--format", format], timeout: 60)
      let problems = HostileClaims.check(r, path: path, format: format)
      if !problems.isEmpty {
        let kept = Self.keep(bytes, "claims-\(String(Self.seed, radix: 16))-\(round).yaml")
        Issue.record("round \(round) (--format \(format)), input kept at \(kept): \(problems.joined(separator: "; "))")
      }
    }
    #expect(n >= 1)
  }

  // MARK: - templates

  @Test func templates() throws {
    let driver = CLIRunner.executable.deletingLastPathComponent().appendingPathComponent("template-fuzz-driver")
    let n = try Self.rounds(0.25, salt: 3) { rng, round in
      let folder = try TemporaryFolder("lossatlas-fuzz-templates")
      try HostileTemplates.fill(folder, &rng)
      let r = try BoundedRun.run([folder.url.path], timeout: 60, executable: driver)
      var problems: [String] = []
      if r.signal != nil || r.timedOut { problems.append(r.summary) }
      if r.status == 1 {
        if !(r.stderr.hasPrefix("error: \(folder.url.path)/") && r.stderr.hasSuffix("\n") && r.stderr.filter({ $0 == "\n" }).count == 1) {
          problems.append("not one line naming the folder: \(r.stderr.prefix(300))")
        }
      } else if r.status == 0 {
        if !r.stdoutText.hasPrefix("rendered ") { problems.append("no render summary") }
      } else if r.signal == nil && !r.timedOut {
        problems.append("status \(String(describing: r.status))")
      }
      if !problems.isEmpty {
        let listing = (try? FileManager.default.subpathsOfDirectory(atPath: folder.url.path)) ?? []
        var dump: [UInt8] = []
        for name in listing.sorted() {
          if let data = FileManager.default.contents(atPath: folder.path(name)) {
            dump += Array("==> \(name)\n".utf8) + Array(data.prefix(100_000)) + [10]
          }
        }
        let kept = Self.keep(dump, "templates-\(String(Self.seed, radix: 16))-\(round).txt")
        Issue.record("round \(round), templates kept at \(kept): \(problems.joined(separator: "; "))")
      }
    }
    #expect(n >= 1)
  }
}

// MARK: - Generators

extension SplitMix64 {
  /// A uniform index below `n`.
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  /// True with probability p.
  mutating func chance(_ p: Double) -> Bool { nextUnit() < p }
  /// One of `items`.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Numbers at the edges of what a Double and the parsers hold.
enum HostileNumbers {
  static let json = [
    "0", "-0", "1", "-1", "0.5", "-0.5", "2", "3", "1e308", "-1e308", "1.7976931348623157e308", "-1.7976931348623157e308", "5e-324",
    "-5e-324", "2.2250738585072014e-308", "1e999", "-1e999", "1e-999", "1.0000000000000002", "0.9999999999999999", "9007199254740993",
    "-9223372036854775809", "18446744073709551616", "1e-300", "1e300", "700", "-745.2", "37", "1000", "0.0", "1E+2",
    "\"inf\"", "\"-inf\"", "\"+inf\"", "\"NaN\"", "\"nan\"", "\"Infinity\"", "\"-INFINITY\"", "\"x\"", "\"\"", "true", "null", "[]", "{}",
  ]
  static let yaml = [
    "0", "-0", "1", "-1", ".5", "+1", "1.", "1e308", "-1e308", "1.7976931348623157e308", "5e-324", "-5e-324", "1e999", "-1e999",
    "inf", "-inf", ".inf", "-.inf", "+.inf", "Infinity", "nan", "NaN", ".nan", "0x10", "1_000", "~", "null", "true", "\"1\"", "'2'",
    "2", "0.25", "1e-8", "-2.5", "10", "100", "1e6", "[]", "{}", "[1, 2]", "abc",
  ]

  static func random(_ rng: inout SplitMix64) -> Double {
    switch rng.below(4) {
    case 0: return Double(bitPattern: rng.next())
    case 1: return (rng.nextUnit() - 0.5) * 20
    case 2: return (rng.nextUnit() - 0.5) * pow(10, Double(rng.below(600) - 300))
    default: return Double(rng.below(5)) - 2
    }
  }

  static func jsonToken(_ rng: inout SplitMix64) -> String {
    if rng.chance(0.3) {
      let v = random(&rng)
      return v.isFinite ? "\(v)" : "\"\(v)\""
    }
    return rng.pick(json)
  }
}

/// Request lines for `eval --jsonl`, from well-formed to garbage.
enum HostileJSONL {
  static let names = Catalog.all.flatMap { [$0.id] + $0.aliases }

  static func line(_ rng: inout SplitMix64) -> String {
    switch rng.below(10) {
    case 0: return randomBytesText(&rng)
    case 1: return rng.pick(["", " ", "{}", "[]", "null", "{", "}", "{\"id\"", "\u{FEFF}{}", "{\"id\": \"sigmoid\"}", "\r"])
    case 2: return String(repeating: "[", count: rng.below(200)) + String(repeating: "]", count: rng.below(200))
    default: return request(&rng)
    }
  }

  static func request(_ rng: inout SplitMix64) -> String {
    let spec = rng.pick(Catalog.all)
    var members: [String] = []
    let id: String
    switch rng.below(12) {
    case 0: id = "\"" + rng.pick(["", "SIGMOID", "soft_max", "x\\u0000", "\\ud800", "é", "sigmoid ", String(repeating: "q", count: rng.below(5000))]) + "\""
    case 1: id = HostileNumbers.jsonToken(&rng)
    default: id = "\"" + (rng.chance(0.2) ? rng.pick(names) : spec.id) + "\""
    }
    if !rng.chance(0.05) { members.append("\"id\": \(id)") }
    if !spec.parameters.isEmpty || rng.chance(0.2) {
      var params: [String] = []
      for p in spec.parameters where rng.chance(0.7) { params.append("\"\(p.name)\": \(HostileNumbers.jsonToken(&rng))") }
      if rng.chance(0.1) { params.append("\"bogus\": 1") }
      members.append(rng.chance(0.05) ? "\"params\": \(HostileNumbers.jsonToken(&rng))" : "\"params\": {\(params.joined(separator: ", "))}")
    }
    var args: [String] = []
    for a in spec.arguments where !rng.chance(0.05) {
      let value: String
      switch (a.kind, rng.below(10)) {
      case (.vector, 0..<8):
        let count = rng.chance(0.05) ? rng.pick([0, 1025, 4097, 5000]) : rng.below(9)
        value = "[" + (0..<count).map { _ in HostileNumbers.jsonToken(&rng) }.joined(separator: ", ") + "]"
      case (.integer, 0..<7):
        value = rng.pick(["0", "1", "2", "-1", "1.5", "3.0", "1e20", "9223372036854775807", "9223372036854775808", "\"1\"", "100000"])
      default:
        value = HostileNumbers.jsonToken(&rng)
      }
      args.append("\"\(a.name)\": \(value)")
    }
    if rng.chance(0.05) { args.append("\"zz\": 1") }
    members.append(rng.chance(0.05) ? "\"args\": \(HostileNumbers.jsonToken(&rng))" : "\"args\": {\(args.joined(separator: ", "))}")
    if rng.chance(0.05), let first = members.first { members.append(first) }  // a duplicate key
    if rng.chance(0.05) { members.append("\"value\": \"ignored\"") }
    return "{" + members.joined(separator: rng.chance(0.5) ? ", " : ",") + "}"
  }

  static func randomBytesText(_ rng: inout SplitMix64) -> String {
    String(decoding: (0..<rng.below(300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }.filter { $0 != 10 }, as: UTF8.self)
  }

  /// Flips, inserts and truncates a few bytes of the whole input, which
  /// may add or merge lines (the expected count is taken from the bytes).
  static func corrupt(_ bytes: inout [UInt8], _ rng: inout SplitMix64) {
    guard !bytes.isEmpty, rng.chance(0.5) else { return }
    for _ in 0..<(1 + rng.below(8)) {
      let i = rng.below(bytes.count)
      switch rng.below(4) {
      case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
      case 1: bytes.insert(rng.pick([0, 0x0D, 0xFF, 0xC3, 0x22, 0x5C, 0x7B, 0x5B, 0x2C]), at: i)
      case 2: bytes.remove(at: i)
      default: bytes.insert(contentsOf: Array("\"k\": 1, ".utf8), at: i)
      }
      if bytes.isEmpty { return }
    }
  }

  /// What is wrong with the answers to `input`, if anything.
  static func check(_ r: BoundedRun.Result, input: [UInt8]) -> [String] {
    var problems: [String] = []
    if r.signal != nil || r.timedOut { return [r.summary] }
    if r.status != 0 && r.status != 1 { problems.append("status \(String(describing: r.status)): \(r.stderr.prefix(200))") }
    var expected = input.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    if let last = input.last, last != 10 { expected += 1 }
    let answers = r.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    if answers.count != expected { problems.append("\(answers.count) answers for \(expected) lines") }
    if !r.stdoutText.isEmpty && !r.stdoutText.hasSuffix("\n") { problems.append("the output does not end with a newline") }
    for (i, answer) in answers.enumerated() {
      guard let json = try? JSONValue.parse(String(answer)), case .object = json else {
        problems.append("answer \(i + 1) is not a JSON object: \(answer.prefix(200))")
        continue
      }
      if let error = json["error"] {
        guard case .string(let message) = error, message.hasPrefix("line \(i + 1): ") else {
          problems.append("answer \(i + 1): error not naming its line: \(answer.prefix(200))")
          continue
        }
      } else if json["value"] == nil || json["grad"] == nil {
        problems.append("answer \(i + 1) has neither error nor value and grad: \(answer.prefix(200))")
      } else if containsNaN(json) {
        problems.append("answer \(i + 1) holds NaN: \(answer.prefix(200))")
      }
    }
    return problems
  }

  static func containsNaN(_ json: JSONValue) -> Bool {
    switch json {
    case .string(let s): return s.lowercased() == "nan"
    case .number(let text): return Double(text)?.isNaN ?? true
    case .array(let items): return items.contains(where: containsNaN)
    case .object(let members): return members.contains { containsNaN($0.value) }
    default: return false
    }
  }
}

/// Claim files: claims made of valid and hostile parts, and YAML that
/// attacks the parser.
enum HostileClaims {
  static let properties = [
    "value-at", "derivative-at", "max-abs-derivative", "range", "monotonic", "derivative-monotonic", "continuity", "zero-centered",
    "identity-near-origin", "saturates-left", "saturates-right", "dead-region", "depth-to-vanish", "convex", "concave",
    "non-negative", "zero-at-correct", "gradient-bounded", "finite-at-extremes", "gradient-check-error", "identity",
    "precision-threshold", "naive-failure", "mean-value", "minimiser", "smoothness",
  ]

  static func number(_ rng: inout SplitMix64) -> String {
    if rng.chance(0.3) {
      let v = HostileNumbers.random(&rng)
      return v.isFinite ? "\(v)" : "\(v)".lowercased()
    }
    return rng.pick(HostileNumbers.yaml)
  }

  static func list(_ rng: inout SplitMix64, max: Int = 4) -> String {
    "[" + (0..<rng.below(max + 1)).map { _ in number(&rng) }.joined(separator: ", ") + "]"
  }

  static func claim(_ rng: inout SplitMix64, index: Int) -> [String] {
    let spec = rng.pick(Catalog.all)
    var lines: [String] = []
    let id = rng.chance(0.1) ? rng.pick(["\"\\e[31mred\"", "\"a\\nb\"", "\"\\uFFFE\"", "dup", "\"\"", "[1, 2]"]) : "c\(index)"
    lines.append("  - id: \(id)")
    if rng.chance(0.5) { lines.append("    text: \"\(rng.pick(["plain", "with \\t tab", "with \\x1b escape", "a,b:c%d", "\\u202Eright-to-left"]))\"") }
    lines.append("    function: \(rng.chance(0.05) ? rng.pick(["sigmod", "\"\"", "[x]"]) : spec.id)")
    lines.append("    property: \(rng.pick(properties))")
    if rng.chance(0.4) {
      var params: [String] = []
      for p in spec.parameters where rng.chance(0.7) {
        params.append("\(p.name): \(rng.chance(0.3) ? list(&rng, max: rng.chance(0.05) ? 80 : 3) : number(&rng))")
      }
      if rng.chance(0.1) { params.append("bogus: 1") }
      lines.append("    params: {\(params.joined(separator: ", "))}")
    }
    if rng.chance(0.3) {
      let a = rng.pick(spec.arguments)
      let value = a.kind == .vector ? list(&rng, max: rng.chance(0.05) ? 5000 : 3) : number(&rng)
      lines.append("    args: {\(a.name): \(value)}")
    }
    if rng.chance(0.4) { lines.append("    over: [\(number(&rng)), \(number(&rng))]") }
    if rng.chance(0.4) { lines.append("    at: \(number(&rng))") }
    switch rng.below(9) {
    case 0: lines.append("    expect: {at-most: \(number(&rng))}")
    case 1: lines.append("    expect: {at-least: \(number(&rng))}")
    case 2: lines.append("    expect: {in: [\(number(&rng)), \(number(&rng))]}")
    case 3: lines.append("    expect: {approx: \(number(&rng)), tol: \(number(&rng))}")
    case 4: lines.append("    expect: [\(number(&rng)), \(number(&rng))]")
    case 5: lines.append("    expect: \(rng.pick(["true", "false", "increasing", "cinf", "bounded", "attained", "nan", "\"\\e]0;x\\a\""]))")
    case 6: lines.append("    expect: \(number(&rng))")
    case 7: break
    default: lines.append("    expect: {equals: \(number(&rng))}")
    }
    if rng.chance(0.2) { lines.append("    verdict: \(rng.pick(["true", "false", "maybe"]))") }
    if rng.chance(0.15) { lines.append("    format: \(rng.pick(["Float16", "Float32", "Float64", "bfloat"]))") }
    if rng.chance(0.15) { lines.append("    kind: \(rng.pick(["value-limit", "value-equals-input", "derivative-zero", "derivative-limit", "x"]))") }
    if rng.chance(0.15) { lines.append("    direction: \(rng.pick(["left", "right", "1", "-1", "up"]))") }
    if rng.chance(0.1) { lines.append("    component: \(rng.pick(["value", "derivative", "x"]))") }
    if rng.chance(0.1) { lines.append("    name: \(rng.pick(["symmetry", "x", "tanh-sigmoid"]))") }
    if rng.chance(0.15) { lines.append("    \(rng.pick(["residuals", "targets"])): \(list(&rng, max: rng.chance(0.05) ? 1500 : 6))") }
    return lines
  }

  static func file(_ rng: inout SplitMix64) -> String {
    var lines: [String] = []
    if rng.chance(0.15) {
      // Anchors and aliases: in values, as keys, nested.
      let depth = 1 + rng.below(12)
      lines.append("a0: &a0 [x, x, x, x]")
      for i in 1..<depth { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 4).joined(separator: ", ") + "]") }
      if rng.chance(0.5) { lines.append("? *a\(depth - 1)\n: 1") }
    }
    if rng.chance(0.05) { lines.append("deep: " + String(repeating: "[", count: rng.below(3000)) + String(repeating: "]", count: rng.below(3000))) }
    lines.append(rng.chance(0.05) ? "claims: \(rng.pick(["1", "{}", "*a0", "~"]))" : "claims:")
    for i in 0..<(1 + rng.below(3)) { lines += claim(&rng, index: i) }
    if rng.chance(0.05) { lines.append("---\nclaims: []") }
    if rng.chance(0.05) { lines.append("claims: []") }  // a duplicate top-level key
    return lines.joined(separator: "\n") + "\n"
  }

  static func corrupt(_ bytes: inout [UInt8], _ rng: inout SplitMix64) {
    guard rng.chance(0.3), !bytes.isEmpty else { return }
    for _ in 0..<(1 + rng.below(4)) {
      let i = rng.below(bytes.count)
      switch rng.below(4) {
      case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
      case 1: bytes.insert(rng.pick([0x09, 0x0D, 0x00, 0xFF, 0x3A, 0x2D, 0x26, 0x2A, 0x7B, 0x5B, 0x23, 0x21]), at: i)
      case 2: bytes.removeSubrange(i..<min(bytes.count, i + rng.below(20)))
      default: bytes.insert(contentsOf: Array("\n  - id: ".utf8), at: i)
      }
      if bytes.isEmpty { return }
    }
  }

  /// What is wrong with `check`'s answer, if anything.
  static func check(_ r: BoundedRun.Result, path: String, format: String) -> [String] {
    if r.signal != nil || r.timedOut { return [r.summary] }
    var problems: [String] = []
    let out = r.stdoutText
    switch r.status {
    case 2:
      let line = r.stderr.dropLast()
      let prefix = "error: \(path):"
      let rest = line.hasPrefix(prefix) ? line.dropFirst(prefix.count) : ""
      let digits = rest.prefix { $0.isNumber }
      if !r.stderr.hasSuffix("\n") || line.contains("\n") || digits.isEmpty || !rest.dropFirst(digits.count).hasPrefix(": ") {
        problems.append("exit 2 without one line 'error: FILE:LINE: reason': \(r.stderr.prefix(300))")
      }
      if !out.isEmpty { problems.append("exit 2 with output") }
    case 0, 1:
      if out.isEmpty { problems.append("no report") }
      if out.utf8.contains(where: { $0 < 0x20 && $0 != 10 }) { problems.append("control characters in the report") }
      switch format {
      case "json":
        if let json = try? JSONValue.parse(out), case .array(let results)? = json["results"] {
          for item in results {
            if case .string(let computed)? = item["computed"], hasNaNWord(computed) { problems.append("NaN computed: \(computed)") }
          }
        } else {
          problems.append("the JSON report does not parse")
        }
      case "junit":
        if !XMLParser(data: Data(r.stdout)).parse() { problems.append("the JUnit report is not well-formed XML") }
      case "github":
        if !out.split(separator: "\n").allSatisfy({ $0.hasPrefix("::") }) { problems.append("a line that is not a workflow command") }
      default:
        for line in out.split(separator: "\n") where line.hasPrefix("      computed:") && hasNaNWord(String(line)) {
          problems.append("NaN computed: \(line)")
        }
      }
    default:
      problems.append("status \(String(describing: r.status)): \(r.stderr.prefix(300))")
    }
    return problems
  }

  /// Whether `text` holds "nan" as a word (a number printed as NaN). The
  /// naive-failure property's finding "FORMULA gives NaN at x = ..." (the
  /// textbook formula's NaN, which the property reports) is not one.
  static func hasNaNWord(_ text: String) -> Bool {
    let words = text.lowercased().replacingOccurrences(of: " gives nan at x = ", with: " ").split { !($0.isLetter || $0.isNumber) }
    return words.contains("nan")
  }
}

/// Template folders: small sets of templates built from valid and hostile
/// pieces, and folder entries that are not templates.
enum HostileTemplates {
  static let keys = ["title", "html", "rows", "name", "flag", "cells", "items", "text", "number", "note", "site", "year", "empty", "missing"]

  static func piece(_ rng: inout SplitMix64, partials: [String], depth: inout Int) -> String {
    switch rng.below(20) {
    case 0..<4: return rng.pick(["text ", "<p>", "\n", "|a|b|\n", "{ not a tag }", "}}", "{{", "\r\n", "é ", "\u{1B}[0m"])
    case 4..<7: return "{{\(rng.chance(0.9) ? rng.pick(keys) : rng.pick(["nosuch", "site.title", "rows.0", ".", "first()", "a.b.c.d", String(repeating: "x.", count: 200)]))}}"
    case 7: return "{{{\(rng.pick(keys))}}}"
    case 8: return "{{& \(rng.pick(keys))}}"
    case 9..<12:
      depth += 1
      let key = rng.pick(["rows", "items", "cells", "flag", "empty", "note", "site", "missing"])
      let open = rng.chance(0.8) ? "{{#\(key)}}" : "{{^\(key)}}"
      return open + (rng.chance(0.95) ? "" : "{{/other}}")
    case 12: return depth > 0 ? "{{/\(rng.pick(["rows", "items", "cells", "flag", "empty", "note", "site", "missing"]))}}" : "{{! comment }}"
    case 13: return "{{> \(rng.chance(0.85) ? rng.pick(partials) : rng.pick(["nosuch", "*dynamic", "../etc/passwd", ""]))}}"
    case 14: return rng.pick(["{{=<% %>=}}", "{{=| |=}}", "{{= [[ ]] =}}", "{{=<%%>=}}", "{{=a b=}}"])
    case 15: return rng.pick(["{{! unterminated", "{{#", "{{/}}", "{{}}", "{{ }}", "{{{title}}", "{{%CONTENT_TYPE: MARKDOWN}}", "{{%NOPE: X}}"])
    case 16: return "{{< \(rng.pick(partials))}}{{$block}}x{{/block}}{{/\(rng.pick(partials))}}"
    case 17: return "<link rel=\"stylesheet\" href=\"\(rng.pick(["style.css", "other.css", "https://x/y.css", "app.js"]))\">"
    case 18: return String(repeating: "{{#rows}}", count: rng.below(3000)) + "{{name}}" + String(repeating: "{{/rows}}", count: rng.below(3000))
    default: return String(repeating: rng.pick(["{{title}}", "{{#rows}}{{#items}}{{text}}{{/items}}{{/rows}}", "x\n"]), count: rng.below(5000))
    }
  }

  static func template(_ rng: inout SplitMix64, partials: [String]) -> [UInt8] {
    var depth = 0
    var text = ""
    for _ in 0..<rng.below(25) { text += piece(&rng, partials: partials, depth: &depth) }
    var bytes = Array(text.utf8)
    if rng.chance(0.05), !bytes.isEmpty { bytes[rng.below(bytes.count)] = 0xFF }
    return bytes
  }

  static func fill(_ folder: TemporaryFolder, _ rng: inout SplitMix64) throws {
    for format in ["html", "markdown"] where rng.chance(0.8) {
      let names = (0..<(1 + rng.below(4))).map { "t\($0)" }
      for name in names {
        try folder.write("\(format)/\(name).mustache", template(&rng, partials: names))
      }
      if format == "html" && rng.chance(0.7) { try folder.write("html/style.css", "body { color: black }\n") }
      switch rng.below(30) {
      case 0: try FileManager.default.createDirectory(atPath: folder.path("\(format)/sub"), withIntermediateDirectories: true)
      case 1: _ = mkfifo(folder.path("\(format)/fifo.mustache"), 0o644)
      case 2: try FileManager.default.createSymbolicLink(atPath: folder.path("\(format)/zero.mustache"), withDestinationPath: "/dev/zero")
      case 3: try folder.write("\(format)/big.mustache", [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 1))
      case 4: try FileManager.default.createSymbolicLink(atPath: folder.path("\(format)/loop.mustache"), withDestinationPath: "loop.mustache")
      default: break
      }
    }
  }
}

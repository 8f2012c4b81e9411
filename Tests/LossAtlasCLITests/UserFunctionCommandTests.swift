import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// User functions (issue 11) through every command, as a user runs them:
/// `--functions FILE` on list, eval (and --jsonl), sweep, properties,
/// chart, generate, and `check` loading the functions of its claim files.
///
/// The functions here are chosen so that their Double evaluation is finite
/// everywhere (the debug build's ball arithmetic is slow): the safety
/// analysis of failing formulas is pinned in SafetyTests.
@Suite struct UserFunctionCommandTests {
  /// Copies of five catalog functions written as formulas, and a new one.
  static let functions = """
    functions:
      - id: my-relu
        family: activation
        arguments: [x]
        value: "max(x, 0)"
      - id: my-softsign
        family: activation
        arguments: [x]
        value: "x / (1 + abs(x))"
      - id: my-hard-tanh
        family: activation
        arguments: [x]
        value: "min(max(x, -1), 1)"
      - id: my-mae
        family: regression-loss
        arguments: [yhat, y]
        value: "abs(yhat - y)"
      - id: my-huber
        name: "Huber, as a formula"
        family: regression-loss
        arguments: [yhat, y]
        parameters: {delta: {default: 1, range: "(0, inf)"}}
        value: "where(abs(yhat - y) <= delta, 0.5 * (yhat - y)^2, delta * (abs(yhat - y) - 0.5 * delta))"
      - id: sigmoid-gelu
        family: activation
        arguments: [x]
        value: "x * sigmoid(1.702 * x)"

    """

  static func file(_ folder: TemporaryFolder, _ text: String = functions) throws -> String {
    try folder.write("functions.yaml", text)
  }

  /// Before, a folder was "DIR:1: is a folder, not a claim file": a claim
  /// file was never asked for, and a folder has no line 1.
  @Test("--functions FOLDER is refused: a folder is not taken, a YAML file is; exit 64, nothing written")
  func functionsFolder() throws {
    let folder = try TemporaryFolder()
    let dir = folder.path("defs")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
    let expected =
      "error: --functions \(dir) is a folder, which --functions does not take: give a YAML file (.yaml) whose 'functions:' section defines functions (see README, 'Your own functions')\n"
    let list = try CLIRunner.run(["list", "--functions", dir])
    #expect(list.status == 64)
    #expect(list.stderr == expected, "\(list.stderr)")
    #expect(list.stdout.isEmpty)
    let out = folder.path("manual")
    let generate = try CLIRunner.run(["generate", "--out", out, "--functions", dir, "--only", "sigmoid", "--quiet"])
    #expect(generate.status == 64)
    #expect(generate.stderr == expected, "\(generate.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test("list --functions adds the user functions, marked user-defined, after the catalog")
  func list() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let r = try CLIRunner.run(["list", "--functions", path])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    let huber = try #require(lines.first { $0.hasPrefix("my-huber ") })
    #expect(huber.contains("regression-loss (user-defined)"))
    #expect(huber.contains("delta=1 in (0, inf)"))
    // After every catalog function.
    #expect(lines.firstIndex { $0.hasPrefix("poisson-nll ") }! < lines.firstIndex { $0.hasPrefix("my-relu ") }!)
    let json = try CLIRunner.run(["list", "--json", "--functions", path])
    let parsed = try JSONValue.parse(json.stdout)
    guard case .array(let items) = parsed else {
      Issue.record("list --json is not an array")
      return
    }
    let mine = try #require(items.first { $0["id"] == .string("sigmoid-gelu") })
    #expect(mine["userDefined"] == .bool(true))
    #expect(mine["value"] == .string("x * sigmoid(1.702 * x)"))
  }

  @Test("eval prints value and derivatives and the derivative formulas, plain and LaTeX")
  func evalOnePoint() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    // Hand-derived: r = yhat - y = 2 > delta = 1, so L = delta (|r| - delta/2) = 1.5,
    // dL/dyhat = delta sign(r) = 1, d2 = 0.
    let r = try CLIRunner.run(["eval", "my-huber", "--functions", path, "--arg", "yhat=3", "--arg", "y=1"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("value      1.5"))
    #expect(r.stdout.contains("d/dyhat    1.0"))
    #expect(r.stdout.contains("df/dyhat"))
    #expect(r.stdout.contains("LaTeX:"))
    // --json carries the formulas too.
    let j = try CLIRunner.run(["eval", "my-huber", "--functions", path, "--arg", "yhat=0.5", "--arg", "y=0", "--json"])
    let parsed = try JSONValue.parse(j.stdout)
    // Quadratic piece: L = r^2 / 2 = 0.125, dL/dyhat = r = 0.5.
    #expect(parsed["value"]?.doubleValue == 0.125)
    #expect(parsed["grad"]?["yhat"]?.doubleValue == 0.5)
    #expect(parsed["formulas"]?["df/dyhat"]?["plain"] != nil)
    #expect(parsed["formulas"]?["f"]?["plain"] == .string("where(abs(yhat - y) <= delta, 0.5 * (yhat - y)^2, delta * (abs(yhat - y) - 0.5 * delta))"))
  }

  @Test("eval --jsonl answers user and catalog requests in one batch")
  func evalBatch() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let input = """
      {"id": "my-softsign", "args": {"x": 3}}
      {"id": "softsign", "args": {"x": 3}}
      {"id": "my-huber", "params": {"delta": 0.5}, "args": {"yhat": 2, "y": 0}}

      """
    let r = try CLIRunner.run(["eval", "--jsonl", "--functions", path], stdin: Array(input.utf8))
    #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map { try? JSONValue.parse(String($0)) }
    #expect(lines.count == 3)
    // softsign(3) = 3/4, f'(3) = 1/(1+3)^2 = 1/16, exactly representable.
    #expect(lines[0]?["value"]?.doubleValue == 0.75)
    #expect(lines[0]?["grad"]?["x"]?.doubleValue == 0.0625)
    #expect(lines[1]?["value"]?.doubleValue == 0.75)
    // delta = 0.5, r = 2: 0.5 (2 - 0.25) = 0.875, gradient 0.5.
    #expect(lines[2]?["value"]?.doubleValue == 0.875)
    #expect(lines[2]?["grad"]?["yhat"]?.doubleValue == 0.5)
  }

  /// The view properties `properties --json` prints for the first view at
  /// the default parameters (the catalog analyses a grid of settings).
  static func firstView(_ args: [String]) throws -> JSONValue {
    let r = try CLIRunner.run(args)
    #expect(r.status == 0, "\(args): \(r.stderr)")
    let parsed = try JSONValue.parse(r.stdout)
    let defaults: JSONValue = args.contains("huber") || args.contains("my-huber") ? .object([("delta", .number("1.0"))]) : .object([])
    guard case .array(let settings)? = parsed["settings"],
      case .array(let views)? = settings.first(where: { same($0["params"], defaults) })?["views"], let v = views.first
    else {
      throw CLITestFailure("no settings[0].views[0] in \(args)")
    }
    return v
  }

  /// Numbers equal to 1e-9 relative (the formula's own rounding), everything else exactly.
  static func same(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
    switch (a, b) {
    case (.number?, .number?):
      let x = a!.doubleValue!
      let y = b!.doubleValue!
      return x == y || Swift.abs(x - y) <= 1e-9 * Swift.max(Swift.abs(x), Swift.abs(y))
    case (.array(let xs)?, .array(let ys)?): return xs.count == ys.count && zip(xs, ys).allSatisfy { same($0, $1) }
    case (.object(let xs)?, .object(let ys)?):
      return xs.count == ys.count && zip(xs, ys).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
    default: return a == b
    }
  }

  @Test(
    "properties of a formula copy of a catalog function equal the catalog's",
    arguments: [("my-relu", "relu"), ("my-softsign", "softsign"), ("my-hard-tanh", "hard-tanh"), ("my-mae", "mae"), ("my-huber", "huber")])
  func copiesMatchCatalog(user: String, catalog: String) throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let mine = try Self.firstView(["properties", user, "--json", "--functions", path])
    let theirs = try Self.firstView(["properties", catalog, "--json"])
    // Breakpoints where f, f' or f'' jumps: a user formula's candidate list
    // may hold more points (abs(yhat - y) at 0 inside huber's condition),
    // where nothing jumps.
    func jumping(_ v: JSONValue) -> JSONValue? {
      guard case .array(let points)? = v["breakpoints"] else { return nil }
      return .array(points.filter { $0["first_jump_order"] != .null })
    }
    #expect(Self.same(jumping(mine), jumping(theirs)), "\(user) vs \(catalog): breakpoints")
    for key in [
      "infimum", "supremum", "monotonic", "derivative_monotonic", "continuity", "max_abs_derivative",
      "saturates_left", "saturates_right", "dead_regions", "convex", "concave", "non_negative", "zero_at_correct",
      "gradient_growth",
    ] {
      #expect(Self.same(mine[key], theirs[key]), "\(user) vs \(catalog): \(key): \(String(describing: mine[key])) vs \(String(describing: theirs[key]))")
    }
  }

  @Test("properties prints the numerical-safety report of the formula as written")
  func propertiesSafety() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let r = try CLIRunner.run(["properties", "my-relu", "--functions", path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("user-defined at \(path):2: max(x, 0)"))
    #expect(r.stdout.contains("evaluation-stable  true"))
    // max(x, 0) is the catalog's relu: the report says so.
    #expect(r.stdout.contains("same mathematics as the catalog's relu: write `relu(x)`"))
  }

  @Test("sweep of a user function gives the formula's values")
  func sweep() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let r = try CLIRunner.run(["sweep", "my-softsign", "--functions", path, "--at", "-1,0,3", "--format", "csv"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    #expect(rows.count == 3)
    // x / (1 + |x|): -1/2, 0, 3/4; f' = 1/(1+|x|)^2: 1/4, 1, 1/16.
    let values = rows.map { row in row.compactMap(Double.init) }
    #expect(values.map { $0.count >= 3 } == [true, true, true])
    #expect(values[0].contains(-0.5) && values[0].contains(0.25))
    #expect(values[2].contains(0.75) && values[2].contains(0.0625))
  }

  /// Before session 25 these said "computed NaN ..., which is a bug in
  /// LossAtlas: please report it": the formula, not LossAtlas, has no
  /// value there (log of a negative number inside the default domain).
  @Test("a user formula with no real value at the input (log(x) at x = -1) is the input's fault: eval, --jsonl and sweep say so, name the domain, exit 1")
  func formulaWithoutValue() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder, "functions:\n  - id: my-log\n    arguments: [x]\n    value: \"log(x)\"\n")
    let said = "the formula of my-log gives NaN"
    let eval = try CLIRunner.run(["eval", "my-log", "--functions", path, "--arg", "x=-1"])
    #expect(eval.status == 1 && eval.stdout.isEmpty, "\(eval.stderr)")
    #expect(eval.stderr.contains("\(said) at these arguments") && eval.stderr.contains("domain"), "\(eval.stderr)")
    #expect(!eval.stderr.contains("bug in LossAtlas") && eval.stderr.split(separator: "\n").count == 1, "\(eval.stderr)")
    let batch = try CLIRunner.run(
      ["eval", "--jsonl", "--functions", path], stdin: Array("{\"id\": \"my-log\", \"args\": {\"x\": -1}}\n".utf8))
    #expect(batch.status == 1 && batch.stdout.contains(said) && !batch.stdout.contains("bug in LossAtlas"), "\(batch.stdout)")
    let sweep = try CLIRunner.run(["sweep", "my-log", "--functions", path, "--at", "1,-1"])
    #expect(sweep.status == 1, "\(sweep.stderr)")
    #expect(sweep.stderr.contains("\(said) at x = -1.0") && !sweep.stderr.contains("bug in LossAtlas"), "\(sweep.stderr)")
    // The message must not claim more than was decided: exp(exp(800)) is beyond the
    // exact fallback's range, so its NaN difference stays NaN although the exact value is 0.
    let far = try folder.write("far.yaml", "functions:\n  - id: far\n    arguments: [x]\n    value: \"exp(exp(x)) - exp(exp(x))\"\n")
    let undecided = try CLIRunner.run(["eval", "far", "--functions", far, "--arg", "x=800"])
    #expect(undecided.status == 1 && undecided.stdout.isEmpty, "\(undecided.stderr)")
    #expect(
      undecided.stderr.contains("the formula of far gives NaN at these arguments")
        && undecided.stderr.contains("no real value there, or an intermediate beyond the range")
        && !undecided.stderr.contains("exact arithmetic too"), "\(undecided.stderr)")
    // A catalog function never answers NaN in its domain: it keeps the bug report (not reachable here).
    let fine = try CLIRunner.run(["eval", "my-log", "--functions", path, "--arg", "x=2"])
    #expect(fine.status == 0 && fine.stdout.contains("0.6931471805599453"), "\(fine.stderr)")
  }

  @Test("chart of a user function writes a PNG")
  func chart() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let out = folder.path("gelu.png")
    let r = try CLIRunner.run(["chart", "sigmoid-gelu", "--functions", path, "--out", out])
    #expect(r.status == 0, "\(r.stderr)")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
  }

  @Test("check decides claims about functions defined in the claim file, in every format")
  func checkClaimFile() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "claims.yaml",
      Self.functions + """
        claims:
          - id: huber-zero
            function: my-huber
            args: {y: 0}
            property: zero-at-correct
            expect: attained
          - id: huber-c1
            function: my-huber
            args: {y: 0}
            property: continuity
            expect: C1
          - id: huber-max-slope
            function: my-huber
            args: {y: 0}
            params: {delta: 0.5}
            property: max-abs-derivative
            expect: {approx: 0.5, tol: 1.0e-12}
          - id: relu-stable
            function: my-relu
            property: evaluation-stable
            expect: true
          - id: softsign-unstable
            text: "The derived f' = ((1 + |x|) - x sign(x)) / (1 + |x|)^2 cancels once 1 + |x| rounds to |x| (|x| >= 2^53)."
            function: my-softsign
            property: evaluation-stable
            expect: false
          - id: relu-convex-wrong
            function: my-relu
            property: concave
            expect: true

        """)
    let r = try CLIRunner.run(["check", path, "--format", "json"])
    #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
    let json = try JSONValue.parse(r.stdout)
    guard case .array(let results)? = json["results"] else {
      Issue.record("no results")
      return
    }
    var verdicts: [String: Bool] = [:]
    for item in results {
      if case .string(let id)? = item["id"], case .bool(let passes)? = item["passes"] { verdicts[id] = passes }
    }
    #expect(verdicts == [
      "huber-zero": true, "huber-c1": true, "huber-max-slope": true, "relu-stable": true, "softsign-unstable": true,
      "relu-convex-wrong": false,
    ])
    for format in ["table", "junit", "github"] {
      let f = try CLIRunner.run(["check", path, "--format", format])
      #expect(f.status == 1)
      #expect(f.stdout.contains("relu-convex-wrong"))
    }
  }

  @Test("evaluation-stable of a catalog function is refused with the reason")
  func evaluationStableNeedsUserFunction() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "c.yaml", "claims:\n  - id: s\n    function: softplus\n    property: evaluation-stable\n    expect: true\n")
    let r = try CLIRunner.run(["check", path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("evaluation-stable is decided for user-defined functions"))
  }

  @Test(
    "a bad function file names FILE:LINE:COLUMN and what is allowed, exit 64 (2 for check), no output",
    arguments: [
      ("functions:\n  - id: f\n    arguments: [x]\n    value: \"log(1 + expp(x))\"\n", 4, "unknown function 'expp'"),
      ("functions:\n  - id: f\n    arguments: [x]\n    value: \"x + q\"\n", 4, "'q'"),
      ("functions:\n  - id: relu\n    arguments: [x]\n    value: \"x\"\n", 2, "the id 'relu' is the catalog function relu"),
      ("functions:\n  - id: f\n    arguments: [x]\n    value: \"x / 0\"\n", 4, "zero"),
      ("functions:\n  - id: f\n    arguments: [x]\n    colour: red\n    value: \"x\"\n", 4, "unknown key 'colour'"),
    ])
  func badFile(text: String, line: Int, message: String) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("bad.yaml", text)
    let r = try CLIRunner.run(["eval", "f", "--functions", path, "--arg", "x=1"])
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("error: \(path):\(line):"), "\(r.stderr)")
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(r.stderr.contains("^"))
    let c = try CLIRunner.run(["check", path, "--functions", path])
    #expect(c.status == 2)
    #expect(c.stdout.isEmpty)
  }

  @Test("an unknown id suggests catalog ids and names the user functions")
  func unknownID() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let r = try CLIRunner.run(["eval", "my-hubr", "--functions", path, "--arg", "x=1"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("user functions: 'my-relu'"))
  }
}

/// A CLI test that cannot go on.
struct CLITestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}

/// `generate --functions`: the index's "Your functions" and one page per
/// user function, read back by parsing the Markdown.
@Suite struct UserFunctionManualTests {
  @Test("generate adds 'Your functions' to the index and a user-defined page per function")
  func generate() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "functions.yaml",
      """
      functions:
        - id: my-softsign
          name: "Softsign, as a formula"
          family: activation
          arguments: [x]
          value: "x / (1 + abs(x))"
        - id: my-relu
          family: other
          arguments: [x]
          value: "max(x, 0)"

      """)
    let out = folder.path("manual")
    let r = try CLIRunner.run(["generate", "--functions", path, "--only", "softsign", "--format", "markdown", "--out", out, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let index = try String(contentsOfFile: out + "/markdown/index.md", encoding: .utf8)
    // The section and its row: a link to the page, the formula as written, the verdict.
    let lines = index.split(separator: "\n").map(String.init)
    let heading = try #require(lines.firstIndex(of: "## Your functions"))
    let row = try #require(lines[heading...].first { $0.hasPrefix("| [") })
    let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(cells[0].hasSuffix("(my-softsign.md)"))
    #expect(cells[1] == "activation")
    #expect(cells[2] == "`x / (1 + abs(x))`")
    // The derived f' cancels once 1 + |x| rounds to |x|: from 2^53 on.
    #expect(cells[3] == "no")
    let relu = try #require(lines[heading...].first { $0.hasPrefix("| [my-relu](my-relu.md)") })
    #expect(relu.contains("| other |") && relu.hasSuffix("| yes |"))
    let page = try String(contentsOfFile: out + "/markdown/my-softsign.md", encoding: .utf8)
    #expect(page.contains("**User-defined** in `\(path):2`"))
    #expect(page.contains("```\nx / (1 + abs(x))\n```"))
    // The derived derivative, as `eval` prints it.
    let eval = try CLIRunner.run(["eval", "my-softsign", "--functions", path, "--arg", "x=1"])
    let derivative = try #require(eval.stdout.split(separator: "\n").first { $0.contains("df/dx") })
    let plain = derivative.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ")
    #expect(page.contains("- df/dx: `\(plain)`"), "\(plain)")
    #expect(page.contains("evaluation-stable: **no**"))
    // The first failing input toward +inf: 2^53 = 9007199254740992, where 1 + x rounds to x.
    #expect(page.contains("first at x = 9007199254740992.0 (x = 9007199254740991.0 passes)"))
    #expect(page.contains("Cause (cancellation)"))
    let reluPage = try String(contentsOfFile: out + "/markdown/my-relu.md", encoding: .utf8)
    #expect(reluPage.contains("evaluation-stable: **yes**"))
    #expect(reluPage.contains("The catalog's relu is the same mathematics: write relu(x) to use its stable implementation."))
    #expect(reluPage.contains("`my-relu` · other, user-defined"))
    #expect(page.contains("## Definition"))
    #expect(page.contains("figures/my-softsign.png"))
    #expect(FileManager.default.fileExists(atPath: out + "/markdown/figures/my-softsign.png"))
  }
}

import Foundation
import LossAtlasCore
import TestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What LossAtlas writes is honest and safe to read (issue 9, items 14,
/// 16, 18, 19): a failed write is an error, a closed pipe ends quietly,
/// reports stay well-formed whatever the claims hold, and sweeps stream
/// without NaN rows.
@Suite struct OutputSafetyTests {
  // MARK: - Item 16: write errors

  /// Into /dev/full every write fails with ENOSPC: the commands used to
  /// exit 0 having written nothing.
  @Test(arguments: [
    ["list"], ["list", "--json"], ["eval", "sigmoid", "--arg", "x=1"], ["sweep", "relu", "--points", "5"],
  ])
  func aFullDiskIsAnError(arguments: [String]) throws {
    let r = try BoundedRun.run(arguments, output: .file(URL(fileURLWithPath: "/dev/full")))
    #expect(r.status == 74, "\(r.summary)")
    #expect(r.stderr == "error: cannot write to standard output: No space left on device\n")
  }

  @Test func checkJUnitIntoAFullDiskIsAnError() throws {
    let claims = Fixtures.url("claims/wrong.yaml").path
    let r = try BoundedRun.run(["check", claims, "--format", "junit"], output: .file(URL(fileURLWithPath: "/dev/full")))
    #expect(r.status == 74, "\(r.summary)")
    #expect(r.stderr == "error: cannot write to standard output: No space left on device\n")
  }

  @Test func batchIntoAFullDiskIsAnError() throws {
    let input = Array(repeating: #"{"id": "sigmoid", "args": {"x": 1}}"#, count: 10).joined(separator: "\n") + "\n"
    let r = try BoundedRun.run(
      ["eval", "--jsonl"], input: .bytes(Array(input.utf8)), output: .file(URL(fileURLWithPath: "/dev/full")))
    #expect(r.status == 74, "\(r.summary)")
    #expect(r.stderr == "error: cannot write to standard output: No space left on device\n")
  }

  /// A reader that goes away (`| head -c 100`) ends the writer as it ends
  /// any Unix filter: SIGPIPE, no message.
  @Test(arguments: [["sweep", "relu", "--points", "2000000"], ["eval", "--jsonl"]])
  func aClosedPipeEndsQuietly(arguments: [String]) throws {
    let lines = Array(repeating: #"{"id": "sigmoid", "args": {"x": 1}}"#, count: 200_000).joined(separator: "\n") + "\n"
    let input: BoundedRun.Input = arguments.contains("--jsonl") ? .bytes(Array(lines.utf8)) : .none
    let r = try BoundedRun.run(arguments, input: input, output: .closeAfter(100))
    #expect(r.signal == SIGPIPE, "\(r.summary)")
    #expect(r.stderr.isEmpty)
    #expect(r.stdout.count == 100)
  }

  /// The commands whose whole output fits in a pipe's buffer (`list`,
  /// `check --format junit`) may finish writing before the reader goes
  /// away: then they exit 0; otherwise SIGPIPE. Either way no message and
  /// no partial line of an error on stderr.
  @Test(arguments: [["list"], ["list", "--json"], ["check", "claims/wrong.yaml", "--format", "junit"]])
  func aClosedPipeEndsQuietlyForShortOutput(arguments: [String]) throws {
    let resolved = arguments.map { $0.hasPrefix("claims/") ? Fixtures.url($0).path : $0 }
    let r = try BoundedRun.run(resolved, output: .closeAfter(10))
    #expect(r.signal == SIGPIPE || r.status == 0 || r.status == 1, "\(r.summary)")
    #expect(r.stderr.isEmpty, "\(r.stderr)")
    #expect(r.stdout.count == 10)
  }

  // MARK: - Item 18: reports

  /// A failing claim whose id and text hold what XML forbids (U+FFFE,
  /// U+FFFF, C0 controls), a terminal escape sequence and newlines, in a
  /// file whose name holds the workflow-command separators.
  static func hostileClaims() throws -> (TemporaryFolder, String) {
    let folder = try TemporaryFolder()
    let yaml = """
      claims:
        - id: "red\\e[31m-id\\u0007"
          text: "bad \\uFFFE and \\uFFFF, \\x01\\x1f, \\e]0;title\\x07 and\\nFAIL  forged line"
          function: sigmoid
          property: max-abs-derivative
          expect: {at-least: 1}
      """
    let path = try folder.write("a,b:c%d.yaml", yaml)
    return (folder, path)
  }

  @Test func junitIsWellFormedXMLWhateverTheClaimsHold() throws {
    let (folder, path) = try Self.hostileClaims()
    let r = try BoundedRun.run(["check", path, "--format", "junit"])
    #expect(r.status == 1, "\(r.summary)")
    let parser = XMLParser(data: Data(r.stdout))
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") in \(r.stdoutText)")
    // What XML cannot hold is shown, not dropped silently.
    #expect(r.stdoutText.contains(#"bad \u{FFFE} and \u{FFFF}, \u{1}\u{1F}, \u{1B}]0;title\u{7} and&#10;FAIL  forged line"#))
    _ = folder
  }

  @Test func githubAnnotationsEscapeTheFileName() throws {
    let (folder, path) = try Self.hostileClaims()
    let r = try BoundedRun.run(["check", path, "--format", "github"])
    #expect(r.status == 1)
    let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ":", with: "%3A")
      .replacingOccurrences(of: ",", with: "%2C")
    let lines = r.stdoutText.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix("::error file=\(escaped),line=2,title=lossatlas check%3A sigmoid max-abs-derivative::") == true, "\(lines)")
    // The message: %, CR, LF escaped, controls shown; no raw ESC anywhere.
    #expect(lines.first?.contains("and%0AFAIL  forged line") == true)
    #expect(!r.stdout.contains(0x1B) && !r.stdout.contains(0x07))
    _ = folder
  }

  @Test func tableEscapesControlCharacters() throws {
    let (folder, path) = try Self.hostileClaims()
    let r = try BoundedRun.run(["check", path])
    #expect(r.status == 1)
    #expect(!r.stdout.contains(0x1B) && !r.stdout.contains(0x07) && !r.stdout.contains(0x01))
    let lines = r.stdoutText.split(separator: "\n").map(String.init)
    // FAIL line, text, expected, computed, summary: the newline in the text
    // did not forge a line.
    #expect(lines.count == 5, "\(lines)")
    #expect(lines.first?.hasPrefix(#"FAIL  "#) == true)
    #expect(lines.first?.contains(#"red\u{1B}[31m-id\u{7}"#) == true)
    #expect(lines.dropFirst().first?.contains(#" and\nFAIL  forged line"#) == true)
    _ = folder
  }

  // MARK: - Items 14 and 19: sweeps

  /// Item 19: the step (b - a) / (n - 1) overflowed to inf for ±1e308 and
  /// the rows were NaN (exit 0). When b - a overflows, points are
  /// a (1 - t) + b t now.
  @Test(arguments: ["linear", "symlog"])
  func extremeRangesGiveFiniteRows(scale: String) throws {
    let r = try BoundedRun.run(["sweep", "sigmoid", "--from", "-1e308", "--to", "1e308", "--points", "5", "--scale", scale])
    #expect(r.status == 0, "\(r.summary)")
    let rows = r.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    #expect(rows.count == 5)
    #expect(!r.stdoutText.contains("nan"))
    let xs = rows.compactMap { $0.first.flatMap(Double.init) }
    #expect(xs.count == 5 && xs.allSatisfy(\.isFinite))
    #expect(xs.first == -1e308 && xs.last == 1e308)
    // Linear: exact thirds of the way, and 0 in the middle.
    if scale == "linear" { #expect(xs == [-1e308, -5e307, 0, 5e307, 1e308]) }
    #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 })
  }

  /// Item 14: 50,000,000 points (the documented maximum) aborted allocating
  /// 4 GB. The rows stream: under a 1 GB memory limit the first megabyte
  /// arrives and is the start of the right grid.
  @Test func theLargestSweepStreams() throws {
    let r = try BoundedRun.run(
      ["sweep", "relu", "--from", "-1", "--to", "1", "--points", "50000000"], output: .closeAfter(1 << 20),
      memoryLimitKB: 1_000_000)
    #expect(r.signal == SIGPIPE, "\(r.summary)")
    #expect(r.stdout.count == 1 << 20)
    let lines = r.stdoutText.split(separator: "\n").map(String.init)
    #expect(lines.first == "x,value,derivative,second_derivative")
    #expect(lines.dropFirst().first == "-1.0,0.0,0.0,0.0")
    // The third row is x = -1 + 1 * (2 / 49999999).
    #expect(lines.dropFirst(2).first?.hasPrefix("\(-1 + 2.0 / 49_999_999),") == true)
  }

  /// The streamed output is the same bytes as the library's whole-sweep
  /// writers (checked across the chunk boundary: 70,000 points).
  @Test(arguments: ["csv", "json"])
  func streamingWritesWhatTheLibraryWrites(format: String) throws {
    let r = try BoundedRun.run(
      ["sweep", "huber", "--from", "-3", "--to", "3", "--points", "70000", "--param", "delta=0.5,2", "--format", format])
    #expect(r.status == 0, "\(r.summary)")
    let spec = try Catalog.function(named: "huber")
    let blocks = try [0.5, 2.0].map { delta -> SweepBlockText in
      let p = try spec.validateParameters(["delta": delta])
      let view = spec.views(p)[0]
      // The grid as the README states it, computed here independently.
      let step: Double = 6.0 / 69_999.0
      let xs: [Double] = (0..<70_000).map { (i: Int) -> Double in i == 69_999 ? 3.0 : -3.0 + Double(i) * step }
      return SweepBlockText(delta: delta, xs: xs, jets: xs.map(view.evaluate))
    }
    let expected = format == "csv" ? SweepBlockText.csv(blocks) : SweepBlockText.json(blocks, label: try spec.views(spec.validateParameters([:]))[0].label)
    #expect(r.stdoutText == expected)
  }
}

/// One block of a sweep written out by hand, in the formats of the README.
struct SweepBlockText {
  let delta: Double
  let xs: [Double]
  let jets: [Jet]

  static func csv(_ blocks: [SweepBlockText]) -> String {
    var out = "delta,x,value,derivative,second_derivative\n"
    for b in blocks {
      for (x, j) in zip(b.xs, b.jets) {
        out += [b.delta, x, j.value, j.d1, j.d2].map(formatValue).joined(separator: ",") + "\n"
      }
    }
    return out
  }

  static func json(_ blocks: [SweepBlockText], label: String) -> String {
    func array(_ v: [Double]) -> String { "[" + v.map { JSONValue.double($0).lineText }.joined(separator: ", ") + "]" }
    let items = blocks.map { b in
      """
          {
            "params": {
              "delta": \(b.delta)
            },
            "x": \(array(b.xs)),
            "value": \(array(b.jets.map(\.value))),
            "derivative": \(array(b.jets.map(\.d1))),
            "second_derivative": \(array(b.jets.map(\.d2)))
          }
      """
    }
    return """
      {
        "id": "huber",
        "view": "\(label)",
        "argument": "yhat",
        "blocks": [
      \(items.joined(separator: ",\n"))
        ]
      }

      """
  }
}

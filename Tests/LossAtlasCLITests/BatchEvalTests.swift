import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// `lossatlas eval --jsonl`: the stable batch interface.
@Suite struct BatchEvalTests {
  @Test(
    "answers every golden line, one line each, values equal to the library's",
    arguments: GoldenFixtures.files)
  func goldenFile(name: String) throws {
    let text = try GoldenFixtures.text(name)
    let r = try CLIRunner.run(["eval", "--jsonl"], stdinFile: GoldenFixtures.url(name))
    let inputs = text.split(separator: "\n")
    let outputs = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(outputs.count == inputs.count)
    #expect(r.stdout.hasSuffix("\n"))
    var errors: [String] = []
    for (input, output) in zip(inputs, outputs) {
      let answer = try JSONValue.parse(String(output))
      let request = try JSONValue.parse(String(input))
      guard case .string(let id)? = request["id"], Catalog.ids.contains(id) else {
        // A line for an id this build does not have must say so, not guess.
        if case .string(let message)? = answer["error"], message.contains("unknown function") { continue }
        errors.append("\(input.prefix(120)) -> \(output)")
        continue
      }
      if answer["error"] != nil {
        errors.append("\(input.prefix(120)) -> \(output)")
        continue
      }
      let expected = try EvalRequest.decode(jsonLine: String(input)).evaluate()
      #expect(answer == expected.batchJSON, "\(input.prefix(120))")
    }
    #expect(errors.count == 0, Comment(rawValue: errors.prefix(10).joined(separator: "\n")))
    let unknown = inputs.contains { line in
      guard case .string(let id)? = (try? JSONValue.parse(String(line)))?["id"] else { return true }
      return !Catalog.ids.contains(id)
    }
    #expect(r.status == (unknown ? 1 : 0))
  }

  @Test func numbersRoundTripAndNonFiniteAreStrings() throws {
    let input = """
      {"id": "sigmoid", "args": {"x": 0.1}}
      {"id": "identity", "params": {}, "args": {"x": 1e-300}, "value": "ignored"}

      """
    let r = try CLIRunner.run(["eval", "--jsonl"], stdin: Array(input.utf8))
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    let s = try Catalog.function(named: "sigmoid").evaluate(arguments: ["x": .real(0.1)])
    #expect(lines[0] == "{\"value\": \(s.value.scalarValue!), \"grad\": {\"x\": \(s.gradient("x")!.scalarValue!)}}")
    #expect(lines[1] == "{\"value\": 1e-300, \"grad\": {\"x\": 1.0}}")
    #expect(Double(String(describing: s.value.scalarValue!)) == s.value.scalarValue)
  }

  @Test func badLinesAnswerWithAnErrorAndTheBatchGoesOn() throws {
    let input = """
      {"id": "sigmoid", "args": {"x": 1}}
      not json
      {"id": "sigmoidd", "args": {"x": 1}}
      {"id": "sigmoid", "args": {"x": "nan"}}
      {"id": "sigmoid", "args": {}}
      []
      {"id": "sigmoid", "args": {"x": 2}}
      """
    let r = try CLIRunner.run(["eval", "--jsonl"], stdin: Array(input.utf8))
    #expect(r.status == 1)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 7)
    #expect(lines[0].hasPrefix("{\"value\": "))
    #expect(lines[1] == "{\"error\": \"line 2: malformed JSON at byte 1: expected 'null'; expected one JSON object a line\"}")
    #expect(lines[2] == "{\"error\": \"line 3: unknown function 'sigmoidd': did you mean 'sigmoid'?\"}")
    #expect(lines[3] == "{\"error\": \"line 4: argument x = nan of sigmoid is outside its domain: x must be a finite real number\"}")
    #expect(lines[4] == "{\"error\": \"line 5: missing argument 'x' for sigmoid: x must be a finite real number\"}")
    #expect(lines[5].hasPrefix("{\"error\": \"line 6: expected a JSON object"))
    #expect(lines[6].hasPrefix("{\"value\": "))
  }

  @Test func unreadableStdinExitsTwo() throws {
    let r = try CLIRunner.run(["eval", "--jsonl"], stdinFile: Fixtures.directory)
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("error: cannot read stdin"))
  }

  /// Random bytes (a fixed seed, so a failure reproduces) never crash the
  /// batch: one answer per input line, each valid JSON, exit 0 or 1.
  @Test func randomBytesNeverCrash() throws {
    var rng = SplitMix64(seed: 0x4C6F_7373_4174_6C61)
    for round in 0..<20 {
      var bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      if round % 2 == 1 {
        // Half the rounds: mutate a valid line so the parser goes deeper.
        let valid = Array(#"{"id": "sigmoid", "params": {}, "args": {"x": [1, 2e300, -0.0]}}"#.utf8)
        bytes = (0..<60).flatMap { _ -> [UInt8] in
          var line = valid
          let i = Int(rng.next() % UInt64(line.count))
          line[i] = UInt8(truncatingIfNeeded: rng.next())
          return line + [10]
        }
      }
      let r = try CLIRunner.run(["eval", "--jsonl"], stdin: bytes)
      #expect(r.status == 0 || r.status == 1, "round \(round): status \(r.status), stderr \(r.stderr)")
      var inputLines = bytes.split(separator: 10, omittingEmptySubsequences: false).count
      if bytes.last == 10 { inputLines -= 1 }
      let outputLines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      #expect(outputLines.count == inputLines, "round \(round)")
      for line in outputLines {
        let json = try JSONValue.parse(String(line))
        #expect(json["error"] != nil || json["value"] != nil)
      }
    }
  }
}

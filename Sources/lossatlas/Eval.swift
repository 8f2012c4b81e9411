import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LossAtlasCommand {
  /// `lossatlas eval`: value and derivatives at one point, or a JSON Lines batch.
  struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a function's value and derivatives at one point, or a JSON Lines batch.",
      discussion: """
        One point:  lossatlas eval huber --arg yhat=3 --arg y=1 --param delta=0.5
        Vectors:    lossatlas eval cross-entropy --arg 's=[1,2,3]' --arg k=2
        Batch:      lossatlas eval --jsonl < requests.jsonl
        Numbers: 1.5, +1, .5, 1., -2e-8, and inf, infinity, nan in any case (NaN is refused \
        by every argument and parameter, however it is spelt).
        A batch line is {"id": ..., "params": {...}, "args": {...}}; each answer line is \
        {"value": V, "grad": {NAME: V, ...}} or {"error": "line N: message"}, written before \
        the next line is read. A line has at most 16 MiB; a vector at most 4096 elements \
        (softmax and log-softmax: 1024). Exit status: 0 when every line was evaluated, 1 when \
        some line gave an error, 2 when stdin cannot be read, 74 when stdout cannot be written.
        Second derivatives: --json prints "d2": {ARG: V} for a scalar function of one \
        differentiated argument. With --second-derivative, every --jsonl answer also has \
        "d2": {ARG: V} (null for a function that gives none: the vector functions and the \
        losses of a score vector) and "hessian" (rows in the order of "grad") for a function \
        that reports its whole Hessian, as --json always does. Without the flag the batch \
        answers are unchanged.
        A user function (--functions FILE) whose formula as written is NaN or ±inf in Double \
        where the exact value is another number answers with the exact value, rounded to \
        Double, and says so: the readable answer notes it beside the number, and --json and \
        --jsonl add "exact_fallback": {"value": D, "grad": {ARG: D}, "d2": {ARG: D}} with the \
        formula's own Double result ("nan", "inf", "-inf") of each such number.
        """)

    @Argument(help: "A function id or alias (see `lossatlas list`).")
    var id: FunctionID?

    @Option(name: .customLong("arg"), help: ArgumentHelp("An argument, NAME=V (V a number such as 1.5, .5, -inf, or a list [1, 2, 3]).", valueName: "NAME=V"))
    var arguments: [String] = []

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter, NAME=V (default: the catalog's).", valueName: "NAME=V"))
    var parameters: [String] = []

    @Flag(help: "Print the answer as one JSON object.")
    var json = false

    @Flag(help: "Read JSON Lines requests on stdin and answer one line each.")
    var jsonl = false

    @Flag(
      name: .customLong("second-derivative"),
      help: "With --jsonl or --json: include the second derivative (\"d2\", and \"hessian\" where the function gives one).")
    var secondDerivative = false

    @OptionGroup var functions: FunctionFileOptions

    func validate() throws {
      if jsonl {
        if id != nil || !arguments.isEmpty || !parameters.isEmpty || json {
          throw ValidationError("--jsonl reads every request from stdin: give no ID, --arg, --param or --json with it")
        }
      } else if id == nil {
        throw ValidationError("give a function ID (see `lossatlas list`), or --jsonl to read requests from stdin")
      }
      if secondDerivative && !json && !jsonl {
        throw ValidationError(
          "--second-derivative goes with --json or --jsonl (the readable answer always shows the second derivative)")
      }
    }

    func run() throws {
      let registry = try functions.registry()
      if jsonl {
        throw ExitCode(runBatch(registry))
      }
      let request: EvalRequest
      let evaluation: Evaluation
      do {
        request = try makeRequest(registry)
        evaluation = try request.evaluate()
      } catch {
        throw fail(error)
      }
      let definition = registry.definition(request.spec.id)
      let fallbacks = definition.map { Self.exactFallbacks($0, request) } ?? []
      if json {
        var answer = singleJSON(request, evaluation)
        if let definition, case .object(var members) = answer {
          if let note = Self.exactFallbackJSON(fallbacks) { members.append(("exact_fallback", note)) }
          members.append(("formulas", UserFormulaText(definition).json))
          answer = .object(members)
        }
        writeOut(answer.prettyText)
      } else {
        writeOut(readable(request, evaluation, fallbacks) + (definition.map { UserFormulaText($0).readable } ?? ""))
      }
    }

    // MARK: - The exact fallback of a user function

    /// Where the user formula as written is NaN or ±inf in Double at the
    /// request's point and the answer carries the exact value instead.
    static func exactFallbacks(_ definition: UserFunctionDefinition, _ request: EvalRequest) -> [ExactFallbackComponent] {
      var args: [String: Double] = [:]
      for (name, value) in request.arguments { if case .real(let x) = value { args[name] = x } }
      return definition.exactFallbacks(parameters: request.parameters, arguments: args)
    }

    /// `"exact_fallback": {"value": D, "grad": {NAME: D}, "d2": {NAME: D}}`:
    /// the formula's own Double result (a string: "nan", "inf", "-inf") of
    /// each number the answer gives exactly instead; nil when there is none.
    static func exactFallbackJSON(_ fallbacks: [ExactFallbackComponent]) -> JSONValue? {
      guard !fallbacks.isEmpty else { return nil }
      var members: [(key: String, value: JSONValue)] = []
      var grad: [(key: String, value: JSONValue)] = []
      var d2: [(key: String, value: JSONValue)] = []
      for f in fallbacks {
        switch f.part {
        case .value: members.append(("value", .double(f.double)))
        case .derivative(let name): grad.append((name, .double(f.double)))
        case .secondDerivative(let name): d2.append((name, .double(f.double)))
        }
      }
      if !grad.isEmpty { members.append(("grad", .object(grad))) }
      if !d2.isEmpty { members.append(("d2", .object(d2))) }
      return .object(members)
    }

    /// The note after a number the answer gives exactly (the readable answer).
    static func exactFallbackNote(_ f: ExactFallbackComponent) -> String {
      "  (exact value; the formula as written gives \(formatValue(f.double)) in Double)"
    }

    // MARK: - One point

    private func makeRequest(_ registry: FunctionRegistry) throws(CatalogError) -> EvalRequest {
      let spec = try registry.function(named: id!.name)
      var args: [String: ArgumentValue] = [:]
      for item in arguments {
        let (name, text) = try split(item, flag: "--arg", spec: spec)
        guard args[name] == nil else {
          throw CatalogError(.unknownArgument, "argument \(InputEcho.short(name)) is given twice")
        }
        guard spec.arguments.contains(where: { $0.name == name }) else {
          throw CatalogError(
            .unknownArgument,
            "unknown argument '\(InputEcho.short(name))' for \(spec.id): it takes \(spec.arguments.map(\.name).joined(separator: ", "))")
        }
        args[name] = try EvalRequest.commandLineValue(text, name: name, spec: spec)
      }
      var params: [String: Double] = [:]
      for item in parameters {
        let (name, text) = try split(item, flag: "--param", spec: spec)
        guard params[name] == nil else {
          throw CatalogError(.unknownParameter, "parameter \(InputEcho.short(name)) is given twice")
        }
        guard case .real(let v) = try EvalRequest.commandLineValue(text, name: name, spec: spec) else {
          throw CatalogError(.badParameter, "parameter \(name) of \(spec.id) must be a single number, not '\(InputEcho.short(text))'")
        }
        params[name] = v
      }
      return EvalRequest(spec: spec, parameters: params, arguments: args)
    }

    private func split(_ item: String, flag: String, spec: FunctionSpec) throws(CatalogError) -> (String, String) {
      guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
        let names = flag == "--arg" ? spec.arguments.map(\.name) : spec.parameters.map(\.name)
        throw CatalogError(
          flag == "--arg" ? .unknownArgument : .unknownParameter,
          "\(flag) '\(InputEcho.short(item))' must be NAME=V; \(spec.id) takes \(names.isEmpty ? "none" : names.joined(separator: ", "))")
      }
      return (String(item[..<eq]), String(item[item.index(after: eq)...]))
    }

    private func singleJSON(_ request: EvalRequest, _ e: Evaluation) -> JSONValue {
      let params = request.spec.parameters.map { p in
        (p.name, JSONValue.double(request.parameters[p.name] ?? p.defaultValue))
      }
      let args = request.spec.arguments.compactMap { a -> (String, JSONValue)? in
        guard let v = request.arguments[a.name] else { return nil }
        switch v {
        case .real(let x): return (a.name, .double(x))
        case .integer(let k): return (a.name, .integer(k))
        case .vector(let xs): return (a.name, .array(xs.map(JSONValue.double)))
        }
      }
      var members: [(key: String, value: JSONValue)] = [
        ("id", .string(request.spec.id)), ("params", .object(params)), ("args", .object(args)),
        ("value", e.value.json), ("grad", .object(e.gradient.map { ($0.name, $0.tensor.json) })),
      ]
      if let d2 = e.secondDerivative {
        members.append(("d2", .object([(request.spec.predictionArgument, .double(d2))])))
      } else if secondDerivative {
        members.append(("d2", .null))
      }
      if let h = e.hessian {
        // An array of rows, rows and columns in the order of "grad".
        members.append(("hessian", h.json))
      }
      return .object(members)
    }

    private func readable(_ request: EvalRequest, _ e: Evaluation, _ fallbacks: [ExactFallbackComponent] = []) -> String {
      let spec = request.spec
      let params = spec.parameters.map { "\($0.name) = \(formatValue(request.parameters[$0.name] ?? $0.defaultValue))" }
      let args = spec.arguments.compactMap { a -> String? in
        request.arguments[a.name].map { "\(a.name) = \(describe($0))" }
      }
      var out = spec.id + (params.isEmpty ? "" : " (" + params.joined(separator: ", ") + ")")
      out += " at " + args.joined(separator: ", ") + "\n"
      func note(_ part: ExactFallbackComponent.Part) -> String {
        fallbacks.first { $0.part == part }.map(Self.exactFallbackNote) ?? ""
      }
      var rows: [(String, String)] = [("value", describe(e.value) + note(.value))]
      for g in e.gradient {
        let label = g.tensor.isMatrix ? "Jacobian d/d\(g.name)" : "d/d\(g.name)"
        rows.append((label, describe(g.tensor) + note(.derivative(g.name))))
      }
      if let d2 = e.secondDerivative {
        rows.append(("d2/d\(spec.predictionArgument)2", formatValue(d2) + note(.secondDerivative(spec.predictionArgument))))
      }
      if let h = e.hessian {
        rows.append(("Hessian in (" + e.gradient.map(\.name).joined(separator: ", ") + ")", describe(h)))
      }
      let width = rows.map(\.0.count).max() ?? 0
      for (label, value) in rows {
        let pad = String(repeating: " ", count: width - label.count)
        let indented = value.split(separator: "\n", omittingEmptySubsequences: false)
          .joined(separator: "\n  " + String(repeating: " ", count: width + 2))
        out += "  \(label)\(pad)  \(indented)\n"
      }
      return out
    }

    // MARK: - Batch

    /// Answers every stdin line; returns the exit status (0, 1, or 2).
    ///
    /// Answers are collected and written in chunks, and always before
    /// LossAtlas waits for more input: a program that writes one request
    /// and waits for its answer gets it, and a batch read from a file
    /// still costs one write per 64 KiB read, not one per line.
    private func runBatch(_ registry: FunctionRegistry) -> Int32 {
      var sawError = false
      var output = ""
      var lineNumber = 0
      func flush() {
        guard !output.isEmpty else { return }
        writeOut(output)
        output.removeAll(keepingCapacity: true)
      }
      let ok = forEachStdinLine(maxLength: Self.maxLineBytes, beforeWaiting: flush) { line in
        lineNumber += 1
        let answer: JSONValue
        do throws(CatalogError) {
          switch line {
          case .text(let bytes):
            let request = try EvalRequest.decode(jsonLine: bytes, lookup: registry.function(named:))
            let e = try request.evaluate()
            var json = secondDerivative ? e.batchJSON(secondDerivativeIn: request.spec.predictionArgument) : e.batchJSON
            // A user function's answer says which numbers are exact where
            // its formula fails in Double (only then: other answers are unchanged).
            if let definition = registry.definition(request.spec.id),
              let note = Self.exactFallbackJSON(
                Self.exactFallbacks(definition, request).filter { secondDerivative || !$0.part.isSecondDerivative }),
              case .object(var members) = json
            {
              members.append(("exact_fallback", note))
              json = .object(members)
            }
            answer = json
          case .tooLong(let count):
            throw CatalogError(
              .badArgument,
              "the line has \(count) bytes; a request line may have at most \(Self.maxLineBytes) (16 MiB)")
          }
        } catch {
          sawError = true
          answer = .object([("error", .string("line \(lineNumber): \(error.message)"))])
        }
        output += answer.lineText
        output += "\n"
        if output.utf8.count >= 1 << 16 { flush() }
      }
      flush()
      guard ok else { return 2 }
      return sawError ? 1 : 0
    }

    /// The longest request line read (16 MiB): a longer one is answered
    /// with an error without being held in memory, and the batch goes on.
    static let maxLineBytes = 16 << 20
  }
}

private func describe(_ v: ArgumentValue) -> String {
  switch v {
  case .real(let x): return formatValue(x)
  case .integer(let k): return String(k)
  case .vector(let xs): return "[" + xs.map(formatValue).joined(separator: ", ") + "]"
  }
}

private func describe(_ t: Tensor) -> String {
  switch t {
  case .scalar(let v): return formatValue(v)
  case .vector(let v): return "[" + v.map(formatValue).joined(separator: ", ") + "]"
  case .matrix(let m): return m.map { "[" + $0.map(formatValue).joined(separator: ", ") + "]" }.joined(separator: "\n")
  }
}

extension Tensor {
  fileprivate var isMatrix: Bool {
    if case .matrix = self { return true }
    return false
  }
}

/// One line of standard input: its bytes (without the newline and a
/// carriage return before it), or, for a line longer than the limit, only
/// its length.
enum StdinLine {
  case text([UInt8])
  case tooLong(Int)
}

/// Calls `body` with each line of standard input (a final line without a
/// newline counts). A line longer than `maxLength` bytes is skipped as it
/// is read, never held whole: `body` gets `.tooLong(length)`.
/// `beforeWaiting` runs before every read of stdin, that is whenever every
/// complete line read so far has been handed to `body`.
/// Returns false, after printing why, when stdin cannot be read.
func forEachStdinLine(maxLength: Int, beforeWaiting: () -> Void, _ body: (StdinLine) -> Void) -> Bool {
  var pending: [UInt8] = []
  // The length of the current line, once it is longer than `maxLength`.
  var overlong: Int?
  var buffer = [UInt8](repeating: 0, count: 1 << 16)
  func take(_ chunk: ArraySlice<UInt8>) {
    if let n = overlong {
      overlong = n + chunk.count
    } else if pending.count + chunk.count > maxLength {
      overlong = pending.count + chunk.count
      pending.removeAll()
    } else {
      pending.append(contentsOf: chunk)
    }
  }
  func endLine() {
    if let n = overlong {
      body(.tooLong(n))
    } else {
      if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
      body(.text(pending))
    }
    pending.removeAll(keepingCapacity: pending.count <= 1 << 20)
    overlong = nil
  }
  while true {
    beforeWaiting()
    let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
    if n < 0 {
      if errno == EINTR { continue }
      printError("error: cannot read stdin: \(String(cString: strerror(errno)))")
      return false
    }
    if n == 0 { break }
    var start = 0
    for i in 0..<n where buffer[i] == UInt8(ascii: "\n") {
      take(buffer[start..<i])
      endLine()
      start = i + 1
    }
    take(buffer[start..<n])
  }
  if !pending.isEmpty || overlong != nil { endLine() }
  return true
}

extension ExactFallbackComponent.Part {
  fileprivate var isSecondDerivative: Bool {
    if case .secondDerivative = self { return true }
    return false
  }
}

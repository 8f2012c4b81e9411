import LossAtlasCore
import LossAtlasIO

/// One line of a golden-vector file (`oracle/public.jsonl`): the inputs and
/// the exact expected components as decimal strings.
public struct GoldenLine: Sendable {
  public let lineNumber: Int
  public let text: String
  public let id: String
  public let parameters: [String: Double]
  public let arguments: [String: ArgumentValue]
  /// Expected components, each `(path, exact, sens)`, e.g. `("grad.z[1][0]", "0.25", "1e-17")`.
  public let components: [(path: String, exact: String, sens: String)]

  /// Short coordinates for failure messages: `huber {delta: 1} {yhat: 3, y: 1}`.
  public var coordinates: String {
    let p = parameters.keys.sorted().map { "\($0): \(formatValue(parameters[$0]!))" }.joined(separator: ", ")
    let a = arguments.keys.sorted().map { key -> String in
      switch arguments[key]! {
      case .real(let v): return "\(key): \(formatValue(v))"
      case .integer(let k): return "\(key): \(k)"
      case .vector(let v): return "\(key): [" + v.map(formatValue).joined(separator: ", ") + "]"
      }
    }.joined(separator: ", ")
    return "\(id) {\(p)} {\(a)}"
  }
}

public enum GoldenVectors {
  /// The public golden-vector files the product reads (the manual's
  /// accuracy table, the errata's formula check), relative to the package
  /// root: copies of the oracle's files, never edited, part 1 first. The
  /// build embeds them (Plugins/EmbedResources); the fingerprint covers them.
  public static let shippedFiles = ["data/oracle/public.jsonl", "data/oracle/public-2.jsonl"]

  public struct FormatError: Error, CustomStringConvertible {
    public let description: String
  }

  /// Parses a golden-vector file; every malformed line is an error naming it.
  public static func parse(_ text: String) throws -> [GoldenLine] {
    var lines: [GoldenLine] = []
    // Split at the newline bytes (splitting the Characters of 7,000 lines
    // was a third of the parse). "\r\n" is one Character, so a text with
    // a carriage return is split by Characters, as it always was.
    guard !text.utf8.contains(13) else {
      for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where !raw.allSatisfy(\.isWhitespace) {
        lines.append(try parseLine(String(raw), number: i + 1))
      }
      return lines
    }
    for (i, raw) in text.utf8.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
      let line = Substring(raw)
      // Blank: ASCII whitespace bytes only, or (with other bytes) whitespace Characters only.
      let blank =
        raw.allSatisfy { $0 == 32 || (9...13).contains($0) } || (raw.contains { $0 >= 0x80 } && line.allSatisfy(\.isWhitespace))
      if !blank { lines.append(try parseLine(String(line), number: i + 1)) }
    }
    return lines
  }

  static func parseLine(_ text: String, number: Int) throws -> GoldenLine {
    func fail(_ why: String) -> FormatError { FormatError(description: "golden line \(number): \(why)") }
    let json = try JSONValue.parse(text)
    guard case .string(let id)? = json["id"] else { throw fail("no id") }
    var parameters: [String: Double] = [:]
    if case .object(let members)? = json["params"] {
      for m in members {
        guard let v = m.value.doubleValue else { throw fail("parameter \(m.key) is not a number") }
        parameters[m.key] = v
      }
    }
    var arguments: [String: ArgumentValue] = [:]
    guard case .object(let args)? = json["args"] else { throw fail("no args") }
    for m in args {
      switch m.value {
      case .number:
        if m.key == "k" && m.value.isIntegerLiteral {
          arguments[m.key] = .integer(Int(m.value.doubleValue!))
        } else {
          arguments[m.key] = .real(m.value.doubleValue!)
        }
      case .array(let items):
        arguments[m.key] = .vector(try items.map { item in
          guard let v = item.doubleValue else { throw fail("argument \(m.key) holds a non-number") }
          return v
        })
      default: throw fail("argument \(m.key) is neither a number nor an array")
      }
    }
    var components: [(String, String, String)] = []
    func collect(_ exact: JSONValue?, _ sens: JSONValue?, _ path: String) throws {
      switch (exact, sens) {
      case (.string(let e)?, .string(let s)?):
        components.append((path, e, s))
      case (.array(let es)?, .array(let ss)?) where es.count == ss.count:
        for (i, (e, s)) in zip(es, ss).enumerated() { try collect(e, s, "\(path)[\(i)]") }
      default:
        throw fail("\(path) and its sens do not have the same shape")
      }
    }
    let sens = json["sens"]
    try collect(json["value"], sens?["value"], "value")
    guard case .object(let grads)? = json["grad"] else { throw fail("no grad") }
    for g in grads { try collect(g.value, sens?["grad"]?[g.key], "grad.\(g.key)") }
    return GoldenLine(
      lineNumber: number, text: text, id: id, parameters: parameters, arguments: arguments,
      components: components)
  }

  /// The computed component at `path` ("value", "grad.z[1][0]") of an evaluation.
  public static func component(_ path: String, of e: Evaluation) -> Double? {
    var name = path
    var indices: [Int] = []
    while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
      indices.insert(Int(name[name.index(after: open)..<name.index(before: name.endIndex)])!, at: 0)
      name = String(name[..<open])
    }
    let tensor: Tensor?
    if name == "value" {
      tensor = e.value
    } else if name.hasPrefix("grad.") {
      tensor = e.gradient(String(name.dropFirst(5)))
    } else {
      tensor = nil
    }
    switch (tensor, indices.count) {
    case (.scalar(let v)?, 0): return v
    case (.vector(let v)?, 1) where indices[0] < v.count: return v[indices[0]]
    case (.matrix(let m)?, 2) where indices[0] < m.count && indices[1] < m[indices[0]].count:
      return m[indices[0]][indices[1]]
    default: return nil
    }
  }
}

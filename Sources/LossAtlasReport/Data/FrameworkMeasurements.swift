import LossAtlasCore
import LossAtlasResources

/// The committed framework measurements (`data/frameworks/measurements.json`,
/// written by `Benchmarks/frameworks/measure.py`), as the pages cite them.
///
/// A convention note of the catalog may hold placeholders
/// `{measurement-id.key}`; ``resolve(_:)`` replaces each with the measured
/// value (numbers through the reader formatter) and names the version
/// measured. Nothing about a framework is typed into the pages by hand.
struct FrameworkMeasurements: Sendable {
  /// The embedded file's path.
  static let path = "data/frameworks/measurements.json"

  enum Value: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
  }

  struct Measurement: Sendable {
    let id: String
    /// The framework key of `versions` (`torch`, `jax`, `optax`, `keras`).
    let framework: String
    let function: String
    let call: String
    let what: String
    let values: [String: Value]
    /// `file:line in pkg version` where the figure is read from source.
    let source: String?
  }

  let command: String
  let measuredOn: String
  let platform: String
  /// Package versions by framework key, in the file's order.
  let versions: [(key: String, version: String)]
  let measurements: [String: Measurement]

  /// An error naming the file and what is wrong.
  struct Failure: Error, Sendable, CustomStringConvertible {
    let description: String
  }

  static func parse(_ text: String, file: String = path) throws(Failure) -> FrameworkMeasurements {
    let root: JSONValue
    do {
      root = try JSONValue.parse(text)
    } catch {
      throw Failure(description: "\(file): \(error)")
    }
    func string(_ v: JSONValue?, _ what: String) throws(Failure) -> String {
      guard case .string(let s)? = v else { throw Failure(description: "\(file): '\(what)' must be a string") }
      return s
    }
    guard root["schema"]?.doubleValue == 1 else {
      throw Failure(description: "\(file): 'schema' must be 1 (this build reads schema 1)")
    }
    guard case .object(let versionMembers)? = root["versions"] else {
      throw Failure(description: "\(file): 'versions' must be an object of framework: version")
    }
    var versions: [(key: String, version: String)] = []
    for m in versionMembers { versions.append((m.key, try string(m.value, "versions.\(m.key)"))) }
    guard case .array(let list)? = root["measurements"] else {
      throw Failure(description: "\(file): 'measurements' must be a list")
    }
    var byID: [String: Measurement] = [:]
    for (i, item) in list.enumerated() {
      let id = try string(item["id"], "measurements[\(i)].id")
      guard byID[id] == nil else { throw Failure(description: "\(file): measurement '\(id)' appears twice") }
      guard case .object(let valueMembers)? = item["values"] else {
        throw Failure(description: "\(file): measurement '\(id)': 'values' must be an object")
      }
      var values: [String: Value] = [:]
      for m in valueMembers {
        switch m.value {
        case .bool(let b): values[m.key] = .bool(b)
        case .string(let s): values[m.key] = .string(s)
        case .number:
          guard let v = m.value.doubleValue else { throw Failure(description: "\(file): '\(id).\(m.key)' is not a number") }
          values[m.key] = .number(v)
        default:
          throw Failure(description: "\(file): '\(id).\(m.key)' must be a number, a string or a boolean")
        }
      }
      var source: String?
      if let s = item["source"], s != .null { source = try string(s, "\(id).source") }
      let framework = try string(item["framework"], "\(id).framework")
      guard versions.contains(where: { $0.key == framework }) else {
        throw Failure(description: "\(file): measurement '\(id)' names framework '\(framework)', which 'versions' does not list")
      }
      byID[id] = Measurement(
        id: id, framework: framework, function: try string(item["function"], "\(id).function"),
        call: try string(item["call"], "\(id).call"), what: try string(item["what"], "\(id).what"), values: values,
        source: source)
    }
    return FrameworkMeasurements(
      command: try string(root["command"], "command"), measuredOn: try string(root["measured_on"], "measured_on"),
      platform: try string(root["platform"], "platform"), versions: versions, measurements: byID)
  }

  /// The file embedded in this build, or nil when it has none.
  static func embedded() throws(Failure) -> FrameworkMeasurements? {
    guard let t = ProjectFiles.text(path) else { return nil }
    return try parse(t)
  }

  /// How a framework key reads on a page: `PyTorch 2.15.0`.
  func versionText(_ framework: String) -> String {
    let names = ["torch": "PyTorch", "jax": "JAX", "jaxlib": "jaxlib", "optax": "optax", "keras": "Keras", "tensorflow": "TensorFlow"]
    let name = names[framework] ?? framework
    let version = versions.first { $0.key == framework }?.version ?? "?"
    return "\(name) \(version)"
  }

  /// The placeholders `{id.key}` of a text, in order.
  static func placeholders(in text: String) -> [(id: String, key: String, range: Range<String.Index>)] {
    var out: [(String, String, Range<String.Index>)] = []
    var from = text.startIndex
    while let open = text[from...].firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
      let inner = text[text.index(after: open)..<close]
      if let dot = inner.lastIndex(of: "."), !inner.contains(" ") {
        out.append((String(inner[..<dot]), String(inner[inner.index(after: dot)...]), open..<text.index(after: close)))
      }
      from = text.index(after: close)
    }
    return out
  }

  /// `text` with every placeholder replaced by its measured value, followed
  /// by the versions measured ("(measured with PyTorch 2.15.0)"); text
  /// without placeholders is returned as it is. `where` names the text in
  /// the error when a placeholder does not resolve.
  func resolve(_ text: String, where context: String) throws(Failure) -> String {
    let found = Self.placeholders(in: text)
    guard !found.isEmpty else { return text }
    var out = text
    var frameworks: [String] = []
    for p in found.reversed() {
      guard let m = measurements[p.id] else {
        throw Failure(description: "\(context): placeholder {\(p.id).\(p.key)} does not resolve: \(Self.path) has no measurement '\(p.id)'")
      }
      let replacement: String
      if p.key == "source" {
        guard let s = m.source else {
          throw Failure(description: "\(context): placeholder {\(p.id).source} does not resolve: measurement '\(p.id)' cites no source")
        }
        replacement = s
      } else {
        guard let v = m.values[p.key] else {
          let keys = m.values.keys.sorted().joined(separator: ", ")
          throw Failure(description: "\(context): placeholder {\(p.id).\(p.key)} does not resolve: measurement '\(p.id)' has values \(keys)")
        }
        switch v {
        case .number(let d): replacement = Readable.number(d)
        case .string(let s): replacement = s
        case .bool(let b): replacement = b ? "yes" : "no"
        }
      }
      out.replaceSubrange(p.range, with: replacement)
      if !frameworks.contains(m.framework) { frameworks.insert(m.framework, at: 0) }
    }
    return out + " (measured with " + frameworks.map(versionText).joined(separator: ", ") + ")"
  }

  /// The note under a function's convention table: where the measured
  /// statements come from.
  var note: String {
    "Statements marked “measured with …” come from \(Self.path), written by `\(command)` on \(platform), \(measuredOn), with "
      + versions.map { versionText($0.key) }.joined(separator: ", ") + "; the other statements are definitions or defaults cited from the framework's documentation or source."
  }

  /// The note when this build embeds no measurements.
  static let absentNote =
    "This build embeds no framework measurements (data/frameworks/measurements.json): the statements above are definitions or defaults cited from each framework's documentation or source, none of them a measured figure."
}

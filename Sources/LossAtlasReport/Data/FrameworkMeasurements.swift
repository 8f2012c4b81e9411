import LossAtlasCore
import LossAtlasIO
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
    /// The framework as the file names it (`pytorch`, `jax`, `optax`, `keras`).
    let framework: String
    /// The key of `versions` whose version was measured (`torch`,
    /// `torchvision`, `jax`, `optax`, `keras`).
    let versionKey: String
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
        case .null:
          values[m.key] = .string("none")
        case .array(let items):
          // A list of numbers (a gradient vector, a point), printed as a list.
          var texts: [String] = []
          for item in items {
            guard let v = item.doubleValue else {
              throw Failure(description: "\(file): '\(id).\(m.key)' must hold numbers only")
            }
            texts.append(Readable.number(v))
          }
          values[m.key] = .string("[" + texts.joined(separator: ", ") + "]")
        default:
          throw Failure(description: "\(file): '\(id).\(m.key)' must be a number, a string, a boolean, null or a list of numbers")
        }
      }
      var source: String?
      if let s = item["source"], s != .null { source = try string(s, "\(id).source") }
      let framework = try string(item["framework"], "\(id).framework")
      // The package measured: the id's first component when `versions`
      // lists it (torchvision.*), else the framework (pytorch is torch).
      let first = String(id.prefix { $0 != "." })
      let candidates = [first, framework == "pytorch" ? "torch" : framework]
      guard let versionKey = candidates.first(where: { c in versions.contains { $0.key == c } }) else {
        throw Failure(description: "\(file): measurement '\(id)' names framework '\(framework)', whose version 'versions' does not list")
      }
      byID[id] = Measurement(
        id: id, framework: framework, versionKey: versionKey, function: try string(item["function"], "\(id).function"),
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

  /// How a package of `versions` reads on a page: `PyTorch 2.15.0`.
  func versionText(_ key: String) -> String {
    let names = [
      "torch": "PyTorch", "torchvision": "torchvision", "jax": "JAX", "jaxlib": "jaxlib", "optax": "optax", "keras": "Keras",
      "tensorflow": "TensorFlow",
    ]
    let name = names[key] ?? key
    let version = versions.first { $0.key == key }?.version ?? "?"
    return "\(name) \(version)"
  }

  /// The placeholders of a text: `{measurement-id.key}`, `{versions.torch}`
  /// or `{measured_on}` (braces around one token without spaces), in order.
  /// A number may ask for more significant digits than the formatter's 6
  /// with `|N` (`{torch.hardsigmoid.grad-constant.grad_at_0|9}`: the float32
  /// 1/6 shows its difference from 1/6 in the 8th digit).
  static func placeholders(in text: String) -> [(token: String, range: Range<String.Index>)] {
    var out: [(String, Range<String.Index>)] = []
    var from = text.startIndex
    while let open = text[from...].firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
      let inner = text[text.index(after: open)..<close]
      if !inner.isEmpty, !inner.contains(" "), inner.contains(".") || inner == "measured_on" {
        out.append((String(inner), open..<text.index(after: close)))
      }
      from = text.index(after: close)
    }
    return out
  }

  /// A placeholder's text and the package it was measured with (nil for
  /// `{versions.x}` and `{measured_on}`, which name no measurement).
  func value(of placeholder: String, where context: String, strings: Strings = .english) throws(Failure) -> (
    text: String, versionKey: String?
  ) {
    var token = placeholder
    var digits = 6
    if let bar = placeholder.lastIndex(of: "|") {
      guard let n = Int(placeholder[placeholder.index(after: bar)...]), (1...12).contains(n) else {
        throw Failure(description: "\(context): placeholder {\(placeholder)}: the digits after | must be 1 to 12")
      }
      digits = n
      token = String(placeholder[..<bar])
    }
    if token == "measured_on" { return (measuredOn, nil) }
    if token.hasPrefix("versions.") {
      let key = String(token.dropFirst("versions.".count))
      guard let v = versions.first(where: { $0.key == key }) else {
        throw Failure(description: "\(context): placeholder {\(token)} does not resolve: \(Self.path) lists no version of '\(key)'")
      }
      return (v.version, nil)
    }
    // The longest prefix that is a measurement id; the rest is the key
    // (keys may hold dots: jax.api.exists.jax.nn.celu).
    var split = token.endIndex
    while let dot = token[..<split].lastIndex(of: ".") {
      let id = String(token[..<dot])
      let key = String(token[token.index(after: dot)...])
      if let m = measurements[id] {
        if key == "source" {
          guard let s = m.source else {
            throw Failure(description: "\(context): placeholder {\(token)} does not resolve: measurement '\(id)' cites no source")
          }
          return (Self.source(s, strings), m.versionKey)
        }
        guard let v = m.values[key] else {
          let keys = m.values.keys.sorted().joined(separator: ", ")
          throw Failure(description: "\(context): placeholder {\(token)} does not resolve: measurement '\(id)' has values \(keys)")
        }
        switch v {
        case .number(let d): return (Readable.number(d, digits: digits), m.versionKey)
        case .string(let s): return (s, m.versionKey)
        // A measured flag in the edition's words (`phrasing.yes`/`no`).
        case .bool(let b): return (strings(b ? "phrasing.yes" : "phrasing.no"), m.versionKey)
        }
      }
      split = dot
    }
    throw Failure(description: "\(context): placeholder {\(token)} does not resolve: \(Self.path) has no measurement it names")
  }

  /// A measurement's source, `file:line in package version`, in the
  /// edition's words (`page.frameworks.source`); as written when it names
  /// no package.
  static func source(_ s: String, _ strings: Strings) -> String {
    guard let r = s.range(of: " in ") else { return s }
    return strings("page.frameworks.source", ["file": String(s[..<r.lowerBound]), "package": String(s[r.upperBound...])])
  }

  /// `text` with every placeholder replaced by its measured value, followed
  /// by the versions measured ("(measured with PyTorch 2.15.0)"); text
  /// without measurement placeholders gets no such note. `where` names the
  /// text in the error when a placeholder does not resolve.
  func resolve(_ text: String, where context: String, strings: Strings = .english) throws(Failure) -> String {
    let found = Self.placeholders(in: text)
    guard !found.isEmpty else { return text }
    var out = text
    var packages: [String] = []
    for p in found.reversed() {
      let v = try value(of: p.token, where: context, strings: strings)
      out.replaceSubrange(p.range, with: v.text)
      if let k = v.versionKey, !packages.contains(k) { packages.insert(k, at: 0) }
    }
    guard !packages.isEmpty else { return out }
    return out + strings(
      "page.frameworks.measuredWith", ["versions": packages.map(versionText).joined(separator: strings("phrasing.list.separator"))])
  }

  /// The note under a function's convention table: where the measured
  /// statements come from.
  var note: String { note(.english) }

  /// ``note`` in the edition's words (`page.frameworks.note*`).
  func note(_ strings: Strings) -> String {
    let measured = ["torch", "torchvision", "jax", "optax", "keras"].filter { k in versions.contains { $0.key == k } }
    var values = [
      "path": Self.path, "command": command, "date": measuredOn, "platform": platform,
      // The edition's list separator: ", " in English, "、" in Chinese.
      "versions": measured.map(versionText).joined(separator: strings("phrasing.list.separator")),
    ]
    guard let b = versions.first(where: { $0.key == "keras_backend" }) else { return strings("page.frameworks.note", values) }
    values["backend"] = b.version
    return strings("page.frameworks.noteWithBackend", values)
  }

  /// The note when this build embeds no measurements.
  static var absentNote: String { absentNote(.english) }

  /// ``absentNote`` in the edition's words.
  static func absentNote(_ strings: Strings) -> String { strings("page.frameworks.absent") }
}

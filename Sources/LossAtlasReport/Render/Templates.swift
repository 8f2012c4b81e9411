import Foundation
import LossAtlasResources
import Mustache

/// A template problem: names the template and, when known, the line.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
  public let description: String
}

/// The manual's templates: `markdown/*.mustache`, `html/*.mustache` and
/// `html/style.css`, from the binary (built from templates/) or from a
/// user's folder (`--templates DIR`).
///
/// Swift computes and formats every number; templates only arrange. A tag
/// that names no field of the view models is an error (a typo would
/// otherwise render as nothing).
public struct TemplateSet: Sendable {
  /// Template text by name, e.g. `html/function` → contents.
  public let sources: [String: String]
  /// Static files copied verbatim, e.g. `html/style.css`.
  public let assets: [String: String]
  let libraries: [String: MustacheLibrary]

  /// The templates compiled into the binary.
  public static func embedded() throws -> TemplateSet {
    var files: [String: String] = [:]
    for path in ProjectFiles.paths(under: "templates/") {
      files[String(path.dropFirst("templates/".count))] = ProjectFiles.text(path)
    }
    return try TemplateSet(files: files, origin: "templates")
  }

  /// The templates of a folder laid out like the project's templates/.
  public static func directory(_ url: URL) throws -> TemplateSet {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw TemplateError(description: "--templates \(url.path) is not a folder")
    }
    var files: [String: String] = [:]
    for folder in ["markdown", "html"] {
      let dir = url.appendingPathComponent(folder)
      let names = (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
      for name in names.sorted() where !name.hasPrefix(".") {
        guard let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else {
          throw TemplateError(description: "\(dir.appendingPathComponent(name).path): not readable UTF-8 text")
        }
        files["\(folder)/\(name)"] = text
      }
    }
    return try TemplateSet(files: files, origin: url.path)
  }

  init(files: [String: String], origin: String) throws {
    TemplateSet.registerContentTypes
    var sources: [String: String] = [:]
    var assets: [String: String] = [:]
    for (path, text) in files {
      if path.hasSuffix(".mustache") {
        sources[String(path.dropLast(".mustache".count))] = text
      } else {
        assets[path] = text
      }
    }
    var libraries: [String: MustacheLibrary] = [:]
    for format in ["markdown", "html"] {
      var library = MustacheLibrary()
      for (name, text) in sources.sorted(by: { $0.key < $1.key }) where name.hasPrefix(format + "/") {
        let short = String(name.dropFirst(format.count + 1))
        do {
          try library.register(text, named: short)
        } catch let error as MustacheTemplate.ParserError {
          let line = error.context.lineNumber
          throw TemplateError(description: "\(origin)/\(name).mustache:\(line): \(error.error)")
        } catch {
          throw TemplateError(description: "\(origin)/\(name).mustache: \(error)")
        }
      }
      libraries[format] = library
    }
    self.sources = sources
    self.assets = assets
    self.libraries = libraries
  }

  /// Renders `model` with `format/name` (e.g. `html`, `function`).
  public func render(_ model: Any, format: String, name: String) throws -> String {
    guard sources["\(format)/\(name)"] != nil, let library = libraries[format] else {
      throw TemplateError(description: "missing template \(format)/\(name).mustache")
    }
    guard let text = library.render(model, withTemplate: name) else {
      throw TemplateError(description: "missing template \(format)/\(name).mustache")
    }
    return text
  }

  /// Checks that every variable and section tag of every template names a
  /// field somewhere in the view models (`knownKeys`), so that a typo is an
  /// error naming the template and the line instead of an empty string.
  public func validate(knownKeys: Set<String>) throws {
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
      for (line, key) in TemplateSet.tags(in: text) {
        let head = String(key.split(separator: ".").first ?? "")
        if key == "." || head.isEmpty || knownKeys.contains(head) || Self.builtins.contains(head) { continue }
        throw TemplateError(description: "templates/\(name).mustache:\(line): unknown key '\(key)'")
      }
    }
  }

  static let builtins: Set<String> = ["first()", "last()", "index()", "even()", "odd()"]

  /// The MARKDOWN content type (`{{% CONTENT_TYPE: MARKDOWN }}`), registered once.
  static let registerContentTypes: Void = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
  }()

  /// (line, key) of every variable or section tag (not partials, comments,
  /// pragmas).
  static func tags(in text: String) -> [(Int, String)] {
    var out: [(Int, String)] = []
    var line = 1
    var i = text.startIndex
    while i < text.endIndex {
      if text[i] == "\n" { line += 1 }
      if text[i...].hasPrefix("{{") {
        var j = text.index(i, offsetBy: 2)
        var triple = false
        if j < text.endIndex && text[j] == "{" {
          triple = true
          j = text.index(after: j)
        }
        guard let close = text[j...].range(of: "}}") else { break }
        var body = text[j..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        let sigil = body.first
        if !triple, let s = sigil, "!>%<$=".contains(s) {
          // comment, partial, pragma, inheritance: not a data key
        } else {
          if let s = sigil, "#^/&".contains(s) { body = body.dropFirst().trimmingCharacters(in: .whitespaces) }
          if !body.isEmpty { out.append((line, body)) }
        }
        line += text[i..<close.upperBound].filter { $0 == "\n" }.count
        i = close.upperBound
        if triple, i < text.endIndex, text[i] == "}" { i = text.index(after: i) }
        continue
      }
      i = text.index(after: i)
    }
    return out
  }
}

/// The names of every stored property reachable from a value (through
/// arrays and optionals), for ``TemplateSet/validate(knownKeys:)``.
public func mirrorKeys(_ value: Any) -> Set<String> {
  var keys = Set<String>()
  func walk(_ v: Any, depth: Int) {
    guard depth < 12 else { return }
    let m = Mirror(reflecting: v)
    switch m.displayStyle {
    case .optional:
      if let child = m.children.first { walk(child.value, depth: depth) }
    case .collection, .set:
      for child in m.children { walk(child.value, depth: depth + 1) }
    default:
      for child in m.children {
        if let label = child.label { keys.insert(label) }
        walk(child.value, depth: depth + 1)
      }
    }
  }
  walk(value, depth: 0)
  return keys
}

import Foundation
import LossAtlasCore
import LossAtlasResources
import Mustache

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
  /// Where the templates come from, as errors name it: `templates` (the
  /// ones compiled in) or the `--templates` folder's path.
  public let origin: String
  let libraries: [String: MustacheLibrary]

  /// The largest template or asset file read from a folder (the project's
  /// largest is 9 KB; swift-mustache parses about 0.5 MB a second in a
  /// debug build).
  public static let maxFileBytes = 1 << 20

  /// The templates compiled into the binary.
  public static func embedded() throws -> TemplateSet {
    try embedded(.en)
  }

  /// The templates of one edition compiled into the binary: English from
  /// `templates/markdown` and `templates/html`, Chinese from
  /// `templates/zh/markdown` and `templates/zh/html` (localized templates:
  /// the same tags, the words around them written in Chinese). The static
  /// files (`style.css`, `search.js`) are shared: an edition that has none
  /// of its own uses the English ones, so both sites look alike.
  public static func embedded(_ language: Language) throws -> TemplateSet {
    var english: [String: String] = [:]
    var own: [String: String] = [:]
    let editionRoot = "templates/\(language.rawValue)/"
    for path in ProjectFiles.paths(under: "templates/") where !path.hasPrefix("templates/strings/") {
      // templates/strings/ holds the editions' words (``Strings``), not
      // templates; templates/<lang>/ the other editions' templates.
      if language != .en, path.hasPrefix(editionRoot) {
        own[String(path.dropFirst(editionRoot.count))] = ProjectFiles.text(path)
      } else if !Language.allCases.contains(where: { $0 != .en && path.hasPrefix("templates/\($0.rawValue)/") }) {
        english[String(path.dropFirst("templates/".count))] = ProjectFiles.text(path)
      }
    }
    if language == .en { return try TemplateSet(files: english, origin: "templates") }
    return try TemplateSet(files: withSharedAssets(own, from: english), origin: "templates/\(language.rawValue)")
  }

  /// `files` plus every static file (not a template) of `english` that it
  /// lacks: the editions share the stylesheet and the search script.
  static func withSharedAssets(_ files: [String: String], from english: [String: String]) -> [String: String] {
    var out = files
    for (path, text) in english where !path.hasSuffix(".mustache") && out[path] == nil { out[path] = text }
    return out
  }

  /// The templates of `language` from a user's folder: for English the
  /// folder itself, for another edition its subfolder named by the
  /// language (`DIR/zh/markdown`, `DIR/zh/html`), which must exist; the
  /// static files of `DIR/html` serve an edition that has none of its own.
  public static func directory(_ url: URL, language: Language) throws -> TemplateSet {
    guard language != .en else { return try directory(url) }
    let english = try directory(url)
    let sub = url.appendingPathComponent(language.rawValue)
    guard TemplateFileKind.of(sub.path, followingLinks: true) == .folder else {
      throw TemplateError(
        description:
          "--templates \(url.path) has no \(language.rawValue)/ folder with the \(language.rawValue) edition's templates (\(language.rawValue)/markdown, \(language.rawValue)/html): add them, or generate with --lang en"
      )
    }
    let own = try directory(sub)
    var files = own.sources.reduce(into: [String: String]()) { $0[$1.key + ".mustache"] = $1.value }
    for (path, text) in own.assets { files[path] = text }
    return try TemplateSet(files: withSharedAssets(files, from: english.assets), origin: sub.path)
  }

  /// The templates of a folder laid out like the project's templates/: the
  /// regular files directly inside `markdown/` and `html/` (names starting
  /// with a dot are skipped). Anything else there (a subfolder, a FIFO, a
  /// device) is an error naming it; nothing is opened that could block.
  public static func directory(_ url: URL) throws -> TemplateSet {
    let root = url.path
    guard TemplateFileKind.of(root, followingLinks: true) == .folder else {
      throw TemplateError(description: "--templates \(root) is not a folder")
    }
    var files: [String: String] = [:]
    for folder in ["markdown", "html"] {
      let dir = url.appendingPathComponent(folder).path
      switch TemplateFileKind.of(dir, followingLinks: true) {
      case .missing: continue
      case .folder: break
      case let kind: throw TemplateError(description: "\(dir) is \(kind.phrase), not a folder of templates")
      }
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: dir)
      } catch {
        throw TemplateError(description: "\(dir): cannot list the folder (\(error.localizedDescription))")
      }
      for name in names.sorted() where !name.hasPrefix(".") {
        let path = "\(dir)/\(name)"
        files["\(folder)/\(name)"] = try readTemplateFile(path)
      }
    }
    return try TemplateSet(files: files, origin: root)
  }

  /// The text of one file of a templates folder: a regular file (or a
  /// link to one) of at most ``maxFileBytes``, in UTF-8. Opened without
  /// blocking and checked after opening, so a FIFO planted in the folder
  /// is reported instead of waited on.
  static func readTemplateFile(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      throw TemplateError(description: "\(path): cannot open (\(String(cString: strerror(errno))))")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw TemplateError(description: "\(path): cannot read (\(String(cString: strerror(errno))))")
    }
    let kind = TemplateFileKind(mode: info.st_mode)
    guard kind == .regular else {
      throw TemplateError(
        description:
          "\(path) is \(kind.phrase), not a template: a templates folder holds the files directly inside markdown/ and html/ (move or remove it)"
      )
    }
    guard Int(info.st_size) <= maxFileBytes else {
      throw TemplateError(description: "\(path): \(info.st_size) bytes; a template may have at most \(maxFileBytes) (1 MiB)")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw TemplateError(description: "\(path): cannot read (\(String(cString: strerror(errno))))")
      }
      if n == 0 { break }
      bytes += chunk[0..<n]
      guard bytes.count <= maxFileBytes else {
        throw TemplateError(description: "\(path): more than \(maxFileBytes) bytes; a template may have at most 1 MiB")
      }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw TemplateError(description: "\(path): not UTF-8 text")
    }
    return text
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
      let own = sources.filter { $0.key.hasPrefix(format + "/") }
      let byShortName = Dictionary(uniqueKeysWithValues: own.map { (String($0.key.dropFirst(format.count + 1)), $0.value) })
      // Structure first: swift-mustache's parser recurses per nested section.
      try TemplateStructure.check(byShortName, folder: "\(origin)/\(format)")
      var library = MustacheLibrary()
      for (short, text) in byShortName.sorted(by: { $0.key < $1.key }) {
        do {
          try library.register(text, named: short)
        } catch let error as MustacheTemplate.ParserError {
          let line = error.context.lineNumber
          throw TemplateError(description: "\(origin)/\(format)/\(short).mustache:\(line): \(error.error)")
        } catch {
          throw TemplateError(description: "\(origin)/\(format)/\(short).mustache: \(error)")
        }
      }
      libraries[format] = library
    }
    try TemplateSet.checkLinkedAssets(sources, assets: assets, origin: origin)
    self.sources = sources
    self.assets = assets
    self.origin = origin
    self.libraries = libraries
  }

  /// The scripts the generator writes itself (the search index), which the
  /// templates may link without providing.
  static let generatedAssets: Set<String> = [SearchIndex.path]

  /// Every stylesheet or script an HTML template links by a relative path
  /// (`<link href="style.css">`) must be a file of the set (or one the
  /// generator writes), or the pages would be written without it.
  static func checkLinkedAssets(_ sources: [String: String], assets: [String: String], origin: String) throws {
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) where name.hasPrefix("html/") {
      var line = 1
      for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
        defer { line += 1 }
        for attribute in ["href=\"", "src=\""] {
          var rest = row[...]
          while let r = rest.range(of: attribute) {
            rest = rest[r.upperBound...]
            guard let q = rest.firstIndex(of: "\"") else { break }
            let target = String(rest[..<q])
            rest = rest[rest.index(after: q)...]
            guard target.hasSuffix(".css") || target.hasSuffix(".js"),
              !target.contains("://"), !target.hasPrefix("/"), !target.contains("{{")
            else { continue }
            if assets["html/\(target)"] == nil && !generatedAssets.contains("html/\(target)") {
              throw TemplateError(
                description: "\(origin)/\(name).mustache:\(line): links \(target), but \(origin)/html/\(target) does not exist")
            }
          }
        }
      }
    }
  }

  /// Renders `model` with `format/name` (e.g. `html`, `function`).
  public func render(_ model: Any, format: String, name: String) throws -> String {
    guard sources["\(format)/\(name)"] != nil, let library = libraries[format] else {
      throw TemplateError(description: "missing template \(origin)/\(format)/\(name).mustache")
    }
    let budget = (model as? MustacheTree.Node)?.budget
    budget?.reset()
    guard let text = library.render(model, withTemplate: name) else {
      throw TemplateError(description: "missing template \(origin)/\(format)/\(name).mustache")
    }
    budget?.finish()
    if let budget, budget.exhausted {
      throw TemplateError(
        description:
          "\(origin)/\(format)/\(name).mustache: rendering stopped after \(budget.lookups) field look-ups and \(budget.bytes) bytes of text (at most \(RenderBudget.maxLookups) and \(RenderBudget.maxBytes)): sections over lists nested in each other, or a field repeated too often?"
      )
    }
    return text
  }

  /// Checks that every variable and section tag of every template names a
  /// field somewhere in the view models (`knownKeys`), so that a typo is an
  /// error naming the template and the line instead of an empty string.
  public func validate(knownKeys: Set<String>) throws {
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
      // The structure was checked when the set was made: the scan succeeds.
      let tags = (try? MustacheScan.tags(in: text)) ?? []
      for tag in tags where tag.kind == .variable || tag.kind == .section {
        let key = tag.name
        let head = String(key.split(separator: ".").first ?? "")
        if key == "." || head.isEmpty || knownKeys.contains(head) || Self.builtins.contains(head) { continue }
        throw TemplateError(description: "\(origin)/\(name).mustache:\(tag.line): unknown key '\(InputEcho.short(key))'")
      }
    }
  }

  static let builtins: Set<String> = ["first()", "last()", "index()", "even()", "odd()"]

  /// The MARKDOWN content type (`{{% CONTENT_TYPE: MARKDOWN }}`) and the
  /// faster HTML one, registered once.
  static let registerContentTypes: Void = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    // swift-mustache's HTML escaping, faster (the same text).
    MustacheContentTypes.register(PageHTMLContentType(), named: "HTML")
  }()
}

/// The names of every stored property reachable from a value (through
/// arrays and optionals), for ``TemplateSet/validate(knownKeys:)``: of the
/// value and what it holds down to `maxDepth` levels (a struct's fields and
/// an array's items are one level down, an optional's value is not). A
/// smaller `maxDepth` gives a subset.
public func mirrorKeys(_ value: Any, maxDepth: Int = 12) -> Set<String> {
  var keys = Set<String>()
  func walk(_ v: Any, depth: Int) {
    // A string, number or truth value has no stored properties to name
    // (its mirror has no children): not reflected (most values are such).
    guard depth < maxDepth, !MustacheTree.isLeaf(v) else { return }
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

import LossAtlasCore

/// The checks a set of templates passes before swift-mustache sees it.
///
/// swift-mustache parses and renders recursively (a nested section is a
/// nested call, a partial is a call to render another template) and looks
/// up a partial by name at render time, rendering nothing when it is
/// missing. So a template that includes itself, two partials that include
/// each other, or thousands of nested sections overflow the stack (a
/// crash, not an error), and a misspelt partial silently drops part of a
/// page. Here every template of one format (`html/`, `markdown/`) is read
/// with ``MustacheScan`` and must have:
///
/// - balanced sections, each closed by `{{/name}}` with its own name;
/// - only partials (`{{> name}}`, `{{< name}}`) that exist in the same
///   folder, and no dynamic partial (`{{> *name}}`, named by the data);
/// - no cycle of partials (`a` includes `b` includes `a`);
/// - at most ``maxDepth`` levels of nesting, counting every section and
///   every partial entered, through all the partials a page includes.
enum TemplateStructure {
  /// The deepest nesting allowed. The manual's own templates nest 4 levels
  /// (page, section, partial, section); rendering needs a few kilobytes of
  /// stack per level, and pages render on worker threads (512 KiB of
  /// stack), so 64 levels leave a wide margin.
  static let maxDepth = 64

  /// The longest tag name (`site.title` is 10).
  static let maxNameLength = 256

  /// The most (delimiter characters) x (bytes) in one template: about a
  /// second of swift-mustache's parsing in a debug build at most (measured:
  /// 1.6 x 10^9 took 0.9 s with `{{! c }}` tags and 3.7 s with `<%`
  /// delimiters on a page of `<`). The project's largest template
  /// (html/function, 1.7 x 10^6) is 300 times below it.
  static let maxParseCost = 500_000_000

  /// Checks the templates of one format: `sources` maps a template's name
  /// (`function`, `head`) to its text; `folder` is how errors name the
  /// folder (`my-templates/html`).
  static func check(_ sources: [String: String], folder: String) throws(TemplateError) {
    var includes: [String: [(name: String, line: Int, depth: Int)]] = [:]
    var ownDepth: [String: Int] = [:]
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
      let file = "\(folder)/\(name).mustache"
      let tags: [MustacheTag]
      let delimiterBytes: Set<UInt8>
      do {
        (tags, delimiterBytes) = try MustacheScan.scan(text)
      } catch {
        throw TemplateError(description: "\(file):\(error.line): \(error.reason)")
      }

      var open: [MustacheTag] = []
      var deepest = 0
      var list: [(name: String, line: Int, depth: Int)] = []
      for tag in tags {
        // swift-mustache follows a dotted name (`a.b.c`) one call per
        // part, and parses `f(g(x))` one call per level.
        guard tag.name.utf8.count <= maxNameLength else {
          throw TemplateError(description: "\(file):\(tag.line): a tag name longer than \(maxNameLength) characters")
        }
        switch tag.kind {
        case .section, .block, .parent:
          if tag.kind == .parent { list.append(try include(tag, file: file, depth: open.count, sources: sources)) }
          open.append(tag)
          deepest = max(deepest, open.count)
          guard open.count <= maxDepth else {
            throw TemplateError(description: "\(file):\(tag.line): sections nest more than \(maxDepth) levels deep")
          }
        case .close:
          guard let last = open.popLast() else {
            throw TemplateError(description: "\(file):\(tag.line): {{/\(InputEcho.short(tag.name))}} closes no open section")
          }
          guard last.name == tag.name else {
            throw TemplateError(
              description:
                "\(file):\(tag.line): {{/\(InputEcho.short(tag.name))}} closes '\(InputEcho.short(last.name))', opened on line \(last.line)")
          }
        case .partial:
          list.append(try include(tag, file: file, depth: open.count, sources: sources))
        case .variable, .other:
          break
        }
      }
      if let last = open.last {
        throw TemplateError(description: "\(file):\(last.line): section '\(InputEcho.short(last.name))' is never closed")
      }
      // swift-mustache measures the rest of the template (a linear count
      // in String) each time it meets the first character of a delimiter,
      // so parsing costs about (such characters) x (length): 16,000 tags
      // on one page took 17 s, 200,000 would take hours. Bounded here.
      try checkParseCost(text, delimiterBytes: delimiterBytes, file: file)
      includes[name] = list
      ownDepth[name] = deepest
    }
    try checkIncludes(includes, ownDepth: ownDepth, folder: folder)
  }

  /// Refuses a template whose delimiter characters times its length
  /// exceed ``maxParseCost``.
  private static func checkParseCost(_ text: String, delimiterBytes: Set<UInt8>, file: String) throws(TemplateError) {
    let length = text.utf8.count
    var marks = 0
    for byte in text.utf8 where delimiterBytes.contains(byte) { marks += 1 }
    let cost = marks.multipliedReportingOverflow(by: length)
    guard !cost.overflow && cost.partialValue <= maxParseCost else {
      throw TemplateError(
        description:
          "\(file):1: too many tags for one template (\(marks) delimiter characters in \(length) bytes; the Mustache parser's time grows with their product): split it into partials"
      )
    }
  }

  /// A partial tag's target, which must be a template of the same folder.
  private static func include(
    _ tag: MustacheTag, file: String, depth: Int, sources: [String: String]
  ) throws(TemplateError) -> (name: String, line: Int, depth: Int) {
    if tag.name.hasPrefix("*") {
      throw TemplateError(
        description: "\(file):\(tag.line): dynamic partial '\(InputEcho.short(tag.name))' is not supported: name the partial")
    }
    guard sources[tag.name] != nil else {
      let known = sources.keys.sorted().joined(separator: ", ")
      throw TemplateError(
        description:
          "\(file):\(tag.line): partial '\(InputEcho.short(tag.name))' does not exist (no \(InputEcho.short(tag.name)).mustache beside it; the templates here: \(known))"
      )
    }
    return (tag.name, tag.line, depth)
  }

  /// No cycles, and no page deeper than ``maxDepth`` through its partials:
  /// a depth-first walk that keeps the path (iterative: a chain of
  /// thousands of partials cannot overflow the stack here either).
  private static func checkIncludes(
    _ includes: [String: [(name: String, line: Int, depth: Int)]], ownDepth: [String: Int], folder: String
  ) throws(TemplateError) {
    // The deepest nesting reached when rendering each template, partials
    // included (memoised once finished).
    var total: [String: Int] = [:]
    for root in includes.keys.sorted() where total[root] == nil {
      // The path from `root`: each template and how far through its includes.
      var path: [(name: String, next: Int)] = [(root, 0)]
      var onPath: Set<String> = [root]
      while let (name, next) = path.last {
        let list = includes[name] ?? []
        if next < list.count {
          path[path.count - 1].next += 1
          let target = list[next]
          if onPath.contains(target.name) {
            let start = path.firstIndex { $0.name == target.name }!
            let cycle = path[start...].map(\.name) + [target.name]
            throw TemplateError(
              description:
                "\(folder)/\(name).mustache:\(target.line): partials include each other in a cycle: \(cycle.joined(separator: " -> "))")
          }
          if total[target.name] == nil {
            path.append((target.name, 0))
            onPath.insert(target.name)
          }
          continue
        }
        // Every include of `name` is finished: its depth is known.
        var deepest = ownDepth[name] ?? 0
        var deepestLine = 1
        for target in list where target.depth + 1 + (total[target.name] ?? 0) > deepest {
          deepest = target.depth + 1 + (total[target.name] ?? 0)
          deepestLine = target.line
        }
        total[name] = deepest
        guard deepest <= maxDepth else {
          throw TemplateError(
            description:
              "\(folder)/\(name).mustache:\(deepestLine): sections and partials nest \(deepest) levels deep through '\(list.first { $0.line == deepestLine }?.name ?? name)'; at most \(maxDepth) are allowed")
        }
        path.removeLast()
        onPath.remove(name)
      }
    }
  }
}

import LossAtlasCore
import Yams

/// Reads the `functions:` section of a claim file into definitions, every
/// error at its FILE:LINE:COLUMN with the source line and a caret (an
/// expression's errors at the exact column inside its quotes).
public enum UserFunctionFile {
  static let knownKeys = ["id", "name", "family", "arguments", "differentiate", "domain", "parameters", "value", "view"]
  /// The longest id (a file name is at most 255 bytes; the catalog's
  /// lookup reads 64 characters of a name).
  public static let maximumIDLength = 64

  /// An id as the catalog compares names: lowercased, '_' read as '-'.
  static func lookupKey(_ id: String) -> String {
    String(id.lowercased().map { $0 == "_" ? "-" : $0 })
  }

  /// The functions of a claim file (an empty list when it has no
  /// `functions:` section). `reserved` are ids already taken (by functions
  /// of other files read before this one).
  public static func parse(_ yaml: String, file: String, reserved: Set<String> = []) throws(ExpressionError) -> [UserFunctionDefinition] {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      throw ExpressionError(file: file, line: 1, column: 1, message: "not valid YAML: \(error)", sourceLine: "", caretWidth: 1)
    }
    guard let root, case .mapping(let top) = root, let section = top["functions"] else { return [] }
    let reader = Reader(yaml: yaml, file: file)
    guard case .sequence(let items) = section else {
      throw reader.error("'functions' must be a list of function definitions", at: section)
    }
    var out: [UserFunctionDefinition] = []
    // The ids taken, by their lookup key: one look-up a definition (searching the ids for a key,
    // as before session 25, made a file of n functions cost n² key comparisons).
    var taken: [String: String] = [:]
    for id in reserved { taken[lookupKey(id)] = id }
    for item in items {
      let d = try reader.definition(item, taken: taken)
      taken[lookupKey(d.id)] = d.id
      out.append(d)
    }
    return out
  }

  struct Reader {
    let yaml: String
    let file: String
    let lines: [String]
    /// The lines without a final "\r", split once for every scalar's source.
    let scalarLines: [String]

    init(yaml: String, file: String) {
      self.yaml = yaml
      self.file = file
      self.lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      self.scalarLines = ExpressionSource.scalarLines(yaml)
    }

    func error(_ message: String, at node: Node?) -> ExpressionError {
      let line = node?.mark?.line ?? 1
      let column = node?.mark?.column ?? 1
      let width = node?.string.map { Swift.max(1, $0.count) } ?? 1
      return ExpressionError(
        file: file, line: line, column: column, message: message,
        sourceLine: line >= 1 && line <= lines.count ? lines[line - 1] : "", caretWidth: width)
    }

    /// The source of a scalar, with its exact file positions.
    func source(_ node: Node) -> ExpressionSource? {
      guard case .scalar(let s) = node, let mark = node.mark else { return nil }
      let style: YAMLScalarStyle
      switch s.style {
      case .singleQuoted: style = .singleQuoted
      case .doubleQuoted: style = .doubleQuoted
      case .literal, .folded: style = .block
      default: style = .plain
      }
      return .yamlScalar(s.string, file: file, lines: scalarLines, line: mark.line, column: mark.column, style: style)
    }

    func number(_ node: Node, _ what: String) throws(ExpressionError) -> Double {
      let text = node.string ?? ""
      switch text {
      case "inf", "+inf", ".inf": return .infinity
      case "-inf", "-.inf": return -.infinity
      default: break
      }
      guard case .scalar = node, let v = Double(text), v.isFinite else {
        throw error("\(what) must be a number, not '\(text)'", at: node)
      }
      return v
    }

    func names(_ node: Node, _ what: String) throws(ExpressionError) -> [String] {
      guard case .sequence(let seq) = node else {
        throw error("'\(what)' must be a list of names, e.g. [yhat, y]", at: node)
      }
      guard !seq.isEmpty else { throw error("'\(what)' lists no names: give at least one, e.g. [yhat, y]", at: node) }
      var out: [String] = []
      for n in seq {
        guard let name = n.string, case .scalar = n else { throw error("'\(what)' must hold names", at: n) }
        if let problem = UserExpression.problem(withName: name) { throw error(problem, at: n) }
        if out.contains(name) { throw error("'\(name)' is listed twice in '\(what)'", at: n) }
        out.append(name)
      }
      return out
    }

    func interval(_ node: Node) throws(ExpressionError) -> RealInterval {
      guard let s = source(node) else { throw error("an interval is written as a string, e.g. \"(0, inf)\"", at: node) }
      return try IntervalText.parse(s)
    }

    /// One definition; `taken` holds the ids already defined, by ``lookupKey(_:)``.
    func definition(_ node: Node, taken: [String: String]) throws(ExpressionError) -> UserFunctionDefinition {
      guard case .mapping(let map) = node else {
        throw error("each function must be a mapping with id, arguments and value", at: node)
      }
      for (key, _) in map {
        guard let k = key.string, UserFunctionFile.knownKeys.contains(k) else {
          throw error("unknown key '\(key.string ?? "?")'; allowed: \(UserFunctionFile.knownKeys.joined(separator: ", "))", at: key)
        }
      }
      // id
      guard let idNode = map["id"], let id = idNode.string, !id.isEmpty else {
        throw error("a function needs an 'id'", at: node)
      }
      // ASCII only: `isNumber` alone admits '²', '½' and Arabic-Indic digits,
      // and the id names the function's files (markdown/<id>.md).
      guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }), id.first?.isLetter == true else {
        throw error("the id '\(id)' must start with a letter and hold only ASCII letters, digits, '-' and '_'", at: idNode)
      }
      guard id.count <= UserFunctionFile.maximumIDLength else {
        throw error(
          "the id is \(id.count) characters long; an id may have at most \(UserFunctionFile.maximumIDLength) (it names the function's files)",
          at: idNode)
      }
      if let spec = try? Catalog.function(named: id) {
        let how = spec.id == id ? "the catalog function \(spec.id)" : "an alias of the catalog function \(spec.id)"
        throw error("the id '\(id)' is \(how); choose another id", at: idNode)
      }
      let other = taken[UserFunctionFile.lookupKey(id)]
      if other == id { throw error("the id '\(id)' is defined twice", at: idNode) }
      // Ids are looked up as the catalog's are, case and '_'/'-' aside, and
      // name files: 'foo' and 'Foo' would be one file on macOS.
      if let other {
        throw error("the id '\(id)' differs from the id '\(other)' only in case or '_'/'-': choose another id", at: idNode)
      }
      let name = map["name"]?.string ?? id
      // family
      var family = UserFunctionFamily.other
      if let f = map["family"] {
        guard let v = f.string.flatMap(UserFunctionFamily.init(rawValue:)) else {
          throw error("unknown family '\(f.string ?? "?")'; allowed: \(UserFunctionFamily.allCases.map(\.rawValue).joined(separator: ", "))", at: f)
        }
        family = v
      }
      // arguments, differentiate
      guard let argsNode = map["arguments"] else { throw error("function '\(id)' needs 'arguments' (a list of names)", at: idNode) }
      let arguments = try names(argsNode, "arguments")
      var differentiate = [arguments[0]]
      if let dNode = map["differentiate"] {
        differentiate = try names(dNode, "differentiate")
        if let bad = differentiate.first(where: { !arguments.contains($0) }) {
          throw error("'\(bad)' in 'differentiate' is not an argument (\(arguments.joined(separator: ", ")))", at: dNode)
        }
      }
      // domain
      var domain: [String: RealInterval] = [:]
      // Where each argument's interval is written: a view that misses it is
      // reported there when the file gives no view of its own.
      var domainNodes: [String: Node] = [:]
      if let dNode = map["domain"] {
        guard case .mapping(let dm) = dNode else { throw error("'domain' must map arguments to intervals", at: dNode) }
        for (k, v) in dm {
          guard let a = k.string, arguments.contains(a) else {
            throw error("'\(k.string ?? "?")' in 'domain' is not an argument (\(arguments.joined(separator: ", ")))", at: k)
          }
          domain[a] = try interval(v)
          domainNodes[a] = v
        }
      }
      // parameters
      var parameters: [UserParameter] = []
      if let pNode = map["parameters"] {
        guard case .mapping(let pm) = pNode else { throw error("'parameters' must map names to {default, range}", at: pNode) }
        for (k, v) in pm {
          guard let p = k.string else { throw error("a parameter needs a name", at: k) }
          if let problem = UserExpression.problem(withName: p) { throw error(problem, at: k) }
          if arguments.contains(p) { throw error("'\(p)' is both an argument and a parameter", at: k) }
          guard case .mapping(let spec) = v else { throw error("parameter \(p) must be {default: number, range: \"(a, b)\"}", at: v) }
          for (sk, _) in spec where !["default", "range"].contains(sk.string ?? "") {
            throw error("unknown key '\(sk.string ?? "?")' for parameter \(p); allowed: default, range", at: sk)
          }
          guard let dn = spec["default"] else { throw error("parameter \(p) needs a 'default'", at: k) }
          let def = try number(dn, "the default of \(p)")
          let range = try spec["range"].map { n throws(ExpressionError) in try interval(n) } ?? .realLine
          guard range.contains(def) else {
            throw error("the default \(formatValue(def)) of \(p) is outside its range \(range)", at: dn)
          }
          parameters.append(UserParameter(name: p, defaultValue: def, range: range))
        }
      }
      // value
      guard let vNode = map["value"], let valueSource = source(vNode) else {
        throw error("function '\(id)' needs a 'value' (the formula, as a string)", at: idNode)
      }
      let value = try UserExpression(
        valueSource, arguments: arguments, parameters: parameters.map(\.name), differentiate: differentiate)
      // view
      let view = try self.view(
        map["view"], arguments: arguments, differentiate: differentiate, domain: domain, domainNodes: domainNodes)
      return UserFunctionDefinition(
        id: id, name: name, family: family, arguments: arguments, differentiate: differentiate, domain: domain,
        parameters: parameters, value: value, view: view, file: file, line: node.mark?.line ?? 1)
    }

    /// The view of a definition: `node` is its `view:` mapping (nil when
    /// the file gives none: x from -5 to 5, the other arguments at 0). A
    /// view that misses the domain is reported at the `view:` text that
    /// chose it, or, for a default, at the `domain:` interval it misses
    /// (`domainNodes`).
    func view(
      _ node: Node?, arguments: [String], differentiate: [String], domain: [String: RealInterval],
      domainNodes: [String: Node] = [:]
    ) throws(ExpressionError) -> UserView {
      var atNodes: [String: Node] = [:]
      var over = differentiate[0]
      var from = -5.0
      var to = 5.0
      var at: [String: Double] = [:]
      if let node {
        guard case .mapping(let m) = node else { throw error("'view' must be {over, from, to, at}", at: node) }
        for (k, _) in m where !["over", "from", "to", "at"].contains(k.string ?? "") {
          throw error("unknown key '\(k.string ?? "?")' in 'view'; allowed: over, from, to, at", at: k)
        }
        if let o = m["over"] {
          guard let name = o.string, differentiate.contains(name) else {
            throw error("view.over must be a differentiated argument (\(differentiate.joined(separator: ", ")))", at: o)
          }
          over = name
        }
        if let f = m["from"] { from = try number(f, "view.from") }
        if let t = m["to"] { to = try number(t, "view.to") }
        guard from < to else { throw error("view.from must be below view.to", at: m["from"] ?? node) }
        // The analysis searches a view's width beyond each end of it: with
        // both ends within ±1e300 that interval, and its width, stay finite.
        for (key, v) in [("from", from), ("to", to)] where !(abs(v) <= 1e300) {
          throw error("view.\(key) must be a finite number between -1e300 and 1e300, not \(formatValue(v))", at: m[key] ?? node)
        }
        if let a = m["at"] {
          guard case .mapping(let am) = a else { throw error("view.at must map arguments to numbers", at: a) }
          for (k, v) in am {
            guard let name = k.string, arguments.contains(name), name != over else {
              throw error("'\(k.string ?? "?")' in view.at is not one of the other arguments", at: k)
            }
            at[name] = try number(v, "view.at.\(name)")
            atNodes[name] = v
          }
        }
      }
      let viewDomain = domain[over] ?? .realLine
      if !(viewDomain.contains(from) || viewDomain.contains(to) || (from < viewDomain.lower && to > viewDomain.upper)) {
        let fix = node == nil ? "; give a view inside it: view: {from: A, to: B}" : ""
        throw error(
          "the view [\(formatValue(from)), \(formatValue(to))] of \(over) lies outside its domain \(viewDomain)\(fix)",
          at: node ?? domainNodes[over])
      }
      for a in arguments where a != over {
        let v = at[a] ?? 0
        at[a] = v
        let d = domain[a] ?? .realLine
        guard d.contains(v) else {
          throw error(
            "the view holds \(a) at \(formatValue(v)), outside its domain \(d); give view.at.\(a)",
            at: atNodes[a] ?? node ?? domainNodes[a])
        }
      }
      return UserView(over: over, from: from, to: to, at: at)
    }
  }
}

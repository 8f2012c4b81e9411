// libyaml's event parser, the C library under Yams (Yams links it; its
// module is visible to every target that depends on Yams).
import CYaml
import LossAtlasCore

/// Reads a claim file's YAML event by event, before Yams builds a tree, and
/// refuses what would make building or using the tree blow up or mislead:
///
/// - an alias used as a mapping key (`? *a : 1`): Yams hashes every key to
///   find duplicates, and a key that is an alias of nested aliases hashes the
///   whole expansion (a 600-byte file of nine nested aliases is 9^9 nodes:
///   about an hour);
/// - aliases that expand to more than ``maxExpandedNodes`` nodes (a
///   "billion laughs" document), counted without expanding anything: each
///   anchor's expanded size is remembered, an alias adds it;
/// - a mapping key that is not a scalar (claim files only have word keys);
/// - a key repeated in one mapping, reported at the line of the repetition
///   with the line of the first use (Yams reports the first use only, with
///   a dump of the file).
///
/// Syntax errors are left to Yams, which reports them with their line.
enum YAMLPrescan {
  /// The most nodes a claim file may expand to, aliases counted as the
  /// nodes they stand for. The project's largest claim file has about
  /// 1,500 nodes.
  static let maxExpandedNodes = 200_000

  /// A problem found, with its 1-based line.
  struct Problem: Error, Equatable {
    let line: Int
    let reason: String
  }

  /// Scans `yaml`; throws the first problem found.
  static func check(_ yaml: String) throws(Problem) {
    var bytes = Array(yaml.utf8)
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return }
    defer { yaml_parser_delete(&parser) }
    var scanner = Scanner()
    try bytes.withUnsafeMutableBufferPointer { (buffer) throws(Problem) in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      while true {
        var event = yaml_event_t()
        // A syntax error: Yams reads the file again and reports it.
        guard yaml_parser_parse(&parser, &event) == 1 else { return }
        defer { yaml_event_delete(&event) }
        if event.type == YAML_STREAM_END_EVENT { return }
        try scanner.handle(event)
      }
    }
  }

  /// The state of the scan: the open collections and the anchors seen.
  private struct Scanner {
    /// An open sequence or mapping.
    struct Container {
      let isMapping: Bool
      let anchor: String?
      /// Nodes inside, aliases expanded (the container itself counts one).
      var size = 1
      /// For a mapping: whether the next node is a key.
      var expectingKey = true
      /// For a mapping: each scalar key and the line it is on.
      var keys: [String: Int] = [:]
    }

    var stack: [Container] = []
    /// Each anchor's expanded size (a later anchor of the same name wins,
    /// as in YAML).
    var anchors: [String: Int] = [:]
    var total = 0

    mutating func handle(_ event: yaml_event_t) throws(Problem) {
      let line = Int(event.start_mark.line) + 1
      switch event.type {
      case YAML_SCALAR_EVENT:
        let value = text(event.data.scalar.value, length: event.data.scalar.length)
        try node(size: 1, line: line, keyText: value, isAlias: false)
        if let anchor = cString(event.data.scalar.anchor) { anchors[anchor] = 1 }
      case YAML_ALIAS_EVENT:
        let name = cString(event.data.alias.anchor) ?? ""
        // An undefined alias: Yams reports it.
        let size = anchors[name] ?? 1
        try node(size: size, line: line, keyText: nil, isAlias: true, aliasName: name)
      case YAML_SEQUENCE_START_EVENT:
        try node(size: 0, line: line, keyText: nil, isAlias: false)
        stack.append(Container(isMapping: false, anchor: cString(event.data.sequence_start.anchor)))
        try count(1, line: line)
      case YAML_MAPPING_START_EVENT:
        try node(size: 0, line: line, keyText: nil, isAlias: false)
        stack.append(Container(isMapping: true, anchor: cString(event.data.mapping_start.anchor)))
        try count(1, line: line)
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let closed = stack.popLast() else { return }
        if let anchor = closed.anchor { anchors[anchor] = closed.size }
        if !stack.isEmpty { stack[stack.count - 1].size += closed.size }
      default:
        break
      }
    }

    /// A node begins (a scalar, an alias, or a collection's start) in the
    /// innermost open collection: checks it as a key when it is one, and
    /// adds `size` nodes.
    mutating func node(size: Int, line: Int, keyText: String?, isAlias: Bool, aliasName: String = "") throws(Problem) {
      if let top = stack.indices.last, stack[top].isMapping {
        if stack[top].expectingKey {
          if isAlias {
            throw Problem(line: line, reason: "an alias (*\(InputEcho.short(aliasName))) cannot be a mapping key")
          }
          guard let keyText else {
            throw Problem(line: line, reason: "a mapping key must be a plain word, not a list or a mapping")
          }
          if let first = stack[top].keys[keyText] {
            throw Problem(line: line, reason: "duplicate key '\(InputEcho.short(keyText))' (first on line \(first))")
          }
          stack[top].keys[keyText] = line
        }
        stack[top].expectingKey.toggle()
      }
      guard size > 0 else { return }
      if let top = stack.indices.last { stack[top].size += size }
      try count(size, line: line)
    }

    mutating func count(_ n: Int, line: Int) throws(Problem) {
      total += n
      guard total <= YAMLPrescan.maxExpandedNodes else {
        throw Problem(
          line: line,
          reason: "aliases expand the file to more than \(YAMLPrescan.maxExpandedNodes) nodes; write the values out or use fewer aliases")
      }
    }

    func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      guard let pointer else { return nil }
      return String(cString: pointer)
    }

    func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
      guard let pointer else { return "" }
      return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
  }
}

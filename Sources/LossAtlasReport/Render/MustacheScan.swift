/// One tag of a Mustache template, found as swift-mustache finds it
/// (delimiter changes included), with its line.
struct MustacheTag: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// `{{name}}`, `{{{name}}}`, `{{&name}}`
    case variable
    /// `{{#name}}`, `{{^name}}`: a section that nests until `{{/name}}`
    case section
    /// `{{$name}}`: a block, nests until `{{/name}}`
    case block
    /// `{{<name}}`: a parent partial, nests until `{{/name}}`
    case parent
    /// `{{/name}}`
    case close
    /// `{{>name}}`
    case partial
    /// `{{! ...}}`, `{{=<% %>=}}`, `{{% ...}}`
    case other
  }

  let kind: Kind
  /// The name, trimmed (for sections without the sigil).
  let name: String
  /// The 1-based line of the tag's opening delimiter.
  let line: Int
}

/// A template that cannot be read, with the line of the problem.
struct MustacheScanError: Error, Sendable {
  let line: Int
  let reason: String
}

/// Finds the tags of a Mustache template without building it, so that
/// LossAtlas can check a template (nesting depth, partials, keys) before
/// swift-mustache parses and renders it recursively. Iterative: no input
/// can make it recurse.
enum MustacheScan {
  /// Every tag of `text`, in order. Throws for an unterminated tag or an
  /// invalid delimiter change (`{{=<% %>=}}` sets `<%` and `%>`).
  static func tags(in text: String) throws(MustacheScanError) -> [MustacheTag] {
    try scan(text).tags
  }

  /// The tags of `text`, and the first byte of every delimiter it uses
  /// (`{` and `}`, and those of `{{=START END=}}` changes).
  static func scan(_ text: String) throws(MustacheScanError) -> (tags: [MustacheTag], delimiterBytes: Set<UInt8>) {
    let bytes = Array(text.utf8)
    var delimiterBytes: Set<UInt8> = [UInt8(ascii: "{"), UInt8(ascii: "}")]
    var open = Array("{{".utf8)
    var close = Array("}}".utf8)
    var tags: [MustacheTag] = []
    var line = 1
    var i = 0

    /// The index of `needle` at or after `from`, counting the newlines passed.
    func find(_ needle: [UInt8], from: Int, countingLines: inout Int) -> Int? {
      var k = from
      while k + needle.count <= bytes.count {
        if bytes[k] == needle[0] && bytes[k..<k + needle.count].elementsEqual(needle) { return k }
        if bytes[k] == UInt8(ascii: "\n") { countingLines += 1 }
        k += 1
      }
      while k < bytes.count {
        if bytes[k] == UInt8(ascii: "\n") { countingLines += 1 }
        k += 1
      }
      return nil
    }
    func trimmed(_ slice: ArraySlice<UInt8>) -> String {
      let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
      let s = slice.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
      return String(decoding: s, as: UTF8.self)
    }

    while i < bytes.count {
      guard let start = find(open, from: i, countingLines: &line) else { break }
      let tagLine = line
      let body = start + open.count
      guard body < bytes.count else { break }
      let sigil = bytes[body]
      if sigil == UInt8(ascii: "=") {
        // {{=START END=}}: the new delimiters hold no spaces; the tag ends
        // with "=" and the current closing delimiter.
        guard let end = find(close, from: body + 1, countingLines: &line) else {
          throw MustacheScanError(line: tagLine, reason: "unterminated delimiter change")
        }
        let inner = bytes[(body + 1)..<end]
        guard inner.last == UInt8(ascii: "=") else {
          throw MustacheScanError(line: tagLine, reason: "a delimiter change is written {{=START END=}}")
        }
        let words = inner.dropLast().split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        guard words.count == 2, !words[1].contains(UInt8(ascii: "=")) else {
          throw MustacheScanError(line: tagLine, reason: "a delimiter change is written {{=START END=}} (two delimiters without spaces)")
        }
        tags.append(MustacheTag(kind: .other, name: "", line: tagLine))
        i = end + close.count
        open = Array(words[0])
        close = Array(words[1])
        delimiterBytes.insert(open[0])
        delimiterBytes.insert(close[0])
        continue
      }
      var scanLines = line
      guard let end = find(close, from: body, countingLines: &scanLines) else {
        throw MustacheScanError(line: tagLine, reason: "a tag opened here is never closed")
      }
      line = scanLines
      var next = end + close.count
      let content = bytes[body..<end]
      let rest = trimmed(content.dropFirst())
      switch sigil {
      case UInt8(ascii: "!"), UInt8(ascii: "%"):
        tags.append(MustacheTag(kind: .other, name: "", line: tagLine))
      case UInt8(ascii: "#"), UInt8(ascii: "^"):
        tags.append(MustacheTag(kind: .section, name: rest, line: tagLine))
      case UInt8(ascii: "$"):
        tags.append(MustacheTag(kind: .block, name: rest, line: tagLine))
      case UInt8(ascii: "<"):
        tags.append(MustacheTag(kind: .parent, name: rest, line: tagLine))
      case UInt8(ascii: "/"):
        tags.append(MustacheTag(kind: .close, name: rest, line: tagLine))
      case UInt8(ascii: ">"):
        tags.append(MustacheTag(kind: .partial, name: rest, line: tagLine))
      case UInt8(ascii: "&"):
        tags.append(MustacheTag(kind: .variable, name: rest, line: tagLine))
      case UInt8(ascii: "{"):
        // {{{name}}}: the name, the closing delimiter, then "}".
        tags.append(MustacheTag(kind: .variable, name: rest, line: tagLine))
        if next < bytes.count && bytes[next] == UInt8(ascii: "}") { next += 1 }
      default:
        tags.append(MustacheTag(kind: .variable, name: trimmed(content), line: tagLine))
      }
      i = next
    }
    return (tags, delimiterBytes)
  }
}

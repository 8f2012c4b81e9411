import Foundation

/// The table of contents' markers found in the page's UTF-8 bytes.
///
/// ``PageOutline/tocBlock(in:)`` searches with `NSString`, whose search is
/// not literal: it compares whole characters (a marker whose `>` carries a
/// combining mark is no marker) and canonically equivalent text. Bridging
/// the page to `NSString` and converting its UTF-16 offsets back cost 0.05 s
/// of CPU per edition, so the markers are looked up in the bytes first,
/// and `NSString` is asked only when the byte search cannot be sure.
///
/// The byte search is sure when the first literal occurrence of a marker
/// has an ASCII character (or the text's edge) on each side: an ASCII
/// character next to an ASCII marker never joins it into one grapheme
/// cluster (only combining marks, joiners and the like extend a cluster,
/// and only prepended concatenation marks, none ASCII, join what follows).
/// The occurrence is then a match of the non-literal search too, and no
/// match comes before it: a match is made of characters canonically
/// equivalent to the marker's `<!-/tc>`, and no character but those very
/// ASCII ones is (the few characters that decompose to one ASCII
/// character, U+037E, U+1FEF and U+212A, decompose to `;`, `` ` `` and
/// `K`). When a marker does not occur literally, it does not occur at all.
extension PageOutline {
  /// What the byte search found.
  enum LiteralTOC: Equatable {
    /// The block's byte offsets, from its start marker to the end of its end marker.
    case block(Range<Int>)
    /// No block: a marker is missing.
    case missing
    /// A marker next to a non-ASCII character: ask `NSString`.
    case unsure
  }

  /// The table of contents' block of `html` (see ``tocBlock(in:)``) as
  /// string indices: from the byte search when it is sure, else from `NSString`.
  static func tocBounds(_ html: String) -> Range<String.Index>? {
    var copy = html
    switch copy.withUTF8(literalTOCBlock) {
    case .block(let offsets):
      let utf8 = html.utf8
      let lower = utf8.index(utf8.startIndex, offsetBy: offsets.lowerBound)
      return lower..<utf8.index(lower, offsetBy: offsets.count)
    case .missing: return nil
    case .unsure: return tocBlock(in: html as NSString).map { bounds(html, $0) }
    }
  }

  /// The block by a literal byte search, or whether there is none, or
  /// that the byte search cannot tell.
  static func literalTOCBlock(_ bytes: UnsafeBufferPointer<UInt8>) -> LiteralTOC {
    guard let start = firstOccurrence(of: tocStart, in: bytes, from: 0) else { return .missing }
    guard standsApart(start, in: bytes) else { return .unsure }
    guard let end = firstOccurrence(of: tocEnd, in: bytes, from: start.lowerBound) else { return .missing }
    guard standsApart(end, in: bytes) else { return .unsure }
    return .block(start.lowerBound..<end.upperBound)
  }

  /// Whether the characters on both sides of `range` are ASCII (or it
  /// touches the text's edge).
  static func standsApart(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    (range.lowerBound == 0 || bytes[range.lowerBound - 1] < 0x80)
      && (range.upperBound == bytes.count || bytes[range.upperBound] < 0x80)
  }

  /// The byte offsets of the first occurrence of the ASCII `marker` at or after `from`.
  static func firstOccurrence(of marker: String, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Range<Int>? {
    let needle = Array(marker.utf8)
    var p = from
    while let candidate = index(of: needle[0], in: bytes, from: p) {
      guard candidate + needle.count <= bytes.count else { return nil }
      if needle.indices.allSatisfy({ bytes[candidate + $0] == needle[$0] }) { return candidate..<candidate + needle.count }
      p = candidate + 1
    }
    return nil
  }
}

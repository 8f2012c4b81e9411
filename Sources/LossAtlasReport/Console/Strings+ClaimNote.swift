import LossAtlasAnalysis

extension Strings {
  /// A computed value's note (``ClaimNote``) in this edition's words: its
  /// sentence with each fact filled in (a word looked up, a nested note
  /// worded the same way, a list joined by its separator's entry); a note
  /// without a key is notation, printed as the engine wrote it.
  public func text(_ note: ClaimNote) -> String {
    guard let key = note.key else { return note.english }
    var values: [String: String] = [:]
    for (name, value) in note.values { values[name] = text(value) }
    return text(key, values)
  }

  func text(_ value: ClaimNote.Value) -> String {
    switch value {
    case .text(let s): return s
    case .key(let key): return text(key)
    case .note(let note): return text(note)
    case .list(let notes, let separator): return notes.map { text($0) }.joined(separator: text(separator))
    }
  }
}

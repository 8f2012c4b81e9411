extension Strings {
  /// The English edition's tables, loaded once: the words of the callers
  /// that are English by design (the `chart` command, whose messages and
  /// figures stay English, issue 13 item 6) and the default of the figure
  /// builders. The tables are compiled into the binary and a test loads
  /// them; the fallback, an empty table, would render every lookup as a
  /// `⟦key⟧` marker (which the strings tests look for), never crash.
  public static let english: Strings = (try? Strings.embedded(.en)) ?? Strings(language: .en, table: [:])
}

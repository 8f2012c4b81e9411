import LossAtlasCore
import LossAtlasResources

extension Strings {
  /// Every word one edition prints: the embedded tables
  /// (``embedded(_:)``) and, for English, the text that has its single
  /// source in Swift or in the claims file, under the keys the Chinese
  /// tables translate:
  ///
  /// - ``FunctionText/english(_:)`` of every function of `Catalog.all`
  ///   (`function.<id>.summary`, ...; Chinese: `zh/functions/<id>.yaml`),
  /// - ``ErrataText/english()`` (`errata.<id>.correction`, ...; Chinese:
  ///   `zh/errata.yaml`),
  /// - ``ClaimText/english()`` (`claim.<id>.text`, the article claims'
  ///   statements; Chinese: `zh/errata-claims.yaml`),
  /// - ``MethodsText/english()`` (`methods.claims.*`,
  ///   `methods.userFunctions.*`; Chinese: `zh/methods-extra.yaml`),
  /// - the glossary's entries (`glossary.<i>.zh/en/symbol/avoid.<j>`), the same
  ///   bilingual list in both editions (its file is `zh/glossary.yaml`).
  ///
  /// so that `strings("function.gelu.summary")` reads the same in either
  /// language. A key that an embedded table defines too is an error naming
  /// both sources: the English of a function lives only in its spec.
  public static func edition(_ language: Language) throws -> Strings {
    let base = try embedded(language)
    guard language == .en else { return base }
    var strings = base
    for spec in Catalog.all {
      strings = try adding(FunctionText.english(spec), from: "the FunctionSpec of \(spec.id)", to: strings)
    }
    strings = try adding(ErrataText.english(), from: ErrataText.sourceFile, to: strings)
    strings = try adding(ClaimText.english(), from: ClaimText.sourceFile, to: strings)
    strings = try adding(MethodsText.english(), from: MethodsText.sourceFile, to: strings)
    if let yaml = ProjectFiles.text(Glossary.file) {
      let entries = try flatten(yaml: yaml, file: Glossary.file).map { (key: $0.0, text: $0.1) }
      strings = try adding(entries, from: Glossary.file, to: strings)
    }
    return strings
  }
}

extension Strings {
  /// `base` with `entries` added, each recorded as coming from `source`; a
  /// key `base` has already is an error naming both sources.
  static func adding(_ entries: [(key: String, text: String)], from source: String, to base: Strings) throws -> Strings {
    var table = base.table
    var origin = base.origin
    for (key, text) in entries {
      if let first = origin[key] {
        throw StringsError(description: "\(source): key '\(key)' is already defined in \(first)")
      }
      table[key] = text
      origin[key] = source
    }
    return Strings(language: base.language, table: table, origin: origin)
  }
}

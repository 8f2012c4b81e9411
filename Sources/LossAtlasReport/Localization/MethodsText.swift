import LossAtlasAnalysis

/// The methods page's reference texts as strings-table entries: the
/// claim-file reference (``ClaimReference``, whose English `lossatlas help
/// claims` prints too) and the section on functions defined by a formula
/// (``MethodsUserFunctions``). The English is in Swift, its single source;
/// the Chinese is templates/strings/zh/methods-extra.yaml, under the same keys:
///
/// | key | English source |
/// |-----|----------------|
/// | `methods.claims.wholeDomain` | ``ClaimReference/wholeDomain`` |
/// | `methods.claims.key.<slug>` | a claim key's meaning (`format-kind-direction`) |
/// | `methods.claims.property.<slug>` | a property's meaning (`max-abs-derivative`) |
/// | `methods.claims.expectation.<slug>` | an `expect:` form's meaning (`at-most-v`) |
/// | `methods.claims.identity.<slug>` | a named identity's statement |
/// | `methods.userFunctions.*` | ``MethodsUserFunctions/english`` |
///
/// The names themselves (keys, properties, forms, identities, grammar
/// constructs) are code and print as they are in both editions.
public enum MethodsText {
  /// Where the English comes from (for error messages naming the source).
  public static let sourceFile = "Sources/LossAtlasAnalysis/Claims/ClaimReference.swift, Sources/LossAtlasReport/Pages/MethodsUserFunctions.swift"

  static let wholeDomainKey = "methods.claims.wholeDomain"

  /// The claim the page quotes as an example (in YAML, in both editions'
  /// `page.methods.claimIntro`): code, which the Chinese page marks as such.
  static let claimExample = "{id: sigmoid-max-slope, function: sigmoid, property: max-abs-derivative, expect: {at-most: 0.25}}"
  static func keyKey(_ name: String) -> String { "methods.claims.key." + slug(name) }
  static func propertyKey(_ name: String) -> String { "methods.claims.property." + slug(name) }
  static func expectationKey(_ name: String) -> String { "methods.claims.expectation." + slug(name) }
  static func identityKey(_ name: String) -> String { "methods.claims.identity." + slug(name) }

  /// A name as a key: its letters, digits and hyphens, lowercased, each run
  /// of anything else one hyphen (`{approx: V, tol: T}` is `approx-v-tol-t`).
  static func slug(_ name: String) -> String {
    name.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) }.joined(separator: "-")
  }

  /// Every English text with its key, in page order.
  public static func english() -> [(key: String, text: String)] {
    [(wholeDomainKey, ClaimReference.wholeDomain)]
      + ClaimReference.keys.map { (keyKey($0.name), $0.meaning) }
      + ClaimReference.properties.map { (propertyKey($0.name), $0.meaning) }
      + ClaimReference.expectations.map { (expectationKey($0.name), $0.meaning) }
      + ClaimReference.identities.map { (identityKey($0.name), $0.meaning) }
      + MethodsUserFunctions.english
  }

  /// The `{placeholders}` the page fills in each text (by key): the numbers
  /// of the user-function section; none elsewhere.
  static func placeholders(_ key: String) -> Set<String> {
    let prefix = "methods.userFunctions."
    guard key.hasPrefix(prefix) else { return [] }
    var path = String(key.dropFirst(prefix.count))
    if path.hasSuffix(".value") { path = String(path.dropLast(".value".count)) }
    return Set(MethodsUserFunctions.values(.english)[path]?.keys.map { $0 } ?? [])
  }
}

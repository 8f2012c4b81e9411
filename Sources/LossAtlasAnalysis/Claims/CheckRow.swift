import LossAtlasCore
import LossAtlasIO

/// One decided statement of `lossatlas check`: a claim from a file, or a
/// property the catalog declares.
public struct CheckRow: Sendable, Equatable {
  /// The claim file, or `catalog` for declared properties.
  public let source: String
  /// The claim's line in its file (nil for declared properties).
  public let line: Int?
  public let id: String
  public let text: String
  public let function: String
  public let property: String
  /// What the statement expects, and the verdict it must get.
  public let expected: String
  public let computed: String
  public let passes: Bool
  /// The computed values as data (claims: ``ClaimResult/values``); empty
  /// for the catalog's declared properties, whose computed side is text.
  public var values: [JSONValue] = []
  /// The verdict the statement got (a claim: whether it holds; a declared
  /// property: whether it matches).
  public var holds: Bool? = nil
  /// A claim's expectation and the verdict it must get (nil for a declared
  /// property), for reports that word them in another language.
  public var expectation: Expectation? = nil
  public var verdict: Bool = true
  /// The parameter-setting prefix of each computed value (``ClaimResult/prefixes``).
  public var prefixes: [String] = []
  /// Each computed value's words as data (``ClaimResult/notes``).
  public var notes: [ClaimNote] = []
}

extension CheckRow {
  public init(_ r: ClaimResult) {
    let c = r.claim
    let verdict = c.verdict ? "" : " (a known-wrong statement: verdict false)"
    self.init(
      source: c.file, line: c.line, id: c.id, text: c.text, function: c.function.id, property: c.property.rawValue,
      expected: c.expect.description + verdict, computed: r.computed.joined(separator: "; ") + " -> \(r.holds)",
      passes: r.passes, values: r.values, holds: r.holds, expectation: c.expect, verdict: c.verdict, prefixes: r.prefixes,
      notes: r.notes)
  }

  /// The rows of the catalog's declared properties: one per declared field
  /// of every view at every parameter setting.
  public static func declared(_ analyses: [FunctionAnalysis]) -> [CheckRow] {
    var rows: [CheckRow] = []
    for a in analyses {
      for setting in a.settings {
        for (view, outcomes) in zip(setting.views, setting.declared) {
          for o in outcomes {
            rows.append(
              CheckRow(
                source: "catalog", line: nil, id: "\(view.coordinates) \(o.property)",
                text: "\(a.id) declares \(o.property) = \(o.declared)", function: a.id, property: o.property,
                expected: o.declared, computed: o.computed, passes: o.passes))
          }
        }
      }
    }
    return rows
  }
}

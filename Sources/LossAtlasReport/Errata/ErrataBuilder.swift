import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasVerification
import Yams

/// One entry of the `errata:` section of claims/article.yaml.
struct ErrataSource: Sendable {
  let id: String
  let section: String
  let quote: String
  let gloss: String
  let verdict: String
  let correction: String
  /// Claim ids of the same file, or `formulas` (computed by the manual).
  let evidence: [String]
  let figures: [String]
  let see: [String]
}

/// Builds the errata page from claims/article.yaml and the verdicts the
/// property engine reached on its claims in this run.
enum ErrataBuilder {
  static func parse(_ yaml: String, file: String) throws -> [ErrataSource] {
    guard let root = try Yams.compose(yaml: yaml), case .mapping(let top) = root, let list = top["errata"],
      case .sequence(let items) = list
    else {
      throw ClaimFileError(file: file, line: 1, reason: "expected an 'errata:' list")
    }
    return try items.map { node in
      guard case .mapping(let m) = node else {
        throw ClaimFileError(file: file, line: node.mark?.line ?? 1, reason: "each errata entry must be a mapping")
      }
      func text(_ key: String) throws -> String {
        guard let s = m[key]?.string, !s.isEmpty else {
          throw ClaimFileError(file: file, line: node.mark?.line ?? 1, reason: "errata entry without '\(key)'")
        }
        return s
      }
      func list(_ key: String) -> [String] {
        guard case .sequence(let seq)? = m[key] else { return [] }
        return seq.compactMap(\.string)
      }
      return ErrataSource(
        id: try text("id"), section: try text("section"), quote: try text("quote"), gloss: try text("gloss"),
        verdict: try text("verdict"), correction: try text("correction"), evidence: list("evidence"),
        figures: list("figures"), see: list("see"))
    }
  }

  /// The errata page. `functionPages`: the function pages this manual has
  /// (all of them, or those of `generate --only`); a "see also" link to any
  /// other function is left out, so that no link is broken.
  static func build(
    _ sources: [ErrataSource], results: [ClaimResult], figures: [FigureInfo], formulaCheck: FormulaCheck,
    functionPages: Set<String>? = nil, strings: Strings = .english
  ) throws -> ErrataPage {
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.errata." + key, values) }
    // The entry's words in this edition (English: claims/article.yaml's).
    func entry(_ s: ErrataSource, _ field: String) -> String { strings(ErrataText.key(s.id, field)) }
    let phrasing = EvidencePhrasing(strings: strings)
    let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.claim.id, $0) })
    let titles = Dictionary(uniqueKeysWithValues: SitePages.main.map { ($0.page, $0.title) })
    var entries: [ErrataEntry] = []
    var summary: [ErrataSummaryRow] = []
    for s in sources {
      var evidence: [EvidenceRow] = []
      for key in s.evidence {
        if key == "formulas" {
          evidence.append(
            EvidenceRow(
              statement: say("formulaStatement", ["count": String(formulaCheck.functions)]),
              computed: phrasing.formulas(formulaCheck),
              verdict: say(formulaCheck.holds ? "holds" : "formulaFails")))
          continue
        }
        guard let r = byID[key] else {
          throw ClaimFileError(file: "claims/article.yaml", line: 1, reason: "errata \(s.id) cites unknown claim '\(key)'")
        }
        evidence.append(
          EvidenceRow(
            statement: r.claim.text.isEmpty ? "" : strings(ClaimText.key(r.claim.id)), computed: phrasing.computed(r),
            verdict: say((r.holds ? "holds" : "doesNotHold") + (r.passes ? "" : "Unexpected"))))
      }
      let refs = s.figures.compactMap { key in figures.first { $0.key == key }?.ref }
      let links = s.see.compactMap { page -> NavLink? in
        if let spec = try? Catalog.function(named: page) {
          guard functionPages?.contains(spec.id) ?? true else { return nil }
          return NavLink(page: page, title: Phrasing(strings).name(spec), current: false)
        }
        let title = strings.has("site.page.\(page)") ? strings("site.page.\(page)") : titles[page] ?? page
        return NavLink(page: page, title: title, current: false)
      }
      entries.append(
        ErrataEntry(
          id: s.id, section: entry(s, "section"), quote: s.quote, gloss: entry(s, "gloss"), verdict: entry(s, "verdict"),
          correction: entry(s, "correction"),
          evidence: evidence, hasEvidence: !evidence.isEmpty, figures: refs, links: links, hasLinks: !links.isEmpty))
      summary.append(
        ErrataSummaryRow(
          id: s.id, section: entry(s, "section"), verdict: entry(s, "verdict"),
          evidence: evidence.isEmpty ? say("editorial") : say("computed", ["count": String(evidence.count)])))
    }
    return ErrataPage(
      site: SitePages.site(current: "errata", title: "Errata: the seed article, claim by claim"),
      intro: [
        say("identification"),
        say("intro"),
      ],
      summary: summary,
      entries: entries,
      references: SeedArticle.references.map {
        ErrataReference(citation: $0.citation, note: strings("errata.reference.\($0.key).note"))
      })
  }
}


import LossAtlasAnalysis
import LossAtlasCore
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

  static func build(
    _ sources: [ErrataSource], results: [ClaimResult], figures: [FigureInfo], formulaCheck: FormulaCheck
  ) throws -> ErrataPage {
    let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.claim.id, $0) })
    let titles = Dictionary(uniqueKeysWithValues: SitePages.main.map { ($0.page, $0.title) })
    var entries: [ErrataEntry] = []
    var summary: [SettingsRow] = []
    for s in sources {
      var evidence: [EvidenceRow] = []
      for key in s.evidence {
        if key == "formulas" {
          evidence.append(
            EvidenceRow(
              statement: "The printed formula of each of the \(formulaCheck.functions) functions equals its implementation",
              computed: "\(formulaCheck.points) values and derivatives compared in this run; largest difference \(Readable.number(formulaCheck.worst, digits: 2)) of max(|value|, 1), at \(formulaCheck.worstAt)",
              verdict: formulaCheck.worst <= 1e-9 ? "holds" : "FAILS"))
          continue
        }
        guard let r = byID[key] else {
          throw ClaimFileError(file: "claims/article.yaml", line: 1, reason: "errata \(s.id) cites unknown claim '\(key)'")
        }
        evidence.append(
          EvidenceRow(
            statement: r.claim.text, computed: r.computed.joined(separator: "; "),
            verdict: (r.holds ? "holds" : "does not hold") + (r.passes ? "" : " (UNEXPECTED: the claim file expects the opposite)")))
      }
      let refs = s.figures.compactMap { key in figures.first { $0.key == key }?.ref }
      let links = s.see.map { page -> NavLink in
        let title = (try? Catalog.function(named: page).name) ?? titles[page] ?? page
        return NavLink(page: page, title: title, current: false)
      }
      entries.append(
        ErrataEntry(
          id: s.id, section: s.section, quote: s.quote, gloss: s.gloss, verdict: s.verdict, correction: s.correction,
          evidence: evidence, hasEvidence: !evidence.isEmpty, figures: refs, links: links, hasLinks: !links.isEmpty))
      summary.append(SettingsRow(cells: [s.id, s.section, s.verdict, evidence.isEmpty ? "editorial" : "\(evidence.count) computed"]))
    }
    return ErrataPage(
      site: SitePages.site(current: "errata", title: "Errata: the seed article, claim by claim"),
      intro: [
        "Every claim of the seed article (a widely read Chinese blog post on loss functions) that a reader could learn something wrong from, with the article's words, an English gloss, the verdict, what is right, and the evidence computed in this run. The statements under “Evidence” are written the way the article states them and decided by the property engine; the same statements are checked in CI (claims/article.yaml), so a regression that flips a verdict fails the build.",
      ],
      summary: DataTable(caption: "Verdicts", header: ["id", "section", "verdict", "evidence"], rows: summary),
      entries: entries)
  }
}

/// The formulas printed in the manual, evaluated against the implementation
/// in the run that prints them.
struct FormulaCheck: Sendable {
  let functions: Int
  let points: Int
  let worst: Double
  let worstAt: String

  /// Compares each function's formula value and derivative with the
  /// implementation along its primary view's plot range (201 points) at the
  /// default parameters (scalar-argument functions) or its vector slice.
  static func run() -> FormulaCheck {
    var functions = 0
    var points = 0
    var worst = 0.0
    var worstAt = "—"
    for spec in Catalog.all {
      let f = spec.formula
      functions += 1
      let params = spec.defaultParameters
      let real = spec.arguments.allSatisfy { $0.kind == .real }
      guard real else { continue }
      for view in spec.views(params) {
        let lo = view.plotRange.lowerBound
        let hi = view.plotRange.upperBound
        for i in 0...200 {
          let x = lo + (hi - lo) * Double(i) / 200
          guard view.domain.contains(x) else { continue }
          var scalars = params.values
          for fixed in view.fixed { if case .real(let v) = fixed.value { scalars[fixed.name] = v } }
          scalars[view.argument] = x
          let env = FormulaEnvironment(scalars: scalars)
          let j = view.evaluate(x)
          guard let v = try? f.value.evaluate(env), let d = f.derivatives.first.flatMap({ try? $0.expr.evaluate(env) }),
            view.argument == spec.predictionArgument
          else { continue }
          for (a, b) in [(v, j.value), (d, j.d1)] where a.isFinite && b.isFinite {
            points += 1
            // Relative to max(|a|, |b|, 1): absolute near 0, where the
            // textbook evaluation of the formula has no relative accuracy.
            let dev = a == b ? 0 : abs(a - b) / max(abs(a), abs(b), 1)
            if dev > worst {
              worst = dev
              worstAt = "\(spec.id) at \(view.argument) = \(Readable.number(x))"
            }
          }
        }
      }
    }
    return FormulaCheck(functions: functions, points: points, worst: worst, worstAt: worstAt)
  }
}

// View models of the manual's pages. Every field is a stored property with
// its text already formatted (templates only arrange); Markdown and HTML
// templates render the same models. Links are page ids: a template adds
// `.md` or `.html`.

/// What every page shares: the navigation, the footer and the repository.
struct Site {
  let title: String
  /// The page's own title (for <title> and the first heading).
  let pageTitle: String
  let nav: [NavLink]
  let footer: String
  /// The repository's web address (see ``SitePages/repository``).
  let repository: String
  /// The page's id (its file name without extension), for the language switch.
  var page: String = ""
  /// The edition's language tag (`<html lang>`).
  var lang: String = "en"
  /// The other edition's counterpart of this page (the language switch),
  /// when the run writes the other edition too.
  var other: EditionLink? = nil
}

/// The language switch: the other edition's name in its own language, its
/// language tag, and the relative way from this edition's format folder to
/// the other edition's root (`../zh/` from `html/`, `../../` from `zh/html/`),
/// to which the template adds `html/<page>.html` or `markdown/<page>.md`.
struct EditionLink {
  let name: String
  let lang: String
  let prefix: String
}

struct NavLink {
  let page: String
  let title: String
  let current: Bool
}

/// An equation, printed as LaTeX (Markdown) and MathML (HTML).
struct Equation {
  let latex: String
  let mathml: String
}

/// A figure of the manual: its file (relative to the page), alt text and caption.
struct FigureRef {
  let path: String
  let alt: String
  let caption: String
  let width: Int
  let height: Int
  /// The SVG (HTML: shown, the PNG its fallback) and the narrow SVG for phones.
  var svg = ""
  var narrowSVG = ""
}

/// One row of a two-column table.
struct Fact {
  let name: String
  let value: String
}

// MARK: - Index

struct IndexPage {
  let site: Site
  let heading: String
  let intro: [String]
  let howMade: [String]
  let families: [FamilyTable]
  /// The other pages of the navigation (the edition's titles: the generator sets them).
  var pages: [NavLink]
  /// "Your functions": the user-defined functions of `--functions` files (issue 11).
  var userFunctions: [UserFunctionRow] = []
  var hasUserFunctions: Bool = false
}

struct FamilyTable {
  let title: String
  /// What the columns show: which view and parameters, what "whole domain" means.
  let note: String
  /// The HTML id of the family's heading (the family's catalog name).
  let anchor: String
  let header: [String]
  let rows: [IndexRow]
}

extension FamilyTable {
  /// The table without the columns whose every cell is "—" (zero at
  /// correct and gradient growth for the vector activations, which share
  /// the losses' columns).
  func droppingUnusedColumns() -> FamilyTable {
    let kept = header.indices.filter { j in rows.contains { $0.cells[j] != "—" } }
    return FamilyTable(
      title: title, note: note, anchor: anchor, header: kept.map { header[$0] },
      rows: rows.map { r in IndexRow(id: r.id, name: r.name, cells: kept.map { r.cells[$0] }) })
  }
}

/// One function of an index table: its link and its cells (after the name).
struct IndexRow {
  let id: String
  let name: String
  let cells: [String]
}

// MARK: - Function page

struct FunctionPage {
  let site: Site
  let id: String
  let name: String
  var family: String
  let summary: String
  let aliases: String?
  let formula: FormulaSection
  let parameters: [ParameterRow]
  let hasParameters: Bool
  let arguments: [Fact]
  let figures: [FigureRef]
  let views: [ViewSection]
  let settings: SettingsTable?
  let facts: [Fact]
  let edgeCases: [EdgeRow]
  let implementation: String
  let naiveFailures: [Fact]
  let hasNaiveFailures: Bool
  let precision: [PrecisionRow]
  let hasPrecision: Bool
  /// Exact statements (the function equals its limit on a half-line).
  let precisionExact: [String]
  let hasPrecisionExact: Bool
  /// What the section says when it has neither rows nor exact statements.
  let precisionNone: String?
  let conventions: [ConventionRow]
  let measuredNote: String
  let references: [ReferenceRow]
  let accuracy: String
  /// Set for a user-defined function (issue 11): its file, formula as
  /// written, derived derivatives and numerical-safety report.
  var userDefined: UserDefinedSection? = nil
  /// The comparison pages that show this function beside related ones
  /// (``ComparisonPages``).
  var comparisons: [NavLink] = []
  var hasComparisons: Bool = false
}

struct FormulaSection {
  let value: Equation
  let derivatives: [Equation]
  let second: Equation?
  let definitions: [Equation]
  let hasDefinitions: Bool
}

struct ParameterRow {
  let name: String
  let symbol: Equation
  let defaultValue: String
  let range: String
  let grid: String
  let summary: String
}

struct ViewSection {
  let label: String
  /// The HTML id of the view's heading (`view-1`, `view-2`, ... in the
  /// catalog's order of views: the same in every language).
  let anchor: String
  let rows: [Fact]
}

/// Key properties across a function's parameter grid.
struct SettingsTable {
  let header: [String]
  let rows: [SettingsRow]
}

struct SettingsRow {
  let cells: [String]
}

struct EdgeRow {
  let view: String
  let x: String
  let value: String
  let d1: String
  let d2: String
  let note: String
}

/// One (direction, kind) of the precision study, a cell per format.
struct PrecisionRow {
  let direction: String
  let what: String
  let float16: String
  let float32: String
  let float64: String
}

struct ConventionRow {
  let framework: String
  let api: String
  let note: String
}

struct ReferenceRow {
  let citation: String
  let year: String
  let url: String?
}

// MARK: - Comparison, methods, errata

struct ComparisonPage {
  let site: Site
  let id: String
  let title: String
  let intro: [String]
  let figures: [FigureRef]
  let tables: [DataTable]
}

/// A table with a header row and text cells.
struct DataTable {
  let caption: String
  let header: [String]
  let rows: [SettingsRow]
}

struct MethodsPage {
  let site: Site
  let intro: [String]
  let properties: [DefinitionEntry]
  let thresholds: [Fact]
  let accuracyIntro: [String]
  let accuracy: DataTable
  /// The claim-file format (``ClaimReference``): what `lossatlas check` reads.
  let claimIntro: [CodeParagraph]
  let claimKeys: [Fact]
  let claimProperties: [Fact]
  let claimExpectations: [Fact]
  let claimIdentities: [Fact]
  /// Functions defined by a formula: the grammar and the numerical-safety
  /// analysis (``MethodsUserFunctions``).
  let userFunctionIntro: [String]
  let userFunctionGrammar: [Fact]
  let userFunctionDerivatives: [String]
  let userFunctionSafety: [Fact]
}

/// A paragraph that may quote a code sample (a claim in YAML): the text
/// before it, the sample, the text after it. The English templates print
/// the sample as prose, as they always have; the Chinese ones mark it as
/// code, so that the sample is not read as an English sentence.
struct CodeParagraph {
  let before: String
  let code: String
  let hasCode: Bool
  let after: String

  /// `text` split at the first occurrence of `code` (none: the whole text before).
  init(_ text: String, code: String) {
    if let range = text.range(of: code) {
      before = String(text[..<range.lowerBound])
      self.code = code
      hasCode = true
      after = String(text[range.upperBound...])
    } else {
      before = text
      self.code = ""
      hasCode = false
      after = ""
    }
  }
}

/// A defined term with an HTML id, so that the search and other pages can
/// link to its definition (`methods.html#property-convex`).
struct DefinitionEntry {
  let anchor: String
  let name: String
  let value: String
}

struct ErrataPage {
  let site: Site
  let intro: [String]
  let summary: [ErrataSummaryRow]
  let entries: [ErrataEntry]
  /// The published sources the corrections rely on.
  let references: [ErrataReference]
}

/// One source on the errata page: its citation (a name, printed as
/// published in every edition) and, in the edition's words, what it is
/// cited for.
struct ErrataReference {
  let citation: String
  let note: String
}

struct ErrataEntry {
  let id: String
  let section: String
  let quote: String
  let gloss: String
  let verdict: String
  let correction: String
  let evidence: [EvidenceRow]
  let hasEvidence: Bool
  let figures: [FigureRef]
  let links: [NavLink]
  let hasLinks: Bool
}

/// A row of the errata's verdict table; `id` is also its section's anchor.
struct ErrataSummaryRow {
  let id: String
  let section: String
  let verdict: String
  let evidence: String
}

struct EvidenceRow {
  let statement: String
  let computed: String
  let verdict: String
}

// MARK: - Template validation

/// One instance of every model type that appears inside a list, so that the
/// template check knows their field names even when a page's list is empty
/// (a function without figures still has a figure template).
func modelKeySamples() -> [Any] {
  let e = Equation(latex: "", mathml: "")
  let nav = NavLink(page: "", title: "", current: false)
  let row = SettingsRow(cells: [])
  return [
    e, nav, row,
    FigureRef(path: "", alt: "", caption: "", width: 0, height: 0),
    Fact(name: "", value: ""),
    IndexRow(id: "", name: "", cells: []),
    FamilyTable(title: "", note: "", anchor: "", header: [], rows: []),
    ParameterRow(name: "", symbol: e, defaultValue: "", range: "", grid: "", summary: ""),
    ViewSection(label: "", anchor: "", rows: []),
    SettingsTable(header: [], rows: []),
    EdgeRow(view: "", x: "", value: "", d1: "", d2: "", note: ""),
    PrecisionRow(direction: "", what: "", float16: "", float32: "", float64: ""),
    ConventionRow(framework: "", api: "", note: ""),
    ReferenceRow(citation: "", year: "", url: ""),
    DataTable(caption: "", header: [], rows: []),
    ErrataEntry(
      id: "", section: "", quote: "", gloss: "", verdict: "", correction: "", evidence: [], hasEvidence: false, figures: [],
      links: [], hasLinks: false),
    EvidenceRow(statement: "", computed: "", verdict: ""),
    ErrataSummaryRow(id: "", section: "", verdict: "", evidence: ""),
    DefinitionEntry(anchor: "", name: "", value: ""),
    FormulaSection(value: e, derivatives: [], second: e, definitions: [], hasDefinitions: false),
    Site(title: "", pageTitle: "", nav: [], footer: "", repository: ""),
    EditionLink(name: "", lang: "", prefix: ""),
    GlossaryRow(zh: "", en: "", symbol: ""),
    UserFunctionRow(id: "", name: "", family: "", formula: "", stable: ""),
    UserDefinedSection(
      source: "", written: "", derivatives: [], stable: "", checked: "", findings: [], hasFindings: false,
      equivalents: [], hasEquivalents: false),
    FormulaLine(label: "", plain: "", equation: e),
  ]
}

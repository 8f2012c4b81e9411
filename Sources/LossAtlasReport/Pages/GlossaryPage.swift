/// The glossary page (issue 13, item 2): every term the Chinese edition
/// chose, 中文 / English / symbol, in both editions (the English reader of
/// a Chinese colleague's notes needs it as much as the other way round).
///
/// The terms are the glossary's single list, `templates/strings/zh/glossary.yaml`
/// (``Glossary/load()``), in the file's order.
enum GlossaryPage {
  /// The page of one edition (`strings`), listing `terms`.
  static func build(_ terms: [GlossaryRow], strings: Strings) -> GlossaryModel {
    let title = strings("site.page.glossary")
    return GlossaryModel(
      site: SitePages.site(current: "glossary", title: title), title: title, terms: terms, count: terms.count,
      hasTerms: !terms.isEmpty)
  }

  /// The glossary as first-use terms for the Chinese pages' prose: the
  /// terms marked `gloss: false` (everyday words) are left out.
  static func firstUseTerms(_ terms: [GlossaryRow]) -> [FirstUse.Term] {
    terms.filter(\.gloss).map { FirstUse.Term(chinese: $0.zh, english: $0.en) }
  }
}

struct GlossaryModel {
  let site: Site
  let title: String
  let terms: [GlossaryRow]
  let count: Int
  let hasTerms: Bool
}

struct GlossaryRow {
  let zh: String
  let en: String
  let symbol: String
  /// Whether the Chinese pages gloss the term at its first use (``GlossaryEntry/gloss``).
  var gloss = true
}

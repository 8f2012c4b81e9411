/// The glossary page (issue 13, item 2): every term the Chinese edition
/// chose, 中文 / English / symbol, in both editions (the English reader of
/// a Chinese colleague's notes needs it as much as the other way round).
///
/// The terms are zh-content's single list, `templates/strings/zh/glossary.yaml`
/// (see `Glossary`), which the Chinese strings table holds as
/// `glossary.<n>.zh`, `glossary.<n>.en` and `glossary.<n>.symbol`; the page
/// reads them from there, in the file's order.
enum GlossaryPage {
  /// The terms of a strings table holding the glossary (the Chinese one),
  /// in order; an entry without both words is left out.
  static func terms(_ table: Strings) -> [GlossaryRow] {
    var rows: [GlossaryRow] = []
    var n = 0
    while table.has("glossary.\(n).zh") || table.has("glossary.\(n).en") {
      defer { n += 1 }
      guard table.has("glossary.\(n).zh"), table.has("glossary.\(n).en") else { continue }
      rows.append(
        GlossaryRow(
          zh: table("glossary.\(n).zh"), en: table("glossary.\(n).en"),
          symbol: table.has("glossary.\(n).symbol") ? table("glossary.\(n).symbol") : ""))
    }
    return rows
  }

  /// The page of one edition (`strings`), listing `terms`.
  static func build(_ terms: [GlossaryRow], strings: Strings) -> GlossaryModel {
    let title = strings("site.page.glossary")
    return GlossaryModel(
      site: SitePages.site(current: "glossary", title: title), title: title, terms: terms, count: terms.count,
      hasTerms: !terms.isEmpty)
  }

  /// The glossary as first-use terms for the Chinese pages' prose.
  static func firstUseTerms(_ terms: [GlossaryRow]) -> [FirstUse.Term] {
    terms.map { FirstUse.Term(chinese: $0.zh, english: $0.en) }
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
}

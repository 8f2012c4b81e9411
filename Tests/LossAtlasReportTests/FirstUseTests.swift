import Foundation
@testable import LossAtlasReport
import Testing

/// The English term at a glossary term's first use on a Chinese page
/// (issue 13, item 2), and the site's strings (issue 13, item 3).
struct FirstUseTests {
  let terms = [
    FirstUse.Term(chinese: "交叉熵", english: "cross-entropy"), FirstUse.Term(chinese: "导数", english: "derivative"),
    FirstUse.Term(chinese: "二阶导数", english: "second derivative"), FirstUse.Term(chinese: "饱和", english: "saturation"),
  ]

  @Test("HTML: once per term, in prose only (not headings, tables, code, links, the site's frame)")
  func html() {
    let page = """
      <header class="site"><nav><a href="x.html">交叉熵</a></nav></header>
      <h2 id="a">交叉熵与导数</h2>
      <table><tr><td>交叉熵</td></tr></table>
      <p>交叉熵的导数在 <code>交叉熵</code> 处；交叉熵再次出现。</p>
      <p>二阶导数不是导数的第一次出现。</p>
      <footer class="site"><p>饱和</p></footer>
      """
    let out = FirstUse.html(page, terms: terms)
    #expect(out.contains("<h2 id=\"a\">交叉熵与导数</h2>"))
    #expect(out.contains("<td>交叉熵</td>"))
    #expect(out.contains("<a href=\"x.html\">交叉熵</a>"))
    #expect(
      out.contains(
        "<p>交叉熵（<span lang=\"en\">cross-entropy</span>）的导数（<span lang=\"en\">derivative</span>）在 <code>交叉熵</code> 处；交叉熵再次出现。</p>"))
    // 二阶导数 is one term (longest first); 导数 was used already.
    #expect(out.contains("<p>二阶导数（<span lang=\"en\">second derivative</span>）不是导数的第一次出现。</p>"))
    #expect(out.contains("<footer class=\"site\"><p>饱和</p></footer>"))
  }

  @Test("Markdown: paragraphs and lists only; code, formulas, links, headings, tables, quotes and the footer untouched")
  func markdown() {
    let page = """
      [LossAtlas](index.md) · [交叉熵](x.md)

      # 交叉熵

      | 交叉熵 | 是 |
      | --- | --- |

      > 原文：交叉熵

      - `交叉熵` 与 $导数$ 见 [交叉熵](cross-entropy.md)，交叉熵（cross-entropy）已注明。
      - 导数与二阶导数。

      ---

      饱和
      """
    let out = FirstUse.markdown(page, terms: terms)
    #expect(out.contains("[LossAtlas](index.md) · [交叉熵](x.md)\n"))
    #expect(out.contains("# 交叉熵\n"))
    #expect(out.contains("| 交叉熵 | 是 |"))
    #expect(out.contains("> 原文：交叉熵"))
    // Link text is prose, the target is not; a term already glossed stays as it is.
    #expect(out.contains("- `交叉熵` 与 $导数$ 见 [交叉熵（cross-entropy）](cross-entropy.md)，交叉熵（cross-entropy）已注明。"))
    #expect(out.contains("- 导数（derivative）与二阶导数（second derivative）。"))
    #expect(out.hasSuffix("---\n\n饱和"))
  }

  @Test("the site's strings: the same keys and placeholders in English and Chinese, and the titles every page of the navigation needs")
  func siteStrings() throws {
    let en = try Strings.embedded(.en)
    let zh = try Strings.embedded(.zh)
    let siteKeys = { (s: Strings) in Set(s.table.keys.filter { s.origin[$0]?.hasSuffix("/site.yaml") == true }) }
    #expect(!siteKeys(en).isEmpty)
    #expect(siteKeys(en) == siteKeys(zh), "only in English: \(siteKeys(en).subtracting(siteKeys(zh)).sorted()); only in Chinese: \(siteKeys(zh).subtracting(siteKeys(en)).sorted())")
    func placeholders(_ text: String) -> Set<String> {
      Set(EnglishProse.matches(#"\{[a-zA-Z.]+\}"#, in: text))
    }
    for key in siteKeys(en) { #expect(placeholders(en(key)) == placeholders(zh(key)), "\(key)") }
    for page in SitePages.main.map(\.page) {
      #expect(en.has("site.page.\(page)") && zh.has("site.page.\(page)"), "site.page.\(page)")
      // The English titles are the ones the builders use.
      #expect(en("site.page.\(page)") == SitePages.main.first { $0.page == page }?.title)
    }
    #expect(zh("language.other") == "English" && en("language.other") == "中文")
  }
}

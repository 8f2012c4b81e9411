import Foundation
import LossAtlasResources
import Testing

@testable import LossAtlasReport

/// What a contributor can break in the strings tables (templates/strings/,
/// embedded at build time): anchors and aliases, a key or a placeholder in
/// one edition only, the missing-string marker inside an entry, a byte
/// order mark. Each is caught here or refused by the loader, never printed.
@Suite struct StringsHardeningTests {
  @Test("an anchor or an alias in a strings file is refused, naming the file (Yams would silently expand it)")
  func anchorsAndAliasesAreRefused() {
    for yaml in ["a: &x hi\nb: *x\n", "a: &x hi\n", "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n"] {
      #expect {
        try Strings.flatten(yaml: yaml, file: "t.yaml")
      } throws: { error in
        "\(error)".contains("t.yaml") && "\(error)".contains("anchors and aliases are not allowed")
      }
    }
  }

  @Test("a billion-laughs strings file is refused at its first anchor, at once (not expanded to 10^7 entries)")
  func billionLaughs() {
    var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for (name, previous) in zip("bcdefg", "abcdef") {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
    }
    let start = Date()
    #expect(throws: StringsError.self) { try Strings.flatten(yaml: yaml, file: "laughs.yaml") }
    // Expanded, the last list alone is 10^7 entries; refused, it is parsed once.
    #expect(Date().timeIntervalSince(start) < 5)
  }

  @Test("a byte order mark before the first key is not part of the key")
  func byteOrderMark() throws {
    let table = Dictionary(uniqueKeysWithValues: try Strings.flatten(yaml: "\u{FEFF}nav:\n  home: 首页\n", file: "bom.yaml"))
    #expect(table == ["nav.home": "首页"])
  }

  /// `{name}` placeholders: a name, not set notation like `{0, 1}`.
  static func placeholders(_ text: String) -> Set<String> {
    var out: Set<String> = []
    var rest = text[...]
    while let open = rest.firstIndex(of: "{") {
      let after = rest.index(after: open)
      guard let close = rest[after...].firstIndex(of: "}") else { break }
      let name = rest[after..<close]
      if let first = name.first, first.isASCII, first.isLetter,
        name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") })
      {
        out.insert(String(name))
      }
      rest = rest[after...]
    }
    return out
  }

  @Test("both editions have exactly the same keys, every entry with the same {placeholders} (a typo would print '{rnage}' on the page)")
  func editionsAreTwins() throws {
    let en = try Strings.edition(.en)
    let zh = try Strings.edition(.zh)
    let onlyEnglish = Set(en.table.keys).subtracting(zh.table.keys).sorted()
    let onlyChinese = Set(zh.table.keys).subtracting(en.table.keys).sorted()
    #expect(onlyEnglish.isEmpty, "keys only in English: \(onlyEnglish.prefix(20).map { "\($0) (\(en.origin[$0] ?? "?"))" })")
    #expect(onlyChinese.isEmpty, "keys only in Chinese: \(onlyChinese.prefix(20).map { "\($0) (\(zh.origin[$0] ?? "?"))" })")
    for (key, english) in en.table.sorted(by: { $0.key < $1.key }) {
      guard let chinese = zh.table[key] else { continue }
      // The methods page's English is composed in Swift with the code's
      // constants already in it (MethodsText), the Chinese fills the same
      // constants into {placeholders}: MethodsTextTests pins that each is
      // exactly the number the English prints.
      if en.origin[key] == MethodsText.sourceFile { continue }
      // English quotes the safety engine's own sentence ({explanation}),
      // Chinese words the cause from the culprit subexpression: pinned by
      // CLITextTests.tablesAreTwins.
      if key.hasPrefix("cli.safety.explanation.") { continue }
      #expect(
        Self.placeholders(english) == Self.placeholders(chinese),
        "\(key): English \(Self.placeholders(english).sorted()) (\(en.origin[key] ?? "?")), Chinese \(Self.placeholders(chinese).sorted()) (\(zh.origin[key] ?? "?"))"
      )
    }
  }

  @Test("the placeholder scan itself: names count, set notation and unclosed braces do not")
  func placeholderScan() {
    #expect(Self.placeholders("{range} and {torch.gelu.value} in {0, 1}, {x_1}") == ["range", "torch.gelu.value", "x_1"])
    #expect(Self.placeholders("{rnage} {") == ["rnage"])
    #expect(Self.placeholders("{{a}}") == ["a"])
  }

  @Test("no entry of either edition holds the missing-string marker ⟦ or ⟧ (the writer would refuse every page using it)")
  func noEntryHoldsTheMarker() throws {
    for language in Language.allCases {
      let strings = try Strings.edition(language)
      let bad = strings.table.filter { $0.value.contains("⟦") || $0.value.contains("⟧") }.keys.sorted()
      #expect(bad.isEmpty, "\(language.rawValue): \(bad.map { "\($0) (\(strings.origin[$0] ?? "?"))" })")
    }
  }

  @Test("no entry holds a control character other than a line break (a stray tab or NUL from a paste)")
  func noControlCharacters() throws {
    for language in Language.allCases {
      let strings = try Strings.edition(language)
      let bad = strings.table.filter { $0.value.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7f } }
      #expect(bad.isEmpty, "\(language.rawValue): \(bad.keys.sorted().map { "\($0) (\(strings.origin[$0] ?? "?"))" })")
    }
  }

  @Test("a glossary term's English is escaped where the first use inserts it: HTML entities on an HTML page, Markdown escapes on a Markdown page")
  func firstUseEscapesTheEnglish() {
    let terms = [FirstUse.Term(chinese: "交叉熵", english: "a<b & \"c\" *d*_e")]
    let html = FirstUse.html("<p>交叉熵很常见。</p>", terms: terms)
    #expect(html == "<p>交叉熵（<span lang=\"en\">a&lt;b &amp; &quot;c&quot; *d*_e</span>）很常见。</p>", "\(html)")
    let markdown = FirstUse.markdown("交叉熵很常见。", terms: terms)
    #expect(markdown == "交叉熵（a&lt;b & \"c\" \\*d\\*\\_e）很常见。", "\(markdown)")
  }

  @Test("the HTML templates of every edition insert text escaped: '{{{…}}}' (unescaped) only for the MathML LossAtlas builds")
  func htmlTemplatesEscapeText() throws {
    let allowed: Set<String> = ["mathml", "symbol.mathml"]
    let paths = ProjectFiles.paths(under: "templates/").filter { $0.contains("html/") && $0.hasSuffix(".mustache") }
    #expect(paths.count >= 20, "both editions' HTML templates: \(paths)")
    let regex = try NSRegularExpression(pattern: #"\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{&\s*([^}]*?)\s*\}\}"#)
    for path in paths {
      let text = try #require(ProjectFiles.text(path))
      let ns = text as NSString
      for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
        let group = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
        let name = ns.substring(with: group)
        #expect(allowed.contains(name), "\(path): '\(ns.substring(with: match.range))' inserts \(name) unescaped")
      }
    }
  }
}

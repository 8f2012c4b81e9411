import Testing

@testable import LossAtlasReport

/// The strings tables: loading, flattening and filling facts into sentences.
@Suite struct StringsTableTests {
  @Test func flattensNestedMappingsAndLists() throws {
    let entries = try Strings.flatten(yaml: "a:\n  b: one\n  c: [x, y]\nd: two\n", file: "t.yaml")
    let table = Dictionary(uniqueKeysWithValues: entries)
    #expect(table == ["a.b": "one", "a.c.0": "x", "a.c.1": "y", "d": "two"])
  }

  @Test func fillsNamedValuesAndLeavesOtherBraces() {
    let s = Strings.fill("{f} is {verdict} at {torch.gelu.accuracy.value_max_ulp}", ["f": "relu", "verdict": "convex"])
    #expect(s == "relu is convex at {torch.gelu.accuracy.value_max_ulp}")
    #expect(Strings.fill("{unclosed", ["unclosed": "x"]) == "{unclosed")
  }

  @Test func missingKeyIsMarked() {
    let strings = Strings(language: .en, table: [:])
    #expect(strings.text("no.such.key") == "⟦no.such.key⟧")
  }

  @Test func embeddedTablesLoadForEveryLanguage() throws {
    for language in Language.allCases {
      let strings = try Strings.embedded(language)
      #expect(strings.has("language.name"), "templates/strings/\(language.rawValue).yaml has language.name")
    }
    #expect(try Strings.embedded(.zh).text("language.name") == "中文")
  }

  @Test func scalarTopLevelIsRejected() {
    #expect(throws: StringsError.self) { try Strings.flatten(yaml: "just text", file: "t.yaml") }
  }
}

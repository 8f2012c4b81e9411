import ArgumentParser
import LossAtlasReport

/// `--lang en|zh` of `properties` and `check` (issue 13, item 6): the
/// language of the human-readable report only. Machine formats (JSON,
/// JUnit, GitHub annotations), exit statuses and error messages stay as
/// they are: they are read by scripts and logs.
struct LanguageOption: ParsableArguments {
  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp(
      "The language of the human-readable report: en (default) or zh (Chinese). It applies to that text only: JSON, JUnit and GitHub annotation output, exit statuses and error messages stay English.",
      valueName: "en|zh"),
    completion: .list(["en", "zh"]))
  var lang: String = "en"

  func validate() throws { _ = try language() }

  func language() throws -> Language {
    guard let language = Language(rawValue: lang) else {
      throw ValidationError("--lang '\(lang)' is not one of en, zh")
    }
    return language
  }

  /// The edition's words: the tables compiled into the binary.
  func strings() throws -> Strings {
    let language = try language()
    return language == .en ? Strings.english : try Strings.edition(language)
  }
}

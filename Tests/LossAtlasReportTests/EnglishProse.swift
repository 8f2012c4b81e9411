import Foundation
import LossAtlasCore
@testable import LossAtlasReport

/// Finds English sentences in the text of a Chinese page (issue 13, item 3:
/// "a test fails when a Chinese page contains an English sentence outside
/// formulas, code and names").
///
/// A sentence is a run of at least ``minimumWords`` Latin words in a row
/// (separated only by spaces, commas, hyphens or apostrophes), in prose:
/// what remains of the page after removing
/// - code (`<code>`, `<pre>`, Markdown code spans and fenced blocks), math
///   (`<math>`, `$…$`, `$$…$$`), scripts and styles, comments;
/// - elements marked `lang="en"` (reference citations, English names) and
///   the seed article's quotes (`<blockquote>`, Markdown `> ` lines: the
///   article's own words are Chinese, never translated, and not ours);
/// - link targets (`href`, `src`, Markdown `](…)`, `<https://…>`), tags and
///   attributes;
/// - words holding a digit (Float16, log1p), a dot (jax.nn, torch.nn.GELU)
///   or parentheses (framework API calls), which are identifiers;
/// - the allowed names: ``allowedPhrases`` (function names, framework names
///   and the glossary's English terms, each listed explicitly).
///
/// A formula's words (``formulaWords(inHTML:)``) are checked apart: any
/// Latin word in a formula's text (`\text{if }`, `<mtext>otherwise</mtext>`)
/// is English on a Chinese page, however short.
enum EnglishProse {
  static let minimumWords = 4

  /// Multi-word English names that may stand in Chinese prose: what a
  /// Chinese technical text writes in English too. Every entry is a name,
  /// never a sentence: the catalog's function names and aliases (a Chinese
  /// page may give a function's English name), the glossary's English terms
  /// (added in parentheses at a term's first use, ``FirstUse``) and
  /// ``explicitNames``. Longest first, so that a name
  /// inside a longer one does not leave the longer one's rest behind.
  static let allowedPhrases: [String] = (explicitNames + Catalog.all.flatMap { [$0.name] + $0.aliases }
    + ((try? Glossary.load()) ?? []).map(\.en))
    .sorted { ($0.count, $0) > ($1.count, $1) }

  static let allowedLowercased = allowedPhrases.map { $0.lowercased() }

  /// Names outside the catalog that are four English words or longer.
  static let explicitNames: [String] = [
    "Gaussian Error Linear Unit", "Scaled Exponential Linear Unit", "Rectified Linear Unit", "Exponential Linear Unit",
    "Sigmoid Linear Unit", "Gated Linear Unit", "IEEE Standard for Floating-Point Arithmetic",
  ]

  /// The English runs of an HTML page's prose.
  static func inHTML(_ html: String) -> [String] {
    var text = html
    for element in ["code", "pre", "math", "script", "style", "blockquote", "title"] {
      text = replace(#"<\#(element)\b[^>]*>.*?</\#(element)>"#, in: text, with: " ")
    }
    // Elements marked English (innermost first: nested spans are rare).
    for _ in 0..<3 {
      text = replace(#"<([a-z0-9]+)\b[^>]*\slang="en"[^>]*>[^<]*(?:<(?!/\1>)[^<]*)*</\1>"#, in: text, with: " ")
    }
    text = replace(#"<!--.*?-->"#, in: text, with: " ")
    text = replace(#"<[^>]*>"#, in: text, with: " ")
    text = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&#39;", with: "'")
    return runs(in: text)
  }

  /// The English runs of a Markdown page's prose.
  static func inMarkdown(_ markdown: String) -> [String] {
    var text = markdown
    text = replace(#"```.*?```"#, in: text, with: " ")
    text = replace(#"\$\$.*?\$\$"#, in: text, with: " ")
    text = replace(#"\$[^$\n]+\$"#, in: text, with: " ")
    text = replace(#"`[^`\n]*`"#, in: text, with: " ")
    text = replace(#"(?m)^>.*$"#, in: text, with: " ")
    // Inline HTML marked English (reference citations), as in inHTML.
    text = replace(#"<span\b[^>]*\slang="en"[^>]*>[^<]*</span>"#, in: text, with: " ")
    text = replace(#"\]\([^)]*\)"#, in: text, with: "] ")
    text = replace(#"<https?://[^>]*>"#, in: text, with: " ")
    text = replace(#"<[^>]*>"#, in: text, with: " ")
    return runs(in: text)
  }

  /// The Latin words in the text of an HTML page's formulas (`<mtext>`
  /// inside `<math>`: "if", "otherwise"), each occurrence. A formula's
  /// identifiers (`<mi>sign</mi>`) are names; its words are prose, and a
  /// Chinese formula writes them in Chinese (若 x > 0, 否则).
  static func formulaWords(inHTML html: String) -> [String] {
    var words: [String] = []
    for math in matches(#"(?s)<math\b.*?</math>"#, in: html) {
      for text in matches(#"(?s)<mtext\b[^>]*>.*?</mtext>"#, in: math) {
        let inner = replace(#"<[^>]*>|&#x?[0-9a-f]+;|&[a-z]+;"#, in: text, with: " ")
        words += matches("[A-Za-z]+", in: inner)
      }
    }
    return words
  }

  /// The Latin words in the text of a Markdown page's formulas (`\text{…}`
  /// inside `$…$` and `$$…$$`), each occurrence.
  static func formulaWords(inMarkdown markdown: String) -> [String] {
    var words: [String] = []
    for math in matches(#"(?s)\$\$.*?\$\$|\$[^$\n]+\$"#, in: markdown) {
      for text in matches(#"\\text\{[^}]*\}"#, in: math) {
        words += matches("[A-Za-z]+", in: String(text.dropFirst("\\text{".count).dropLast()))
      }
    }
    return words
  }

  /// Runs of at least ``minimumWords`` Latin words, less the allowed phrases.
  static func runs(in prose: String) -> [String] {
    var text = prose
    // A word: Latin letters, inner hyphens or apostrophes; a token holding a
    // digit, a dot between letters, an underscore or a parenthesis is an
    // identifier (blanked first so that it breaks a run).
    text = replace(#"[A-Za-z0-9_]*(?:[0-9_]|[A-Za-z]\.[A-Za-z]|\()[A-Za-z0-9_.()\[\],]*"#, in: text, with: " · ")
    let word = #"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*"#
    let pattern = "\(word)(?:[ ,;:]+\(word)){\(minimumWords - 1),}"
    // A run that is an allowed name (or part of one) is not a sentence.
    return matches(pattern, in: text).filter { run in
      let trimmed = run.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:")).lowercased()
      return !allowedLowercased.contains { $0.contains(trimmed) }
    }
  }

  static func replace(_ pattern: String, in text: String, with template: String) -> String {
    let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators, .caseInsensitive])
    return re.stringByReplacingMatches(
      in: text, range: NSRange(text.startIndex..., in: text), withTemplate: NSRegularExpression.escapedTemplate(for: template))
  }

  static func matches(_ pattern: String, in text: String) -> [String] {
    let re = try! NSRegularExpression(pattern: pattern)
    return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range, in: text).map { String(text[$0]) }
    }
  }
}

import Foundation
import LossAtlasAnalysis
import LossAtlasCore
@testable import LossAtlasReport
import TestSupport
import Testing

/// The manual's one number formatter, and the generated pages held to it.
@Suite struct ReadableTests {
  @Test("numbers: significant digits, real minus, superscript exponents, tiny and huge magnitudes")
  func numbers() {
    #expect(Readable.number(-0.16997114) == "−0.169971")
    #expect(Readable.number(745.1332191019412) == "745.133")
    #expect(Readable.number(5.551115123125783e-17) == "5.55112×10⁻¹⁷")
    #expect(Readable.number(1e-300) == "10⁻³⁰⁰")
    #expect(Readable.number(4.9406564584124654e-324, digits: 3) == "4.94×10⁻³²⁴")
    #expect(Readable.number(1.3407807929942597e154) == "1.34078×10¹⁵⁴")
    #expect(Readable.number(.greatestFiniteMagnitude, digits: 3) == "1.8×10³⁰⁸")
    #expect(Readable.number(0.0005) == "0.0005")
    #expect(Readable.number(9.9999999) == "10")
    #expect(Readable.number(-.infinity) == "−∞")
  }

  @Test("machine text made reader-facing: reals through the formatter, integers and identifiers kept, Cinf as C∞")
  func text() {
    #expect(
      Readable.text("holds on 1025 points: largest deviation 5.551115123125783e-17 (at z0 = -25.0, z1 = -24.0)")
        == "holds on 1025 points: largest deviation 5.55112×10⁻¹⁷ (at z0 = −25, z1 = −24)")
    #expect(Readable.text("Cinf; C1; Cinfinity") == "C∞; C1; Cinfinity")
    #expect(Readable.text("log1p(x) at x = 1e-300") == "log1p(x) at x = 10⁻³⁰⁰")
    #expect(Readable.text("1.0 (attained, on (-inf, -1)); [0.0, inf); info, infinite") == "1 (attained, on (−∞, −1)); [0, ∞); info, infinite")
  }

  @Test("counts and percentages")
  func countsAndPercent() {
    #expect(Readable.count(31744) == "31,744")
    #expect(Readable.count(512) == "512")
    #expect(Readable.percent(0.380188) == "38%")
    #expect(Readable.percent(0.999999) == "99.9%" || Readable.percent(0.999999) == "99.99%")
    #expect(Readable.percent(0.0000004) != "0%")
  }

  @Test("format inputs: powers of two named, Float16 by its shortest digits")
  func inputs() {
    #expect(FloatingPointText.input(0x1p53, .float64) == "2⁵³")
    #expect(FloatingPointText.input(0x1p53 + 2, .float64) == "(2⁵³ + 2)")
    #expect(FloatingPointText.input(0x1p24, .float32) == "2²⁴")
    #expect(FloatingPointText.input(3.447265625, .float16) == "3.447")
    #expect(FloatingPointText.input(6.23828125, .float16) == "6.238")
    #expect(FloatingPointText.input(-17.34375, .float16) == "−17.34375")
    #expect(FloatingPointText.input(32768, .float16) == "32768")
    #expect(FloatingPointText.input(3.0.nextDown, .float64) == "(3 − 1 ulp)")
    #expect(FloatingPointText.input(37.42994775023705, .float64) == "37.4299")
    #expect(FloatingPointText.input(2048, .float16) == "2048")
  }
}

extension ManualTests {
  /// The text of a generated page outside code (fenced blocks, inline code,
  /// <code> elements), formulas ($$ blocks and <math> elements, where the
  /// catalog's exact decimal constants such as selu's lambda belong) and
  /// URLs and image paths.
  static func prose(_ text: String) -> String {
    var out = ""
    var inFence = false
    var inMath = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        inFence.toggle()
        continue
      }
      if line == "$$" {
        inMath.toggle()
        continue
      }
      if inFence || inMath { continue }
      var l = String(line)
      for (open, close) in [
        ("`", "`"), ("<code>", "</code>"), ("<math", "</math>"), ("(figures/", ")"), ("src=\"", "\""), ("href=\"", "\""),
      ] {
        while let a = l.range(of: open), let b = l.range(of: close, range: a.upperBound..<l.endIndex) {
          l.removeSubrange(a.lowerBound..<b.upperBound)
        }
      }
      out += l + "\n"
    }
    return out
  }

  @Test("no page prints a raw 16-17 significant-digit number or ASCII Cinf outside code")
  func readerNumbers() throws {
    var offenders: [String] = []
    for f in Self.files where f.path.hasSuffix(".md") || f.path.hasSuffix(".html") {
      let text = Self.prose(String(decoding: f.bytes, as: UTF8.self))
      if text.contains("Cinf") { offenders.append("\(f.path): Cinf") }
      // A run of 15 or more digits (with at most one point among them): no
      // reader formatter prints one.
      var run = 0
      var token = ""
      for c in text {
        if c.isASCII && c.isNumber {
          run += 1
          token.append(c)
        } else if c == "." && run > 0 {
          token.append(c)
        } else {
          if run >= 15 { offenders.append("\(f.path): \(token)") }
          run = 0
          token = ""
        }
      }
    }
    #expect(offenders.isEmpty, Comment(rawValue: offenders.prefix(20).joined(separator: "\n")))
  }

  @Test("the precision tables: gelu's Float16 / Float32 value rounds to x from 3.447 / 5.3475156; huber's Float64 from 2⁵³ (in its view's variable ŷ); relu says exactly 0")
  func precisionTables() throws {
    let gelu = try #require(Self.text("markdown/gelu.md"))
    #expect(gelu.contains("| x → ∞ | value rounds to x | from x = 3.447 | from x = 5.3475156 |"))
    let huber = try #require(Self.text("markdown/huber.md"))
    #expect(huber.contains("from ŷ = 2⁵³"))
    let relu = try #require(Self.text("markdown/relu.md"))
    #expect(relu.contains("- value exactly 0 for x ≤ 0"))
    #expect(!relu.contains("0.006"))
    for id in ["bce", "mse", "gaussian-nll"] {
      let page = try #require(Self.text("markdown/\(id).md"))
      let section = page.components(separatedBy: "## Precision")[1].components(separatedBy: "## Conventions")[0]
      #expect(section.contains("| Float16 | Float32 | Float64 |") || section.contains("exactly"), "\(id)")
    }
  }

  @Test("errata A01 compares every catalog function's formula, f'' included, and says how many")
  func formulaEvidence() throws {
    let md = try #require(Self.text("markdown/errata.md"))
    #expect(md.contains("The printed formula of each of the \(Catalog.all.count) functions equals its implementation"))
  }
}

import Foundation
import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// What the side-by-side reading of the Chinese pages (issue 13) found the
/// builders writing in English on a Chinese page, pinned: the comparison
/// links under a function's figures, a measured flag, and the list of
/// measured versions.
@Suite struct ZhReadingTests {
  /// gelu's page links to the activations comparison: in Chinese under the
  /// navigation's Chinese title (templates/strings/zh/site.yaml), in English
  /// under the English one.
  @Test func comparisonLinksAreTitledInTheEditionsWords() throws {
    let zh = try Strings.edition(.zh)
    #expect(ComparisonPages.links(for: "gelu", strings: zh).map(\.title) == ["激活函数对比"])
    #expect(ComparisonPages.links(for: "gelu", strings: .english).map(\.title) == ["Activations compared"])
    // cross-entropy is on the cross-entropy comparison only.
    #expect(ComparisonPages.links(for: "cross-entropy", strings: zh).map(\.title) == ["交叉熵、poly-1、focal与InfoNCE对比"])
  }

  /// Keras's measured `default_apply_class_balancing: false` (data/frameworks/
  /// measurements.json) reads “no” in English and “否” in Chinese.
  @Test func aMeasuredFlagIsPhrasedPerEdition() throws {
    let m = try #require(try FrameworkMeasurements.embedded())
    let token = "{keras.binary_focal_crossentropy.alpha.default_apply_class_balancing}"
    #expect(try m.resolve(token, where: "t").hasPrefix("no (measured with Keras "))
    let zh = try Strings.edition(.zh)
    let chinese = try m.resolve(token, where: "t", strings: zh)
    #expect(chinese.hasPrefix("否（测量所用版本：Keras "), "\(chinese)")
  }

  /// The note under the conventions table lists the measured packages with
  /// the edition's list separator: “, ” in English, “、” in Chinese.
  @Test func measuredVersionsAreListedWithTheEditionsSeparator() throws {
    let m = try #require(try FrameworkMeasurements.embedded())
    let english = m.note(.english)
    let chinese = m.note(try Strings.edition(.zh))
    for name in ["PyTorch ", "torchvision ", "JAX ", "optax ", "Keras "] {
      #expect(english.contains(name) && chinese.contains(name), "\(name)")
    }
    #expect(english.contains(", torchvision "))
    #expect(chinese.contains("、torchvision ") && !chinese.contains(", torchvision "), "\(chinese)")
  }
}

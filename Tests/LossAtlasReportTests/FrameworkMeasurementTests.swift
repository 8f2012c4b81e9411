import Foundation
import LossAtlasCore
@testable import LossAtlasReport
import TestSupport
import Testing

/// Framework statements come from the committed measurements: placeholders
/// resolve with the reader formatter and the version measured, an
/// unresolvable one stops `generate` naming it, and no convention note
/// types a figure by hand.
@Suite struct FrameworkMeasurementTests {
  static func fixture() throws -> FrameworkMeasurements {
    try FrameworkMeasurements.parse(Fixtures.text("frameworks-measurements.json"), file: "fixture")
  }

  @Test("a placeholder resolves to the measured value, formatted, with the version measured")
  func resolves() throws {
    let m = try Self.fixture()
    let text = try m.resolve("backward gives 0 from x = {torch.sigmoid.grad-zero-from.x}", where: "sigmoid, PyTorch")
    #expect(text == "backward gives 0 from x = 36.7368 (measured with PyTorch 2.15.0)")
    let two = try m.resolve(
      "off by {torch.softplus.max-ulp.ulp} ulp; optax gives {optax.huber.kink.grad} ({optax.huber.kink.source})", where: "t")
    #expect(two == "off by 582043 ulp; optax gives 0 (optax/losses/_regression.py:120 in optax 0.2.8) (measured with PyTorch 2.15.0, optax 0.2.8)")
    #expect(try m.resolve("none", where: "t") == "none")
    #expect(try m.resolve("{torch.sigmoid.grad-zero-from.x|9}", where: "t") == "36.7368006 (measured with PyTorch 2.15.0)")
    #expect(throws: FrameworkMeasurements.Failure.self) { try m.resolve("{torch.sigmoid.grad-zero-from.x|40}", where: "t") }
  }

  @Test("an unresolvable placeholder is an error naming the text, the id and what the file has")
  func unresolvable() throws {
    let m = try Self.fixture()
    #expect(throws: FrameworkMeasurements.Failure.self) { try m.resolve("{torch.nothing.x}", where: "sigmoid, PyTorch convention") }
    do {
      _ = try m.resolve("{torch.sigmoid.grad-zero-from.y}", where: "sigmoid, PyTorch convention")
      Issue.record("expected a failure")
    } catch {
      #expect(error.description.contains("sigmoid, PyTorch convention"))
      #expect(error.description.contains("{torch.sigmoid.grad-zero-from.y}"))
      #expect(error.description.contains("exact, x"))
    }
  }

  @Test("a convention with a placeholder fails the page when nothing resolves it, and generate stops on it")
  func pageFails() throws {
    let real = try Catalog.function(named: "sigmoid")
    let spec = FunctionSpec(
      id: "sigmoid", name: real.name, family: real.family, summary: real.summary, arguments: real.arguments,
      differentiable: real.differentiable, evaluate: { _, _ in Evaluation(value: .scalar(0), gradient: []) },
      views: real.views, formula: real.formula, implementationNote: "",
      conventions: [FrameworkConvention(.pytorch, "torch.sigmoid(x)", "0 from x = {torch.missing.x}")],
      references: [])
    #expect(throws: FrameworkMeasurements.Failure.self) { try FunctionPageBuilder.conventions(spec, measurements: try Self.fixture()) }
    #expect(throws: FrameworkMeasurements.Failure.self) { try FunctionPageBuilder.conventions(spec, measurements: nil) }
    // generate with a measurements file that is not schema 1 stops before any analysis.
    var options = ManualOptions(templates: try TemplateSet.embedded())
    options.only = ["sigmoid"]
    options.frameworkMeasurements = #"{"schema": 2}"#
    do {
      _ = try ManualGenerator.generate(options, figures: { _, _, _ in [] })
      Issue.record("generate accepted a schema-2 file")
    } catch let e as ManualError {
      #expect(e.step == "framework measurements")
      #expect(e.reason.contains("schema"))
    }
  }

  @Test("malformed files are rejected with the reason")
  func malformed() {
    #expect(throws: FrameworkMeasurements.Failure.self) { try FrameworkMeasurements.parse("{", file: "x") }
    #expect(throws: FrameworkMeasurements.Failure.self) {
      try FrameworkMeasurements.parse(
        #"{"schema": 1, "command": "c", "measured_on": "d", "platform": "p", "versions": {}, "measurements": [{"id": "a", "framework": "torch", "function": "f", "call": "c", "what": "w", "values": {}}]}"#,
        file: "x")
    }
  }

  @Test("every placeholder in the catalog resolves against the embedded measurements, which the build embeds")
  func catalogPlaceholdersResolve() throws {
    let embedded = try #require(try FrameworkMeasurements.embedded())
    var placeholders = 0
    for spec in Catalog.all {
      #expect(throws: Never.self) { try FunctionPageBuilder.checkFrameworkTexts(spec, measurements: embedded) }
      placeholders += spec.conventions.reduce(0) { $0 + FrameworkMeasurements.placeholders(in: $1.note).count }
      placeholders += FrameworkMeasurements.placeholders(in: spec.implementationNote).count
    }
    #expect(placeholders > 100)
  }

  @Test("the real file: its placeholders resolve to the measured figures the issue names (5.8e5 ulp, Keras categorical hinge 0.5)")
  func realFile() throws {
    let m = try #require(try FrameworkMeasurements.embedded())
    #expect(try m.resolve("{torch.softplus.threshold.max_ulp_error}", where: "t") == "580163 (measured with PyTorch 2.15.0)")
    #expect(try m.resolve("{keras.categorical_hinge.vs-crammer-singer.value}", where: "t") == "0.5 (measured with Keras 3.15.1)")
    #expect(try m.resolve("{torchvision.sigmoid_focal_loss.nan-grad.nan_from_y1}", where: "t").hasSuffix("(measured with torchvision 0.29.2)"))
    #expect(try m.resolve("{jax.api.exists.jax.nn.celu} / {versions.optax} / {measured_on}", where: "t") == "yes / 0.2.8 / 2026-12-06 (measured with JAX 0.10.2)")
  }

  /// The convention notes with a digit that is neither in a placeholder nor
  /// listed as definitional.
  static func handTypedFigures() -> [String] {
    var out: [String] = []
    for spec in Catalog.all {
      for c in spec.conventions {
        var text = c.note
        for p in FrameworkMeasurements.placeholders(in: text).reversed() { text.removeSubrange(p.range) }
        // Longest first, so a definition inside a longer one is not cut short.
        for d in c.definitional.sorted(by: { $0.count > $1.count }) {
          if !text.contains(d) { out.append("\(spec.id) \(c.framework.rawValue): definitional '\(d)' is not in the note's text") }
          text = text.replacingOccurrences(of: d, with: "")
        }
        if text.contains(where: { $0.isNumber }) { out.append("\(spec.id) \(c.framework.rawValue): \(c.note)") }
      }
    }
    return out
  }

  /// polish17 item 5: a cited source reads "jax/_src/nn/functions.py:632 in
  /// jax 0.10.2"; the package and version there are typed by the measuring
  /// script, so each is checked against the measurement's own package (its
  /// id, or its framework: ``FrameworkMeasurements/Measurement/versionKey``)
  /// and the file's `versions`: no statement prints another package's version.
  @Test("every cited source names the package measured and its version from the file's versions, and its path starts in that package")
  func sourcesNameTheirOwnPackage() throws {
    let m = try #require(try FrameworkMeasurements.embedded())
    var cited = 0
    for (id, x) in m.measurements.sorted(by: { $0.key < $1.key }) {
      guard let source = x.source else { continue }
      cited += 1
      let version = try #require(m.versions.first { $0.key == x.versionKey }?.version, "\(id)")
      #expect(source.hasSuffix(" in \(x.versionKey) \(version)"), "\(id) (\(x.versionKey) \(version)): \(source)")
      #expect(source.hasPrefix(x.versionKey + "/"), "\(id) (\(x.versionKey)): \(source)")
    }
    // 10 jax, 13 keras, 2 optax, 2 torch and 1 torchvision sources in the file measured on 2026-12-06.
    #expect(cited >= 20, "\(cited)")
  }

  @Test("each catalog statement that cites a source ends with a note naming that source's package and version")
  func statementsNameTheSourcesPackage() throws {
    let m = try #require(try FrameworkMeasurements.embedded())
    var checked = 0
    for spec in Catalog.all {
      for c in spec.conventions {
        for p in FrameworkMeasurements.placeholders(in: c.note) where p.token.hasSuffix(".source") {
          let id = String(p.token.dropLast(".source".count))
          let x = try #require(m.measurements[id], "\(spec.id): \(p.token)")
          let text = try m.resolve(c.note, where: spec.id)
          let note = try #require(text.range(of: " (measured with ", options: .backwards), "\(spec.id): \(text)")
          #expect(text[note.upperBound...].contains(m.versionText(x.versionKey)), "\(spec.id): \(text)")
          checked += 1
        }
      }
    }
    #expect(checked >= 3, "\(checked)")
  }

  @Test("no convention note types a figure: every digit is a measured placeholder or marked definitional")
  func noHandTypedFigures() {
    let offenders = Self.handTypedFigures()
    #expect(offenders.isEmpty, Comment(rawValue: "\(offenders.count) notes:\n" + offenders.joined(separator: "\n")))
  }
}

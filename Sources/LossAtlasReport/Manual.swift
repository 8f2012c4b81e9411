import Foundation
import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
import LossAtlasResources
import LossAtlasVerification
import Mustache

/// The output formats of the manual.
public enum ManualFormat: String, Sendable, CaseIterable {
  case markdown, html
}

/// What `lossatlas generate` is asked to do.
public struct ManualOptions: Sendable {
  public var formats: [ManualFormat] = ManualFormat.allCases
  /// Restrict the function pages, figures and sweeps to these ids.
  public var only: [String]?
  public var templates: TemplateSet
  public var jobs: Int = 2
  public var tau: Double = 1e-2
  /// Interior samples per view, and for each function's primary view.
  public var samples: Int = 20_001
  public var primarySamples: Int = 1_000_001

  public init(templates: TemplateSet) {
    self.templates = templates
  }
}

/// A rendered figure: where it goes and its PNG bytes.
public struct RenderedFigure: Sendable {
  public let info: FigureInfo
  public let png: [UInt8]

  public init(info: FigureInfo, png: [UInt8]) {
    self.info = info
    self.png = png
  }
}

/// A step of the generator failed: the error names the step.
public struct ManualError: Error, Sendable, CustomStringConvertible {
  public let step: String
  public let reason: String
  public var description: String { "\(step): \(reason)" }
}

/// Generates the manual as a literal list of named steps over one context;
/// each step reports progress, and any error is tagged with its step's name.
/// Nothing is written here: the caller passes the files to ``OutputWriter``.
public enum ManualGenerator {
  public typealias FigureSource = @Sendable ([FunctionAnalysis], Int, @escaping @Sendable (Int, Int) -> Void) throws -> [RenderedFigure]

  public static func generate(
    _ options: ManualOptions, figures figureSource: FigureSource, progress: @escaping @Sendable (String) -> Void = { _ in }
  ) throws -> [OutputFile] {
    func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
      progress(name)
      do {
        return try body()
      } catch let e as ManualError {
        throw e
      } catch {
        throw ManualError(step: name, reason: "\(error)")
      }
    }

    let specs = try step("validate catalog and templates") { () -> [FunctionSpec] in
      let wanted = options.only.map(Set.init)
      if let wanted {
        for id in wanted.sorted() where !Catalog.ids.contains(id) {
          throw ManualError(step: "validate", reason: "--only: unknown function '\(id)'")
        }
      }
      for spec in Catalog.all where spec.formula == nil {
        throw ManualError(step: "validate", reason: "\(spec.id) has no formula")
      }
      return Catalog.all.filter { wanted?.contains($0.id) ?? true }
    }

    // The golden-vector accuracy, the errata's claims and the formula check
    // do not need the analyses: they run on one more thread beside the
    // analysis (which uses `jobs` threads), so neither waits for the other.
    let side = SideResults()
    let group = DispatchGroup()
    progress("accuracy against the golden vectors, errata claims (alongside the analysis)")
    DispatchQueue.global().async(group: group) {
      side.result = Result { try Self.sideWork(specs: specs, options: options) }
    }
    let analyses = try step("analyse \(specs.count) functions") {
      CatalogAnalysis.run(
        ids: specs.map(\.id), options: AnalysisOptions(samples: options.samples, saturationTau: options.tau),
        primarySamples: options.primarySamples, threads: options.jobs)
    }
    group.wait()
    let byID = Dictionary(uniqueKeysWithValues: analyses.map { ($0.id, $0) })
    for a in analyses where !a.failures.isEmpty {
      let f = a.failures[0]
      throw ManualError(
        step: "declared properties",
        reason: "\(f.coordinates): \(f.outcome.property) declared \(f.outcome.declared), computed \(f.outcome.computed) (run `lossatlas check`)")
    }
    guard let sideResult = side.result else { throw ManualError(step: "accuracy", reason: "did not run") }
    let (accuracy, claimResults, errataSources, formulaCheck) = try sideResult.get()
    let accuracyByID = Dictionary(uniqueKeysWithValues: accuracy.map { ($0.id, $0) })

    let rendered = try step("figures") {
      try figureSource(analyses, options.jobs) { done, total in
        progress("figures \(done)/\(total)")
      }
    }
    let infos = rendered.map(\.info)

    var files: [OutputFile] = []
    try step("pages and data") {
      var pages: [(name: String, template: String, model: Any)] = []
      pages.append(("index", "index", OverviewBuilders.index(analyses, accuracy: accuracyByID)))
      for spec in specs {
        guard let a = byID[spec.id] else { continue }
        pages.append((spec.id, "function", FunctionPageBuilder.build(spec, a, figures: infos, accuracy: accuracyByID[spec.id])))
      }
      pages.append(("compare-activations", "comparison", OverviewBuilders.activations(byID, figures: infos)))
      pages.append(
        (
          "compare-margin-losses", "comparison",
          OverviewBuilders.losses(
            page: "compare-margin-losses", title: "Margin losses compared", family: .marginLoss,
            intro: [
              "The margin losses as functions of the margin y·s (the view y = +1 in s). Zero at correct: attained when the loss reaches 0 for a large enough margin, limit when it only tends to 0."
            ], byID, figures: infos, figureKey: "compare-margin-losses")
        ))
      pages.append(
        (
          "compare-regression-losses", "comparison",
          OverviewBuilders.losses(
            page: "compare-regression-losses", title: "Regression losses compared", family: .regressionLoss,
            intro: [
              "The regression losses as functions of the residual r = ŷ − y (the view y = 0). The last column is the prediction that minimises the mean loss over the targets 0, 1, …, 9 and 30: the mean (6.818…) for mse, the median (5) for mae, and in between for the robust losses."
            ], byID, figures: infos, figureKey: "compare-regression-losses")
        ))
      pages.append(("gradient-depth", "comparison", OverviewBuilders.depth(byID, figures: infos)))
      pages.append(("methods", "methods", OverviewBuilders.methods(accuracy: accuracy, tau: options.tau)))
      let errata = try ErrataBuilder.build(errataSources, results: claimResults, figures: infos, formulaCheck: formulaCheck)
      pages.append(("errata", "errata", errata))

      // One parallel pass prepares everything rendering needs and the data
      // files: each model becomes dictionaries once, for both formats (see
      // MustacheTree); the templates are checked against the models' keys;
      // the data exports are formatted. A template error is thrown before
      // anything is rendered.
      let templates = options.templates
      let models = UncheckedBox(pages)
      let trees = SlotArray<UncheckedBox<Any>>(count: pages.count)
      let validation = SlotArray<Result<Void, Error>>(count: 1)
      let data = SlotArray<OutputFile>(count: 2 + specs.count)
      let pageCount = pages.count
      let prepareJobs = 1 + pageCount + data.count
      parallelFor(prepareJobs, threads: options.jobs) { k in
        switch k {
        case 0:
          validation.set(0, Result {
            var keys = Set<String>()
            for p in models.value { keys.formUnion(mirrorKeys(p.model)) }
            for sample in modelKeySamples() { keys.formUnion(mirrorKeys(sample)) }
            try templates.validate(knownKeys: keys)
          })
        case 1...pageCount:
          trees.set(k - 1, UncheckedBox(MustacheTree.make(models.value[k - 1].model)))
        default:
          let d = k - 1 - pageCount
          switch d {
          case 0: data.set(d, DataExport.catalog(specs))
          case 1: data.set(d, DataExport.properties(analyses, tau: options.tau))
          default: data.set(d, DataExport.sweep(specs[d - 2]))
          }
        }
      }
      try validation.values[0].get()
      files += data.values

      // Render every (format, page) pair on the threads; files are
      // collected in a fixed order.
      let jobs = options.formats.flatMap { format in pages.indices.map { (format, $0) } }
      let slots = SlotArray<Result<OutputFile, Error>>(count: jobs.count)
      let tree = trees.values
      parallelFor(jobs.count, threads: options.jobs) { k in
        let (format, index) = jobs[k]
        let p = models.value[index]
        let folder = format.rawValue
        let ext = format == .markdown ? "md" : "html"
        slots.set(k, Result { OutputFile(path: "\(folder)/\(p.name).\(ext)", text: Self.tidy(try templates.render(tree[index].value, format: folder, name: p.template))) })
      }
      for r in slots.values { files.append(try r.get()) }
      for format in options.formats {
        let folder = format.rawValue
        for f in rendered {
          files.append(OutputFile(path: "\(folder)/\(f.info.file)", bytes: f.png))
        }
        if format == .html {
          for (name, text) in options.templates.assets.sorted(by: { $0.key < $1.key }) where name.hasPrefix("html/") {
            files.append(OutputFile(path: name, text: text))
          }
        }
      }
    }

    return files.sorted { $0.path < $1.path }
  }

  /// The work that needs no analysis: accuracy against the golden vectors,
  /// the errata's claims, the formula check (one thread).
  static func sideWork(
    specs: [FunctionSpec], options: ManualOptions
  ) throws -> ([AccuracySummary], [ClaimResult], [ErrataSource], FormulaCheck) {
    guard let text = ProjectFiles.text("Tests/TestSupport/Fixtures/oracle-public.jsonl") else {
      throw ManualError(step: "accuracy", reason: "the golden vectors are not embedded in this build")
    }
    let lines: [GoldenLine]
    do {
      lines = try GoldenVectors.parse(text)
    } catch {
      throw ManualError(step: "accuracy", reason: "\(error)")
    }
    let accuracy = specs.map { GoldenVectors.summarize(lines, id: $0.id) }

    guard let yaml = ProjectFiles.text("claims/article.yaml") else {
      throw ManualError(step: "errata", reason: "claims/article.yaml is not embedded in this build")
    }
    let results: [ClaimResult]
    let sources: [ErrataSource]
    do {
      let claims = try ClaimFile.parse(yaml, file: "claims/article.yaml")
      results = try ClaimEvaluator(options: AnalysisOptions(samples: options.samples, saturationTau: options.tau))
        .evaluate(claims, threads: 1)
      sources = try ErrataBuilder.parse(yaml, file: "claims/article.yaml")
    } catch {
      throw ManualError(step: "errata", reason: "\(error)")
    }
    if let wrong = results.first(where: { !$0.passes }) {
      throw ManualError(
        step: "errata", reason: "claim '\(wrong.claim.id)' got verdict \(wrong.holds), the file expects \(wrong.claim.verdict)")
    }
    return (accuracy, results, sources, FormulaCheck.run())
  }

  /// Collapses runs of blank lines left by template sections and ends the
  /// file with one newline.
  static func tidy(_ text: String) -> String {
    var out: [Substring] = []
    var blank = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
      blank = isBlank ? blank + 1 : 0
      if blank > 1 { continue }
      out.append(isBlank ? "" : line)
    }
    while out.last == "" { out.removeLast() }
    return out.joined(separator: "\n") + "\n"
  }
}

/// Page models hold `Any` (the templates render them by reflection); they
/// are immutable once built, so reading them from several threads is safe.
struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// The side work's result, written by its thread before the group is left.
final class SideResults: @unchecked Sendable {
  var result: Result<([AccuracySummary], [ClaimResult], [ErrataSource], FormulaCheck), Error>?
}

/// Write-once slots for results computed on several threads.
final class SlotArray<T>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  var count: Int { lock.withLock { slots.count } }

  func set(_ i: Int, _ v: T) { lock.withLock { slots[i] = v } }

  var values: [T] { lock.withLock { slots.map { $0! } } }
}

/// Escapes text for Markdown (GitHub-flavoured): characters that would
/// start formatting or break a table cell.
struct MarkdownContentType: MustacheContentType {
  func escapeText(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "\\", "`", "*", "_", "[", "]", "|", "#": out.append("\\"); out.append(c)
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\n": out += " "
      default: out.append(c)
      }
    }
    return out
  }
}

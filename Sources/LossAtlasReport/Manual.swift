import Foundation
import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
import LossAtlasParallel
import LossAtlasResources
import LossAtlasVerification
import Mustache

/// The output formats of the manual.
public enum ManualFormat: String, Sendable, CaseIterable {
  case markdown, html

  /// The pages' file extension.
  public var fileExtension: String { self == .markdown ? "md" : "html" }
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
  /// The framework measurements (JSON text of data/frameworks/measurements.json);
  /// nil reads the file embedded in the build (if any).
  public var frameworkMeasurements: String?
  /// The finite network that checks the gradient-gain model (width 256,
  /// depth 50, six seeds).
  public var gainSimulation: GainSimulation.Settings = .standard
  /// User functions (`--functions FILE`, issue 11): each gets a full page,
  /// marked user-defined, and a row in the index's "Your functions".
  public var userFunctions: [UserFunctionDefinition] = []
  /// The editions to write (issue 13): English in `markdown/` and `html/`,
  /// Chinese in `zh/markdown/` and `zh/html/`. Every fact is computed once
  /// for all of them.
  public var languages: [Language] = [.en]
  /// The templates of the editions other than English; an edition missing
  /// here uses its templates compiled into the binary (`templates/zh/`).
  public var localizedTemplates: [Language: TemplateSet] = [:]

  /// The templates of `language`'s edition.
  func templates(for language: Language) throws -> TemplateSet {
    if language == .en { return templates }
    return try localizedTemplates[language] ?? TemplateSet.embedded(language)
  }

  public init(templates: TemplateSet) {
    self.templates = templates
  }
}

/// A step of the generator failed: the error names the step.
public struct ManualError: Error, Sendable, CustomStringConvertible {
  public let step: String
  public let reason: String
  public var description: String { "\(step): \(reason)" }
}

/// Generates the manual as a literal list of named steps; each step reports
/// progress, and any error is tagged with its step's name. Nothing is
/// written here: the caller passes the files to ``OutputWriter``.
public enum ManualGenerator {
  /// Builds the manual's figures (not yet rendered) from the analyses, on
  /// the given number of threads, worded in the given edition's strings
  /// (titles, axis labels, legends, captions, alt texts).
  public typealias FigureSource = @Sendable ([FunctionAnalysis], Int, Strings) throws -> [ManualFigure]

  /// The manual's files, sorted by path. The steps, in order:
  /// select the functions, load the framework measurements, verify (golden
  /// vectors, errata claims, formula check: on one more thread, alongside)
  /// and analyse, check the user functions' numerical safety, check the
  /// declared properties, build the figures, build the page models, then
  /// render figures and pages and export the data in one parallel pass.
  public static func generate(
    _ options: ManualOptions, figures figureSource: FigureSource, progress: @escaping @Sendable (String) -> Void = { _ in }
  ) throws -> [OutputFile] {
    let run = StepRunner(progress: progress)
    let specs = try run.step("validate catalog and templates") { try selectFunctions(options) }
    let measurements = try run.step("framework measurements") { try loadMeasurements(options, specs: specs) }
    progress("accuracy against the golden vectors, errata claims (alongside the analysis)")
    let verification = VerificationTask(specs: specs, options: options)
    let analyses = try run.step("analyse \(specs.count) functions") { analyse(specs, options) }
    let safety = try run.step("numerical safety of \(options.userFunctions.count) user functions") {
      safetyReports(options)
    }
    verification.wait()
    try checkDeclaredProperties(analyses)
    let verified = try verification.result()
    let editions = try run.step("editions \(options.languages.map(\.rawValue).joined(separator: ", "))") {
      try setUpEditions(options)
    }
    // Each edition's figures in its own words: the same curves and facts,
    // drawn once per language.
    let figures = try run.step("build figures") {
      try editions.map { try buildFigures(analyses, options, figureSource, strings: $0.strings) }
    }
    let glossary = try run.step("glossary") { try Glossary.load().map { GlossaryRow(zh: $0.zh, en: $0.en, symbol: $0.symbol, gloss: $0.gloss) } }
    return try run.step("figures, pages and data") {
      // Every edition's pages from the same facts: the builders only phrase.
      let sites = try editions.indices.map { e in
        let edition = editions[e]
        return try buildPages(
          specs: specs, analyses: analyses, figures: figures[e].map(\.info), verified: verified, measurements: measurements,
          safety: safety, options: options, strings: edition.strings, glossary: glossary)
      }
      let rendered = try renderAndExport(
        figures: figures, editions: editions, pages: sites.map(\.pages), specs: specs, analyses: analyses,
        measurements: measurements, options: options, firstUse: GlossaryPage.firstUseTerms(glossary), progress: progress)
      return assemble(rendered, figures: figures, editions: editions, searches: sites.map(\.search), options: options)
        .sorted { $0.path < $1.path }
    }
  }

  /// The editions of the run, in language order: each language's words
  /// (``Strings/edition(_:)``) and templates, checked before any page is
  /// built (a missing Chinese template stops the run here).
  static func setUpEditions(_ options: ManualOptions) throws -> [EditionSetup] {
    let languages = Array(Set(options.languages)).sorted()
    return try languages.map { language in
      EditionSetup(
        language: language, strings: try Strings.edition(language), templates: try options.templates(for: language),
        other: languages.first { $0 != language })
    }
  }

  /// The editions a run writing only `languages` removed: those, not
  /// written by the run, that some of the `deleted` pages (paths in the
  /// output folder, ``OutputReport/deleted``; a data file is not a page:
  /// `--lang zh` writes the data in `html/data/` too) belonged to. An edition left
  /// from an earlier run is deleted like any other stale file of
  /// LossAtlas's, since it would link to pages and data this run removed
  /// (`--lang en --only relu` after `--lang all`); `generate` says so.
  public static func editionsRemoved(_ deleted: [String], writing languages: [Language]) -> [Language] {
    let pages = deleted.filter { $0.hasSuffix(".md") || $0.hasSuffix(".html") }
    let removed = Set(pages.map(Language.edition(of:)))
    return Language.allCases.filter { removed.contains($0) && !languages.contains($0) }
  }

  // MARK: - Steps

  /// Runs named steps: reports each name as progress, and tags any error
  /// that is not already a ``ManualError`` with the step's name.
  struct StepRunner {
    let progress: @Sendable (String) -> Void

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
  }

  /// The functions to page, in catalog order: the catalog (or the ids of
  /// `--only`, each of which must exist), then every user function
  /// (always paged: they are what `--functions` asked for).
  static func selectFunctions(_ options: ManualOptions) throws -> [FunctionSpec] {
    let wanted = options.only.map(Set.init)
    let userIDs = options.userFunctions.map(\.id)
    if let wanted {
      for id in wanted.sorted() where !Catalog.ids.contains(id) && !userIDs.contains(id) {
        throw ManualError(step: "validate", reason: "--only: unknown function '\(id)'")
      }
    }
    return Catalog.all.filter { wanted?.contains($0.id) ?? true } + options.userFunctions.map(\.spec)
  }

  /// The framework measurements (given, or embedded in the build). Every
  /// framework statement's placeholders must resolve before anything is
  /// analysed: a convention that cites a measurement the committed file
  /// lacks stops the run, naming both.
  static func loadMeasurements(_ options: ManualOptions, specs: [FunctionSpec]) throws -> FrameworkMeasurements? {
    do {
      let m = try options.frameworkMeasurements.map { try FrameworkMeasurements.parse($0) }
        ?? FrameworkMeasurements.embedded()
      for spec in specs { try FunctionPageBuilder.checkFrameworkTexts(spec, measurements: m) }
      return m
    } catch {
      throw ManualError(step: "framework measurements", reason: "\(error)")
    }
  }

  /// The property analysis of every function, on `options.jobs` threads.
  static func analyse(_ specs: [FunctionSpec], _ options: ManualOptions) -> [FunctionAnalysis] {
    CatalogAnalysis.run(
      ids: specs.map(\.id),
      options: AnalysisOptions(samples: options.samples, saturationTau: options.tau, gainSimulation: options.gainSimulation),
      primarySamples: options.primarySamples, threads: options.jobs, catalog: specs)
  }

  /// The numerical safety of each user formula as written (issue 11, item 3),
  /// by id.
  static func safetyReports(_ options: ManualOptions) -> [String: SafetyReport] {
    let slots = Slots<SafetyReport?>(count: options.userFunctions.count)
    parallelFor(options.userFunctions.count, threads: options.jobs) { i in slots.set(i, options.userFunctions[i].safetyReport()) }
    return Dictionary(uniqueKeysWithValues: zip(options.userFunctions.map(\.id), slots.values.map { $0! }))
  }

  /// Stops the run at the first function whose declared properties the
  /// analysis contradicts (`lossatlas check` lists them all).
  static func checkDeclaredProperties(_ analyses: [FunctionAnalysis]) throws {
    for a in analyses where !a.failures.isEmpty {
      let f = a.failures[0]
      throw ManualError(
        step: "declared properties",
        reason: "\(f.coordinates): \(f.outcome.property) declared \(f.outcome.declared), computed \(f.outcome.computed) (run `lossatlas check`)")
    }
  }

  /// The figures (not yet rendered): the catalog's from `figureSource`,
  /// then each user function's own (f, f' and f'' of its view).
  static func buildFigures(
    _ analyses: [FunctionAnalysis], _ options: ManualOptions, _ figureSource: FigureSource, strings: Strings
  ) throws -> [ManualFigure] {
    let userIDs = Set(options.userFunctions.map(\.id))
    var all = try figureSource(analyses.filter { !userIDs.contains($0.id) }, options.jobs, strings)
    for d in options.userFunctions {
      guard let a = analyses.first(where: { $0.id == d.id }) else { continue }
      all.append(try ManualFigures.function(d.spec, a, strings: strings))
    }
    return all
  }

  /// A page to render: its file name (without extension), its template and
  /// its model.
  typealias PageJob = (name: String, template: String, model: Any)

  /// The page models of one edition (index, one page per function,
  /// comparisons, glossary, methods, errata) in their output order, and the
  /// search index built from them. `strings` is the edition's words.
  static func buildPages(
    specs: [FunctionSpec], analyses: [FunctionAnalysis], figures infos: [FigureInfo], verified: Verified,
    measurements: FrameworkMeasurements?, safety: [String: SafetyReport], options: ManualOptions, strings: Strings,
    glossary: [GlossaryRow]
  ) throws -> (pages: [PageJob], search: [SearchIndex.Entry]) {
    let userIDs = Set(options.userFunctions.map(\.id))
    let catalogAnalyses = analyses.filter { !userIDs.contains($0.id) }
    let byID = Dictionary(uniqueKeysWithValues: analyses.map { ($0.id, $0) })
    let accuracyByID = Dictionary(uniqueKeysWithValues: verified.accuracy.map { ($0.id, $0) })
    var pages: [PageJob] = []
    var index = OverviewBuilders.index(catalogAnalyses, accuracy: accuracyByID, strings: strings)
    index.userFunctions = UserFunctionPages.rows(options.userFunctions, safety: safety, strings: strings)
    index.hasUserFunctions = !options.userFunctions.isEmpty
    index.pages = Array(SitePages.main(strings).dropFirst())
    pages.append(("index", "index", index))
    for spec in specs {
      guard let a = byID[spec.id] else { continue }
      var page = try FunctionPageBuilder.build(
        spec, a, figures: infos, accuracy: accuracyByID[spec.id], measurements: measurements, strings: strings)
      page.comparisons = ComparisonPages.links(for: spec.id, strings: strings)
      page.hasComparisons = !page.comparisons.isEmpty
      if let d = options.userFunctions.first(where: { $0.id == spec.id }), let report = safety[spec.id] {
        page.userDefined = UserFunctionPages.section(d, safety: report, strings: strings)
        page.family = strings("page.userFunction.family", ["family": d.family.rawValue])
      }
      pages.append((spec.id, "function", page))
    }
    pages.append(("compare-activations", "comparison", OverviewBuilders.activations(byID, figures: infos, strings: strings)))
    pages.append(
      (
        "compare-margin-losses", "comparison",
        OverviewBuilders.losses(
          page: "compare-margin-losses", title: strings("page.compare.margin.title"), family: .marginLoss,
          intro: [strings("page.compare.margin.intro")], byID, figures: infos, figureKey: "compare-margin-losses",
          strings: strings)
      ))
    pages.append(
      (
        "compare-regression-losses", "comparison",
        OverviewBuilders.losses(
          page: "compare-regression-losses", title: strings("page.compare.regression.title"), family: .regressionLoss,
          intro: [strings("page.compare.regression.intro")], byID, figures: infos, figureKey: "compare-regression-losses",
          strings: strings)
      ))
    pages.append((ShrinkComparison.page, "comparison", ShrinkComparison.build(byID, figures: infos, strings: strings)))
    pages.append((GLUComparison.page, "comparison", GLUComparison.build(byID, figures: infos, strings: strings)))
    pages.append((SoftmaxSparsemaxComparison.page, "comparison", SoftmaxSparsemaxComparison.build(byID, figures: infos, strings: strings)))
    pages.append((CrossEntropyComparison.page, "comparison", CrossEntropyComparison.build(figures: infos, strings: strings)))
    pages.append(("gradient-depth", "comparison", OverviewBuilders.depth(byID, figures: infos, strings: strings)))
    pages.append(("glossary", "glossary", GlossaryPage.build(glossary, strings: strings)))
    let methods = OverviewBuilders.methods(
      accuracy: verified.accuracy, tau: options.tau, analyses: catalogAnalyses, strings: strings)
    pages.append(("methods", "methods", methods))
    let errata = try ErrataBuilder.build(
      verified.errataSources, results: verified.claimResults, figures: infos, formulaCheck: verified.formulaCheck,
      functionPages: Set(specs.map(\.id)), strings: strings)
    pages.append(("errata", "errata", errata))
    let search = SearchIndex.entries(
      functions: specs, properties: methods.properties, pages: SitePages.main(strings), errata: errata.summary,
      strings: strings)
    return (pages, search)
  }

  /// What the parallel pass produced: each figure's PNG (and SVGs), the
  /// pages' files of every edition in edition and page order, the data exports.
  struct Rendered {
    /// Per edition, in the order of its figures.
    var figures: [[FigureFiles]]
    var pages: [OutputFile]
    var data: [OutputFile]
  }

  /// One parallel pass does the rest, heaviest jobs first: render each
  /// figure; turn each page's model into dictionaries (see MustacheTree)
  /// and render it in every format of its edition; check each edition's
  /// templates against its models' keys; format the data exports. Figures and pages share the
  /// pool so that the cores stay busy while a figure waits for libgd's
  /// FreeType lock. Results land in slots, so the order of work does
  /// not change the output.
  static func renderAndExport(
    figures: [[ManualFigure]], editions: [EditionSetup], pages: [[PageJob]], specs: [FunctionSpec],
    analyses: [FunctionAnalysis], measurements: FrameworkMeasurements?, options: ManualOptions,
    firstUse: [FirstUse.Term], progress: @escaping @Sendable (String) -> Void
  ) throws -> Rendered {
    let models = UncheckedBox(pages)
    let formats = options.formats
    enum Job {
      case figure(Int, Int), page(Int, Int), validate(Int), data(Int)
    }
    func weight(_ job: Job) -> Int {
      switch job {
      case .figure(let e, let i):
        switch figures[e][i].kind {
        case .comparison, .depth: return 10
        case .family: return 8
        case .function, .surface: return 3
        case .precision: return 2
        }
      case .page, .validate: return 4
      case .data(let d): return d < 2 ? 4 : 1
      }
    }
    let pageJobs = editions.indices.flatMap { e in pages[e].indices.map { Job.page(e, $0) } }
    let jobs: [Job] =
      editions.indices.flatMap { e in figures[e].indices.map { Job.figure(e, $0) } } + pageJobs + editions.indices.map { Job.validate($0) }
      + (0..<(2 + specs.count)).map { Job.data($0) }
    let order = jobs.indices.sorted { (weight(jobs[$0]), $1) > (weight(jobs[$1]), $0) }
    let pngs = editions.indices.map { Slots<Result<FigureFiles, Error>>(count: figures[$0].count) }
    let figureCount = figures.reduce(0) { $0 + $1.count }
    let pageFiles = editions.indices.map { Slots<Result<[OutputFile], Error>>(count: pages[$0].count) }
    let validation = Slots<Result<Void, Error>>(count: editions.count)
    let data = Slots<OutputFile>(count: 2 + specs.count)
    let figuresDone = AtomicCounter()
    let renderer = ChartRenderer()
    parallelFor(order.count, threads: options.jobs) { k in
      switch jobs[order[k]] {
      case .figure(let e, let i):
        pngs[e].set(i, Result { try FigureFiles(figures[e][i], svg: formats.contains(.html), renderer: renderer) })
        progress("figures \(figuresDone.next() + 1)/\(figureCount)")
      case .page(let e, let i):
        let page = models.value[e][i]
        pageFiles[e].set(i, Result { try Self.render(page, edition: editions[e], formats: formats, firstUse: firstUse) })
      case .validate(let e):
        validation.set(e, Result { try Self.checkTemplates(editions[e].templates, models: models.value[e].map(\.model)) })
      case .data(let d):
        switch d {
        case 0: data.set(d, DataExport.catalog(specs, measurements: measurements))
        case 1: data.set(d, DataExport.properties(analyses, tau: options.tau))
        default: data.set(d, DataExport.sweep(specs[d - 2]))
        }
      }
    }
    for v in validation.values { try v.get() }
    var pageOutput: [OutputFile] = []
    for slots in pageFiles { for r in slots.values { pageOutput += try r.get() } }
    let png = try pngs.map { try $0.values.map { try $0.get() } }
    // The comparison tables as data: one copy, the English edition's when it is written.
    let dataEdition = editions.firstIndex { $0.language == .en } ?? 0
    let comparisons = DataExport.comparisons(
      pages.indices.contains(dataEdition) ? pages[dataEdition].compactMap { $0.model as? ComparisonPage } : [])
    return Rendered(figures: png, pages: pageOutput, data: data.values + [comparisons])
  }

  /// Every file of the manual (unsorted): the data exports (one copy, in
  /// `html/data/`: numbers and identifiers, the same for every edition,
  /// which every edition's pages link to), the pages, then per edition and
  /// format each figure (the HTML folder also gets its SVGs), and in the
  /// HTML folder the edition's assets and its search index.
  static func assemble(
    _ rendered: Rendered, figures: [[ManualFigure]], editions: [EditionSetup], searches: [[SearchIndex.Entry]],
    options: ManualOptions
  ) -> [OutputFile] {
    var files = rendered.data + rendered.pages
    for (e, (edition, search)) in zip(editions, searches).enumerated() {
      let root = edition.language.outputPrefix.isEmpty ? "" : edition.language.outputPrefix + "/"
      for format in options.formats {
        let folder = root + format.rawValue
        for (figure, output) in zip(figures[e], rendered.figures[e]) {
          files.append(OutputFile(path: "\(folder)/\(figure.path)", bytes: output.png))
          if format == .html, let svg = output.svg, let narrow = output.narrowSVG {
            files.append(OutputFile(path: "\(folder)/\(figure.svgPath)", text: svg))
            files.append(OutputFile(path: "\(folder)/\(figure.narrowSVGPath)", text: narrow))
          }
        }
        if format == .html {
          for (name, text) in edition.templates.assets.sorted(by: { $0.key < $1.key }) where name.hasPrefix("html/") {
            files.append(OutputFile(path: root + name, text: text))
          }
          files.append(OutputFile(path: root + SearchIndex.path, text: SearchIndex.script(search)))
        }
      }
    }
    return files
  }

  /// One page of one edition in every format: its model as a tree, the
  /// site's frame (navigation, footer, language switch) in the edition's
  /// words, rendered with the edition's templates into the edition's folders.
  ///
  /// On a non-English page other than the glossary, the first use of each
  /// glossary term in prose gets its English in parentheses (``FirstUse``).
  static func render(
    _ page: PageJob, edition: EditionSetup, formats: [ManualFormat], firstUse: [FirstUse.Term] = []
  ) throws -> [OutputFile] {
    let gloss = edition.language != .en && page.name != "glossary" && !firstUse.isEmpty
    let root = edition.language.outputPrefix.isEmpty ? "" : edition.language.outputPrefix + "/"
    let built = Mirror(reflecting: page.model).children.first { $0.label == "site" }?.value as? Site
    // The page's title (<title>): the builder's; in another edition the
    // navigation's title of the page, or the function's translated name.
    var title = built?.pageTitle ?? page.name
    if edition.language != .en {
      for key in ["site.page.\(page.name)", "function.\(page.name).name"] where edition.strings.has(key) {
        title = edition.strings(key)
        break
      }
    }
    let site = SitePages.site(current: page.name, title: title, strings: edition.strings, switchTo: edition.other)
    let tree = MustacheTree.make(page.model, replacing: ["site": site])
    return try formats.flatMap { format -> [OutputFile] in
      let folder = format.rawValue
      var text = try edition.templates.render(tree, format: folder, name: page.template)
      if format == .html { text = PageOutline.apply(text) }
      if gloss { text = format == .html ? FirstUse.html(text, terms: firstUse) : FirstUse.markdown(text, terms: firstUse) }
      if edition.language != .en { text = AdjacentParentheses.merge(text) }
      let file = OutputFile(path: "\(root)\(folder)/\(page.name).\(format.fileExtension)", bytes: Self.tidyBytes(text))
      // GitHub shows a folder's README.md below its file list: the
      // Markdown folder's is its front page (the same bytes as index.md).
      guard format == .markdown, page.name == "index" else { return [file] }
      return [file, OutputFile(path: "\(root)\(folder)/README.md", bytes: file.bytes)]
    }
  }

  // MARK: - Verification (alongside the analysis)

  /// The results of the work that needs no analysis.
  struct Verified {
    var accuracy: [AccuracySummary]
    var claimResults: [ClaimResult]
    var errataSources: [ErrataSource]
    var formulaCheck: FormulaCheck
  }

  /// The golden-vector accuracy, the errata's claims and the formula check
  /// do not need the analyses: they run on one more thread beside the
  /// analysis (which uses `jobs` threads), so neither waits for the other.
  final class VerificationTask: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written by its thread before the group is left.
    private var outcome: Result<Verified, Error>?

    /// Starts the work.
    init(specs: [FunctionSpec], options: ManualOptions) {
      DispatchQueue.global().async(group: group) {
        self.outcome = Result { try ManualGenerator.verify(specs: specs, options: options) }
      }
    }

    /// Waits until the work is done.
    func wait() { group.wait() }

    /// The work's result (call after ``wait()``), or its error.
    func result() throws -> Verified {
      guard let outcome else { throw ManualError(step: "accuracy", reason: "did not run") }
      return try outcome.get()
    }
  }

  /// The work that needs no analysis: accuracy against the golden vectors,
  /// the errata's claims, the formula check (one thread).
  static func verify(specs: [FunctionSpec], options: ManualOptions) throws -> Verified {
    var lines: [GoldenLine] = []
    for path in GoldenVectors.shippedFiles {
      guard let text = ProjectFiles.text(path) else {
        throw ManualError(step: "accuracy", reason: "the golden vectors \(path) are not embedded in this build")
      }
      do {
        lines += try GoldenVectors.parse(text)
      } catch {
        throw ManualError(step: "accuracy", reason: "\(path): \(error)")
      }
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
    return Verified(accuracy: accuracy, claimResults: results, errataSources: sources, formulaCheck: FormulaCheck.run(lines: lines))
  }

  /// Collapses runs of blank lines left by template sections and ends the
  /// file with one newline.
  static func tidy(_ text: String) -> String {
    String(decoding: tidyBytes(text), as: UTF8.self)
  }

  /// ``tidy(_:)`` as the file's bytes, worked out in UTF-8 (splitting the
  /// text into `Substring` lines and comparing characters cost as much as
  /// rendering the page's template). The same lines as a split of the
  /// text's characters at "\n": a "\n" after "\r" is part of the one
  /// character "\r\n", not a line break; a line is blank when it holds
  /// only spaces and tabs (a space carrying a combining mark is not a
  /// space, and its bytes are not all spaces either).
  static func tidyBytes(_ text: String) -> [UInt8] {
    var text = text
    return text.withUTF8 { bytes in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 1)
      var blank = 0
      var start = 0
      var k = 0
      // Where `out` ends with a non-blank line: trailing blank lines are
      // cut back to it.
      var lastContent = 0
      func line(_ from: Int, _ to: Int) {
        var isBlank = true
        for j in from..<to where bytes[j] != 0x20 && bytes[j] != 0x09 {
          isBlank = false
          break
        }
        blank = isBlank ? blank + 1 : 0
        if blank > 1 { return }
        if from > 0 { out.append(0x0A) }  // every line but the first follows a break
        if !isBlank {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to]))
          lastContent = out.count
        }
      }
      while k < bytes.count {
        if bytes[k] == 0x0A && (k == 0 || bytes[k - 1] != 0x0D) {
          line(start, k)
          start = k + 1
        }
        k += 1
      }
      line(start, bytes.count)
      out.removeSubrange(lastContent...)
      out.append(0x0A)
      return out
    }
  }
}

/// Page models hold `Any` (the templates render them by reflection); they
/// are immutable once built, so reading them from several threads is safe.
struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// One edition of a run: its language, its words and its templates.
struct EditionSetup: @unchecked Sendable {
  let language: Language
  let strings: Strings
  let templates: TemplateSet
  /// The other edition written by the same run, if any: the pages' language switch.
  let other: Language?
}

/// Escapes text for Markdown (GitHub-flavoured): characters that would
/// start formatting or break a table cell.
///
/// A text without special characters, or an all-ASCII one, is escaped by
/// its bytes (``ByteEscape``, the same text); the others `Character` by
/// `Character`.
struct MarkdownContentType: MustacheContentType {
  static let table = ByteEscape.table([
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "|": "\\|", "#": "\\#", "<": "&lt;",
    ">": "&gt;", "\n": " ",
  ])

  func escapeText(_ text: String) -> String {
    if let fast = ByteEscape.escaped(text, Self.table) { return fast }
    // Character by Character: a Character equal to a special character is
    // that one ASCII byte alone (see ByteEscape).
    var out = ""
    for c in text {
      if c.utf8.count == 1, let byte = c.utf8.first, byte < 0x80, let r = Self.table[Int(byte)] {
        out += r
      } else {
        out.append(c)
      }
    }
    return out
  }
}

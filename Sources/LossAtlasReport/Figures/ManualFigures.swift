import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
import LossAtlasParallel

// MARK: - ManualFigures

/// Every figure of the manual, built from the catalog and the analyses of
/// one run (the engine is never re-run here: callers compute the analyses
/// once and pass them in).
///
/// ```swift
/// let analyses = CatalogAnalysis.run(threads: 2)
/// let figures = ManualFigures.all(analyses: analyses)
/// let files = try ManualFigures.render(figures, threads: 2)
/// ```
public enum ManualFigures {
  // MARK: Everything

  /// All figures in a fixed order: one per function (catalog order), then
  /// the parameter families, the comparisons, gradient through depth and the
  /// precision figures. A family or comparison whose functions are missing
  /// from `analyses` is left out; so is a function whose analysis lacks its
  /// default parameters.
  public static func all(analyses: [FunctionAnalysis], strings: Strings = .english) -> [ManualFigure] {
    builders(AnalysisIndex(analyses), strings: strings).compactMap { $0() }
  }

  /// One builder per figure of ``all(analyses:)``, in its order (a builder
  /// gives nil when its functions or settings are missing).
  static func builders(_ index: AnalysisIndex, strings: Strings = .english) -> [@Sendable () -> ManualFigure?] {
    var out: [@Sendable () -> ManualFigure?] = []
    for (spec, analysis) in index.entries {
      out.append { try? function(spec, analysis, strings: strings) }
    }
    for (spec, _) in index.entries {
      for k in spec.surfaces(spec.defaultParameters).indices {
        out.append { try? surface(spec, index: k, words: FigureWords(strings)) }
      }
    }
    out += FamilyFigures.builders(index, words: FigureWords(strings))
    out += ComparisonFigures.builders(index, words: FigureWords(strings))
    out.append { DepthFigure.build(index, words: FigureWords(strings)) }
    out.append { GainFigure.build(index, words: FigureWords(strings)) }
    for (spec, analysis) in index.entries {
      out.append { PrecisionFigure.build(spec, analysis, words: FigureWords(strings)) }
    }
    return out
  }

  // MARK: One function

  /// A function's figure (`figures/<id>.png`) at `parameters` (default: the
  /// catalog's defaults), which must be one of the analysis' settings.
  ///
  /// - Throws: ``FigureError`` when the analysis is of another function or
  ///   has no setting at those parameters.
  public static func function(
    _ spec: FunctionSpec, _ analysis: FunctionAnalysis, parameters: ParameterValues? = nil, strings: Strings = .english
  ) throws -> ManualFigure {
    guard analysis.id == spec.id else {
      throw FigureError("the analysis of \(analysis.id) was passed for \(spec.id)")
    }
    let p = parameters ?? spec.defaultParameters
    guard let setting = analysis.settings.first(where: { $0.parameters == p }) else {
      throw FigureError("the analysis of \(spec.id) has no setting at \(p); analysed: "
        + analysis.settings.map { "{\($0.parameters)}" }.joined(separator: ", "))
    }
    return try function(spec, properties: setting.views, parameters: p, strings: strings)
  }

  /// A function's figure from the properties of each of its views at
  /// `parameters` (the command line's path: one setting analysed alone).
  ///
  /// - Throws: ``FigureError`` when `properties` does not hold one analysis
  ///   per view, in view order, at `parameters`.
  public static func function(
    _ spec: FunctionSpec, properties: [ViewProperties], parameters: ParameterValues, strings: Strings = .english
  ) throws -> ManualFigure {
    let views = spec.views(parameters)
    guard properties.count == views.count,
      zip(properties, views).allSatisfy({ $0.viewLabel == $1.label && $0.parameters == parameters })
    else {
      throw FigureError("\(spec.id) at {\(parameters)} has \(views.count) views; the properties passed do not match them")
    }
    return FunctionFigure(spec: spec, parameters: parameters, properties: properties, strings: strings).build()
  }

  /// Surface `index` of a function of two arguments at its default
  /// parameters as a heat map (`figures/<id>-surface.png`; see
  /// ``SurfaceFigure``): a gated unit's f(a, b).
  ///
  /// - Throws: ``FigureError`` when the surface cannot be drawn.
  static func surface(_ spec: FunctionSpec, index: Int, words: FigureWords = FigureWords(.english)) throws -> ManualFigure {
    let p = spec.defaultParameters
    let s = spec.surfaces(p)[index]
    let params = ViewNaming.parameters(spec, p)
    return try SurfaceFigure.build(
      id: spec.id,
      title: params.isEmpty
        ? words.say("surface.title", ["id": words.name(spec), "label": s.label])
        : words.say("surface.titleWithParameters", ["name": words.name(spec), "parameters": params, "label": s.label]),
      surface: SurfaceFigure.Surface(
        label: s.label, x: s.x, y: s.y, fixed: s.fixed.map { "\($0.name) = \($0.value)" }, xRange: s.xRange,
        yRange: s.yRange, xBreakpoints: s.xBreakpoints, yBreakpoints: s.yBreakpoints,
        value: { x, y in s.evaluate(x, y).value }),
      index: index + 1, words: words)
  }

  // MARK: Rendering

  /// Renders figures to files (path and PNG bytes) on `threads` threads, in
  /// input order; the bytes do not depend on the thread count.
  public static func render(
    _ figures: [ManualFigure], threads: Int, renderer: ChartRenderer = ChartRenderer()
  ) throws -> [OutputFile] {
    let pngs = try renderer.renderAll(figures.map(\.figure), threads: threads)
    return zip(figures, pngs).map { OutputFile(path: $0.path, bytes: $1) }
  }
}

// MARK: - The generator's figure step

extension ManualFigures {
  /// Every figure of ``all(analyses:)``, in its order, built on `threads`
  /// threads (the generator renders them in its own pool, beside the pages).
  public static func built(analyses: [FunctionAnalysis], threads: Int, strings: Strings = .english) -> [ManualFigure] {
    let builders = builders(AnalysisIndex(analyses), strings: strings)
    let slots = Slots<ManualFigure?>(count: builders.count)
    parallelFor(builders.count, threads: threads) { i in slots.set(i, builders[i]()) }
    return slots.values.compactMap { $0 }
  }
}

extension ManualFigure {
  /// What the pages need to know about the figure.
  public var info: FigureInfo {
    let stem = path.split(separator: "/").last.map { String($0.dropLast(4)) } ?? path
    return FigureInfo(
      key: stem, file: path, alt: altText, caption: caption, functions: functionIDs,
      width: figure.size.width * figure.scale, height: figure.size.height * figure.scale, svg: svgPath,
      narrowSVG: narrowSVGPath)
  }
}

// MARK: - AnalysisIndex

/// The analyses of a run with their catalog entries, by id, in catalog order.
struct AnalysisIndex: Sendable {
  let entries: [(spec: FunctionSpec, analysis: FunctionAnalysis)]

  init(_ analyses: [FunctionAnalysis]) {
    var byID: [String: FunctionAnalysis] = [:]
    for a in analyses { byID[a.id] = a }
    entries = Catalog.all.compactMap { spec in byID[spec.id].map { (spec, $0) } }
  }

  func spec(_ id: String) -> FunctionSpec? { entries.first { $0.spec.id == id }?.spec }
  func analysis(_ id: String) -> FunctionAnalysis? { entries.first { $0.spec.id == id }?.analysis }

  /// The properties of every view of `id` at `parameters`, if analysed.
  func properties(_ id: String, _ parameters: ParameterValues) -> [ViewProperties]? {
    analysis(id)?.settings.first { $0.parameters == parameters }?.views
  }
}

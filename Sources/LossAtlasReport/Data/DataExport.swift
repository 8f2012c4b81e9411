import LossAtlasAnalysis
import LossAtlasBuildInfo
import LossAtlasCore
import LossAtlasIO

/// The manual's data files, for readers who would rather load numbers than
/// read pages: `catalog.json`, `properties.json` and one `sweeps/ID.csv` per
/// function, in ``SitePages/dataFolder`` (`html/data/`, so that the
/// published site carries them; the pages link to them).
enum DataExport {
  /// The catalog: every function's signature, formulas (LaTeX), framework
  /// conventions and references.
  ///
  /// Texts that cite framework measurements are printed resolved, as the
  /// pages print them (`generate` checked every placeholder before).
  static func catalog(_ specs: [FunctionSpec], measurements: FrameworkMeasurements? = nil) -> OutputFile {
    func resolved(_ text: String, _ context: String) -> String {
      (try? FunctionPageBuilder.resolve(text, measurements, where: context)) ?? text
    }
    let items: [JSONValue] = specs.map { spec in
      var members: [(key: String, value: JSONValue)] = [
        ("id", .string(spec.id)), ("name", .string(spec.name)), ("family", .string(spec.family.rawValue)),
        ("aliases", .array(spec.aliases.map(JSONValue.string))), ("summary", .string(spec.summary)),
        (
          "arguments",
          .array(
            spec.arguments.map { a in
              .object([
                ("name", .string(a.name)), ("kind", .string(a.kind.rawValue)), ("domain", .string(a.domainDescription)),
                ("differentiable", .bool(spec.differentiable.contains(a.name))),
              ])
            })
        ),
        (
          "parameters",
          .array(
            spec.parameters.map { p in
              .object([
                ("name", .string(p.name)), ("symbol", .string(p.symbol)), ("default", .double(p.defaultValue)),
                ("range", .string(p.range.description)), ("grid", .array(p.grid.map(JSONValue.double))),
                ("summary", .string(resolved(p.summary, spec.id))),
              ])
            })
        ),
      ]
      let f = spec.formula
      var formula: [(key: String, value: JSONValue)] = [("value", .string(f.value.latex))]
      formula.append(("derivatives", .object(f.derivatives.map { ($0.argument, JSONValue.string($0.expr.latex)) })))
      if let s = f.secondDerivative { formula.append(("second_derivative", .string(s.latex))) }
      if let h = f.hessian { formula.append(("hessian", .array(h.map { .array($0.map { .string($0.latex) }) }))) }
      if !f.definitions.isEmpty { formula.append(("definitions", .array(f.definitions.map { .string($0.latex) }))) }
      members.append(("formula_latex", .object(formula)))
      members.append(("implementation", .string(resolved(spec.implementationNote, spec.id))))
      if let n = spec.naive {
        members.append(("naive", .object([("value", .string(n.valueFormula)), ("derivative", .string(n.derivativeFormula))])))
      }
      members.append(
        (
          "conventions",
          .array(
            spec.conventions.map { c in
              .object([
                ("framework", .string(c.framework.rawValue)), ("api", .string(c.api)), ("note", .string(resolved(c.note, spec.id))),
              ])
            })
        ))
      members.append(
        (
          "references",
          .array(
            spec.references.map { r in
              .object([("citation", .string(r.citation)), ("year", .integer(r.year)), ("url", r.url.map(JSONValue.string) ?? .null)])
            })
        ))
      return .object(members)
    }
    return OutputFile(
      path: "\(SitePages.dataFolder)/catalog.json", bytes: JSONValue.object([("generator", generator), ("functions", .array(items))]).prettyBytes)
  }

  /// The build that wrote the data: its version and the SHA-256 fingerprint
  /// of its source (see BuildInfo; the same on every page's footer).
  static let generator = JSONValue.object([
    ("name", .string("LossAtlas")), ("version", .string(BuildInfo.version)),
    ("source_sha256", .string(BuildInfo.sourceSHA256)),
  ])

  /// Every computed property of every function at every parameter setting.
  static func properties(_ analyses: [FunctionAnalysis], tau: Double) -> OutputFile {
    OutputFile(
      path: "\(SitePages.dataFolder)/properties.json",
      bytes: JSONValue.object([
        ("generator", generator), ("saturation_tau", .double(tau)), ("functions", .array(analyses.map(\.json))),
      ]).prettyBytes)
  }

  /// The tables of the comparison pages (`comparisons.json`): for each
  /// page its id and title, and each table's caption, header and rows, as
  /// the pages print them.
  static func comparisons(_ pages: [ComparisonPage]) -> OutputFile {
    let items: [JSONValue] = pages.map { page in
      .object([
        ("page", .string(page.id)), ("title", .string(page.title)),
        (
          "tables",
          .array(
            page.tables.map { t in
              .object([
                ("caption", .string(t.caption)), ("header", .array(t.header.map(JSONValue.string))),
                ("rows", .array(t.rows.map { .array($0.cells.map(JSONValue.string)) })),
              ])
            })
        ),
      ])
    }
    return OutputFile(
      path: "\(SitePages.dataFolder)/comparisons.json",
      bytes: JSONValue.object([("generator", generator), ("pages", .array(items))]).prettyBytes)
  }

  /// The primary view swept over its plot range (401 points) at every
  /// parameter setting of the grid.
  static func sweep(_ spec: FunctionSpec) -> OutputFile {
    let blocks = ParameterGrid.settings(spec).map { p -> SweepBlock in
      let view = spec.views(p)[0]
      let xs = Grid.linear(from: view.plotRange.lowerBound, to: view.plotRange.upperBound, count: 401).values
        .filter(view.domain.contains)
      return Sweep.run(view, parameters: p, xs: xs)
    }
    return OutputFile(path: "\(SitePages.dataFolder)/sweeps/\(spec.id).csv", text: Sweep.csv(blocks, parameterNames: spec.parameters.map(\.name)))
  }
}

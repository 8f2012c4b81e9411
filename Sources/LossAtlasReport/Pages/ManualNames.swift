import LossAtlasCore

/// The names of the files the manual writes for itself rather than as one
/// function's page: its fixed pages (the navigation's, and the Markdown
/// folder's README), and its figures (each function's, the parameter
/// families, the comparisons, the surfaces, gradient through depth, the gain,
/// the precision figures), each with its SVG and its narrow SVG for phones
/// in the HTML folder.
///
/// A user function (`--functions`) writes `<id>.md`, `<id>.html`,
/// `figures/<id>.png` (`.svg`, `-narrow.svg`) and `data/sweeps/<id>.csv`: an
/// id equal to one of these names (compared without case: `Index.md` and
/// `index.md` are one file on macOS) would overwrite the manual's own file.
/// ``clash(id:formats:languages:catalog:)`` finds that from the names
/// alone, before any analysis. Every name comes from the builders' own
/// `stem`s and ``SitePages/main``, so the check and the manual cannot drift.
public enum ManualNames {
  /// The Markdown folder's front page (`markdown/README.md`, the same bytes as `index.md`).
  static let readme = "README"

  /// The pages that are not a function's, in navigation order.
  static var pages: [String] { SitePages.main.map(\.page) }

  /// The figures of the whole catalog's manual that are not named after a
  /// function (precision figures apart: see ``precisionStems(_:)``), and
  /// each catalog function's own.
  static func figureStems(_ catalog: [FunctionSpec]) -> [String] {
    var stems = catalog.map(\.id)
    for spec in catalog {
      stems += spec.surfaces(spec.defaultParameters).indices.map { SurfaceFigure.stem(spec.id, index: $0 + 1) }
      for parameter in [spec.figures.family?.parameter, spec.figures.trueClassProbability?.parameter].compactMap({ $0 }) {
        stems.append(FamilyFigures.stem(spec.id, parameter))
      }
    }
    stems += ComparisonFigures.definitions.map { ComparisonFigures.stem($0.topic) }
    stems += [
      ComparisonFigures.stem(ComparisonFigures.geluTopic), ComparisonFigures.stem(SoftmaxSparsemaxComparison.simplexTopic),
      CrossEntropyComparison.page, DepthFigure.stem, GainFigure.stem,
    ]
    return stems
  }

  /// The precision figures' names, by function: drawn only for a function
  /// whose value the analysis finds rounding to a limit, so which are
  /// written is known only after the analysis; every catalog function's is kept.
  static func precisionStems(_ catalog: [FunctionSpec]) -> [(stem: String, function: String)] {
    catalog.map { (PrecisionFigure.stem($0.id), $0.id) }
  }

  /// A name of the manual's own that a user function's id would take.
  public struct Clash: Sendable, Equatable {
    /// The manual's file the id's files would overwrite (the first in path
    /// order among the run's formats and editions).
    public let path: String
    /// The catalog function whose precision figure has this name, when the
    /// name is one (that figure is drawn only where the function's value
    /// rounds to a limit).
    public let precisionOf: String?
  }

  /// The manual's own file that a user function `id` would also write in a
  /// run of `formats` and `languages`, or nil. The fixed pages and every
  /// figure of the whole catalog count, whichever functions `--only`
  /// selects: an id is accepted or refused for every run alike.
  public static func clash(
    id: String, formats: [ManualFormat], languages: [Language], catalog: [FunctionSpec] = Catalog.all
  ) -> Clash? {
    let stem = id.lowercased()
    // The manual's figure stems by their lower case: the stem as written,
    // and the function whose precision figure it names, if it is one.
    var figures: [String: (stem: String, precisionOf: String?)] = [:]
    for s in figureStems(catalog) { figures[s.lowercased()] = (s, nil) }
    for p in precisionStems(catalog) { figures[p.stem.lowercased()] = (p.stem, p.function) }
    var found: [Clash] = []
    for language in languages {
      let root = language.outputPrefix.isEmpty ? "" : language.outputPrefix + "/"
      for format in formats {
        let folder = root + format.rawValue + "/"
        var names = pages
        if format == .markdown { names.append(readme) }
        for page in names where page.lowercased() == stem {
          found.append(Clash(path: folder + page + "." + format.fileExtension, precisionOf: nil))
        }
        // The user function's figure is figures/<id>.png, and in HTML also
        // figures/<id>.svg and figures/<id>-narrow.svg: it takes a figure's
        // PNG (and SVGs), or the narrow SVG of the figure <id> without -narrow.
        if let f = figures[stem] {
          found.append(Clash(path: folder + "figures/" + f.stem + ".png", precisionOf: f.precisionOf))
        }
        if format == .html, stem.hasSuffix("-narrow"), let f = figures[String(stem.dropLast("-narrow".count))] {
          found.append(Clash(path: folder + "figures/" + f.stem + "-narrow.svg", precisionOf: f.precisionOf))
        }
      }
    }
    return found.min { $0.path < $1.path }
  }
}

import LossAtlasAnalysis

/// The figures of the manual, built from the analyses.
public enum ManualFigureSource {
  /// Builds every figure in parallel, in the edition's words; results in a fixed order.
  public static let build: ManualGenerator.FigureSource = { analyses, threads, strings in
    ManualFigures.built(analyses: analyses, threads: threads, strings: strings)
  }
}

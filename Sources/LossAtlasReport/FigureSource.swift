import LossAtlasAnalysis

/// The figures of the manual, drawn from the analyses.
public enum ManualFigureSource {
  /// Renders every figure in parallel; results in a fixed order.
  public static let render: ManualGenerator.FigureSource = { analyses, threads, progress in
    try ManualFigures.rendered(analyses: analyses, threads: threads, progress: progress)
  }
}

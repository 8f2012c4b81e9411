/// The definition's view, compiled and analysed: what the catalog entry a
/// user function becomes will hand to sweeps, charts and pages.
extension UserFunctionDefinition {
  /// Every argument's value in the view (the swept one at 0, replaced per point).
  public var viewArguments: [Double] { arguments.map { $0 == view.over ? 0 : view.at[$0] ?? 0 } }

  /// The index of the view's argument among the differentiated ones.
  public var viewIndex: Int { differentiate.firstIndex(of: view.over) ?? 0 }

  /// The view as an allocation-free program returning value, derivative and
  /// second derivative, at `parameters` (the defaults when nil).
  public func viewProgram(parameters: [Double]? = nil) -> Program {
    value.viewProgram(parameters: parameters ?? defaultParameters, arguments: viewArguments, differentiatedIndex: viewIndex)
  }

  /// The numerical-safety report of the view, at `parameters` (the defaults when nil).
  public func safetyReport(parameters: [Double]? = nil) -> SafetyReport {
    SafetyAnalysis.analyze(
      value, parameters: parameters ?? defaultParameters, arguments: viewArguments, differentiatedIndex: viewIndex,
      domain: domain(of: view.over), plotRange: view.from...view.to)
  }
}

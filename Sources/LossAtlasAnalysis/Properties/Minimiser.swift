import LossAtlasCore

/// The minimiser of a regression loss's mean over a set of targets, against
/// the statistic it estimates: mse -> the mean, mae -> the median, quantile
/// with tau -> the tau-quantile, poisson-nll -> log of the mean.
public struct EmpiricalMinimiser: Sendable, Equatable {
  public let targets: [Double]
  /// argmin over the prediction of mean_i L(prediction, y_i).
  public let minimiser: Double
  public let meanLoss: Double

  /// The targets: 0...9 and one outlier at 30 (mean 6.8181..., median 5).
  public static let defaultTargets: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 30]

  /// Minimises the mean loss over a dense grid spanning the targets' hull
  /// (2001 points; for poisson-nll, the log of the hull of the positive
  /// targets), then refines by bisection on the sign of the mean
  /// derivative next to the best grid point. Nil for functions without a
  /// real target argument `y`.
  public static func compute(
    _ spec: FunctionSpec, parameters: ParameterValues, targets: [Double] = defaultTargets
  ) -> EmpiricalMinimiser? {
    guard spec.family == .regressionLoss, spec.arguments.contains(where: { $0.name == "y" }) else { return nil }
    let prediction = spec.predictionArgument
    let extra: [String: ArgumentValue] = spec.arguments.contains { $0.name == "var" } ? ["var": .real(1)] : [:]
    let positive = targets.filter { $0 > 0 }
    let (lo, hi): (Double, Double) =
      prediction == "z" ? (log(positive.min() ?? 1), log(positive.max() ?? 1)) : (targets.min()!, targets.max()!)
    // The targets (and the variance) are validated once, with the prediction
    // at lo; the predictions tried all lie in [lo, hi], inside its domain,
    // so only that entry is replaced per evaluation.
    let validated: [ArgumentValues] = targets.compactMap { y in
      var args = extra
      args[prediction] = .real(lo)
      args["y"] = .real(y)
      return try? spec.validateArguments(args)
    }
    guard validated.count == targets.count else { return nil }
    func meanJet(_ t: Double) -> (value: Double, d1: Double)? {
      var value = 0.0
      var d1 = 0.0
      for base in validated {
        var args = base.values
        args[prediction] = .real(t)
        guard let e = try? spec.evaluate(parameters, ArgumentValues(args)),
          let v = e.value.scalarValue, let g = e.gradient(prediction)?.scalarValue
        else { return nil }
        value += v
        d1 += g
      }
      return (value / Double(targets.count), d1 / Double(targets.count))
    }
    let grid = Grid.linear(from: lo, to: hi, count: 2001).values
    var best = grid[0]
    var bestValue = Double.infinity
    for t in grid {
      if let v = meanJet(t)?.value, v < bestValue {
        best = t
        bestValue = v
      }
    }
    let step = (hi - lo) / 2000
    let a = max(lo, best - step)
    let b = min(hi, best + step)
    if let ga = meanJet(a)?.d1, let gb = meanJet(b)?.d1, ga < 0, gb > 0 {
      best = RootFinding.bisect({ meanJet($0)?.d1 ?? 0 }, a, b, relativeTolerance: 1e-14)
    }
    return EmpiricalMinimiser(targets: targets, minimiser: best, meanLoss: meanJet(best)?.value ?? bestValue)
  }
}

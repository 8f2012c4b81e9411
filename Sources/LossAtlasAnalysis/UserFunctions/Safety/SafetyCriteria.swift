/// The numbers that define the numerical-safety analysis of a user formula
/// (``SafetyAnalysis``), in one place: the analysis uses them and the
/// manual's methods page prints them.
public enum SafetyCriteria {
  /// A finite Double result fails when it is off by more than this,
  /// relative to the exact value ...
  public static let relativeTolerance = 1e-6
  /// ... and by more than this, absolutely (so that a result that is 0 in
  /// Double where the exact value is 1e-320 passes).
  public static let absoluteTolerance = 1e-300
  /// The fixed extreme inputs checked beside the sweep and the powers of ten.
  public static let extremeInputs: [Double] = [1e300, -1e300, 1000, -1000, 1e-300, -1e-300, 0]
  /// The number of evenly spaced sweep points over the view's plot range.
  public static let sweepPoints = 101
  /// The precisions (bits) of the ball arithmetic's midpoints, tried in turn
  /// until the balls decide.
  public static var precisions: [Int] { WideEvaluator.precisions }
  /// The exponent range of the ball arithmetic: |x| below 2^(2^this).
  public static var exponentBits: Int { Magnitude.exponentLimit.trailingZeroBitCount }
}

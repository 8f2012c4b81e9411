/// What the probabilistic binary losses of CATALOG.md (a probability or a
/// logit against a target in [0, 1]) share.
enum ProbabilisticLosses {
  /// H(0.3) = -(0.3 log 0.3 + 0.7 log 0.7), the smallest bce against the
  /// soft target 0.3 (mpmath, 50 digits: 0.61086430205489345361877...).
  static let entropyOfPointThree = 0.6108643020548935
}

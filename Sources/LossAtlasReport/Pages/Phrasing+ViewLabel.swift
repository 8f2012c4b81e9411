import LossAtlasCore

extension Phrasing {
  /// A catalog view's label in the edition's words. A label is notation
  /// (`s (y = +1)`, `yhat (y = 0, var = 1)`) except for the one English
  /// word of the vector functions' 1-D slices, "z = [x, 0], output p_0"
  /// (softmax, softmin, sparsemax) and "z = [x, 0], output 0"
  /// (log-softmax): its ", output {what}" comes from `page.view.output`
  /// ("，输出{what}" in Chinese). Every other label is returned as written.
  /// `--view` selects views by index, so no command reads this text.
  func viewLabel(_ label: String) -> String {
    guard let r = label.range(of: ", output ") else { return label }
    return String(label[..<r.lowerBound]) + strings("page.view.output", ["what": String(label[r.upperBound...])])
  }
}

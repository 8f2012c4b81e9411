import Foundation

/// Chinese typography: two full-width parenthetical groups back to back
/// ("Leaky ReLU（带泄漏的ReLU）（a = 0.01）", a statement's own remark
/// followed by its "（测量所用版本：…）") read as a stutter. They become one
/// group, the remarks separated by a full-width semicolon:
/// "Leaky ReLU（带泄漏的ReLU；a = 0.01）".
///
/// Each "）（" closes one group and opens the next at once, so replacing
/// it keeps the brackets balanced (also when the first group holds a
/// nested one: "（a（b））（c）" becomes "（a（b）；c）"). Applied to every
/// page of an edition that writes full-width brackets (the Chinese one),
/// after the glossary's first-use glosses, so no phrase needs to know what
/// follows it.
enum AdjacentParentheses {
  /// `text` with every "）（" replaced by "；".
  static func merge(_ text: String) -> String {
    text.replacingOccurrences(of: "）（", with: "；")
  }
}

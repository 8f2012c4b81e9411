/// The argument a scalar view sweeps: a real argument (`x`, `p`, `var`) or
/// one element of a vector argument (`s[0]`, `z[2]`).
///
/// Written as on the command line (`--over 's[1]'`) and in view labels:
/// the argument's name, then, for a vector, a 0-based index in brackets.
public struct ViewAxis: Sendable, Hashable, CustomStringConvertible {
  /// The argument's name (`s` for `s[1]`).
  public let argument: String
  /// The element of a vector argument; nil for a real argument.
  public let index: Int?

  public init(_ argument: String, index: Int? = nil) {
    self.argument = argument
    self.index = index
  }

  /// Reads `NAME` or `NAME[i]` (i a decimal integer without sign, at most
  /// 9 digits); nil for anything else (`s[]`, `s[-1]`, `s[0]x`, `[0]`).
  public init?(parsing text: String) {
    guard let open = text.firstIndex(of: "[") else {
      guard !text.isEmpty, !text.contains("]") else { return nil }
      self.init(text)
      return
    }
    let name = String(text[..<open])
    let rest = text[text.index(after: open)...]
    guard !name.isEmpty, rest.hasSuffix("]") else { return nil }
    let digits = rest.dropLast()
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let i = Int(digits) else {
      return nil
    }
    self.init(name, index: i)
  }

  /// `x`, `s[1]`.
  public var description: String {
    index.map { "\(argument)[\($0)]" } ?? argument
  }
}

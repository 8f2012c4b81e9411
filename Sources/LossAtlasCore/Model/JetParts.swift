/// A set of the parts of a ``Jet``: the value, f', f''.
public struct JetParts: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let value = JetParts(rawValue: 1)
  public static let d1 = JetParts(rawValue: 2)
  public static let d2 = JetParts(rawValue: 4)
}

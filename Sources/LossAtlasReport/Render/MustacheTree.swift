/// A view model turned into dictionaries and arrays once, before rendering.
///
/// swift-mustache looks a key up by reflecting the object (`Mirror`) and
/// scanning its children, for every tag and for every object on the context
/// stack it has to search: on the manual's pages that was 7 % of `generate`'s
/// CPU time. A `[String: Any]` answers the same lookup by hashing
/// (`Dictionary` is a `MustacheParent`), so each struct is reflected exactly
/// once here instead.
///
/// The rendering is unchanged: a `nil` optional is left out of its
/// dictionary, which mustache treats as it treats the `nil` it finds by
/// reflection (the lookup goes on up the context stack); arrays stay arrays
/// (sections iterate them); strings, numbers, booleans and enums are kept
/// as they are.
enum MustacheTree {
  /// The tree of `model`.
  static func make(_ model: Any) -> Any {
    let mirror = Mirror(reflecting: model)
    switch mirror.displayStyle {
    case .struct, .class:
      var node: [String: Any] = [:]
      for child in mirror.children {
        guard let label = child.label, let value = unwrap(child.value) else { continue }
        node[label] = make(value)
      }
      return node
    case .collection:
      return mirror.children.map { make($0.value) }
    case .optional:
      return unwrap(model).map(make) as Any
    default:
      return model
    }
  }

  /// The value an optional holds, nil for `.none`, or the value itself.
  private static func unwrap(_ value: Any) -> Any? {
    let mirror = Mirror(reflecting: value)
    guard mirror.displayStyle == .optional else { return value }
    return mirror.children.first?.value
  }
}

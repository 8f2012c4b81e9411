import Mustache

/// A view model turned into dictionaries and arrays once, before rendering.
///
/// swift-mustache looks a key up by reflecting the object (`Mirror`) and
/// scanning its children, for every tag and for every object on the context
/// stack it has to search: on the manual's pages that was 7 % of `generate`'s
/// CPU time. A `[String: Any]` answers the same lookup by hashing
/// (a ``Node`` is a `MustacheParent`), so each struct is reflected exactly
/// once here instead.
///
/// The rendering is unchanged: a `nil` optional is left out of its
/// dictionary, which mustache treats as it treats the `nil` it finds by
/// reflection (the lookup goes on up the context stack); arrays stay arrays
/// (sections iterate them); strings, numbers, booleans and enums are kept
/// as they are; a struct printed by a (user's) template as `{{model}}` prints
/// as the struct did, not as a dictionary (whose key order would change from
/// run to run).
enum MustacheTree {
  /// A struct's fields by name, printing as the struct itself. A class:
  /// one pointer in an `Any` (a struct of this size would be boxed on the
  /// heap every time mustache copies it into an `Any`).
  final class Node: MustacheParent, CustomStringConvertible {
    let fields: [String: Any]
    let original: Any

    init(fields: [String: Any], original: Any) {
      self.fields = fields
      self.original = original
    }

    func child(named name: String) -> Any? { fields[name] }
    var description: String { String(describing: original) }
  }

  /// The tree of `model`.
  static func make(_ model: Any) -> Any {
    let mirror = Mirror(reflecting: model)
    switch mirror.displayStyle {
    case .struct, .class:
      var fields: [String: Any] = [:]
      for child in mirror.children {
        guard let label = child.label, let value = unwrap(child.value) else { continue }
        fields[label] = make(value)
      }
      return Node(fields: fields, original: model)
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

import Foundation
import LossAtlasParallel
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
    /// Shared by every node of one tree.
    let budget: RenderBudget

    init(fields: [String: Any], original: Any, budget: RenderBudget) {
      self.fields = fields
      self.original = original
      self.budget = budget
    }

    /// The field `name`, while the render's budget lasts (see
    /// ``RenderBudget``); nothing once it is spent.
    func child(named name: String) -> Any? {
      guard budget.spendLookup() else { return nil }
      let value = fields[name]
      if let text = value as? String, !budget.spendBytes(text.utf8.count) { return nil }
      return value
    }

    var description: String { String(describing: original) }
  }

  /// The tree of `model`.
  static func make(_ model: Any) -> Any {
    make(model, budget: RenderBudget())
  }

  /// The tree of `model` with some of its top-level fields replaced (or
  /// added): the generator gives each edition's page its own site frame.
  static func make(_ model: Any, replacing: [String: Any]) -> Any {
    let budget = RenderBudget()
    let tree = make(model, budget: budget)
    guard let node = tree as? Node else { return tree }
    var fields = node.fields
    for (name, value) in replacing { fields[name] = make(value, budget: budget) }
    return Node(fields: fields, original: model, budget: budget)
  }

  private static func make(_ model: Any, budget: RenderBudget) -> Any {
    if isLeaf(model) { return model }
    return make(model, mirror: Mirror(reflecting: model), budget: budget)
  }

  /// Whether `value` is a string, integer, double or truth value: what a
  /// tree keeps as it is. Its mirror (no display style, no children) would
  /// say the same, but making one casts the value to `CustomReflectable`,
  /// and most of a page model's values are such leaves. An exact type test:
  /// an optional or a wrapper holding one is not a leaf here.
  static func isLeaf(_ value: Any) -> Bool {
    let type = Swift.type(of: value)
    return type == String.self || type == Int.self || type == Double.self || type == Bool.self
  }

  /// The tree of `model`, whose mirror is `mirror`: each value is
  /// reflected once (a field's mirror both says whether it is a `nil`
  /// optional and makes its tree).
  private static func make(_ model: Any, mirror: Mirror, budget: RenderBudget) -> Any {
    switch mirror.displayStyle {
    case .struct, .class:
      var fields: [String: Any] = [:]
      for child in mirror.children {
        guard let label = child.label else { continue }
        if isLeaf(child.value) {
          fields[label] = child.value
          continue
        }
        let childMirror = Mirror(reflecting: child.value)
        if childMirror.displayStyle == .optional {
          // nil is left out; `.some(x)` is x's tree.
          guard let value = childMirror.children.first?.value else { continue }
          fields[label] = make(value, budget: budget)
        } else {
          fields[label] = make(child.value, mirror: childMirror, budget: budget)
        }
      }
      return Node(fields: fields, original: model, budget: budget)
    case .collection:
      return mirror.children.map { make($0.value, budget: budget) }
    case .optional:
      return mirror.children.first.map { make($0.value, budget: budget) } as Any
    default:
      return model
    }
  }
}

/// A bound on the work of rendering one page from a ``MustacheTree``: how
/// many field look-ups, and how many bytes of text fields they return.
///
/// Nested sections over lists multiply: `{{#rows}}{{#rows}}...` sixty
/// levels deep over 41 rows is 41^60 iterations, and a template of a
/// million `{{{mathml}}}` tags writes gigabytes; neither overflows the
/// stack (``TemplateStructure`` sees to that) but either would run for
/// ever. Once the budget is spent, look-ups find nothing, so the render
/// ends quickly, and ``TemplateSet/render(_:format:name:)`` reports the
/// template instead of returning the page. The manual's largest page uses
/// 623 look-ups and 20 KB (measured with ``peak``); ManualTests keeps the
/// limits at least 100 times above what the manual uses.
final class RenderBudget: @unchecked Sendable {
  /// Field look-ups per page.
  static let maxLookups = 1_000_000
  /// Bytes of text fields per page.
  static let maxBytes = 64 << 20

  private(set) var lookups = 0
  private(set) var bytes = 0

  /// Whether the budget was spent during the current render.
  var exhausted: Bool { lookups > Self.maxLookups || bytes > Self.maxBytes }

  /// Starts a new render (a tree is rendered once per format).
  func reset() {
    lookups = 0
    bytes = 0
  }

  /// The most look-ups and bytes any render of this process used, for the
  /// test that keeps the limits far above what the manual needs.
  static var peak: (lookups: Int, bytes: Int) { peakLock.withLock { peakValue } }
  nonisolated(unsafe) private static var peakValue = (lookups: 0, bytes: 0)
  private static let peakLock = Lock()

  /// Records this render in ``peak``.
  func finish() {
    Self.peakLock.withLock {
      Self.peakValue = (max(Self.peakValue.lookups, lookups), max(Self.peakValue.bytes, bytes))
    }
  }

  func spendLookup() -> Bool {
    lookups += 1
    return !exhausted
  }

  func spendBytes(_ n: Int) -> Bool {
    bytes += n
    return !exhausted
  }
}

import LossAtlasCore

/// Which comparison page compares which catalog functions: each member's
/// function page links to its comparison pages (a function may be on
/// several: hardshrink is an activation and a shrink function).
enum ComparisonPages {
  /// A comparison page and the ids it compares.
  struct Entry {
    let page: String
    let members: [String]
  }

  static let all: [Entry] = [
    Entry(page: "compare-activations", members: Catalog.all.filter { $0.family == .activation }.map(\.id)),
    Entry(page: "compare-margin-losses", members: Catalog.all.filter { $0.family == .marginLoss }.map(\.id)),
    Entry(page: "compare-regression-losses", members: Catalog.all.filter { $0.family == .regressionLoss }.map(\.id)),
    Entry(page: ShrinkComparison.page, members: ShrinkComparison.members),
    Entry(page: GLUComparison.page, members: GLUComparison.members),
    Entry(page: SoftmaxSparsemaxComparison.page, members: SoftmaxSparsemaxComparison.members),
    Entry(page: CrossEntropyComparison.page, members: CrossEntropyComparison.members),
  ]

  /// The comparison pages that compare `id`, in navigation order, titled as
  /// the navigation of `strings`'s edition titles them (`site.page.<id>`).
  static func links(for id: String, strings: Strings) -> [NavLink] {
    all.filter { $0.members.contains(id) }.compactMap { entry in
      SitePages.main.first { $0.page == entry.page }.map {
        NavLink(page: $0.page, title: strings("site.page.\($0.page)"), current: false)
      }
    }
  }
}

import LossAtlasResources

/// Files the project ships beside the code, compiled into the binary.
enum ProjectResources {
  /// The project's claims/*.yaml, sorted by name, as (path, text).
  static func claimFiles() -> [(name: String, text: String)] {
    ProjectFiles.paths(under: "claims/").filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
      .compactMap { path in ProjectFiles.text(path).map { (path, $0) } }
  }
}

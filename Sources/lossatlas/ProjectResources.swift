import LossAtlasResources

/// Files the project ships beside the code, compiled into the binary.
enum ProjectResources {
  /// The project's claims/*.yaml, sorted by name, as (path, text); not
  /// those of its subfolders (claims/examples/ holds worked examples, each
  /// checked by its own test).
  static func claimFiles() -> [(name: String, text: String)] {
    ProjectFiles.paths(under: "claims/")
      .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.dropFirst("claims/".count).contains("/") }
      .compactMap { path in ProjectFiles.text(path).map { (path, $0) } }
  }
}

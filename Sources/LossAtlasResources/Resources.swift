/// Access to the files the build embeds (templates/ and claims/).
public enum ProjectFiles {
  /// The text of an embedded file, e.g. `templates/html/page.mustache`.
  public static func text(_ path: String) -> String? {
    EmbeddedResources.files[path]
  }

  /// Every embedded path under `prefix` (e.g. `claims/`), sorted.
  public static func paths(under prefix: String) -> [String] {
    EmbeddedResources.files.keys.filter { $0.hasPrefix(prefix) }.sorted()
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ChartFonts {
  /// The environment variable that chooses the fonts: a folder holding
  /// DejaVuSans.ttf and DejaVuSans-Bold.ttf, or one font file (the regular
  /// face; the bold face is `LOSSATLAS_FONT_BOLD`, or the same file).
  public static let environmentVariable = "LOSSATLAS_FONT"

  /// Where DejaVu Sans is installed on common systems, searched in this order
  /// when `LOSSATLAS_FONT` is not set (what `fc-match "DejaVu Sans"` would
  /// find there, without linking fontconfig and without its substitutes: a
  /// different face would silently change every figure).
  public static func knownFolders(home: String?) -> [String] {
    var folders = [
      "/usr/share/fonts/truetype/dejavu",  // Debian, Ubuntu (fonts-dejavu-core)
      "/usr/share/fonts/dejavu-sans-fonts",  // Fedora, RHEL 9 (dejavu-sans-fonts)
      "/usr/share/fonts/dejavu",  // Alpine (font-dejavu), older Fedora and RHEL
      "/usr/share/fonts/TTF",  // Arch (ttf-dejavu)
      "/usr/share/fonts/truetype",  // openSUSE (dejavu-fonts)
      "/usr/local/share/fonts/dejavu",  // FreeBSD (dejavu)
      "/opt/homebrew/share/fonts", "/usr/local/share/fonts",  // Homebrew prefixes
      "/Library/Fonts",  // macOS, fonts installed for all users
    ]
    if let home, !home.isEmpty {
      // macOS (`brew install --cask font-dejavu`), then the XDG user folders.
      folders += [home + "/Library/Fonts", home + "/.local/share/fonts", home + "/.fonts"]
    }
    return folders
  }

  /// The fonts for charts: `LOSSATLAS_FONT` when it is set (even when its
  /// files are missing, so that ``check()`` names them), else DejaVu Sans in
  /// the first of ``knownFolders(home:)`` that holds both faces. When none
  /// does, the result's ``check()`` throws
  /// ``ChartError/fontsNotFound(searched:)`` listing what was searched.
  ///
  /// - Parameters:
  ///   - environment: looks up an environment variable (the process's by default).
  ///   - isReadable: whether a file can be read (`access(R_OK)` by default).
  public static func located(
    _ environment: (String) -> String? = { getenv($0).map { String(cString: $0) } },
    isReadable: (String) -> Bool = { access($0, R_OK) == 0 }
  ) -> ChartFonts {
    let regular = "DejaVuSans.ttf"
    let bold = "DejaVuSans-Bold.ttf"
    if let chosen = environment(environmentVariable), !chosen.isEmpty {
      if isReadable(chosen + "/" + regular) || isDirectory(chosen) {
        return ChartFonts(regular: chosen + "/" + regular, bold: chosen + "/" + bold)
      }
      let boldFile = environment(environmentVariable + "_BOLD").flatMap { $0.isEmpty ? nil : $0 } ?? chosen
      return ChartFonts(regular: chosen, bold: boldFile)
    }
    let folders = knownFolders(home: environment("HOME"))
    for folder in folders where isReadable(folder + "/" + regular) && isReadable(folder + "/" + bold) {
      return ChartFonts(regular: folder + "/" + regular, bold: folder + "/" + bold)
    }
    var missing = ChartFonts.dejaVu()
    missing.searched = folders + ["\(environmentVariable) (not set)"]
    return missing
  }

  private static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }
}

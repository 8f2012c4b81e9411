// Build tool of the StampBuildInfo plugin: writes a Swift file holding the
// version (the VERSION file), the source fingerprint (SHA-256 of the inputs'
// `sha256sum` manifest) and, when the package root is the top of a git work
// tree, the last commit that changed those inputs.
//
//   build-info ROOT OUTPUT ROOTS FILE...
//
// ROOTS is the comma-separated list of the input roots relative to ROOT
// (directories and files: what `git log` and `git status` are asked about);
// FILE... are every input file. The output is rewritten only when its text
// changes, so an unchanged stamp recompiles nothing.
//
// The fingerprint can be recomputed without Swift (the README shows how):
//   the lines "<sha256 of the file>  <path relative to ROOT>\n", sorted by
//   path in byte order (`LC_ALL=C sort`), hashed with SHA-256: exactly
//   `sha256sum` over the sorted paths, piped into `sha256sum`.
import Foundation

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("build-info: \(message)\n".utf8))
  exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
  FileHandle.standardError.write(Data("usage: build-info ROOT OUTPUT ROOTS FILE...\n".utf8))
  exit(64)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL.path
let output = URL(fileURLWithPath: arguments[2])
let roots = arguments[3].split(separator: ",").map(String.init)

// MARK: Version

guard let versionData = FileManager.default.contents(atPath: root + "/VERSION"),
  let versionText = String(data: versionData, encoding: .utf8)
else { fail("\(root)/VERSION is missing or not UTF-8: it holds the version, e.g. 1.2.3") }
let version = versionText.trimmingCharacters(in: .whitespacesAndNewlines)
// Semantic versioning: MAJOR.MINOR.PATCH with an optional -prerelease.
let versionPattern = #/^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/#
guard version.wholeMatch(of: versionPattern) != nil else {
  fail("VERSION holds \"\(version)\"; expected a semantic version such as 1.2.3 or 1.2.3-beta.1")
}

// MARK: Fingerprint

var files: [(relative: String, full: String)] = []
for path in arguments.dropFirst(4) {
  let full = URL(fileURLWithPath: path).standardizedFileURL.path
  guard full.hasPrefix(root + "/") else { fail("\(full) is not inside \(root)") }
  files.append((String(full.dropFirst(root.count + 1)), full))
}
files.sort { Array($0.relative.utf8).lexicographicallyPrecedes(Array($1.relative.utf8)) }
var manifest = SHA256()
for file in files {
  guard let data = FileManager.default.contents(atPath: file.full) else { fail("cannot read \(file.full)") }
  manifest.update(Array((SHA256.hex([UInt8](data)) + "  " + file.relative + "\n").utf8))
}
let fingerprint = manifest.finalize()

// MARK: Git

/// Runs git in ROOT; its output without the final newline, or nil when git is
/// missing or fails. GIT_OPTIONAL_LOCKS=0 keeps `git status` from rewriting
/// the index, which is an input of this command (it would run again).
func git(_ args: [String]) -> String? {
  let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
  guard let exe = paths.map({ "\($0)/git" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
    return nil
  }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: exe)
  process.arguments = ["-C", root] + args
  var env = ProcessInfo.processInfo.environment
  env["GIT_OPTIONAL_LOCKS"] = "0"
  env["LC_ALL"] = "C"
  process.environment = env
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  process.standardInput = FileHandle.nullDevice
  do { try process.run() } catch { return nil }
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
  return text.hasSuffix("\n") ? String(text.dropLast()) : text
}

func realPath(_ path: String) -> String {
  URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
}

struct CommitInfo {
  let hash: String
  let date: String
  let modified: Bool
  let shallow: Bool
}

/// The last commit that changed the inputs, when ROOT is the top of a git
/// work tree (not a package copied into someone else's repository).
let commit: CommitInfo? = {
  guard let top = git(["rev-parse", "--show-toplevel"]), realPath(top) == realPath(root),
    let log = git(["log", "-1", "--format=%H%n%cI", "--"] + roots)
  else { return nil }
  let lines = log.split(separator: "\n").map(String.init)
  guard lines.count == 2 else { return nil }
  let status = git(["status", "--porcelain", "--untracked-files=all", "--"] + roots)
  return CommitInfo(
    hash: lines[0], date: lines[1], modified: status.map { !$0.isEmpty } ?? true,
    shallow: git(["rev-parse", "--is-shallow-repository"]) == "true")
}()

// MARK: Output

func literal(_ s: String?) -> String { s.map { "\"\($0)\"" } ?? "nil" }
var swift = "// Generated by build-info (Plugins/StampBuildInfo). Do not edit.\n\n"
swift += "enum Generated {\n"
swift += "  static let version = \(literal(version))\n"
swift += "  static let sourceSHA256 = \(literal(fingerprint))\n"
swift += "  static let sourceFileCount = \(files.count)\n"
swift += "  static let sourceRoots: [String] = [\(roots.map { literal($0) }.joined(separator: ", "))]\n"
swift += "  static let commit: String? = \(literal(commit?.hash))\n"
swift += "  static let commitDate: String? = \(literal(commit?.date))\n"
swift += "  static let commitHasUncommittedChanges = \(commit?.modified ?? false)\n"
swift += "  static let commitFromShallowClone = \(commit?.shallow ?? false)\n"
swift += "}\n"
if let old = try? String(contentsOf: output, encoding: .utf8), old == swift { exit(0) }
do {
  try swift.write(to: output, atomically: true, encoding: .utf8)
} catch {
  fail("cannot write \(output.path): \(error)")
}

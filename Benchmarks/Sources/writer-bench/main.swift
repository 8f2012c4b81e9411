import Foundation
import LossAtlasReport

#if canImport(Glibc)
  import Glibc
#endif

// Release-mode timing of the output writer (Sources/LossAtlasReport/Output):
//   writer-bench [MANUAL=../output] [rounds=15]
// Loads the files of a generated manual (not timed), then, `rounds` times:
// writes them into a new folder, writes them again into that folder (no
// byte changes: nothing is written), and, for comparison, writes each file
// plainly with an fsync before closing it. Prints the minimum and median wall
// time and the CPU time per run of each (the machine's load shows in the
// medians; the CPU time is the writer's own work).

let source = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../output"
let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2])! : 15

var loaded: [OutputFile] = []
let manager = FileManager.default
for case let relative as String in manager.enumerator(atPath: source)! where !relative.hasPrefix(".lossatlas") {
  var isFolder: ObjCBool = false
  let path = source + "/" + relative
  if manager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
    loaded.append(OutputFile(path: relative, bytes: [UInt8](manager.contents(atPath: path)!)))
  }
}
let files = loaded.sorted { $0.path < $1.path }
let scratch = NSTemporaryDirectory() + "writer-bench-\(getpid())"
try manager.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? manager.removeItem(atPath: scratch) }

func cpuMilliseconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let user = Double(usage.ru_utime.tv_sec) * 1e3 + Double(usage.ru_utime.tv_usec) / 1e3
  return user + Double(usage.ru_stime.tv_sec) * 1e3 + Double(usage.ru_stime.tv_usec) / 1e3
}

/// (wall ms, CPU ms) of one call.
func measure(_ body: () throws -> Void) rethrows -> (Double, Double) {
  let cpu = cpuMilliseconds()
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, cpuMilliseconds() - cpu)
}

/// Each file written with open, write, fsync, close (folders made first).
func writeWithFsync(_ files: [OutputFile], into folder: String) {
  for file in files {
    let path = folder + "/" + file.path
    try? manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o666)
    _ = file.bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    fsync(fd)
    close(fd)
  }
}

var results: [String: [(Double, Double)]] = [:]
for round in 0..<rounds {
  let folder = scratch + "/manual-\(round)"
  results["new folder", default: []].append(try measure { try OutputWriter.write(files, to: folder) })
  results["same folder, unchanged", default: []].append(try measure { try OutputWriter.write(files, to: folder) })
  results["plain writes, fsync each", default: []].append(measure { writeWithFsync(files, into: scratch + "/fsync-\(round)") })
}

print("\(files.count) files, \(files.reduce(0) { $0 + $1.bytes.count }) bytes, \(rounds) rounds")
for name in ["new folder", "same folder, unchanged", "plain writes, fsync each"] {
  let runs = results[name]!
  let wall = runs.map(\.0).sorted()
  let cpu = runs.map(\.1).reduce(0, +) / Double(runs.count)
  print(
    name.padding(toLength: 26, withPad: " ", startingAt: 0)
      + String(format: "wall min %7.1f ms, median %7.1f ms; CPU %6.1f ms a run", wall[0], wall[wall.count / 2], cpu))
}

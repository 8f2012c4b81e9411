// The template renderer as `lossatlas generate` runs it, on its own, for
// the fuzz test (FuzzTests): loads a templates folder, checks its keys
// against a model, and renders every template on a worker thread (whose
// stack is as small as generate's), so that a template that crashes the
// renderer crashes this process, not the test runner.
//
//   template-fuzz-driver DIR      exit 0: rendered; 1: refused (one line on stderr)
import Foundation

@testable import LossAtlasReport

/// A page model with what templates meet in the manual: text with markup
/// and control characters, numbers, flags, nested records, lists of
/// records and of strings, and optionals.
struct Cell {
  let text: String
  let number: Double
}

struct Row {
  let name: String
  let flag: Bool
  let cells: [String]
  let items: [Cell]
  let note: String?
}

struct Site {
  let title: String
  let year: Int
}

struct Page {
  let title: String
  let html: String
  let rows: [Row]
  let empty: [Row]
  let site: Site
  let missing: String?
}

let page = Page(
  title: "Sigmoid <σ> & \"quotes\" | *stars* \u{1B}[31m",
  html: "<math><mi>x</mi></math>",
  rows: (0..<8).map { i in
    Row(
      name: "row \(i)", flag: i % 2 == 0, cells: ["a", "<b>", "c|d"],
      items: (0..<3).map { Cell(text: "item \($0)", number: Double($0) / 3) }, note: i % 3 == 0 ? nil : "note \(i)")
  },
  empty: [], site: Site(title: "LossAtlas", year: 2026), missing: nil)

guard CommandLine.arguments.count == 2 else {
  FileHandle.standardError.write(Data("usage: template-fuzz-driver DIR\n".utf8))
  exit(64)
}

func fail(_ error: Error) -> Never {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}

let set: TemplateSet
do {
  set = try TemplateSet.directory(URL(fileURLWithPath: CommandLine.arguments[1]))
  try set.validate(knownKeys: mirrorKeys(page))
} catch {
  fail(error)
}

// Render on a Dispatch worker thread, as generate does.
nonisolated(unsafe) var outcome: Result<Int, Error> = .success(0)
let done = DispatchSemaphore(value: 0)
DispatchQueue.global().async {
  outcome = Result {
    var bytes = 0
    for name in set.sources.keys.sorted() {
      let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
      bytes += try set.render(MustacheTree.make(page), format: parts[0], name: parts[1]).utf8.count
    }
    return bytes
  }
  done.signal()
}
done.wait()
switch outcome {
case .success(let bytes): print("rendered \(set.sources.count) templates, \(bytes) bytes")
case .failure(let error): fail(error)
}

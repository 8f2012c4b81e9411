import Foundation
import TestSupport
import Testing

/// `lossatlas chart`: one function's figure as a PNG file, byte-identical
/// on every run; bad input gives one error line, the right exit status and
/// no file.
@Suite struct ChartCommandTests {
  /// A fresh folder per test.
  let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-chart-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  func bytes(_ url: URL) -> [UInt8]? { (try? Data(contentsOf: url)).map { [UInt8]($0) } }

  /// Width and height from a PNG's IHDR chunk.
  func size(_ png: [UInt8]) -> (Int, Int) {
    func be32(_ o: Int) -> Int { png[o..<o + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
  }

  /// What is left in the folder (no temporary files after any run).
  func listing() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? [] }

  @Test("sigmoid --out X writes an 800x500 PNG, the same bytes on a second run")
  func writesTheSameBytesTwice() throws {
    let out = folder.appendingPathComponent("sigmoid.png")
    let first = try CLIRunner.run(["chart", "sigmoid", "--out", out.path])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.isEmpty)
    let a = try #require(bytes(out))
    #expect(Array(a.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(size(a) == (800, 500))
    let second = try CLIRunner.run(["chart", "sigmoid", "--out", out.path])
    #expect(second.status == 0)
    #expect(bytes(out) == a)
    #expect(listing() == ["sigmoid.png"])
  }

  @Test("default file ID.png in the current folder; --scale 2 and --param")
  func defaultsScaleAndParameters() throws {
    let elu = try CLIRunner.run(["chart", "elu", "--param", "alpha=2", "--scale", "2"], directory: folder)
    #expect(elu.status == 0, "\(elu.stderr)")
    let big = try #require(bytes(folder.appendingPathComponent("elu.png")))
    #expect(size(big) == (1600, 1000))
    let eluDefault = try CLIRunner.run(["chart", "elu", "--out", "elu-1.png"], directory: folder)
    #expect(eluDefault.status == 0)
    #expect(size(try #require(bytes(folder.appendingPathComponent("elu-1.png")))) == (800, 500))
    // By alias: the file takes the id.
    let r = try CLIRunner.run(["chart", "swish", "--param", "beta=2"], directory: folder)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(listing() == ["elu-1.png", "elu.png", "silu.png"])
  }

  @Test("--out X.svg writes an SVG 1.1 document (800x500 points), the same bytes twice; .SVG works too")
  func writesSVG() throws {
    let out = folder.appendingPathComponent("huber.svg")
    let r = try CLIRunner.run(["chart", "huber", "--param", "delta=0.5", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "wrote \(out.path) (SVG, 800x500)\n")
    let a = try #require(bytes(out))
    let text = String(decoding: a, as: UTF8.self)
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(text.contains("version=\"1.1\"") && text.contains("width=\"800\" height=\"500\""))
    #expect(text.contains("<title>Huber loss, δ = 0.5</title>") && text.contains("<desc>Value and derivative of Huber loss"))
    #expect(text.contains(">f″ jumps</text>"))
    #expect(!a.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let again = try CLIRunner.run(["chart", "huber", "--param", "delta=0.5", "--out", out.path])
    #expect(again.status == 0 && bytes(out) == a)
    // --scale 2 lays out at 1600x1000 pixels, shown at 800x500 points.
    let upper = folder.appendingPathComponent("HUBER.SVG")
    let big = try CLIRunner.run(["chart", "huber", "--out", upper.path, "--scale", "2"])
    #expect(big.status == 0, "\(big.stderr)")
    let bigText = String(decoding: try #require(bytes(upper)), as: UTF8.self)
    #expect(bigText.contains("width=\"800\" height=\"500\" viewBox=\"0 0 1600 1000\""))
    #expect(listing() == ["HUBER.SVG", "huber.svg"])
  }

  @Test("any extension but .png and .svg is refused: exit 64, one line naming the file and the formats, no file")
  func refusesOtherExtensions() throws {
    for name in ["huber.jpg", "huber", "huber.svg.txt", "huber.pdf"] {
      let out = folder.appendingPathComponent(name)
      let r = try CLIRunner.run(["chart", "huber", "--out", out.path])
      #expect(r.status == 64, "\(name): \(r.stderr)")
      #expect(r.stderr == "error: --out \(out.path) must end in .png or .svg: the extension chooses the format (PNG or SVG)\n")
    }
    #expect(listing().isEmpty)
  }

  @Test("--theme dark draws a PNG for dark pages; another theme is a usage error")
  func darkTheme() throws {
    let light = folder.appendingPathComponent("light.png")
    let dark = folder.appendingPathComponent("dark.png")
    #expect(try CLIRunner.run(["chart", "tanh", "--out", light.path]).status == 0)
    let r = try CLIRunner.run(["chart", "tanh", "--out", dark.path, "--theme", "dark"])
    #expect(r.status == 0, "\(r.stderr)")
    let d = try #require(bytes(dark))
    #expect(Array(d.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] && size(d) == (800, 500))
    #expect(d != bytes(light))
    let bad = try CLIRunner.run(["chart", "tanh", "--out", dark.path, "--theme", "blue"])
    #expect(bad.status == 64 && bad.stderr.contains("--theme must be light or dark, not 'blue'"))
  }

  @Test("an unknown id exits 64 with one line naming it, and writes nothing")
  func unknownID() throws {
    let out = folder.appendingPathComponent("x.png")
    let r = try CLIRunner.run(["chart", "sigmod", "--out", out.path])
    #expect(r.status == 64)
    #expect(r.stderr.split(separator: "\n").count == 1)
    #expect(r.stderr.contains("'sigmod'") && r.stderr.contains("sigmoid"))
    #expect(listing().isEmpty)
  }

  @Test("bad parameters: unknown name or outside the range 64, no file")
  func badParameters() throws {
    let out = folder.appendingPathComponent("elu.png")
    let unknown = try CLIRunner.run(["chart", "elu", "--param", "beta=1", "--out", out.path])
    #expect(unknown.status == 64 && unknown.stderr.contains("beta"))
    let outside = try CLIRunner.run(["chart", "elu", "--param", "alpha=-1", "--out", out.path])
    #expect(outside.status == 64 && outside.stderr.contains("alpha"))
    #expect(outside.stderr.split(separator: "\n").count == 1)
    let scale = try CLIRunner.run(["chart", "elu", "--scale", "3", "--out", out.path])
    #expect(scale.status == 64 && scale.stderr.contains("--scale"))
    #expect(listing().isEmpty)
  }

  @Test("an unwritable path exits 1 naming it and leaves no partial file")
  func unwritablePath() throws {
    let missing = folder.appendingPathComponent("no/such/folder/sigmoid.png").path
    let r = try CLIRunner.run(["chart", "sigmoid", "--out", missing])
    #expect(r.status == 1)
    #expect(r.stderr.contains(missing) && r.stderr.split(separator: "\n").count == 1)
    // A folder where the file should go, and a file where a folder should be.
    let dir = try CLIRunner.run(["chart", "sigmoid", "--out", folder.path])
    #expect(dir.status == 1 && dir.stderr.contains("folder"))
    try Data("x".utf8).write(to: folder.appendingPathComponent("plain"))
    let underFile = try CLIRunner.run(["chart", "sigmoid", "--out", folder.appendingPathComponent("plain/s.png").path])
    #expect(underFile.status == 1)
    #expect(listing() == ["plain"])
  }
}

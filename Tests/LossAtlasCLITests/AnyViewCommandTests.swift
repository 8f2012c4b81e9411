import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// Issue 12 item 1: any view and any parameter on the command line.
/// `sweep`, `chart` and `properties` take `--arg NAME=V` and `--over NAME`
/// for every function, `properties` takes `--param`, and `chart` takes
/// `--from/--to`, `--view`, `--arg` and `--param` lists (a family).
///
/// Every expected number is computed here from the function's textbook
/// formula with Foundation's libm, independently of LossAtlas's kernels.
@Suite struct AnyViewCommandTests {
  /// The CSV rows after the header, as numbers.
  func rows(_ csv: String) -> [[Double]] {
    csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
  }

  func close(_ a: Double, _ b: Double, _ rel: Double = 1e-13) -> Bool {
    a == b || abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)
  }

  @Test("sweep bce --arg y=0.7: p swept at a target the catalog does not list")
  func sweepBCEAtAnyTarget() throws {
    let r = try CLIRunner.run(["sweep", "bce", "--arg", "y=0.7", "--at", "0.25,0.5,0.9"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("x,value,derivative,second_derivative\n"))
    let y = 0.7
    for row in rows(r.stdout) {
      let p = row[0]
      // bce = -(y log p + (1 - y) log(1 - p)); f' = -(y/p - (1-y)/(1-p)); f'' = y/p^2 + (1-y)/(1-p)^2.
      #expect(close(row[1], -(y * Foundation.log(p) + (1 - y) * Foundation.log(1 - p))), "\(row)")
      #expect(close(row[2], -(y / p - (1 - y) / (1 - p)), 1e-12), "\(row)")
      #expect(close(row[3], y / (p * p) + (1 - y) / ((1 - p) * (1 - p)), 1e-12), "\(row)")
    }
  }

  @Test("sweep gaussian-nll --over var: the variance swept with yhat and y fixed")
  func sweepOverAnotherArgument() throws {
    let r = try CLIRunner.run(["sweep", "gaussian-nll", "--over", "var", "--arg", "yhat=2", "--arg", "y=0", "--at", "0.5,4,9"])
    #expect(r.status == 0, "\(r.stderr)")
    for row in rows(r.stdout) {
      let v = row[0]
      let r2 = 4.0  // (yhat - y)^2
      // 0.5 (log var + r^2/var); d/dvar = 0.5 (1/var - r^2/var^2); d2 = 0.5 (-1/var^2 + 2 r^2/var^3).
      #expect(close(row[1], 0.5 * (Foundation.log(v) + r2 / v), 1e-12), "\(row)")
      #expect(close(row[2], 0.5 * (1 / v - r2 / (v * v)), 1e-12), "\(row)")
      #expect(close(row[3], 0.5 * (-1 / (v * v) + 2 * r2 / (v * v * v)), 1e-12), "\(row)")
    }
    // The minimum in var is at var = r^2 = 4, where f' = 0 exactly.
    #expect(rows(r.stdout)[1][2] == 0)
  }

  @Test("sweep cross-entropy --over 's[0]': one score swept, the others from --arg s=[...]")
  func sweepOneElementOfAVector() throws {
    let r = try CLIRunner.run([
      "sweep", "cross-entropy", "--arg", "s=[1,2,3]", "--arg", "k=2", "--over", "s[0]", "--at", "-3,0,5",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    // The CSV leads with the parameter eps (0 by default).
    for row in rows(r.stdout) {
      let x = row[1]
      let z = Foundation.exp(x) + Foundation.exp(2) + Foundation.exp(3)
      let p0 = Foundation.exp(x) / z
      // -log softmax(s)_2 = log z - 3; d/ds0 = p0; d2/ds0^2 = p0 (1 - p0).
      #expect(close(row[2], Foundation.log(z) - 3, 1e-12), "\(row)")
      #expect(close(row[3], p0, 1e-12), "\(row)")
      #expect(close(row[4], p0 * (1 - p0), 1e-12), "\(row)")
    }
  }

  @Test("sweep softmax --over 'z[1]': output 1 along z_1")
  func sweepVectorValuedFunction() throws {
    let r = try CLIRunner.run(["sweep", "softmax", "--arg", "z=[1,0]", "--over", "z[1]", "--at", "-2,1,4"])
    #expect(r.status == 0, "\(r.stderr)")
    for row in rows(r.stdout) {
      // softmax([1, x])_1 = sigmoid(x - 1): p, p (1 - p), p (1 - p)(1 - 2p).
      let p = 1 / (1 + Foundation.exp(1 - row[0]))
      #expect(close(row[1], p), "\(row)")
      #expect(close(row[2], p * (1 - p), 1e-12), "\(row)")
      #expect(close(row[3], p * (1 - p) * (1 - 2 * p), 1e-11), "\(row)")
    }
  }

  @Test("A choice that is a catalog view is that view: bce --arg y=0 equals --view 1")
  func catalogViewByArguments() throws {
    let byArg = try CLIRunner.run(["sweep", "bce", "--arg", "y=0", "--points", "9"])
    let byView = try CLIRunner.run(["sweep", "bce", "--view", "1", "--points", "9"])
    #expect(byArg.status == 0 && byView.status == 0)
    #expect(byArg.stdout == byView.stdout)
  }

  @Test("Bad view choices: one line naming the flag and what is allowed, no output")
  func badChoices() throws {
    let cases: [([String], Int32, String)] = [
      (["sweep", "sigmoid", "--over", "z"], 64, "error: --over z: sigmoid takes x"),
      (["sweep", "bce", "--arg", "q=1"], 64, "error: --arg q=1: bce takes p, y"),
      (["sweep", "bce", "--arg", "p=0.5"], 64, "error: --arg p=0.5: p is the argument the view sweeps"),
      (["sweep", "bce", "--arg", "y=2"], 64, "error: --arg y=2: argument y = 2.0 of bce is outside its domain"),
      (["sweep", "cross-entropy", "--over", "k"], 64, "error: --over k: k is a class index: it can be fixed, not swept"),
      (["sweep", "cross-entropy", "--arg", "s=[1,2]", "--arg", "k=0", "--over", "s[5]"], 64, "error: --over s[5]: s has 2 elements here"),
      (["sweep", "huber", "--over", "s[-1]"], 64, "--over 's[-1]' is not an argument"),
      (["properties", "huber", "--arg", "y=nan"], 64, "error: --arg y=nan: argument y = nan of huber is outside its domain"),
      (["chart", "bce", "--arg", "y=0.7", "--from", "-1"], 64, "error: --from -1.0 is outside the domain of bce's view p (y = 0.7)"),
      (["chart", "huber", "--param", "delta=1,2,3,4,5,6,7,8,9"], 64, "more than 8 curves"),
    ]
    for (args, status, message) in cases {
      let r = try CLIRunner.run(args)
      #expect(r.status == status, "\(args): \(r.stderr)")
      #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(args)")
    }
  }

  @Test("properties huber --param delta=0.3 --arg y=5: kinks at the Doubles where yhat - 5 crosses delta")
  func propertiesAtAnyParameterAndTarget() throws {
    let r = try CLIRunner.run(["properties", "huber", "--param", "delta=0.3", "--arg", "y=5", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try JSONValue.parse(r.stdout)
    guard case .array(let views)? = json["views"], let v = views.first else {
      Issue.record("no views")
      return
    }
    #expect(v["view"] == .string("yhat (y = 5)"))
    #expect(v["catalog_view"] == .null)
    #expect(v["params"]?["delta"]?.doubleValue == 0.3)
    // Independent: the last Double x with x - 5 <= 0.3 in Double
    // arithmetic, and the first with x - 5 > 0.3, found by stepping ulps
    // from 5.3; huber switches piece between them.
    var x = 5.3
    while x - 5 <= 0.3 { x = x.nextUp }
    while (x.nextDown) - 5 > 0.3 { x = x.nextDown }
    var y = 4.7
    while 5 - y <= 0.3 { y = y.nextDown }
    while 5 - y.nextUp > 0.3 { y = y.nextUp }
    guard case .array(let bps)? = v["properties"]?["breakpoints"] else {
      Issue.record("no breakpoints")
      return
    }
    let xs = bps.compactMap { $0["x"]?.doubleValue }
    // The kink on the right: the first point of the outer piece.
    #expect(xs.contains(x), "\(xs) vs \(x)")
    // On the left, the point on either side of the switch (y or its
    // neighbour): within one ulp.
    #expect(xs.contains { $0 == y || $0 == y.nextUp }, "\(xs) vs \(y)")
    // The minimum moved with the target: 0 at yhat = 5.
    #expect(v["properties"]?["infimum"]?["value"]?.doubleValue == 0)
    #expect(v["properties"]?["infimum"]?["location"]?["point"]?.doubleValue == 5)
  }

  @Test("properties --param gives every catalog view at that setting, declared properties checked")
  func propertiesParamOnly() throws {
    let r = try CLIRunner.run(["properties", "huber", "--param", "delta=0.3,2"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("huber {delta=0.3} yhat (y = 0) (catalog view 0)"))
    #expect(r.stdout.contains("huber {delta=2} yhat (y = 0) (catalog view 0)"))
    // max |f'| of huber is delta (on both tails).
    #expect(r.stdout.contains("max |f'|         0.3 (attained"))
    #expect(r.stdout.contains("max |f'|         2.0 (attained"))
    #expect(!r.stdout.contains("DECLARED"))
  }

  @Test("chart: a --param family, a chosen view with --from/--to; no file on error")
  func chartChoices() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-anyview-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func png(_ args: [String], _ name: String) throws -> Data? {
      let out = folder.appendingPathComponent(name)
      let r = try CLIRunner.run(["chart"] + args + ["--out", out.path])
      #expect(r.status == 0, "\(args): \(r.stderr)")
      #expect(r.stdout == "wrote \(out.path) (PNG, 800x500 px)\n")
      return try? Data(contentsOf: out)
    }
    let single = try #require(try png(["huber"], "a.png"))
    let family = try #require(try png(["huber", "--param", "delta=0.5,1,2"], "b.png"))
    let again = try #require(try png(["huber", "--param", "delta=0.5,1,2"], "c.png"))
    let bce = try #require(try png(["bce", "--arg", "y=0.7", "--from", "0.05", "--to", "0.95"], "d.png"))
    let narrow = try #require(try png(["bce", "--arg", "y=0.7", "--from", "0.2", "--to", "0.8"], "e.png"))
    #expect(Array(family.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    #expect(family != single)
    #expect(family == again)
    #expect(bce != narrow)
    let bad = folder.appendingPathComponent("f.png")
    let r = try CLIRunner.run(["chart", "bce", "--arg", "y=0.7", "--from", "0.9", "--to", "0.1", "--out", bad.path])
    #expect(r.status == 64)
    #expect(!FileManager.default.fileExists(atPath: bad.path))
    // A span beyond ±1e300 has no tick step (it crashed in Ticks before
    // session 24): a usage error naming the flag, and no file.
    // ±inf and NaN get the same message (one check since session 25).
    for (from, to, flag) in [("-1e308", "1e308", "--from"), ("0", "2e300", "--to"), ("-inf", "1", "--from"), ("0", "nan", "--to")] {
      let huge = try CLIRunner.run(["chart", "relu", "--from", from, "--to", to, "--out", bad.path])
      #expect(huge.status == 64, "\(from) \(to): \(huge.stderr)")
      #expect(huge.stderr.contains("\(flag) must lie between -1e300 and 1e300"), "\(huge.stderr)")
      #expect(!FileManager.default.fileExists(atPath: bad.path))
    }
    let widest = try #require(try png(["relu", "--from", "-1e300", "--to", "1e300"], "g.png"))
    #expect(Array(widest.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
  }
}

import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// `properties --lang` and `check --lang` (issue 13, item 6): the
/// human-readable report in English (the default, as before) or Chinese;
/// machine formats and error messages stay English; a bad value is a usage
/// error.
@Suite struct LanguageOptionTests {
  static func claims(_ name: String) -> String { Fixtures.url("claims/\(name)").path }

  @Test(
    "a --lang that is not en or zh is a usage error naming the option and the choices; nothing on stdout",
    arguments: [["properties", "sigmoid"], ["check", claims("wrong.yaml")]], ["fr", "EN", "all", ""])
  func badLanguage(_ command: [String], _ value: String) throws {
    let r = try CLIRunner.run(command + ["--lang", value])
    #expect(r.status == 64, "\(command) --lang '\(value)': \(r.status) \(r.stderr)")
    #expect(r.stderr.contains("--lang '\(value)' is not one of en, zh"), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }

  @Test("--lang en is the default's output, byte for byte")
  func englishIsTheDefault() throws {
    let plain = try CLIRunner.run(["properties", "sigmoid"])
    let en = try CLIRunner.run(["properties", "sigmoid", "--lang", "en"])
    #expect(plain.status == 0 && en.status == 0)
    #expect(plain.stdoutBytes == en.stdoutBytes)
    #expect(plain.stdout.contains("At the default parameters:"))
  }

  @Test("properties --lang zh prints the report in Chinese with the same numbers")
  func chineseProperties() throws {
    let en = try CLIRunner.run(["properties", "sigmoid"])
    let zh = try CLIRunner.run(["properties", "sigmoid", "--lang", "zh"])
    #expect(zh.status == 0, "\(zh.stderr)")
    #expect(zh.stdout.hasPrefix("sigmoid："), "\(zh.stdout.prefix(80))")
    #expect(zh.stdout.contains("默认参数下："))
    #expect(zh.stdout.contains("单调性           函数单调递增；导数非单调"))
    #expect(!zh.stdout.contains("At the default parameters"))
    // sigmoid's maximum slope, 1/4 at x = 0, printed the same way in both.
    #expect(en.stdout.contains("0.25 (attained, at x = 0.0)") && zh.stdout.contains("0.25（在x = 0.0处取得）"))
  }

  @Test("check --lang zh: the table in Chinese, the same exit status; JSON, JUnit and GitHub output unchanged")
  func chineseCheck() throws {
    let file = Self.claims("wrong.yaml")
    let en = try CLIRunner.run(["check", file])
    let zh = try CLIRunner.run(["check", file, "--lang", "zh"])
    #expect(en.status == 1 && zh.status == 1)
    #expect(zh.stdout.contains("失败  ") && zh.stdout.contains("通过  ") && zh.stdout.contains("      预期："))
    #expect(zh.stdout.contains("共检查"))
    #expect(!zh.stdout.contains("statements checked"))
    for format in ["json", "junit", "github"] {
      let a = try CLIRunner.run(["check", file, "--format", format])
      let b = try CLIRunner.run(["check", file, "--format", format, "--lang", "zh"])
      #expect(a.status == b.status && a.stdoutBytes == b.stdoutBytes, "--format \(format) changed with --lang zh")
    }
  }

  @Test("a user function's report in Chinese: the safety report and the formula headings")
  func chineseUserFunction() throws {
    let file = Fixtures.repositoryRoot.appendingPathComponent("examples/functions/activations.yaml").path
    let zh = try CLIRunner.run(["properties", "naive-softplus", "--functions", file, "--lang", "zh"])
    #expect(zh.status == 0, "\(zh.stderr)")
    #expect(zh.stdout.contains("按书写的公式求值的数值安全性"))
    #expect(zh.stdout.contains("求值稳定：否"))
    #expect(zh.stdout.contains("用户定义于"))
    #expect(zh.stdout.contains("按书写的公式在极端输入处求值"))
  }

  @Test("--help says what --lang applies to")
  func helpSaysWhatLangApplies() throws {
    for command in ["properties", "check"] {
      let r = try CLIRunner.run([command, "--help"])
      let help = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      #expect(help.contains("--lang <en|zh>"), "\(command)")
      #expect(help.contains("JSON, JUnit and GitHub annotation output, exit statuses and error messages stay English"), "\(command)")
    }
  }
}

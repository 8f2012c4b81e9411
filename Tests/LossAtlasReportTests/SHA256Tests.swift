import Foundation
@testable import LossAtlasReport
import Testing

/// The manifest's hash against the examples of FIPS 180-4 and sha256sum(1).
@Suite struct SHA256Tests {
  @Test func theFIPSExamples() {
    // FIPS 180-4 examples (NIST CSRC "Example Algorithms", SHA256.pdf and
    // SHA256_LongMessage); the empty string from sha256sum(1).
    #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  /// Every length around the padding boundaries (55, 56, 63, 64 bytes and
  /// their multiples), against sha256sum.
  @Test func everyPaddingCaseAgreesWithSha256sum() throws {
    var generator = SystemRandomNumberGenerator()
    for length in [1, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 127, 128, 129, 1000, 4096, 100_003] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      #expect(SHA256.hex(of: bytes) == (try sha256sum(bytes: bytes)), "length \(length)")
    }
  }
}

/// The manifest's records of a run's files: files that share one byte
/// array are hashed once (session 20, perf-render), and every file still
/// gets exactly the record of its own bytes.
@Suite struct OutputRecordsTests {
  @Test func sharedArraysGetTheRecordOfTheirOwnBytes() {
    let png = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
    let equal = png.map { $0 }  // the same bytes in storage of its own
    var changed = png  // copied on write: its own storage, one byte different
    changed[50_000] ^= 1
    let prefix = Array(png[..<99_999])  // same start, one byte shorter
    let files = [
      OutputFile(path: "markdown/figures/a.png", bytes: png), OutputFile(path: "html/figures/a.png", bytes: png),
      OutputFile(path: "b.png", bytes: equal), OutputFile(path: "c.png", bytes: changed),
      OutputFile(path: "d.png", bytes: prefix), OutputFile(path: "e", bytes: []), OutputFile(path: "f", bytes: []),
      OutputFile(path: "g.md", text: "abc"), OutputFile(path: "zh/html/figures/a.png", bytes: png),
    ]
    let records = OutputPlan.records(of: files)
    // Each against the hash of its bytes alone, and the hash itself against sha256sum's.
    #expect(records == files.map { OutputManifest.Record(of: $0.bytes) })
    #expect(records[6] == OutputManifest.Record(sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", size: 0))
    #expect(records[7] == OutputManifest.Record(sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", size: 3))
    #expect(Set([records[0], records[3], records[4]]).count == 3)
    #expect(OutputPlan.records(of: []).isEmpty)
  }
}

/// SHA-256 of a byte string (FIPS 180-4 [fips]), for the manifest: it
/// records what LossAtlas wrote to each path, so a file is deleted or
/// replaced only if its bytes are still exactly those.
///
/// ```
/// H(0) = the first 32 bits of the fractional parts of the square roots of the first 8 primes
/// for each 512-bit block M (the message, then 0x80, zeros, and its length in bits, big-endian):
///   W[t] = M[t] for t < 16;  W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]
///   64 rounds: T1 = h + Σ1(e) + Ch(e,f,g) + K[t] + W[t];  T2 = Σ0(a) + Maj(a,b,c)
///   H(i) = H(i-1) + (a, ..., h)
/// ```
/// All arithmetic is modulo 2^32 (`&+`). No library on every platform
/// LossAtlas builds for offers SHA-256 (CryptoKit is Apple-only), and the
/// manifest needs a hash whose collisions nobody can produce by accident or
/// on purpose, so it is written out here and tested against the FIPS
/// examples and `sha256sum`.
///
/// [fips]: https://csrc.nist.gov/pubs/fips/180-4/upd1/final
struct SHA256 {
  /// The digest as 64 lowercase hexadecimal digits.
  static func hex(of bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { hex(of: $0) }
  }

  static func hex(of bytes: UnsafeRawBufferPointer) -> String {
    var state = SHA256()
    state.compress(blocksOf: bytes)
    let digest = state.finish(tail: UnsafeRawBufferPointer(rebasing: bytes[(bytes.count & ~63)...]), totalBytes: bytes.count)
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for word in digest {
      for shift in stride(from: 28, through: 0, by: -4) {
        text.append(digits[Int((word >> UInt32(shift)) & 0xf)])
      }
    }
    return String(decoding: text, as: UTF8.self)
  }

  private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )

  /// Compresses every whole 64-byte block of `bytes`.
  private mutating func compress(blocksOf bytes: UnsafeRawBufferPointer) {
    guard bytes.count >= 64, let base = bytes.baseAddress else { return }
    compress(base, blocks: bytes.count / 64)
  }

  /// Pads the last partial block (`tail`, under 64 bytes) with 0x80, zeros
  /// and the message length in bits, and returns the final state.
  private mutating func finish(tail: UnsafeRawBufferPointer, totalBytes: Int) -> [UInt32] {
    var last = [UInt8](repeating: 0, count: tail.count + 9 <= 64 ? 64 : 128)
    for (i, byte) in tail.enumerated() { last[i] = byte }
    last[tail.count] = 0x80
    let bits = UInt64(totalBytes) &* 8
    for i in 0..<8 { last[last.count - 1 - i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i))) }
    last.withUnsafeBytes { compress(blocksOf: $0) }
    return [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
  }

  @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

  /// `blocks` consecutive blocks from `base`: for each, the message
  /// schedule, 64 rounds, and the addition into `h`. One call for all the
  /// blocks, so the schedule buffer and the constants are set up once.
  private mutating func compress(_ base: UnsafeRawPointer, blocks: Int) {
    var (h0, h1, h2, h3, h4, h5, h6, h7) = h
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      Self.k.withUnsafeBufferPointer { k in
        for index in 0..<blocks {
          let block = base + 64 * index
          for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
          }
          for t in 16..<64 {
            let s0 = Self.rotr(w[t - 15], 7) ^ Self.rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = Self.rotr(w[t - 2], 17) ^ Self.rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
          }
          var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
          for t in 0..<64 {
            let sigma1 = Self.rotr(e, 6) ^ Self.rotr(e, 11) ^ Self.rotr(e, 25)
            let choose = (e & f) ^ (~e & g)
            let t1 = h &+ sigma1 &+ choose &+ k[t] &+ w[t]
            let sigma0 = Self.rotr(a, 2) ^ Self.rotr(a, 13) ^ Self.rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            h = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ sigma0 &+ majority
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
        }
      }
    }
    h = (h0, h1, h2, h3, h4, h5, h6, h7)
  }

  /// The first 32 bits of the fractional parts of the cube roots of the
  /// first 64 primes (FIPS 180-4, 4.2.2).
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]
}

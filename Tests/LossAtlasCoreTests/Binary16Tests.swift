import LossAtlasCore
import TestSupport
import Testing

/// Binary16 (software half precision) against Swift's native Float16, on
/// every binary16 value, every rounding boundary between neighbours (the
/// midpoint and the Doubles either side of it) and a million random Doubles.
/// Float16 does not exist on Intel Macs; there the hand-checked values run.
@Suite struct Binary16Tests {
  @Test("hand-checked values (IEEE 754 binary16: 11-bit significand, emin -14, max 65504)")
  func knownValues() {
    // 1 + 2^-10 is the next value above 1; halfway rounds to even (1).
    #expect(Binary16.round(1 + 0x1p-11) == 1)
    #expect(Binary16.round((1 + 0x1p-11).nextUp) == 1 + 0x1p-10)
    #expect(Binary16.round(1 + 3 * 0x1p-11) == 1 + 2 * 0x1p-10)  // tie to even: 1 + 2^-9
    #expect(Binary16.round(0.1) == 0x1.998p-4)  // 0.0999755859375
    // Overflow: 65504 + 16 = 65520 is the tie between 65504 (odd) and 2^16: to infinity.
    #expect(Binary16.round(65519.99) == 65504)
    #expect(Binary16.round(65520) == .infinity)
    #expect(Binary16.round(-1e300) == -.infinity)
    // Subnormals: multiples of 2^-24; half of 2^-24 ties to 0 (even), with the sign kept.
    #expect(Binary16.round(0x1p-25) == 0)
    #expect(Binary16.round(-0x1p-25).sign == .minus && Binary16.round(-0x1p-25) == 0)
    #expect(Binary16.round(0x1p-25.nextUp) == 0x1p-24)
    #expect(Binary16.round(3 * 0x1p-25) == 2 * 0x1p-24)
    #expect(Binary16.round(.nan).isNaN)
    #expect(Binary16.nextUp(65504) == .infinity)
    #expect(Binary16.nextUp(0) == 0x1p-24)
    #expect(Binary16.nextDown(1) == 1 - 0x1p-11)
    #expect(Binary16.nextUp(-0x1p-24) == 0 && Binary16.nextUp(-0x1p-24).sign == .minus)
    #expect(Binary16.nextUp(-.infinity) == -65504)
    #expect(Binary16.greatestFiniteMagnitude == 65504)
  }

  #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    @Test("encodings: magnitudeBits and value(magnitudeBits:) are Float16's bit pattern, both ways, for every value")
    func encodings() {
      var mismatches: [String] = []
      for bits in UInt16(0)...0x7C00 {
        let native = Double(Float16(bitPattern: bits))
        if Binary16.value(magnitudeBits: bits) != native { mismatches.append("value(\(bits))") }
        if Binary16.magnitudeBits(native) != bits { mismatches.append("bits(\(native))") }
        if Binary16.magnitudeBits(-native) != bits { mismatches.append("bits(-\(native))") }
      }
      #expect(mismatches.isEmpty, Comment(rawValue: mismatches.prefix(10).joined(separator: ", ")))
    }
  #endif

  #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    @Test("every binary16 value, its neighbours and every rounding boundary agree with Float16")
    func exhaustive() {
      var mismatches: [String] = []
      func same(_ a: Double, _ b: Double) -> Bool {
        a.isNaN ? b.isNaN : a == b && a.sign == b.sign
      }
      func check(_ v: Double) {
        let native = Double(Float16(v))
        if !same(Binary16.round(v), native) { mismatches.append("round(\(v)): \(Binary16.round(v)) vs \(native)") }
      }
      for bits in UInt16.min...UInt16.max {
        let h = Float16(bitPattern: bits)
        let v = Double(h)
        check(v)
        guard !h.isNaN else { continue }
        if !same(Binary16.nextUp(v), Double(h.nextUp)) { mismatches.append("nextUp(\(v))") }
        if !same(Binary16.nextDown(v), Double(h.nextDown)) { mismatches.append("nextDown(\(v))") }
        // The rounding boundary between h and the next value up: the
        // midpoint (exact in Double) and the Doubles on either side.
        let up = Double(h.nextUp)
        if h.isFinite && up.isFinite {
          let mid = (v + up) / 2
          check(mid)
          check(mid.nextUp)
          check(mid.nextDown)
        }
      }
      // The overflow boundary 65520 and the Doubles either side of it.
      for v in [65520.0, 65520.0.nextUp, 65520.0.nextDown, -65520.0, -65520.0.nextDown] { check(v) }
      // Random Doubles over every exponent from 2^-30 to 2^20, both signs.
      var rng = SplitMix64(seed: 0x5eed_b16)
      for _ in 0..<1_000_000 {
        let e = Int(rng.next() % 51) - 30
        let v = Double(sign: rng.next() & 1 == 0 ? .plus : .minus, exponent: e, significand: 1 + Double(rng.next() >> 11) * 0x1p-53)
        check(v)
      }
      #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
  #endif
}

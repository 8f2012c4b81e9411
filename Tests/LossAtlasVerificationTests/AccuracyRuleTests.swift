import LossAtlasVerification
import Testing

/// The checker itself must be right before it judges the catalog.
@Suite struct AccuracyRuleTests {
  @Test func exactValuePasses() {
    let o = AccuracyRule.check(computed: 0.1, exactText: "0.1000000000000000055511151231257827", sensText: "0")
    #expect(o.passes)
    #expect(o.ulpError < 0.01)
  }

  @Test func fourUlpPassesFiveFails() {
    // exact = 1 exactly; ulp(1) = 2^-52.
    let four = 1.0 + 4 * 0x1p-52
    let five = 1.0 + 5 * 0x1p-52
    #expect(AccuracyRule.check(computed: four, exactText: "1", sensText: "0").passes)
    #expect(!AccuracyRule.check(computed: five, exactText: "1", sensText: "0").passes)
  }

  @Test func ulpBelowAPowerOfTwoIsTheSmallerOne() {
    // exact = 1 - 8.7e-19 lies just below 1, in the binade [1/2, 1) whose ulp is
    // 2^-53, although it rounds to 1 (ulp 2^-52). computed = 1 - 5 * 2^-53 is
    // 4.99 ulp of the exact value's binade away (2.5 of the rounded value's).
    let computed = 1.0 - 5 * 0x1p-53
    #expect(!AccuracyRule.check(computed: computed, exactText: "0.99999999999999999913263826", sensText: "0").passes)
  }

  @Test func sensClauseWidensTheBound() {
    let o = AccuracyRule.check(computed: 1e-10, exactText: "0", sensText: "6e-11")
    #expect(o.passes)
    #expect(o.neededSens)
    #expect(!AccuracyRule.check(computed: 1e-10, exactText: "0", sensText: "4e-11").passes)
  }

  @Test func infinitiesAndNaN() {
    #expect(AccuracyRule.check(computed: .infinity, exactText: "inf", sensText: "0").passes)
    #expect(!AccuracyRule.check(computed: .greatestFiniteMagnitude, exactText: "inf", sensText: "0").passes)
    #expect(AccuracyRule.check(computed: .infinity, exactText: "1.0e+600", sensText: "0").passes)
    #expect(!AccuracyRule.check(computed: .nan, exactText: "1", sensText: "1e300").passes)
    #expect(!AccuracyRule.check(computed: .infinity, exactText: "1", sensText: "1e300").passes)
  }

  @Test func tinyExactValuesAndAbsurdExponents() {
    // A value below the Double range: 0 is within one subnormal ulp.
    #expect(AccuracyRule.check(computed: 0, exactText: "1.2e-647", sensText: "0").passes)
    #expect(AccuracyRule.check(computed: 5e-324, exactText: "6.26e-1302883445709755357619998", sensText: "0").passes)
    #expect(!AccuracyRule.check(computed: 1e-300, exactText: "6.26e-1302883445709755357619998", sensText: "0").passes)
  }
}

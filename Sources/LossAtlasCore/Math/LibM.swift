// The platform C math library. glibc's exp, expm1, log, log1p, erf, erfc and
// tanh are within about half an ulp, which the accuracy rule relies on.
#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Musl)
  @_exported import Musl
#elseif canImport(Darwin)
  @_exported import Darwin
#endif

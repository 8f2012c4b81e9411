// Tests use the accuracy rule and the golden-vector reader of the library,
// and the JSON reader and writer.
@_exported import LossAtlasIO
@_exported import LossAtlasVerification

// Tests use the accuracy rule and the golden-vector reader of the library.
@_exported import LossAtlasVerification

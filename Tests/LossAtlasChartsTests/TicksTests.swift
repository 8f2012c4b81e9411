import Testing
@testable import LossAtlasCharts

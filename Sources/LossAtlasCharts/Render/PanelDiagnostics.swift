// MARK: - PanelDiagnostics

/// What the renderer decided for one panel (for tests and debugging).
struct PanelDiagnostics {
  /// The panel's cell in the figure, in image pixels.
  var cell: PixelRect
  /// The plot interior in image pixels (the frame is drawn just outside).
  var plot: PixelRect
  /// The x and y scales used.
  var xScale: Scale
  var yScale: Scale
  /// Ticks whose labels were drawn (after thinning).
  var xLabels: [Tick] = []
  var yLabels: [Tick] = []
  /// The legend box, if one was drawn.
  var legend: PixelRect?
  /// The colour bar of a heat map, if one was drawn.
  var colorBar: PixelRect?
  /// A ternary plot's vertices (bottom-left, bottom-right, top), if one was drawn.
  var triangle: [Point]?
  /// Every text box drawn, in image pixels.
  var textBoxes: [PixelRect] = []
  /// Labels left out because every place for them overlapped something.
  var dropped: [String] = []
}

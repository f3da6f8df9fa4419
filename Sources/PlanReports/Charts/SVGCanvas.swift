/// An SVG drawing built element by element, every number through ``ChartNumber`` and
/// every text through ``HTMLText``, so the same data always gives the same bytes and
/// recorded text stays text.
struct SVGCanvas {
  let width: Int
  let height: Int
  private(set) var body = ""

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  static func number(_ value: Double) -> String {
    ChartNumber.format(value, decimals: 2)
  }

  /// A rectangle, with a tooltip when `title` is given.
  mutating func rect(
    x: Double,
    y: Double,
    width: Double,
    height: Double,
    fill: ReportColour,
    title: String? = nil
  ) {
    let n = Self.number
    body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\""
    body += " fill=\"\(fill.css)\""
    if let title {
      body += "><title>" + HTMLText.escape(title) + "</title></rect>"
    } else {
      body += "/>"
    }
  }

  mutating func line(
    x1: Double,
    y1: Double,
    x2: Double,
    y2: Double,
    stroke: ReportColour,
    width: Double = 1,
    dashed: Bool = false
  ) {
    let n = Self.number
    body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\""
    body += " stroke=\"\(stroke.css)\" stroke-width=\"\(n(width))\""
    body += dashed ? " stroke-dasharray=\"6 4\"/>" : "/>"
  }

  mutating func polyline(_ points: [(x: Double, y: Double)], stroke: ReportColour, width: Double) {
    let n = Self.number
    let list = points.map { n($0.x) + "," + n($0.y) }.joined(separator: " ")
    body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke.css)\""
    body += " stroke-width=\"\(n(width))\" stroke-linejoin=\"round\"/>"
  }

  mutating func circle(x: Double, y: Double, radius: Double, fill: ReportColour, title: String) {
    let n = Self.number
    body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill.css)\">"
    body += "<title>" + HTMLText.escape(title) + "</title></circle>"
  }

  enum Anchor: String {
    case start, middle, end
  }

  mutating func text(
    _ text: String,
    x: Double,
    y: Double,
    anchor: Anchor = .start,
    fill: ReportColour = ReportPalette.text,
    size: Int = 12,
    bold: Bool = false
  ) {
    let n = Self.number
    body += "<text x=\"\(n(x))\" y=\"\(n(y))\" fill=\"\(fill.css)\" font-size=\"\(size)\""
    if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
    if bold { body += " font-weight=\"bold\"" }
    body += ">" + HTMLText.escape(text) + "</text>"
  }

  /// The whole `<svg>` element: an image with a title and a description for assistive
  /// technology (`role="img"`, `aria-labelledby` naming both).
  func document(id: String, title: String, description: String) -> String {
    let id = HTMLText.escape(id)
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(id)\""
    out += " viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
    out += " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""
    out += " font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\">"
    out += "<title id=\"\(id)-title\">" + HTMLText.escape(title) + "</title>"
    out += "<desc id=\"\(id)-desc\">" + HTMLText.escape(description) + "</desc>"
    return out + body + "</svg>"
  }
}

/// A semantic HTML table: a `<caption>`, column headers with `scope="col"`, the first
/// cell of each row a row header with `scope="row"`, every text escaped.
struct HTMLTable {
  /// One cell.
  enum Cell {
    /// Text, escaped when written.
    case text(String)
    /// A number, right-aligned.
    case number(Int)
    /// Markup already escaped (status badges, links to records).
    case markup(String)
  }

  /// A column heading and whether its cells are numbers.
  struct Column {
    let title: String
    var numeric = false
  }

  let caption: String
  let columns: [Column]
  var rows: [(cells: [Cell], className: String?)] = []
  var footer: [Cell]?
  var className = ""

  init(caption: String, columns: [Column]) {
    self.caption = caption
    self.columns = columns
  }

  mutating func add(_ cells: [Cell], className: String? = nil) {
    rows.append((cells, className))
  }

  static func cell(_ cell: Cell, header: Bool) -> String {
    let (tag, attributes) = header ? ("th", " scope=\"row\"") : ("td", "")
    switch cell {
    case .text(let text):
      return "<\(tag)\(attributes)>" + HTMLText.escapeLines(text) + "</\(tag)>"
    case .number(let number):
      return "<\(tag)\(attributes) class=\"number\">\(number)</\(tag)>"
    case .markup(let markup):
      return "<\(tag)\(attributes)>" + markup + "</\(tag)>"
    }
  }

  var html: String {
    var out = "<div class=\"table-wrap\"><table"
    if !className.isEmpty { out += " class=\"\(HTMLText.escape(className))\"" }
    out += ">\n<caption>" + HTMLText.escape(caption) + "</caption>\n<thead><tr>"
    for column in columns {
      out += "<th scope=\"col\"" + (column.numeric ? " class=\"number\"" : "") + ">"
      out += HTMLText.escape(column.title) + "</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in rows {
      out += row.className.map { "<tr class=\"\(HTMLText.escape($0))\">" } ?? "<tr>"
      for (index, cell) in row.cells.enumerated() { out += Self.cell(cell, header: index == 0) }
      out += "</tr>\n"
    }
    if rows.isEmpty {
      out += "<tr><td colspan=\"\(columns.count)\">None.</td></tr>\n"
    }
    out += "</tbody>\n"
    if let footer {
      out += "<tfoot><tr>"
      for (index, cell) in footer.enumerated() { out += Self.cell(cell, header: index == 0) }
      out += "</tr></tfoot>\n"
    }
    return out + "</table></div>\n"
  }
}

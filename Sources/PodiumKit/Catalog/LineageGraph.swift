/// The lineage of a catalog as an SVG drawing without JavaScript: source files → staging tables
/// → models (one layer per depth) → charts, left to right, with a curve per dependency.
///
/// Nodes in a layer are ordered by the mean position of what they read (then by name), which
/// keeps crossings low for star schemas. Colours come from the theme's CSS variables.
enum LineageGraph {
    struct Node {
        var id: String
        var label: String
        var kind: String
        var inputs: [String]
        var href: String?
    }

    static let columnWidth = 200.0, nodeWidth = 160.0, nodeHeight = 26.0, rowGap = 10.0, top = 28.0

    /// The layers, left to right.
    static func layers(_ catalog: Catalog) -> [[Node]] {
        var layers: [[Node]] = []
        layers.append(catalog.sources.map { Node(id: "file:" + $0.path, label: $0.path.split(separator: "/").last.map(String.init) ?? $0.path,
                                                 kind: "file", inputs: [], href: "#source-\($0.name)") })
        layers.append(catalog.sources.map { Node(id: $0.table, label: $0.table, kind: "table", inputs: ["file:" + $0.path],
                                                 href: "#source-\($0.name)") })
        let modelNames = Set(catalog.models.map(\.name))
        var depth: [String: Int] = [:]
        for model in catalog.models {  // models are in run order: dependencies come first
            depth[model.name] = (model.reads.filter(modelNames.contains).compactMap { depth[$0] }.max() ?? -1) + 1
        }
        let maxDepth = depth.values.max() ?? -1
        if maxDepth >= 0 {
            for level in 0...maxDepth {
                layers.append(catalog.models.filter { depth[$0.name] == level }.map {
                    Node(id: $0.name, label: $0.name, kind: "model", inputs: $0.reads, href: "#model-\($0.name)")
                })
            }
        }
        if !catalog.charts.isEmpty {
            layers.append(catalog.charts.map {
                Node(id: "chart:" + $0.id, label: $0.id, kind: "chart", inputs: $0.reads, href: $0.href)
            })
        }
        // Order each layer by the mean row of its inputs.
        var row: [String: Double] = [:]
        for index in layers.indices {
            if index > 0 {
                layers[index] = layers[index].enumerated().map { offset, node -> (Double, String, Node) in
                    let rows = node.inputs.compactMap { row[$0] }
                    return (rows.isEmpty ? Double(offset) : rows.reduce(0, +) / Double(rows.count), node.id, node)
                }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
            }
            for (offset, node) in layers[index].enumerated() { row[node.id] = Double(offset) }
        }
        return layers
    }

    /// The SVG element.
    static func svg(_ catalog: Catalog) -> String {
        let layers = layers(catalog)
        let rows = layers.map(\.count).max() ?? 0
        let width = Double(layers.count - 1) * columnWidth + nodeWidth + 2
        let height = top + Double(rows) * (nodeHeight + rowGap) + 2
        var position: [String: (x: Double, y: Double)] = [:]
        for (column, layer) in layers.enumerated() {
            let offset = (Double(rows - layer.count) * (nodeHeight + rowGap)) / 2
            for (index, node) in layer.enumerated() {
                position[node.id] = (1 + Double(column) * columnWidth, top + offset + Double(index) * (nodeHeight + rowGap))
            }
        }
        let titles = ["files", "staging", "models", "charts, tables, KPIs, prose"]
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"podium-lineage\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"lineage-title\">\n"
        out += "<title id=\"lineage-title\">Lineage: source files, staging tables, models, and the charts, tables, KPI blocks and prose values that read them</title>\n"
        out += "<style>" + style + "</style>\n"
        for (column, layer) in layers.enumerated() {
            let kind = layer.first?.kind ?? ""
            let heading = kind == "file" ? titles[0] : kind == "table" ? titles[1] : kind == "model" ? titles[2] : titles[3]
            let previous = column > 0 ? layers[column - 1].first?.kind : nil
            if previous != kind {
                out += "<text class=\"pl-heading\" x=\"\(n(1 + Double(column) * columnWidth))\" y=\"14\">\(heading)</text>\n"
            }
        }
        for layer in layers {
            for node in layer {
                guard let to = position[node.id] else { continue }
                for input in node.inputs {
                    guard let from = position[input] else { continue }
                    let x1 = from.x + nodeWidth, y1 = from.y + nodeHeight / 2, x2 = to.x, y2 = to.y + nodeHeight / 2
                    let middle = (x1 + x2) / 2
                    out += "<path d=\"M\(n(x1)) \(n(y1)) C\(n(middle)) \(n(y1)) \(n(middle)) \(n(y2)) \(n(x2)) \(n(y2))\" "
                        + "/>\n"
                }
            }
        }
        for layer in layers {
            for node in layer {
                guard let at = position[node.id] else { continue }
                let shown = node.label.count > 22 ? String(node.label.prefix(21)) + "…" : node.label
                let reads = node.inputs.isEmpty ? "" : " reads " + node.inputs.map(display).joined(separator: ", ")
                var element = "<g class=\"pl-\(node.kind)\"><title>\(Escape.html(display(node.id) + reads))</title>"
                element += "<rect x=\"\(n(at.x))\" y=\"\(n(at.y))\" width=\"\(n(nodeWidth))\" height=\"\(n(nodeHeight))\" rx=\"4\"/>"
                element += "<text x=\"\(n(at.x + 8))\" y=\"\(n(at.y + 17))\">\(Escape.html(shown))</text></g>"
                if let href = node.href {
                    element = "<a href=\"\(Escape.html(href))\">\(element)</a>"
                }
                out += element + "\n"
            }
        }
        return out + "</svg>"
    }

    /// Colours follow the theme (light and dark) through its CSS variables, with fallbacks.
    private static let style = ".podium-lineage{max-width:100%;height:auto}"
        + ".podium-lineage text{fill:var(--podium-fg,#1b1f24);font:12px system-ui,-apple-system,sans-serif}"
        + ".podium-lineage .pl-heading{fill:var(--podium-muted,#5c6670)}"
        + ".podium-lineage path{fill:none;stroke:var(--podium-muted,#5c6670);stroke-opacity:.6}"
        + ".podium-lineage rect{fill:var(--podium-bg,#fff);stroke-width:1.5}"
        + ".podium-lineage .pl-file rect{stroke:var(--podium-series-8,#555)}"
        + ".podium-lineage .pl-table rect{stroke:var(--podium-series-1,#0072B2)}"
        + ".podium-lineage .pl-model rect{stroke:var(--podium-series-3,#009E73)}"
        + ".podium-lineage .pl-chart rect{stroke:var(--podium-series-2,#E69F00)}"

    private static func display(_ id: String) -> String {
        if id.hasPrefix("file:") { return String(id.dropFirst(5)) }
        if id.hasPrefix("chart:") { return String(id.dropFirst(6)) }
        return id
    }

    private static func n(_ value: Double) -> String { NumberFormat.plain(value) }
}


import Foundation

/// The arguments `podium serve` passes on, already checked there: `--project DIR --port N
/// --host H` and optionally `--open`.
struct ServeArguments {
    var project = URL(fileURLWithPath: ".", isDirectory: true)
    var port: UInt16 = 3000
    var host = "127.0.0.1"
    var open = false

    init?(_ arguments: ArraySlice<String>) {
        var rest = arguments
        while let name = rest.popFirst() {
            switch name {
            case "--open": open = true
            case "--project":
                guard let value = rest.popFirst() else { return nil }
                project = URL(fileURLWithPath: value, isDirectory: true)
            case "--port":
                guard let value = rest.popFirst().flatMap({ UInt16($0) }) else { return nil }
                port = value
            case "--host":
                guard let value = rest.popFirst() else { return nil }
                host = value
            default: return nil
            }
        }
    }
}

import Foundation

/// Where Podium's own binary and resources (the default theme) are on disk.
enum PackageResources {
    /// The default theme's folder, or nil when the resources are missing.
    ///
    /// The resource bundle normally sits next to the binary; looking there first skips
    /// `Bundle.module`, whose first use sets up Foundation's main bundle (about 14 M
    /// instructions, 3 ms of every build). Anywhere else, `Bundle.module` finds it as before.
    static let templates: URL? = {
        let beside = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            .appendingPathComponent("Podium_PodiumKit.resources", isDirectory: true)
            .appendingPathComponent("templates", isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: beside.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return beside
        }
        return Bundle.module.url(forResource: "templates", withExtension: nil)
    }()

    /// The running binary (`/proc/self/exe` on Linux).
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? "/proc/self/exe"
    }
}

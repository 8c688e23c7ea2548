// swift-tools-version:6.0
// libFuzzer targets for Podium, kept out of the main package so `swift build` and `swift test`
// stay fast and need no sanitizer. Build and run them with `scripts/fuzz` (see that file).
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository
// was cloned: read it from this file's location.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let podiumKit = Target.Dependency.product(name: "PodiumKit", package: root.lastPathComponent)

let package = Package(
    name: "PodiumFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzDriver", path: "FuzzDriver"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzDriver", podiumKit], path: "FuzzCSV"),
        .executableTarget(name: "FuzzPage", dependencies: ["FuzzDriver", podiumKit], path: "FuzzPage"),
        .executableTarget(name: "FuzzXLSX", dependencies: ["FuzzDriver", podiumKit], path: "FuzzXLSX"),
    ],
    swiftLanguageModes: [.v5]
)

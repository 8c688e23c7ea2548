// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Podium",
    platforms: [.macOS(.v15)],  // Linux first; macOS 15 for Synchronization.Mutex
    products: [
        .executable(name: "podium", targets: ["podium"]),
        .executable(name: "podium-serve", targets: ["podium-serve"]),
        .library(name: "PodiumKit", targets: ["PodiumKit"]),
    ],
    // Exact versions: the committed site/ must be byte-identical to a fresh build, so no package
    // may float. Package.resolved is not committed (see README, "Development").
    dependencies: [
        // Core
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // CLI
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `podium serve` only: HTTP/1.1 server on plain sockets (no SwiftNIO); see README, "podium serve".
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // System libraries (Debian: libsqlite3-dev, libcmark-dev, libssl-dev, libzstd-dev, zlib1g-dev, libpq-dev)
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // PostgreSQL's C client: the light choice (postgres-nio costs 4–5 minutes of cold build).
        .systemLibrary(name: "CLibPQ"),  // libpq, loaded with dlopen when a PostgreSQL warehouse is used
        .systemLibrary(name: "Ccmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),  // Parquet pages
        .systemLibrary(name: "CPosix"),  // shims for renameat2(RENAME_EXCHANGE) and mallopt(M_ARENA_MAX)
        // zlib's inflate, for the ZIP entries of XLSX workbooks (light: linked, not loaded lazily).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(
            name: "PodiumKit",
            dependencies: [
                "CSQLite", "Ccmark", "CCrypto", "CPosix", "CLibPQ", "CZstd", "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/templates")]
        ),
        // The preview server (`podium serve`): the HTTP layer, the file watcher and the reload client.
        .target(
            name: "PodiumServe",
            dependencies: ["PodiumKit", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "podium",
            dependencies: ["PodiumKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `podium serve` runs this program (found beside `podium`): FlyingFox links Foundation's
        // networking and with it libcurl and its twenty libraries, which `podium build` must not load.
        .executableTarget(
            name: "podium-serve",
            dependencies: ["PodiumKit", "PodiumServe"]
        ),

        // Benchmarks (scripts/bench): the scaled-Tokyo generator and the benchmark runner.
        .executableTarget(
            name: "podium-bench",
            dependencies: ["PodiumKit"],
            path: "Benchmarks/PodiumBench"
        ),

        // Tests only
        .target(name: "PodiumTestSupport", dependencies: ["PodiumKit"]),
        .testTarget(
            name: "PodiumKitTests",
            dependencies: ["PodiumKit", "PodiumTestSupport", "CZstd"],
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(
            name: "PodiumBuildTests",
            dependencies: ["PodiumKit", "PodiumTestSupport"],
            exclude: ["Cases"]
        ),
        // Run only when PODIUM_TEST_POSTGRES_URL names a server (scripts/start-postgres).
        .testTarget(
            name: "PodiumPostgresTests",
            dependencies: ["PodiumKit", "PodiumTestSupport"]
        ),
        .testTarget(
            name: "PodiumCLITests",
            dependencies: ["podium", "PodiumTestSupport"]
        ),
        .testTarget(
            name: "PodiumServeTests",
            dependencies: ["podium", "podium-serve", "PodiumKit", "PodiumTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("ExistentialAny")]
}

// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "cbsh",
  products: [
    .executable(name: "cbsh", targets: ["cbsh"]),
    // The simulation, for another package to embed: the state machine alone, or with the
    // command language, sessions, renderers and transcript tests on top (no readline).
    .library(name: "CallbackCore", targets: ["CallbackCore"]),
    .library(name: "CallbackShell", targets: ["CallbackShell"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
  ],
  targets: [
    // The pure callback state machine: no I/O, no wall clock.
    .target(
      name: "CallbackCore",
      dependencies: [
        .product(name: "HeapModule", package: "swift-collections")
      ]
    ),
    // The command language, the session, the renderers and transcript tests.
    .target(
      name: "CallbackShell",
      dependencies: ["CallbackCore"]
    ),
    // GNU readline from Debian's libreadline-dev.
    .systemLibrary(
      name: "CReadline",
      providers: [.apt(["libreadline-dev"])]
    ),
    // A thin line editor over readline: prompt, history, completion, Ctrl-C.
    .target(
      name: "LineEditing",
      dependencies: ["CReadline"]
    ),
    // The thin executable: argv, terminal detection, wiring.
    .executableTarget(
      name: "cbsh",
      dependencies: [
        "CallbackShell",
        "LineEditing",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "CallbackCoreTests",
      dependencies: [
        "CallbackCore", .product(name: "HeapModule", package: "swift-collections"),
      ]),
    .testTarget(name: "CallbackShellTests", dependencies: ["CallbackShell"]),
    .testTarget(name: "EndToEndTests", dependencies: ["CallbackShell"]),
  ]
)

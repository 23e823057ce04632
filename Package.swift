// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "cbsh",
  products: [
    .executable(name: "cbsh", targets: ["cbsh"])
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
      ],
      // Release builds link fully statically: loading and relocating libstdc++, readline and
      // tinfo at every start was about a third of `cbsh -c status` (issue 7).
      linkerSettings: [
        .unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))
      ]
    ),
    .testTarget(name: "CallbackCoreTests", dependencies: ["CallbackCore"]),
    .testTarget(name: "CallbackShellTests", dependencies: ["CallbackShell"]),
    .testTarget(name: "EndToEndTests", dependencies: ["CallbackShell"]),
  ]
)

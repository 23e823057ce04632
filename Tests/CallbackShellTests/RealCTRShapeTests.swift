import CallbackCore
import Foundation
import Testing

@testable import CallbackShell

/// cbsh's records against real published voice CTRs (Tests/Fixtures, copied from
/// shared/domain/samples with their sources in Tests/Fixtures/SOURCES.md): the same keys at
/// every level, and the same value types wherever both have a value.
@Suite struct RealCTRShapeTests {
  /// What a JSON value is, with the keys of objects and the first element of arrays.
  indirect enum Shape: Equatable {
    case null, string, number
    case array(Shape?)
    case object([String: Shape])

    init(_ value: Any) {
      switch value {
      case is NSNull: self = .null
      case let object as [String: Any]: self = .object(object.mapValues(Shape.init))
      case let array as [Any]: self = .array(array.first.map(Shape.init))
      case is NSNumber: self = .number  // CTRs hold no booleans.
      case is String: self = .string
      default: preconditionFailure("not a JSON value: \(value)")
      }
    }
  }

  /// Fields cbsh does not model: null in its records, a value in a recorded call's CTR.
  static let notModelled: Set<String> = ["Recording", "Recordings"]
  /// Customer-defined keys: only the type is compared.
  static let freeForm: Set<String> = ["Attributes"]

  /// The differences between a real CTR (`real`) and a cbsh record (`ours`), as paths.
  static func differences(real: Shape, ours: Shape, at path: String = "") -> [String] {
    switch (real, ours) {
    case (.object(let realKeys), .object(let ourKeys)):
      guard !freeForm.contains(path) else { return [] }
      var found: [String] = []
      for key in Set(realKeys.keys).union(ourKeys.keys).sorted() {
        let inner = path.isEmpty ? key : "\(path).\(key)"
        switch (realKeys[key], ourKeys[key]) {
        case (nil, _): found.append("\(inner): not in the real CTR")
        case (_, nil): found.append("\(inner): missing")
        case (let r?, let o?): found += differences(real: r, ours: o, at: inner)
        }
      }
      return found
    case (.array(let r?), .array(let o?)): return differences(real: r, ours: o, at: path + "[]")
    case (.array, .array): return []
    case (.null, _): return []  // The real record had nothing there either.
    case (_, .null):
      return notModelled.contains(path) ? [] : ["\(path): null, the real CTR has \(real)"]
    case (let r, let o): return r == o ? [] : ["\(path): \(o), the real CTR has \(r)"]
    }
  }

  static func fixture(_ name: String) throws -> Shape {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return Shape(try JSONSerialization.jsonObject(with: Data(contentsOf: url)))
  }

  /// The records of `lines`, parsed from `records format=json`.
  static func records(after lines: String...) throws -> [Shape] {
    var s = Session()
    for line in lines { #expect(!s.execute(line: line).rejected, "\(line)") }
    let text = s.execute(line: "records format=json").stdout.joined(separator: "\n")
    let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any])
    return array.map(Shape.init)
  }

  /// An answered inbound call, and the seed example's answered callback, against the real
  /// answered inbound CTR of 2022: the same keys and types, nested ones included.
  @Test func answeredRecordsHaveTheRealKeysAndTypes() throws {
    let real = try Self.fixture("real-ctr-inbound-voice-2022-04-08.json")
    let inbound = try Self.records(
      after: "agent alice", "enqueue", "wait 1m", "offer", "accept", "wait 4m", "hangup",
      "wait 30s", "ready alice")
    #expect(Self.differences(real: real, ours: inbound[0]) == [])
    let seed = try Self.records(
      after: "agent alice", "enqueue number=+15550100", "wait 5m", "callback C1", "wait 20s",
      "offer", "accept", "wait 15s", "connect", "wait 2m", "hangup", "wait 30s", "ready alice")
    #expect(Self.differences(real: real, ours: seed[1]) == [])
  }

  /// Every record of a chain with a failed attempt has the real key set; its values may be
  /// null where the leg has none (no agent joined, not ended yet).
  @Test func everyLegHasTheRealKeySet() throws {
    guard case .object(let real) = try Self.fixture("real-ctr-inbound-voice-2022-04-08.json")
    else { preconditionFailure("the fixture is an object") }
    let legs = try Self.records(
      after: "agent alice", "enqueue", "callback C1 initial-delay=1s", "wait 1s", "offer",
      "accept", "fail", "ready alice", "wait 10m", "offer", "accept")
    #expect(legs.count == 3)
    for leg in legs {
      guard case .object(let ours) = leg else { preconditionFailure("a record is an object") }
      #expect(Set(ours.keys) == Set(real.keys))
    }
  }

  /// The 2019 first leg of a chain predates some keys; every key it has, cbsh has, and its
  /// Agent and Queue have exactly cbsh's keys.
  @Test func olderChainedFirstLegIsASubset() throws {
    guard
      case .object(let real) = try Self.fixture("real-ctr-inbound-voice-2019-08-13-first-leg.json")
    else { preconditionFailure("the fixture is an object") }
    let seed = try Self.records(
      after: "agent alice", "enqueue", "callback C1", "wait 10s", "offer", "accept", "connect",
      "hangup", "ready alice")
    guard case .object(let ours) = seed[1] else { preconditionFailure("a record is an object") }
    #expect(Set(real.keys).subtracting(ours.keys) == [])
    for key in ["Agent", "Queue"] {
      guard case .object(let realInner)? = real[key], case .object(let ourInner)? = ours[key]
      else { preconditionFailure("\(key) is an object in both") }
      #expect(Set(realInner.keys) == Set(ourInner.keys), "\(key)")
    }
  }

  /// A difference is found: the comparison can fail.
  @Test func theComparisonNoticesAMissingKeyAndAWrongType() {
    let real = Shape.object(["A": .string, "B": .object(["C": .number])])
    #expect(
      Self.differences(real: real, ours: .object(["A": .number, "B": .object([:])])) == [
        "A: number, the real CTR has string", "B.C: missing",
      ])
  }
}

import HeapModule
import Testing

@testable import CallbackCore

/// 2026-01-01 at `hh:mm:ss` UTC, the day every simulation starts.
func t(_ clock: String) -> Instant {
  let parts = clock.split(separator: ":").map { Int($0)! }
  return Instant(year: 2026, month: 1, day: 1, hour: parts[0], minute: parts[1], second: parts[2])!
}

/// Shorthand for an event at a time of day.
func at(_ clock: String, _ event: Event) -> TimedEvent {
  TimedEvent(at: t(clock), event: event)
}

let basicQueue = QueueName("BasicQueue")
let alice = AgentName("alice")
let bob = AgentName("bob")
let carol = AgentName("carol")

func c(_ number: Int) -> ContactID { ContactID(number) }

/// Everything a rejected command must leave as it was, derived from every stored property of
/// `Simulation` (so a new one is compared too). The heaps are compared by their live entries:
/// a rejected command may drop stale entries it met, which changes nothing a user can see.
struct Snapshot: Equatable {
  var properties: [String: String]

  init(_ sim: Simulation) {
    properties = [:]
    for child in Mirror(reflecting: sim).children {
      let value: Any
      if let heap = child.value as? Heap<WaitingEntry> {
        let state: ContactState = child.label == "dialQueue" ? .awaitingDial : .queued
        let live = heap.unordered.filter { sim.contacts[$0.contact.number - 1].state == state }
        value = live.sorted().reduce(into: [WaitingEntry]()) { if $0.last != $1 { $0.append($1) } }
      } else if let heap = child.value as? Heap<IdleEntry> {
        value = heap.unordered.filter { entry in
          guard case .available = sim.agents[entry.agent].state else { return false }
          return sim.availabilityGeneration[entry.agent] == entry.generation
        }.sorted()
      } else if let heap = child.value as? Heap<Timer> {
        value = heap.unordered.sorted()
      } else {
        value = child.value
      }
      var text = ""
      dump(value, to: &text)
      properties[child.label ?? "?"] = text
    }
  }
}

extension Simulation {
  /// Runs a command that must be refused. Returns the rejection (nil when it was accepted)
  /// and records an issue if the refused command changed anything.
  mutating func rejection(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ command: (inout Simulation) throws -> [TimedEvent]
  ) -> Rejection? {
    let outcome = rejectionOutcome(command)
    for problem in outcome.problems {
      Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
    return outcome.rejection
  }

  /// What `rejection` checks, without recording: the rejection (nil when the command was
  /// accepted) and what was wrong with the run.
  mutating func rejectionOutcome(
    _ command: (inout Simulation) throws -> [TimedEvent]
  ) -> (rejection: Rejection?, problems: [String]) {
    let before = Snapshot(self)
    do {
      let events = try command(&self)
      return (nil, ["expected a rejection, got \(events)"])
    } catch let rejection as Rejection {
      let changed = Snapshot(self) != before
      return (rejection, changed ? ["a rejected command changed the state"] : [])
    } catch {
      return (nil, ["unexpected error \(error)"])
    }
  }

  /// Contact `Cn`, which must exist.
  func leg(_ number: Int) -> Contact { contact(ContactID(number))! }

  /// Contact `Cn` as a rejection names it, as it stands now.
  func facts(_ number: Int) -> Rejection.ContactFacts { Rejection.ContactFacts(leg(number)) }

  /// The agent `name` as a rejection names them, as they stand now.
  func facts(_ name: AgentName) -> Rejection.AgentFacts { Rejection.AgentFacts(agent(name)!) }
}

/// A simulation with agents added at the start.
func simulation(agents names: AgentName...) throws -> Simulation {
  var sim = Simulation()
  if !names.isEmpty { _ = try sim.addAgents(names) }
  return sim
}

/// The helper itself: a "rejected" command that changed something is reported, and so is
/// one that was accepted; a clean rejection is not.
@Test func rejectionHelperNoticesAChangedState() {
  var sim = Simulation()
  let changed = sim.rejectionOutcome { sim in
    _ = sim.advance(by: Seconds(1))
    throw Rejection.clockBeyondRange
  }
  #expect(changed.rejection == .clockBeyondRange)
  #expect(changed.problems == ["a rejected command changed the state"])
  let accepted = sim.rejectionOutcome { _ in [] }
  #expect(accepted.rejection == nil)
  #expect(accepted.problems.count == 1 && accepted.problems[0].hasPrefix("expected a rejection"))
  let clean = sim.rejectionOutcome { _ in throw Rejection.clockBeyondRange }
  #expect(clean.rejection == .clockBeyondRange && clean.problems.isEmpty)
}

/// The snapshot is derived from every stored property: one the old hand-listed snapshot left
/// out (the faults) and the live heap entries are compared too.
@Test func snapshotSeesEveryStoredProperty() throws {
  var sim = try simulation(agents: alice)
  _ = try sim.enqueueInbound(queue: nil, number: nil)
  let before = Snapshot(sim)
  var faulty = sim
  faulty.faults.declineUsesAttempt = true
  #expect(Snapshot(faulty) != before)
  var offered = sim
  _ = try offered.offer(nil, to: nil)
  #expect(Snapshot(offered) != before)
  var untouched = sim
  _ = untouched.oldestQueuedContact()
  _ = untouched.longestIdleAgent()
  #expect(Snapshot(untouched) == before)
}

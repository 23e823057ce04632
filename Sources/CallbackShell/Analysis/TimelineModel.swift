import CallbackCore

/// A chain laid out for `timeline`: one column per moment something happened to one of its
/// legs, one row per leg. The text chart and the SVG picture both draw it.
struct TimelineModel {
  /// What a leg is doing between two moments.
  enum Fill: Character, CaseIterable {
    case scheduled = "."
    case queued = "="
    case ringing = "~"
    case dialing = ">"
    case talking = "#"
    case afterContactWork = "w"
    /// Customer first: in queue, waiting for the system to dial the customer (rule 11).
    case awaitingDial = "-"

    var meaning: String {
      switch self {
      case .awaitingDial: return "waiting for dial-out"
      case .scheduled: return "scheduled (delay)"
      case .queued: return "in queue"
      case .ringing: return "offered, ringing"
      case .dialing: return "dialing the customer"
      case .talking: return "talking"
      case .afterContactWork: return "after-contact work"
      }
    }
  }

  /// A thing that happened at a moment, drawn as a one-letter mark.
  struct Mark {
    var symbol: Character
    /// Words for the picture: `offered bob`.
    var label: String
  }

  struct Cell {
    var marks: [Mark] = []
    /// What the leg does from this moment to the next; nil once it is over (or before).
    var fill: Fill?
  }

  struct Row {
    var label: String
    /// One per column.
    var cells: [Cell]
    /// The DisconnectReason and a few words, or the live state.
    var ending: String
  }

  var title: String
  var instants: [Instant]
  var rows: [Row]
  /// True for a customer-first chain: the chart needs the dial-out marks (rule 11).
  var customerFirst: Bool

  init(chain head: ContactID, simulation sim: Simulation, histories: [[LegEvent]]) {
    let legs = sim.chain(of: head)
    let outcome = sim.outcome(ofChain: head).map(\.rawValue) ?? "live"
    customerFirst = sim.dialMode(ofChain: head) == .customerFirst
    title =
      "chain " + legs.map(\.id.description).joined(separator: " → ")
      + (customerFirst ? " (customer first)" : "") + ": " + outcome

    var moments = Set<Instant>()
    for leg in legs {
      for event in histories[leg.id.number - 1] where TimelineModel.isDrawn(event.kind) {
        moments.insert(event.at)
      }
    }
    let stillGoing = legs.contains { leg in
      leg.state != .ended
        || (leg.agent?.afterContactWorkStart != nil && leg.agent?.afterContactWorkEnd == nil)
    }
    if stillGoing { moments.insert(sim.now) }
    let instants = moments.sorted()
    self.instants = instants
    let column = Dictionary(uniqueKeysWithValues: instants.enumerated().map { ($1, $0) })

    rows = legs.map { leg in
      var cells = [Cell](repeating: Cell(), count: instants.count)
      var touched = [Bool](repeating: false, count: instants.count)
      var fill: Fill? = nil
      for event in histories[leg.id.number - 1] where TimelineModel.isDrawn(event.kind) {
        let index = column[event.at]!
        touched[index] = true
        cells[index].marks += TimelineModel.marks(event.kind)
        fill = TimelineModel.fill(after: event.kind, current: fill)
        cells[index].fill = fill
      }
      // Carry each fill forward to the moments where nothing happened to this leg.
      var current: Fill? = nil
      for index in cells.indices {
        if touched[index] { current = cells[index].fill } else { cells[index].fill = current }
      }
      let method = leg.method.rawValue
      // A customer-first queued leg dials no one: it has no attempt number to show.
      let attempt =
        leg.method == .customerFirstQueued
        ? "" : leg.callback.map { " \($0.attempt)/\($0.settings.maxAttempts)" } ?? ""
      return Row(
        label: "\(leg.id) \(method)\(attempt)", cells: cells,
        ending: TimelineModel.ending(leg, sim, histories[leg.id.number - 1]))
    }
  }

  /// An agent clearing Missed is the agent's business, not the leg's: it is not drawn.
  static func isDrawn(_ kind: LegEvent.Kind) -> Bool {
    if case .ready(_, clearedMiss: true) = kind { return false }
    return true
  }

  static func marks(_ kind: LegEvent.Kind) -> [Mark] {
    switch kind {
    case .offered(let agent, _): return [Mark(symbol: "o", label: "offered \(agent)")]
    case .declined(let agent): return [Mark(symbol: "x", label: "declined \(agent)")]
    case .offerWithdrawn(let agent): return [Mark(symbol: "x", label: "missed \(agent)")]
    case .accepted(let agent, _, _): return [Mark(symbol: "a", label: "accepted \(agent)")]
    case .customerConnected: return [Mark(symbol: "c", label: "answered")]
    case .callbackRequested: return [Mark(symbol: "|", label: "callback requested")]
    case .attemptFailed(let reason, _, _): return [Mark(symbol: "|", label: reason.rawValue)]
    case .conversationEnded(let party):
      return [Mark(symbol: "|", label: "hung up (\(party.rawValue))")]
    case .abandoned: return [Mark(symbol: "|", label: "abandoned")]
    case .ready(_, clearedMiss: false): return [Mark(symbol: "r", label: "ready")]
    case .dequeuedForDial: return [Mark(symbol: "|", label: "dequeued for dial-out")]
    case .dialStarted(let attempt, _):
      return [Mark(symbol: "d", label: "dialed, attempt \(attempt)")]
    case .customerAnswered: return [Mark(symbol: "c", label: "answered (HUMAN_ANSWERED)")]
    case .dialReachedNoOne(let outcome?, _, _, _):
      return [
        Mark(symbol: outcome.reachedMachine ? "m" : "n", label: outcome.answeringMachineStatus),
        Mark(symbol: "|", label: outcome.disconnectReason!.rawValue),
      ]
    case .dialReachedNoOne(nil, let reason, _, _):
      return [Mark(symbol: "|", label: reason.rawValue)]
    case .arrived, .scheduled, .enqueued, .exhausted, .afterContactWork, .ready,
      .queuedLegScheduled, .dialRetryScheduled, .awaitingDial:
      return []
    }
  }

  static func fill(after kind: LegEvent.Kind, current: Fill?) -> Fill? {
    switch kind {
    case .arrived, .enqueued, .declined: return .queued
    case .scheduled: return .scheduled
    case .offered: return .ringing
    case .accepted(_, _, let dialing): return dialing ? .dialing : .talking
    case .customerConnected: return .talking
    case .callbackRequested, .attemptFailed, .conversationEnded, .abandoned: return nil
    case .afterContactWork: return .afterContactWork
    case .ready: return nil
    case .exhausted, .offerWithdrawn: return current
    case .queuedLegScheduled, .dialRetryScheduled: return .scheduled
    case .awaitingDial: return .awaitingDial
    case .dialStarted: return .dialing
    case .customerAnswered: return .queued
    case .dequeuedForDial, .dialReachedNoOne: return nil
    }
  }

  /// `TELECOM_BUSY: attempt 1 of 3 failed; offered to bob (declined), alice (accepted)`.
  static func ending(_ leg: Contact, _ sim: Simulation, _ history: [LegEvent]) -> String {
    var text: String
    if let reason = leg.disconnectReason {
      text = reason.rawValue + ": "
      let plan = leg.callback
      let attempt = "attempt \(plan?.attempt ?? 0) of \(plan?.settings.maxAttempts ?? 0)"
      let then = leg.nextContactID.map { "retry \($0)" } ?? "exhausted"
      switch (reason, leg.method) {
      case (.contactFlowDisconnect, .customerFirstQueued):
        text +=
          "dequeued for dial-out after \(leg.queueDuration?.value ?? 0)s in queue"
          + (leg.nextContactID.map { ", \($0) dials the customer" } ?? "")
      case (.contactFlowDisconnect, .customerFirstDialed):
        text += "\(leg.answeringMachineStatus ?? "?"), \(attempt) reached a machine, \(then)"
      case (.contactFlowDisconnect, _):
        text += "asked for a callback after \(leg.queueDuration?.value ?? 0)s in queue"
      case (.telecomUnanswered, _), (.telecomBusy, _), (.telecomNumberInvalid, _),
        (.telecomTimeout, _), (.telecomProblem, _):
        if let status = leg.answeringMachineStatus {
          text += "\(status), \(attempt) reached no one, \(then)"
        } else {
          text += "\(attempt) failed, \(then)"
        }
      case (.customerDisconnect, _), (.agentDisconnect, _):
        text +=
          leg.agent.map { "talked to \($0.username)" }
          ?? "abandoned after \(leg.queueDuration?.value ?? 0)s in queue"
        if let total = leg.callbackTotalQueueDuration {
          text += ", CallbackTotalQueueDuration \(total.value)s"
        }
      }
    } else {
      text = "live: " + leg.state.text(now: sim.now, leg)
    }
    // Who was offered the leg, when some agent did not take it.
    let offers = history.compactMap { event -> String? in
      switch event.kind {
      case .declined(let agent): return "\(agent) declined"
      case .offerWithdrawn(let agent): return "\(agent) missed it (caller left)"
      case .accepted(let agent, _, _): return "\(agent) accepted"
      case .arrived, .scheduled, .enqueued, .offered, .callbackRequested, .attemptFailed,
        .exhausted, .customerConnected, .conversationEnded, .abandoned, .afterContactWork, .ready,
        .queuedLegScheduled, .dialRetryScheduled, .awaitingDial, .dequeuedForDial, .dialStarted,
        .customerAnswered, .dialReachedNoOne:
        return nil
      }
    }
    if offers.contains(where: { !$0.hasSuffix("accepted") }) {
      text += "; " + offers.joined(separator: ", ")
    }
    return text
  }
}

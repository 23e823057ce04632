import CallbackCore
import Testing

@testable import CallbackShell

/// A sample of every rejection and the exact words it must print, one or more per wording
/// (`RejectionTextTests.Kind`). The words are those the core's tests asserted before the core
/// threw typed cases; the core's tests now check that each command throws the case.
enum RejectionSamples {
  struct Sample: Sendable, CustomTestStringConvertible {
    var rejection: Rejection
    var text: String
    var testDescription: String { text }
  }

  static let basic = QueueName("BasicQueue")
  static let callbacks = QueueName("Callbacks")
  static let alice = AgentName("alice")
  static let bob = AgentName("bob")
  static let carol = AgentName("carol")

  /// 2026-01-01 at `hh:mm:ss` UTC.
  static func at(_ clock: String) -> Instant {
    let parts = clock.split(separator: ":").map { Int($0)! }
    return Instant(
      year: 2026, month: 1, day: 1, hour: parts[0], minute: parts[1], second: parts[2])!
  }

  static func contact(
    _ number: Int, _ state: ContactState, _ method: InitiationMethod = .callback,
    queue: QueueName = basic, ended reason: DisconnectReason? = nil
  ) -> Rejection.ContactFacts {
    Rejection.ContactFacts(
      id: ContactID(number), method: method, state: state, queue: queue,
      disconnectReason: reason)
  }

  static func agent(_ name: AgentName, _ state: AgentState) -> Rejection.AgentFacts {
    Rejection.AgentFacts(name: name, state: state)
  }

  static func sample(_ rejection: Rejection, _ text: String) -> Sample {
    Sample(rejection: rejection, text: text)
  }

  // The floor the core's CallRejectionTests build: alice dials C2, bob is offered C3 (an
  // inbound call), carol is Missed on C3, C4 is a callback scheduled until 09:00:20, C1 ended
  // when it asked for the callback.
  static let ended1 = contact(1, .ended, .inbound, ended: .contactFlowDisconnect)
  static let dialing2 = contact(2, .dialing(agent: alice))
  static let connected2 = contact(2, .connected(agent: alice))
  static let offered3 = contact(3, .offered(to: bob), .inbound)
  static let scheduled4 = contact(4, .scheduled(until: at("09:00:20")))
  static let queued4 = contact(4, .queued)
  static let offered4 = contact(4, .offered(to: carol))
  static let queued5 = contact(5, .queued, .inbound)
  static let missedCarol = agent(carol, .missed(ContactID(3)))
  static let offeredBob = agent(bob, .offered(ContactID(3)))
  static let onContactAlice = agent(alice, .onContact(ContactID(2)))

  static let names: [Sample] = [
    sample(
      .unknownContact(ContactID(1), contactCount: 0), "no contact C1: there are no contacts yet"),
    sample(
      .unknownContact(ContactID(2), contactCount: 1), "no contact C2: the only contact is C1"),
    sample(
      .unknownContact(ContactID(9), contactCount: 3),
      "no contact C9: contacts so far are C1 to C3"),
    sample(
      .unknownAgent(alice, known: []),
      "no agent 'alice'; there are no agents yet (add one with `agent NAME`)"),
    sample(
      .unknownAgent(AgentName("alcie"), known: [alice, bob]),
      "no agent 'alcie' (did you mean 'alice'?); agents are alice, bob"),
    sample(
      .unknownAgent(AgentName("zed"), known: [alice, bob]),
      "no agent 'zed'; agents are alice, bob"),
    sample(
      .unknownAgent(AgentName("Bob"), known: [alice, bob]),
      "no agent 'Bob' (did you mean 'bob'?); agents are alice, bob"),
    sample(
      .unknownQueue(QueueName("Basicqueue"), known: [basic]),
      "no queue 'Basicqueue' (did you mean 'BasicQueue'?); queues are BasicQueue (create one with `queue NAME`)"
    ),
    sample(
      .unknownQueue(QueueName("Sales"), known: [basic]),
      "no queue 'Sales'; queues are BasicQueue (create one with `queue NAME`)"),
    sample(.duplicateAgent(alice), "agent 'alice' already exists; agent names are unique"),
    sample(.agentNamedTwice(carol), "agent 'carol' is named twice; agent names are unique"),
  ]

  static let clockAndSettings: [Sample] = [
    sample(
      .clockBackwards(now: at("09:01:00"), requested: at("09:00:30")),
      "cannot move the clock back to 2026-01-01T09:00:30Z: it is 2026-01-01T09:01:00Z; the clock only moves forward"
    ),
    sample(
      .clockBeyondRange,
      "cannot move the clock past 9999-12-31T23:59:59Z: timestamps have four-digit years"),
    sample(
      .delayOutOfRange(.initial, Seconds(0)),
      "initial-delay=0s is out of range: CreateCallbackContact allows 1s to 259200s (3d)"),
    sample(
      .delayOutOfRange(.retry, Seconds(259_201)),
      "retry-delay=3d1s is out of range: CreateCallbackContact allows 1s to 259200s (3d)"),
    sample(
      .delayOutOfRange(.retry, Seconds(300_000)),
      "retry-delay=3d11h20m is out of range: CreateCallbackContact allows 1s to 259200s (3d)"),
    sample(
      .maxAttemptsOutOfRange(0),
      "max-attempts=0 is out of range: CreateCallbackContact needs at least 1 attempt"),
    sample(
      .maxAttemptsOutOfRange(-1),
      "max-attempts=-1 is out of range: CreateCallbackContact needs at least 1 attempt"),
  ]

  static let defaults: [Sample] = [
    sample(
      .noDefaultContact(.pendingOffer(.accept)),
      "accept needs a pending offer, and there is none: nothing is offered; `offer` rings an agent first"
    ),
    sample(
      .noDefaultContact(.pendingOffer(.decline)),
      "decline needs a pending offer, and there is none: nothing is offered; `offer` rings an agent first"
    ),
    sample(
      .ambiguousDefaultContact(
        .pendingOffer(.accept),
        candidates: [contact(1, .offered(to: alice), .inbound), contact(2, .offered(to: bob))]),
      "accept needs a pending offer and there are 2: C1 is Offered to alice, C2 is Offered to bob; name one"
    ),
    sample(
      .ambiguousDefaultContact(
        .pendingOffer(.decline),
        candidates: [contact(1, .offered(to: alice), .inbound), contact(2, .offered(to: bob))]),
      "decline needs a pending offer and there are 2: C1 is Offered to alice, C2 is Offered to bob; name one"
    ),
    sample(
      .noDefaultContact(.waitingInboundCall),
      "callback needs a waiting inbound call, and there is none: only a waiting INBOUND call can ask for one; give queue=Q for a stand-alone callback"
    ),
    sample(
      .ambiguousDefaultContact(
        .waitingInboundCall,
        candidates: [contact(1, .queued, .inbound), contact(2, .queued, .inbound)]),
      "callback needs a waiting inbound call and there are 2: C1 is In queue (BasicQueue), C2 is In queue (BasicQueue); name one"
    ),
    sample(
      .noDefaultContact(.callbackBeingDialed(.fail)),
      "fail needs a callback being dialed, and there is none: a failed attempt needs an accepted offer (rule 3), and a decline is not one (rule 2)"
    ),
    sample(
      .noDefaultContact(.callbackBeingDialed(.connect)),
      "connect needs a callback being dialed, and there is none: the customer is dialed only once an agent accepts a callback (rule 1)"
    ),
    sample(
      .ambiguousDefaultContact(
        .callbackBeingDialed(.fail),
        candidates: [contact(1, .dialing(agent: alice)), contact(2, .dialing(agent: bob))]),
      "fail needs a callback being dialed and there are 2: C1 is Dialing (accepted by alice), C2 is Dialing (accepted by bob); name one"
    ),
    sample(
      .ambiguousDefaultContact(
        .callbackBeingDialed(.connect),
        candidates: [
          contact(5, .ringing, .customerFirstDialed), contact(6, .ringing, .customerFirstDialed),
        ]),
      "connect needs a callback being dialed and there are 2: C5 is Ringing the customer, C6 is Ringing the customer; name one"
    ),
    sample(
      .noDefaultContact(.conversationOrWaitingCaller),
      "hangup needs a connected contact or waiting caller, and there is none: a queued callback is never hung up; its customer is not on the line"
    ),
    sample(
      .ambiguousDefaultContact(
        .conversationOrWaitingCaller,
        candidates: [contact(1, .connected(agent: alice), .inbound), contact(2, .queued, .inbound)]
      ),
      "hangup needs a connected contact or waiting caller and there are 2: C1 is Connected to alice, C2 is In queue (BasicQueue); name one"
    ),
  ]

  static let all: [Sample] =
    names + clockAndSettings + defaults + RejectionSamples.calls + RejectionSamples.customerFirst
}

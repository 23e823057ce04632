import CallbackCore

@testable import CallbackShell

extension RejectionSamples {
  /// Offers, answers, dials, hang-ups and `ready`, on the floor of the core's
  /// CallRejectionTests.
  static let calls: [Sample] = [
    sample(
      .cannotOffer(scheduled4, .delayNotOver),
      "cannot offer C4: it is Scheduled until 2026-01-01T09:00:20Z; a callback enters the queue only when its delay is over (rule 5)"
    ),
    sample(
      .cannotOffer(offered3, .alreadyOffered),
      "cannot offer C3: it is Offered to bob; a contact has one pending offer at a time"),
    sample(
      .cannotOffer(dialing2, .alreadyAccepted),
      "cannot offer C2: it is Dialing (accepted by alice); it left the queue when it was accepted (rule 1)"
    ),
    sample(
      .cannotOffer(connected2, .alreadyAccepted),
      "cannot offer C2: it is Connected to alice; it left the queue when it was accepted (rule 1)"),
    sample(
      .cannotOffer(ended1, .notInQueue),
      "cannot offer C1: it is Ended (CONTACT_FLOW_DISCONNECT); only a contact in queue can be offered"
    ),
    sample(.nothingInQueue(next: nil), "nothing to offer: no contact is in queue"),
    sample(
      .nothingInQueue(next: .init(id: ContactID(4), queue: basic, until: at("09:00:20"))),
      "nothing to offer: no contact is in queue; C4 enters BasicQueue at 2026-01-01T09:00:20Z (try `wait`)"
    ),
    sample(
      .agentNotAvailable(missedCarol),
      "cannot offer to carol: carol is Missed (C3); only an Available agent gets contacts; `ready carol` makes them Available"
    ),
    sample(
      .agentNotAvailable(offeredBob),
      "cannot offer to bob: bob is Offered C3; only an Available agent gets contacts"),
    sample(
      .agentNotAvailable(onContactAlice),
      "cannot offer to alice: alice is On contact C2; only an Available agent gets contacts"),
    sample(
      .agentNotAvailable(agent(alice, .afterContactWork(ContactID(2)))),
      "cannot offer to alice: alice is in After contact work (C2); only an Available agent gets contacts; `ready alice` makes them Available"
    ),
    sample(
      .noAgentAvailable([onContactAlice, offeredBob, missedCarol]),
      "no agent is Available: alice is On contact C2, bob is Offered C3, carol is Missed (C3)"),
    sample(
      .noAgentAvailable([]),
      "no agent is Available: there are no agents yet (add one with `agent NAME`)"),
    sample(
      .noOffer(queued5, .accept),
      "cannot accept C5: it is In queue (BasicQueue); only a pending offer can be accepted"),
    sample(
      .noOffer(queued5, .decline),
      "cannot decline C5: it is In queue (BasicQueue); only a pending offer can be declined"),
    sample(
      .noOffer(dialing2, .accept),
      "cannot accept C2: it is Dialing (accepted by alice); only a pending offer can be accepted"),
    sample(
      .noOffer(scheduled4, .decline),
      "cannot decline C4: it is Scheduled until 2026-01-01T09:00:20Z; only a pending offer can be declined"
    ),
    sample(
      .agentHasNoOffer(missedCarol, .accept),
      "cannot accept for carol: carol is Missed (C3); only an agent with a pending offer can accept"
    ),
    sample(
      .agentHasNoOffer(onContactAlice, .decline),
      "cannot decline for alice: alice is On contact C2; only an agent with a pending offer can decline"
    ),
    sample(
      .notDialing(scheduled4, .failBeforeAccept),
      "C4 is not being dialed: it is Scheduled until 2026-01-01T09:00:20Z; a failed attempt needs an accepted offer (rule 3), and a decline is not one (rule 2)"
    ),
    sample(
      .notDialing(offered4, .failBeforeAccept),
      "C4 is not being dialed: it is Offered to carol; a failed attempt needs an accepted offer (rule 3), and a decline is not one (rule 2)"
    ),
    sample(
      .notDialing(scheduled4, .connectBeforeAccept),
      "C4 is not being dialed: it is Scheduled until 2026-01-01T09:00:20Z; the customer is dialed only once an agent accepts (rule 1)"
    ),
    sample(
      .notDialing(offered3, .inboundCall),
      "C3 is not being dialed: it is Offered to bob; it is an INBOUND call; only a callback being dialed can fail or connect (rule 3)"
    ),
    sample(
      .notDialing(ended1, .inboundCall),
      "C1 is not being dialed: it is Ended (CONTACT_FLOW_DISCONNECT); it is an INBOUND call; only a callback being dialed can fail or connect (rule 3)"
    ),
    sample(
      .notDialing(connected2, .alreadyAnswered),
      "C2 is not being dialed: it is Connected to alice; the customer already answered"),
    sample(
      .notDialing(contact(2, .ended, ended: .agentDisconnect), .notBeingDialed),
      "C2 is not being dialed: it is Ended (AGENT_DISCONNECT); only a callback being dialed (accepted, customer not yet answered) can fail or connect"
    ),
    sample(
      .cannotHangUp(scheduled4),
      "cannot hang up C4: it is Scheduled until 2026-01-01T09:00:20Z; a queued callback has no customer on the line"
    ),
    sample(
      .cannotHangUp(queued4),
      "cannot hang up C4: it is In queue (BasicQueue); a queued callback has no customer on the line"
    ),
    sample(
      .cannotHangUp(offered4),
      "cannot hang up C4: it is Offered to carol; a queued callback has no customer on the line"),
    sample(
      .cannotHangUp(dialing2),
      "cannot hang up C2: it is Dialing (accepted by alice); the customer has not answered: use `connect` or `fail`"
    ),
    sample(
      .cannotHangUp(ended1),
      "cannot hang up C1: it is Ended (CONTACT_FLOW_DISCONNECT); only a conversation or a waiting inbound call can end"
    ),
    sample(
      .agentCannotAbandon(offered3),
      "cannot hang up C3 by=agent: it is Offered to bob and no agent has accepted it; only the customer can abandon a call still waiting"
    ),
    sample(
      .agentCannotAbandon(contact(1, .queued, .inbound)),
      "cannot hang up C1 by=agent: it is In queue (BasicQueue) and no agent has accepted it; only the customer can abandon a call still waiting"
    ),
    sample(
      .cannotMakeReady(agent(AgentName("dave"), .available(since: at("09:00:00")))),
      "cannot make dave ready: dave is Available; `ready` is for an agent who is Missed or in After contact work"
    ),
    sample(
      .cannotMakeReady(offeredBob),
      "cannot make bob ready: bob is Offered C3; accept or decline C3 first"),
    sample(
      .cannotMakeReady(onContactAlice),
      "cannot make alice ready: alice is On contact C2; end C2 first (connect and hangup, or fail)"
    ),
    sample(
      .cannotRequestCallback(ended1),
      "cannot request a callback for C1: it is Ended (CONTACT_FLOW_DISCONNECT); only an INBOUND call still waiting for an agent can ask for a callback"
    ),
    sample(
      .cannotRequestCallback(contact(3, .scheduled(until: at("09:00:10")))),
      "cannot request a callback for C3: it is Scheduled until 2026-01-01T09:00:10Z; only a waiting INBOUND call can ask for a callback; C3 is already a callback"
    ),
    sample(
      .cannotRequestCallback(contact(2, .connected(agent: alice), .inbound)),
      "cannot request a callback for C2: it is Connected to alice; only an INBOUND call still waiting for an agent can ask for a callback"
    ),
  ]

  /// Customer-first callbacks (rule 11), as the customer-first transcripts show them.
  static let customerFirst: [Sample] = [
    sample(
      .cannotDial(contact(3, .ringing, .customerFirstDialed, queue: callbacks)),
      "cannot dial C3: it is Ringing the customer; only a customer-first callback waiting for dial-out is dialed (rule 11)"
    ),
    sample(
      .cannotDial(contact(1, .queued, .inbound, queue: callbacks)),
      "cannot dial C1: it is In queue (Callbacks); only a customer-first callback waiting for dial-out is dialed (rule 11)"
    ),
    sample(
      .nothingToDial(next: nil),
      "nothing to dial: no customer-first callback is waiting for dial-out (rule 11)"),
    sample(
      .nothingToDial(next: .init(id: ContactID(2), queue: callbacks, until: at("09:00:10"))),
      "nothing to dial: no customer-first callback is waiting for dial-out; C2 enters Callbacks at 2026-01-01T09:00:10Z (try `wait`)"
    ),
    sample(
      .outcomeNeedsCustomerFirst(ContactID(4), .voicemailBeep),
      "cannot connect C4 amd=voicemail-beep: it is an agent-first callback; answering-machine outcomes belong to customer-first dials (rule 11)"
    ),
    sample(
      .cannotOffer(
        contact(2, .awaitingDial, .customerFirstQueued, queue: callbacks), .customerNotAnswered),
      "cannot offer C2: it is Waiting for dial-out (Callbacks); a customer-first callback is offered only once the customer answers (rule 11)"
    ),
    sample(
      .cannotOffer(
        contact(3, .ringing, .customerFirstDialed, queue: callbacks), .customerNotAnswered),
      "cannot offer C3: it is Ringing the customer; a customer-first callback is offered only once the customer answers (rule 11)"
    ),
    sample(
      .notDialing(
        contact(2, .awaitingDial, .customerFirstQueued, queue: callbacks), .customerFirstNotDialed),
      "C2 is not being dialed: it is Waiting for dial-out (Callbacks); a customer-first callback is dialed with `dial` first (rule 11)"
    ),
    sample(
      .cannotHangUp(contact(3, .ringing, .customerFirstDialed, queue: callbacks)),
      "cannot hang up C3: it is Ringing the customer; the customer has not answered: use `connect` or `fail`"
    ),
  ]
}

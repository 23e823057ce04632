#!/usr/bin/env python3
"""A small consumer of Amazon Connect contact events, as cbsh's `events` writes them.

    python3 docs/events-consumer.py EVENTS.jsonl [--records RECORDS.json]

Reads `events format=jsonl` (a file, or - for stdin), delivered exactly or with
`delivery=at-least-once`: it drops events it has seen (by `id`), orders the rest by time,
and rebuilds each contact's state and each callback chain's final state, printed as JSON.
With --records (cbsh's `records format=json`), it checks every contact's state against its
record and exits 1 on any difference. Standard library only.
"""

import json
import sys

# At equal times, the order a leg's events happen in. The page says events are not ordered,
# so a consumer orders them itself; CONNECTED_TO_SYSTEM and CONNECTED_TO_AGENT of a callback
# leg share the customer's answer (docs/rules.md, "Contact events"), and either order
# rebuilds the same state.
RANK = {
    "INITIATED": 0,
    "CONNECTED_TO_SYSTEM": 1,
    "QUEUED": 1,
    "CONNECTED_TO_AGENT": 2,
    "DISCONNECTED": 3,
    "COMPLETED": 4,
}
CALLBACK_LEGS = {"CALLBACK", "CALLBACK_CUSTOMER_FIRST_DIALED"}
# What Amazon Connect writes for a timestamp that has not happened (the page's
# CONTACT_DATA_UPDATED sample): read as no timestamp.
NOT_YET = "1970-01-01T00:00:00.001Z"


def read_events(lines):
    """The events, each once, in time order."""
    seen = {}
    for line in lines:
        if line.strip():
            event = json.loads(line)
            seen.setdefault(event["id"], event)
    return sorted(
        seen.values(),
        key=lambda e: (e["time"], RANK.get(e["detail"]["eventType"], 5)),
    )


def whole_second(timestamp):
    """`2026-01-01T09:05:10.000Z` as a record writes it: `2026-01-01T09:05:10Z`."""
    if timestamp is None or timestamp == NOT_YET:
        return None
    return timestamp.split(".")[0] + "Z"


def rebuild(events):
    """Each contact's state: what its events said, the latest event's status. Any field may
    be missing from an event: `agentInfo` has no `connectedToAgentTimestamp` on a callback
    attempt whose customer never answered (no CONNECTED_TO_AGENT), and its after-contact-work
    fields only on COMPLETED. Unknown event types and fields are ignored, as the page asks."""
    contacts = {}
    for event in events:
        detail = event["detail"]
        if detail.get("eventType") not in RANK:
            continue
        state = contacts.setdefault(detail["contactId"], {"contactId": detail["contactId"]})
        state["status"] = detail["eventType"]
        state["initiationMethod"] = detail.get("initiationMethod")
        state["initialContactId"] = detail.get("initialContactId")
        state["previousContactId"] = detail.get("previousContactId")
        state["initiated"] = whole_second(detail.get("initiationTimestamp"))
        queue = detail.get("queueInfo") or {}
        agent = detail.get("agentInfo") or {}
        for key, value in [
            ("connectedToSystem", detail.get("connectedToSystemTimestamp")),
            ("disconnected", detail.get("disconnectTimestamp")),
            ("enqueued", queue.get("enqueueTimestamp")),
            ("connectedToAgent", agent.get("connectedToAgentTimestamp")),
            ("afterContactWorkEnd", agent.get("afterContactWorkEndTimestamp")),
        ]:
            if whole_second(value) is not None:
                state[key] = whole_second(value)
        if agent.get("agentArn"):
            state["agentArn"] = agent["agentArn"]
        if queue.get("queueArn"):
            state["queueArn"] = queue["queueArn"]
        if "disconnectReason" in detail:
            state["disconnectReason"] = detail["disconnectReason"]
    return contacts


def chain_order(contacts):
    """The legs in chain order: each chain's first contact, then the leg whose
    previousContactId is the one before (contact IDs are opaque in Amazon Connect)."""
    after = {}
    for state in contacts.values():
        if state["previousContactId"] in contacts:
            after[state["previousContactId"]] = state["contactId"]
    firsts = [s for s in contacts.values() if s["previousContactId"] not in contacts]
    for first in sorted(firsts, key=lambda s: (s["initiated"] or "", s["contactId"])):
        contact_id = first["contactId"]
        while contact_id is not None:
            yield contacts[contact_id]
            contact_id = after.get(contact_id)


def chains(contacts):
    """Each chain's final state, by its first contact: its legs, callback attempts, and
    whether a callback reached the customer and an agent."""
    found = {}
    for state in chain_order(contacts):
        head = state["initialContactId"] or state["contactId"]
        chain = found.setdefault(head, {"legs": [], "callbackAttempts": 0, "answered": False})
        chain["legs"].append(state["contactId"])
        if state["initiationMethod"] in CALLBACK_LEGS:
            chain["callbackAttempts"] += 1
            if "connectedToSystem" in state and "connectedToAgent" in state:
                chain["answered"] = True
        chain["last"] = state["status"]
    return found


def check(contacts, records):
    """Differences between the rebuilt contacts and cbsh's records."""
    problems = []
    by_id = {r["ContactId"]: r for r in records}
    for missing in sorted(set(by_id) - set(contacts)):
        problems.append(f"{missing}: a record but no events")
    for extra in sorted(set(contacts) - set(by_id)):
        problems.append(f"{extra}: events but no record")
    for contact_id, state in sorted(contacts.items()):
        record = by_id.get(contact_id)
        if record is None:
            continue
        agent = record.get("Agent") or {}
        expected = {
            "initiationMethod": record["InitiationMethod"],
            "initialContactId": record["InitialContactId"],
            "previousContactId": record["PreviousContactId"],
            "initiated": record["InitiationTimestamp"],
            "connectedToSystem": record["ConnectedToSystemTimestamp"],
            "enqueued": record["Queue"]["EnqueueTimestamp"],
            "queueArn": record["Queue"]["ARN"] if record["Queue"]["EnqueueTimestamp"] else None,
            "connectedToAgent": agent.get("ConnectedToAgentTimestamp"),
            # An agent is named from CONNECTED_TO_AGENT on, and on DISCONNECTED and COMPLETED
            # of a leg an agent accepted, answered or not.
            "agentArn": (
                agent.get("ARN")
                if agent.get("ConnectedToAgentTimestamp") or record["DisconnectTimestamp"]
                else None
            ),
            "disconnected": record["DisconnectTimestamp"],
            "disconnectReason": record["DisconnectReason"],
        }
        if state["status"] == "COMPLETED":
            expected["afterContactWorkEnd"] = agent.get("AfterContactWorkEndTimestamp")
        for key, value in expected.items():
            if state.get(key) != value:
                problems.append(f"{contact_id}: {key} is {state.get(key)!r}, the record has {value!r}")
    return problems


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--records"):
        print("usage: events-consumer.py EVENTS.jsonl [--records RECORDS.json]", file=sys.stderr)
        return 2
    if argv[1] == "-":
        events = read_events(sys.stdin)
    else:
        with open(argv[1], encoding="utf-8") as stream:
            events = read_events(stream)
    contacts = rebuild(events)
    print(json.dumps({"contacts": contacts, "chains": chains(contacts)}, indent=2, sort_keys=True))
    if len(argv) == 4:
        with open(argv[3], encoding="utf-8") as stream:
            problems = check(contacts, json.load(stream))
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

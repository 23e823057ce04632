"""Deterministic cbsh scenario scripts for Scripts/bench.

The generator keeps its own copy of the simulation state (contacts, agents, timers, the
clock) so that every command it writes is legal: cbsh must run the script with exit code 0.
Contacts and agents are always named explicitly (`offer C5 a17`), so the script never
depends on cbsh's default-argument rules, only on its ID numbering: every contact record,
each callback leg included, takes the next number (enqueue, callback and a fail with
attempts left each create one).
"""

import heapq
import random

AGENTS = 400
QUEUES = ["Sales", "Support", "Billing"]
# The clock is moved by `wait` so callbacks scheduled with these delays enter the queue.
INITIAL_DELAYS = ["10s", "30s", "1m", "2m"]
RETRY_DELAYS = ["30s", "1m", "5m"]
FAIL_REASONS = ["no-answer", "busy", "invalid-number", "timeout", "problem"]
# Above this many live (scheduled or queued) contacts, no new calls arrive.
MAX_LIVE = 20_000


class Pool:
    """A set with O(1) insert, remove and random choice (swap-remove on a list)."""

    def __init__(self):
        self.items = []
        self.where = {}

    def add(self, item):
        self.where[item] = len(self.items)
        self.items.append(item)

    def remove(self, item):
        index = self.where.pop(item)
        last = self.items.pop()
        if index < len(self.items):
            self.items[index] = last
            self.where[last] = index

    def pick(self, rng):
        return self.items[rng.randrange(len(self.items))]

    def __len__(self):
        return len(self.items)


class Scenario:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.now = 0
        self.next_id = 1
        self.timer_order = 0
        self.lines = []
        # Contact pools by state; a contact is in at most one.
        self.waiting_inbound = Pool()  # INBOUND, in queue, not offered
        self.queued_callbacks = Pool()  # CALLBACK legs in queue, not offered
        self.offered = Pool()
        self.dialing = Pool()
        self.connected = Pool()
        self.scheduled = []  # heap of (deadline, order, contact)
        # Per contact: (queue, attempt, max_attempts, retry_seconds) for CALLBACK legs.
        self.plan = {}
        self.agent_of = {}  # contact -> agent, while offered, dialing or connected
        self.contact_of = {}  # agent -> contact, while offered
        self.available = Pool()
        self.unready = Pool()  # agents in after-contact work or Missed
        self.queue_of = {}  # contact -> queue, while live

    def emit(self, line):
        self.lines.append(line)

    def new_id(self):
        contact = self.next_id
        self.next_id += 1
        return contact

    def setup(self):
        for queue in QUEUES:
            self.emit(f"queue {queue} initial-delay=30s max-attempts=3 retry-delay=1m")
        names = [f"a{n}" for n in range(1, AGENTS + 1)]
        for start in range(0, AGENTS, 100):
            self.emit("agent " + " ".join(names[start : start + 100]))
        for name in names:
            self.available.add(name)

    # Each action returns False when it cannot act in the current state.

    def enqueue(self):
        if len(self.waiting_inbound) + len(self.queued_callbacks) + len(self.scheduled) >= MAX_LIVE:
            return False
        contact = self.new_id()
        queue = self.rng.choice(QUEUES)
        if self.rng.random() < 0.5:
            number = 15550100000 + self.rng.randrange(100000)
            self.emit(f"enqueue queue={queue} number=+{number}")
        else:
            self.emit(f"enqueue queue={queue}")
        self.queue_of[contact] = queue
        self.waiting_inbound.add(contact)
        return True

    def callback(self):
        if not self.waiting_inbound:
            return False
        inbound = self.waiting_inbound.pick(self.rng)
        self.waiting_inbound.remove(inbound)
        leg = self.new_id()
        queue = self.queue_of.pop(inbound)
        delay = self.rng.choice(INITIAL_DELAYS)
        attempts = self.rng.randint(1, 3)
        retry = self.rng.choice(RETRY_DELAYS)
        self.emit(f"callback C{inbound} initial-delay={delay} max-attempts={attempts} retry-delay={retry}")
        self.plan[leg] = (queue, 1, attempts, seconds(retry))
        self.queue_of[leg] = queue
        self.schedule(leg, seconds(delay))
        return True

    def schedule(self, leg, delay):
        heapq.heappush(self.scheduled, (self.now + delay, self.timer_order, leg))
        self.timer_order += 1

    def abandon(self):
        if not self.waiting_inbound:
            return False
        inbound = self.waiting_inbound.pick(self.rng)
        self.waiting_inbound.remove(inbound)
        del self.queue_of[inbound]
        self.emit(f"hangup C{inbound}")
        return True

    def offer(self):
        if not self.available:
            return False
        inbound = len(self.waiting_inbound)
        callbacks = len(self.queued_callbacks)
        if inbound + callbacks == 0:
            return False
        pool = self.waiting_inbound if self.rng.randrange(inbound + callbacks) < inbound else self.queued_callbacks
        contact = pool.pick(self.rng)
        pool.remove(contact)
        agent = self.available.pick(self.rng)
        self.available.remove(agent)
        self.emit(f"offer C{contact} {agent}")
        self.offered.add(contact)
        self.agent_of[contact] = agent
        self.contact_of[agent] = contact
        return True

    def decline(self):
        if not self.offered:
            return False
        contact = self.offered.pick(self.rng)
        agent = self.agent_of.pop(contact)
        del self.contact_of[agent]
        self.offered.remove(contact)
        self.emit(f"decline {agent}" if self.rng.random() < 0.5 else f"decline C{contact}")
        (self.queued_callbacks if contact in self.plan else self.waiting_inbound).add(contact)
        self.unready.add(agent)
        return True

    def accept(self):
        if not self.offered:
            return False
        contact = self.offered.pick(self.rng)
        agent = self.agent_of[contact]
        del self.contact_of[agent]
        self.offered.remove(contact)
        self.emit(f"accept {agent}" if self.rng.random() < 0.5 else f"accept C{contact}")
        del self.queue_of[contact]
        (self.dialing if contact in self.plan else self.connected).add(contact)
        return True

    def fail(self):
        if not self.dialing:
            return False
        contact = self.dialing.pick(self.rng)
        self.dialing.remove(contact)
        agent = self.agent_of.pop(contact)
        reason = self.rng.choice(FAIL_REASONS)
        self.emit(f"fail C{contact} reason={reason}")
        queue, attempt, attempts, retry = self.plan.pop(contact)
        if attempt < attempts:
            leg = self.new_id()
            self.plan[leg] = (queue, attempt + 1, attempts, retry)
            self.queue_of[leg] = queue
            self.schedule(leg, retry)
        self.unready.add(agent)
        return True

    def connect(self):
        if not self.dialing:
            return False
        contact = self.dialing.pick(self.rng)
        self.dialing.remove(contact)
        self.emit(f"connect C{contact}")
        self.connected.add(contact)
        return True

    def hangup(self):
        if not self.connected:
            return False
        contact = self.connected.pick(self.rng)
        self.connected.remove(contact)
        self.plan.pop(contact, None)
        agent = self.agent_of.pop(contact)
        self.emit(f"hangup C{contact} by=agent" if self.rng.random() < 0.3 else f"hangup C{contact}")
        self.unready.add(agent)
        return True

    def ready(self):
        if not self.unready:
            return False
        agent = self.unready.pick(self.rng)
        self.unready.remove(agent)
        self.emit(f"ready {agent}")
        self.available.add(agent)
        return True

    def wait(self):
        step = self.rng.randint(1, 20)
        self.emit(f"wait {step}s" if self.rng.random() < 0.8 else f"advance {step}")
        self.now += step
        while self.scheduled and self.scheduled[0][0] <= self.now:
            _, _, leg = heapq.heappop(self.scheduled)
            self.queued_callbacks.add(leg)
        return True


# Relative weights: roughly a contact centre's mix, with waits interleaved.
TRAFFIC = [
    (Scenario.enqueue, 10),
    (Scenario.callback, 5),
    (Scenario.abandon, 1),
    (Scenario.offer, 14),
    (Scenario.decline, 3),
    (Scenario.accept, 11),
    (Scenario.fail, 3),
    (Scenario.connect, 4),
    (Scenario.hangup, 9),
    (Scenario.ready, 14),
    (Scenario.wait, 4),
]

# For the 10^6-record scripts: more calls, callbacks, abandons and failed attempts per
# command, so a million records take about 3.5 million commands rather than 4.5.
RECORD_HEAVY = [
    (Scenario.enqueue, 12),
    (Scenario.callback, 7),
    (Scenario.abandon, 3),
    (Scenario.offer, 12),
    (Scenario.decline, 1),
    (Scenario.accept, 11),
    (Scenario.fail, 6),
    (Scenario.connect, 3),
    (Scenario.hangup, 7),
    (Scenario.ready, 12),
    (Scenario.wait, 3),
]


def seconds(duration):
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    return int(duration[:-1]) * units[duration[-1]]


# Rush hours and calm hours alternate this often (in commands): queues build up to a few
# thousand waiting contacts, then drain, so the routing structures are exercised at size.
PHASE = 25_000


def phase_weights(mix, factor):
    return [
        action
        for action, weight in mix
        for _ in range(round(weight * factor) if action is Scenario.enqueue else weight)
    ]


def generate(seed, commands=None, records=None, mix=TRAFFIC):
    """Lines of a scenario with `commands` lines in all, or with exactly `records` contact
    records (it stops at the command that makes the last one)."""
    scenario = Scenario(seed)
    scenario.setup()
    rng = scenario.rng
    rush, calm = phase_weights(mix, 1.6), phase_weights(mix, 0.6)
    while True:
        if commands is not None and len(scenario.lines) >= commands:
            break
        if records is not None and scenario.next_id > records:
            break
        actions = rush if len(scenario.lines) // PHASE % 2 == 0 else calm
        while not actions[rng.randrange(len(actions))](scenario):
            pass
    return scenario.lines


def sqlite_lines(count, seed):
    """An sqlite3 shell script of `count` lines: a table, then INSERTs in one transaction."""
    rng = random.Random(seed)
    lines = [
        "CREATE TABLE records(id INTEGER, contact TEXT, method TEXT, queue TEXT, "
        "initiated TEXT, attempts INTEGER);",
        "BEGIN;",
    ]
    methods = ["INBOUND", "CALLBACK"]
    for n in range(1, count - 2):
        lines.append(
            f"INSERT INTO records VALUES({n},'C{n}','{rng.choice(methods)}',"
            f"'{rng.choice(QUEUES)}','2026-01-01T09:{n // 60 % 60:02d}:{n % 60:02d}Z',{rng.randint(0, 3)});"
        )
    lines.append("COMMIT;")
    return lines

#!/usr/bin/env python3
"""Ctrl-C in the interactive shell (issue 13), in a pseudo-terminal: a long `explore`, a
long `fuzz`, a `source` of a FIFO that no one writes to, and a `source` that changes the
state and then runs a long `explore` each stop within a second, print `interrupted`, give
the prompt back and leave `status` as it was. Long commands show a progress line on a
terminal's stderr, and none when stderr is a pipe. A script still dies of SIGINT.
Usage: interrupt_test.py CBSH
"""
import os
import re
import signal
import sys
import tempfile
import time

import pexpect

CBSH = os.path.abspath(sys.argv[1])
PROMPT = r"(?:\x1b\[\?2004h)?cbsh \d\d:\d\d:\d\d> "
# The ^C the terminal echoed is erased (and a progress line with it): `interrupted` takes
# its place, or the prompt does when stderr is not the terminal.
ERASE = r"\r\x1b\[K"
SCENE = ["agent a b c d", "enqueue", "enqueue", "callback C1"]
EXPLORE = "explore depth=30 max-states=1000000"
failures = []
checks = 0


def check(name, condition, detail=""):
    global checks
    checks += 1
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + detail))
    if not condition:
        failures.append(name)


def environment(state):
    env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm", NO_COLOR="1")
    env.pop("CI", None)
    return env


def run(shell, line):
    """Runs a line to its prompt; returns what it printed."""
    shell.send(line + "\r")
    shell.expect(PROMPT)
    return shell.before


def status(shell):
    return re.sub(r"\x1b\[[?0-9;]*[A-Za-z]|\r", "", run(shell, "status")).split("\n", 1)[-1]


def scenario(name, line, progress=None, then=None, stderr=None,
             said=r"[^\n]*interrupted[^\n]*\r\n"):
    """In a fresh shell with SCENE: starts `line`, lets it run a second (its progress line
    shows), sends Ctrl-C: `said` and the prompt within a second, and `status` as before;
    then `then(shell)`. A shell that stops answering fails the scenario."""
    command = CBSH if stderr is None else "bash"
    arguments = [] if stderr is None else ["-c", 'exec "$0" 2>"$1"', CBSH, stderr]
    shell = pexpect.spawn(command, arguments, env=environment(state), encoding="utf-8",
                          timeout=5, dimensions=(40, 200))
    try:
        shell.expect(PROMPT)
        for setup in SCENE:
            run(shell, setup)
        before = status(shell)
        shell.send(line + "\r")
        shell.expect_exact(line)
        time.sleep(1.0)
        if progress:
            index = shell.expect([progress, pexpect.TIMEOUT], timeout=1)
            check(f"{name}: a progress line on the terminal", index == 0,
                  repr(shell.before[-300:]))
        started = time.monotonic()
        shell.send("\x03")
        pattern = r"\^C" + ERASE + r"(?:\r\x1b\[K)?" + said + PROMPT
        index = shell.expect([pattern, pexpect.TIMEOUT, pexpect.EOF], timeout=1)
        took = time.monotonic() - started
        check(f"{name}: Ctrl-C gives `interrupted` and the prompt at once ({took:.2f}s)",
              index == 0, repr(shell.before[-300:]))
        if index != 0:
            return
        after = status(shell)
        check(f"{name}: status is as before", after == before, after)
        if then:
            then(shell)
        shell.sendcontrol("d")
        shell.expect(pexpect.EOF)
        shell.close()
        check(f"{name}: then Ctrl-D exits 0", shell.exitstatus == 0, str(shell.exitstatus))
    except (pexpect.TIMEOUT, pexpect.EOF):
        check(f"{name}: the shell answers", False, repr(shell.before[-300:]))
    finally:
        shell.close(force=True)


def zed_is_gone(shell):
    check("the interrupted source's changes are gone: zed can be added again",
          "agent zed added" in run(shell, "agent zed"))


with tempfile.TemporaryDirectory() as work:
    state = os.path.join(work, "state")
    scenario("explore", EXPLORE, r"explore: [\d,]+ states in level \d+, [\d,]+ states/s")
    scenario("fuzz", "fuzz runs=1000000", r"fuzz: [\d,]+ of 1,000,000 runs, [\d,]+ commands")

    fifo = os.path.join(work, "fifo")
    os.mkfifo(fifo)
    scenario("source of a FIFO with no writer", "source " + fifo, "waiting for input")

    script = os.path.join(work, "changes.cbsh")
    with open(script, "w") as f:
        f.write("agent zed\nwait 20s\n" + EXPLORE + "\n")
    scenario("source that changes the state, then explores", "source " + script,
             then=zed_is_gone)

    # stderr a file: the same interruption, no progress line, and on the terminal the ^C is
    # erased and the prompt starts its own line.
    errors = os.path.join(work, "stderr")
    scenario("stderr not a terminal: explore", EXPLORE, stderr=errors, said="")
    with open(errors) as f:
        written = f.read()
    check("stderr not a terminal: interrupted, and no progress line",
          written == "interrupted\n", repr(written))

    # A script (not interactive) with stderr on the terminal: progress, and Ctrl-C ends it
    # as SIGINT does, as before.
    path = os.path.join(work, "long.cbsh")
    with open(path, "w") as f:
        f.write("\n".join(SCENE + [EXPLORE]) + "\n")
    shell = pexpect.spawn(CBSH, [path], env=environment(state), encoding="utf-8", timeout=10,
                          dimensions=(40, 200))
    index = shell.expect([r"explore: [\d,]+ states", pexpect.TIMEOUT], timeout=3)
    check("a script on a terminal shows its progress", index == 0, repr(shell.before[-300:]))
    shell.send("\x03")
    index = shell.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=2)
    shell.close(force=True)
    check("Ctrl-C ends a script as SIGINT does", index == 0 and
          shell.signalstatus == signal.SIGINT, f"{shell.exitstatus} {shell.signalstatus}")

print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)

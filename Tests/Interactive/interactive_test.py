#!/usr/bin/env python3
"""Drives the real cbsh binary in a pseudo-terminal, as a trainer would.

Checks tab completion, history across restarts (up arrow), Ctrl-C, Ctrl-D and
`save` producing a transcript that `cbsh test` passes. Usage: interactive_test.py CBSH
"""
import os
import subprocess
import sys
import tempfile

import pexpect

CBSH = os.path.abspath(sys.argv[1])
UP = "\x1b[A"
PROMPT = r"cbsh \d\d:\d\d:\d\d> "
failures = []
checks = 0


def check(name, condition, detail=""):
    global checks
    checks += 1
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + detail))
    if not condition:
        failures.append(name)


def start(state):
    env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm", NO_COLOR="1")
    env.pop("CI", None)
    shell = pexpect.spawn(CBSH, env=env, encoding="utf-8", timeout=10, dimensions=(40, 200))
    shell.expect("Type `help`")
    shell.expect(PROMPT)
    return shell


with tempfile.TemporaryDirectory() as work:
    state = os.path.join(work, "state")
    shell = start(state)

    shell.send("enq\t")
    shell.expect("enqueue ")
    shell.send("\r")
    check("enq<TAB> completes to `enqueue `", shell.expect(["C1 INBOUND call", pexpect.TIMEOUT]) == 0)
    shell.expect(PROMPT)

    shell.send("agent alice\r")
    shell.expect(PROMPT)
    shell.send("offer\r")
    shell.expect("offered to alice")
    shell.expect(PROMPT)
    shell.send("accept \t")
    index = shell.expect(["accept alice ", pexpect.TIMEOUT], timeout=3)
    check("accept <TAB> completes the agent with the pending offer", index == 0, shell.before)
    shell.send("\r")
    shell.expect("accepted by alice")
    shell.expect(PROMPT)

    shell.send("partly typed")
    shell.sendcontrol("c")
    shell.expect(PROMPT)
    shell.send("status\r")
    index = shell.expect(["clock 2026-01-01T09:00:00Z", pexpect.TIMEOUT, pexpect.EOF])
    check("Ctrl-C clears the line and the shell stays alive", index == 0, shell.before)
    shell.expect(PROMPT)

    shell.send(UP)
    check("up arrow recalls the last command", shell.expect(["status", pexpect.TIMEOUT], timeout=3) == 0)
    shell.send("\r")
    shell.expect(PROMPT)

    shell.sendcontrol("d")
    shell.expect(pexpect.EOF)
    shell.close()
    check("Ctrl-D on an empty line exits 0", shell.exitstatus == 0, str(shell.exitstatus))

    history = os.path.join(state, "cbsh", "history")
    mode = os.stat(history).st_mode & 0o777
    check("history file has mode 0600", mode == 0o600, oct(mode))

    shell = start(state)
    shell.send(UP)
    check(
        "after a restart the up arrow recalls the previous session's last command",
        shell.expect(["status", pexpect.TIMEOUT], timeout=3) == 0,
    )
    shell.sendcontrol("c")
    shell.expect(PROMPT)

    seed = os.path.join(os.path.dirname(__file__), "..", "..", "Scripts", "01-seed-example.cbsh")
    shell.send("source " + seed + "\r")
    shell.expect("Agent")
    shell.expect(PROMPT)
    demo = os.path.join(work, "demo.cbsh")
    shell.send("save " + demo + "\r")
    shell.expect("saved")
    shell.expect(PROMPT)
    shell.send("quit\r")
    shell.expect(pexpect.EOF)
    shell.close()
    check("quit exits 0", shell.exitstatus == 0, str(shell.exitstatus))

    env = dict(os.environ)
    env.pop("CI", None)
    result = subprocess.run([CBSH, "test", demo], capture_output=True, text=True, env=env)
    check(
        "save after the seed scenario gives a transcript that passes",
        result.returncode == 0 and result.stdout.endswith("1 passed, 0 failed\n"),
        result.stdout + result.stderr,
    )

    # Issue 13: a paste of several lines (bracketed paste) runs each line, as if typed.
    shell = start(state)
    shell.send("\x1b[200~agent pa\nready nobody\nagent pb\x1b[201~")
    shell.send("\r")
    index = shell.expect(["agent pa added", pexpect.TIMEOUT], timeout=3)
    index += shell.expect(["no agent 'nobody'", pexpect.TIMEOUT], timeout=3)
    index += shell.expect(["agent pb added", pexpect.TIMEOUT], timeout=3)
    check("a pasted block runs each line in order", index == 0, shell.before)
    shell.expect(PROMPT)
    shell.send("status\r")
    index = shell.expect([r"pa +Available", pexpect.TIMEOUT], timeout=3)
    index += shell.expect([r"pb +Available", pexpect.TIMEOUT], timeout=3)
    check("both pasted agents are added", index == 0, shell.before)
    shell.expect(PROMPT)
    shell.sendcontrol("d")
    shell.expect(pexpect.EOF)
    shell.close()

    # Issue 13: Ctrl-Z at the prompt, then `fg` in a job-control shell: the prompt and the
    # half-typed line come back, and the terminal is in readline's raw mode again (Tab
    # completes at once, before any Enter).
    env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm", NO_COLOR="1", PS1="$ ")
    env.pop("CI", None)
    bash = pexpect.spawn(
        "bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=10,
        dimensions=(40, 200))
    bash.expect(r"\$ ")
    bash.send(CBSH + "\r")
    bash.expect(PROMPT)
    bash.send("agent zed")
    bash.expect("agent zed")
    bash.sendcontrol("z")
    check("Ctrl-Z stops cbsh", bash.expect(["Stopped", pexpect.TIMEOUT], timeout=3) == 0, bash.before)
    bash.expect(r"\$ ")
    bash.send("fg\r")
    index = bash.expect([PROMPT + "agent zed", pexpect.TIMEOUT], timeout=3)
    check("after fg the prompt and the typed line are redrawn", index == 0, bash.before)
    bash.send("\x15sta\t")
    index = bash.expect(["status ", pexpect.TIMEOUT], timeout=3)
    check("after fg the terminal is in raw mode (Tab completes at once)", index == 0, bash.before)
    bash.send("\r")
    index = bash.expect(["clock 2026-01-01T09:00:00Z", pexpect.TIMEOUT], timeout=3)
    check("after fg a command runs", index == 0, bash.before)
    bash.expect(PROMPT)
    bash.send("quit\r")
    bash.expect(r"\$ ")
    bash.send("exit\r")
    bash.expect(pexpect.EOF)
    bash.close()

# A prepared demo: -i runs the script, then the prompt has its state.
with tempfile.TemporaryDirectory() as work:
    env = dict(os.environ, XDG_STATE_HOME=work, TERM="xterm", NO_COLOR="1")
    env.pop("CI", None)
    seed = os.path.join(os.path.dirname(__file__), "..", "..", "Scripts", "01-seed-example.cbsh")
    shell = pexpect.spawn(CBSH, ["-i", seed], env=env, encoding="utf-8", timeout=10, dimensions=(40, 200))
    shell.expect("Type `help`")
    check("-i shows the prompt at the script's clock", shell.expect(["cbsh 09:08:05> ", pexpect.TIMEOUT]) == 0, shell.before)
    shell.send("status\r")
    check("-i keeps the script's contacts", shell.expect(["contacts: 0 live, 2 ended", pexpect.TIMEOUT], timeout=3) == 0, shell.before)
    shell.expect(PROMPT)
    shell.send("quit\r")
    shell.expect(pexpect.EOF)

    # --step: one command per Enter; q stops stepping and the shell stays.
    shell = pexpect.spawn(CBSH, ["--step", seed], env=env, encoding="utf-8", timeout=10, dimensions=(40, 200))
    shell.expect("step mode")
    shell.expect("# A customer calls")
    shell.expect("cbsh 09:00:00> agent alice")
    check("--step waits before running the first command", shell.expect(["agent alice added", pexpect.TIMEOUT], timeout=1) == 1)
    shell.send("\r")
    check("Enter runs the command shown", shell.expect(["agent alice added", pexpect.TIMEOUT], timeout=3) == 0)
    shell.expect("cbsh 09:00:00> enqueue number")
    check("the next command waits", shell.expect(["C1 INBOUND", pexpect.TIMEOUT], timeout=1) == 1)
    shell.send("\r")
    shell.expect("C1 INBOUND")
    shell.expect("> wait 5m")
    shell.send("q\r")
    shell.expect("Type `help`")
    shell.expect(PROMPT)
    shell.send("status\r")
    check("q leaves the shell with the state so far (no wait ran)", shell.expect(["09:00:00", pexpect.TIMEOUT], timeout=3) == 0)
    shell.expect(PROMPT)
    shell.send("quit\r")
    shell.expect(pexpect.EOF)

print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)

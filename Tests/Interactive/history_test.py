#!/usr/bin/env python3
"""The history file in a pseudo-terminal: cbsh never writes through a symbolic link, never
changes a file's mode, does not hang on a FIFO, says once that it will not save history, and
cuts a full file to its limit keeping its mode. Usage: history_test.py CBSH
"""
import os
import stat
import sys
import tempfile

import pexpect

CBSH = os.path.abspath(sys.argv[1])
PROMPT = r"cbsh \d\d:\d\d:\d\d> "
WARNING = "is not saved to it"
failures = []
checks = 0


def check(name, condition, detail=""):
    global checks
    checks += 1
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + detail))
    if not condition:
        failures.append(name)


class Recorder:
    """Keeps everything the shell printed."""

    def __init__(self):
        self.text = ""

    def write(self, data):
        self.text += data

    def flush(self):
        pass


def run(state, lines):
    env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm", NO_COLOR="1")
    env.pop("CI", None)
    shell = pexpect.spawn(CBSH, env=env, encoding="utf-8", timeout=5, dimensions=(40, 200))
    recorder = Recorder()
    shell.logfile_read = recorder
    if shell.expect([PROMPT, pexpect.TIMEOUT, pexpect.EOF]) != 0:
        shell.close(force=True)
        return None
    for line in lines:
        shell.send(line + "\r")
        shell.expect(PROMPT)
    shell.send("quit\r")
    shell.expect(pexpect.EOF)
    shell.close()
    return recorder.text


with tempfile.TemporaryDirectory() as work:
    # A symbolic link: its target keeps its text and mode, the link stays, one warning.
    state = os.path.join(work, "link-state")
    os.makedirs(os.path.join(state, "cbsh"))
    target = os.path.join(work, "target.txt")
    with open(target, "w") as f:
        f.write("not history\n")
    os.chmod(target, 0o644)
    history = os.path.join(state, "cbsh", "history")
    os.symlink(target, history)
    out = run(state, ["status", "agent alice"])
    check("a linked history file: the shell runs", out is not None)
    out = out or ""
    check("a linked history file: said once", out.count(WARNING) == 1, repr(out[:400]))
    check(
        "a linked history file: the warning names the path and the kind",
        ("history file " + history + " is a symbolic link, not a regular file") in out,
        repr(out[:400]),
    )
    with open(target) as f:
        check("a linked history file: the target's text is unchanged", f.read() == "not history\n")
    check("a linked history file: the target's mode is unchanged", stat.S_IMODE(os.stat(target).st_mode) == 0o644)
    check("a linked history file: the link stays", os.path.islink(history))

    # A FIFO: no hang at start, one warning, the FIFO stays.
    state = os.path.join(work, "fifo-state")
    os.makedirs(os.path.join(state, "cbsh"))
    history = os.path.join(state, "cbsh", "history")
    os.mkfifo(history, 0o644)
    out = run(state, ["status"])
    check("a FIFO history file: the shell starts and runs", out is not None)
    out = out or ""
    check("a FIFO history file: said once", out.count(WARNING) == 1, repr(out[:400]))
    check("a FIFO history file: it stays a FIFO", stat.S_ISFIFO(os.lstat(history).st_mode))
    check("a FIFO history file: its mode is unchanged", stat.S_IMODE(os.lstat(history).st_mode) == 0o644)

    # A full regular file of mode 0640: cut to 1000 lines, the new lines last, mode kept.
    state = os.path.join(work, "full-state")
    os.makedirs(os.path.join(state, "cbsh"))
    history = os.path.join(state, "cbsh", "history")
    with open(history, "w") as f:
        f.write("".join("wait %ds\n" % n for n in range(1, 1001)))
    os.chmod(history, 0o640)
    out = run(state, ["status"])
    check("a full history file: no warning", out is not None and WARNING not in out, repr(out))
    with open(history) as f:
        lines = f.read().split("\n")
    check("a full history file: cut to 1000 lines", len(lines) == 1001 and lines[-1] == "", str(len(lines)))
    check("a full history file: the new lines are last", lines[-3:-1] == ["status", "quit"], repr(lines[-3:]))
    check("a full history file: the oldest lines went", lines[0] == "wait 3s", repr(lines[0]))
    check("a full history file: its mode is unchanged", stat.S_IMODE(os.stat(history).st_mode) == 0o640)
    check("a full history file: no temporary file is left", os.listdir(os.path.dirname(history)) == ["history"])

print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)

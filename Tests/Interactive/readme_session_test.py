#!/usr/bin/env python3
"""Checks that the README's pasted session is what cbsh prints today.

    readme_session_test.py CBSH            exit 1 and show a diff if the session drifted
    readme_session_test.py CBSH --update   regenerate the README's block from a real run

The block is the first ``` block under "## A real session". Its commands are the lines
that start with a prompt (`cbsh 09:05:10> offer`). They are typed, one by one, into the
interactive shell in a pseudo-terminal (TERM=dumb, no colour, a fresh history), and the
screen it prints, prompts, echo, stdout and stderr, must equal the block line for line.
"""
import difflib
import os
import re
import sys
import tempfile

import pexpect

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
README = os.path.join(ROOT, "README.md")
PROMPT = r"cbsh \d\d:\d\d:\d\d> "
COMMAND = re.compile(r"^cbsh \d\d:\d\d:\d\d> (.+)$")
HEADING = "## A real session\n"


def block(text):
    """(start, end) offsets of the session block's body in the README."""
    section = text.index(HEADING)
    start = text.index("```\n", section) + len("```\n")
    end = text.index("```\n", start)
    return start, end


def commands(body):
    return [match.group(1) for line in body.splitlines() if (match := COMMAND.match(line))]


def session(cbsh, typed):
    """The screen of an interactive run that types `typed`, then Ctrl-D."""
    with tempfile.TemporaryDirectory() as state:
        env = dict(os.environ, XDG_STATE_HOME=state, TERM="dumb", NO_COLOR="1")
        env.pop("CI", None)
        shell = pexpect.spawn(cbsh, env=env, encoding="utf-8", timeout=20, dimensions=(50, 500))
        shell.expect(PROMPT)
        screen = shell.before + shell.after
        for command in typed:
            shell.send(command + "\r")
            shell.expect(PROMPT)
            screen += shell.before + shell.after
        shell.sendcontrol("d")
        shell.expect(pexpect.EOF)
        screen += shell.before
        shell.close()
        if shell.exitstatus != 0:
            raise SystemExit(f"readme session: cbsh exited {shell.exitstatus} at Ctrl-D")
    lines = [line.rstrip() for line in screen.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != "--update"):
        raise SystemExit(__doc__.strip().splitlines()[2].strip())
    cbsh = os.path.abspath(sys.argv[1])
    with open(README, encoding="utf-8") as file:
        text = file.read()
    start, end = block(text)
    expected = text[start:end]
    typed = commands(expected)
    if not typed:
        raise SystemExit("readme session: no `cbsh HH:MM:SS> command` lines in the block")
    actual = session(cbsh, typed)
    if actual == expected:
        print(f"ok   the README's session ({len(typed)} commands) is what cbsh prints")
        return 0
    if len(sys.argv) == 3:
        with open(README, "w", encoding="utf-8") as file:
            file.write(text[:start] + actual + text[end:])
        print("updated the README's session from a real run")
        return 0
    diff = difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True), "README.md (session)", "cbsh today"
    )
    sys.stdout.writelines(diff)
    print("FAIL the README's session drifted from what cbsh prints; regenerate it with")
    print(f"     python3 Tests/Interactive/readme_session_test.py {sys.argv[1]} --update")
    return 1


if __name__ == "__main__":
    sys.exit(main())

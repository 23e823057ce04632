#!/usr/bin/env python3
"""The shell completion scripts (`cbsh --generate-completion-script SHELL`, which
Scripts/install installs) complete cbsh's flags and script files at the top level, where
users type them: bash always; fish and zsh when they are installed (else a note says so).

    python3 Tests/Interactive/completion_test.py .build/debug/cbsh
"""
import os
import shutil
import subprocess
import sys
import tempfile

CBSH = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/cbsh")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
failures = []
checks = 0

# What a Tab after each line must offer (among what it offers).
CASES = [
    ("cbsh --st", "--step"),
    ("cbsh --ec", "--echo"),
    ("cbsh --qu", "--quiet"),
    ("cbsh --keep", "--keep-going"),
    ("cbsh Scripts/01", "Scripts/01-seed-example.cbsh"),
    ("cbsh -q Scripts/01-seed-example.cbsh --e", "--echo"),
    ("cbsh --color ", "always"),
]


def check(name, ok, detail=""):
    global checks
    checks += 1
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        failures.append(name)
        if detail:
            print("     " + detail.replace("\n", "\n     "))


def script(shell):
    return subprocess.run(
        [CBSH, "--generate-completion-script", shell], check=True, capture_output=True, text=True
    ).stdout


with tempfile.TemporaryDirectory() as work:
    bash_file = os.path.join(work, "cbsh.bash")
    with open(bash_file, "w") as f:
        f.write(script("bash"))
    for line, wanted in CASES:
        words = line.split(" ")
        # What bash's readline hands the completion function for this line.
        program = f"""
source {bash_file}
COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}
COMP_WORDS=({" ".join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}
_cbsh cbsh {words[-1]!r} {words[-2]!r}
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
        offered = subprocess.run(
            ["bash", "-c", program], cwd=ROOT, capture_output=True, text=True
        ).stdout.split("\n")
        check(f"bash: {line!r}<Tab> offers {wanted}", wanted in offered, repr(offered))

    if shutil.which("fish"):
        fish_file = os.path.join(work, "cbsh.fish")
        with open(fish_file, "w") as f:
            f.write(script("fish"))
        for line, wanted in CASES:
            result = subprocess.run(
                ["fish", "--no-config", "-c", f"source {fish_file}; complete -C {line!r}"],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            offered = [row.split("\t")[0] for row in result.stdout.split("\n")]
            check(f"fish: {line!r}<Tab> offers {wanted}", wanted in offered, result.stdout + result.stderr)
    else:
        print("note: fish is not installed; its completion script is not checked")

    if shutil.which("zsh"):
        import pexpect

        folder = os.path.join(work, "zsh")
        os.mkdir(folder)
        with open(os.path.join(folder, "_cbsh"), "w") as f:
            f.write(script("zsh"))
        env = dict(os.environ, PATH=os.path.dirname(CBSH) + ":" + os.environ["PATH"], PS1="zsh> ")
        shell = pexpect.spawn("zsh", ["-f"], cwd=ROOT, env=env, encoding="utf-8", timeout=5)
        shell.sendline(f"fpath=({folder} $fpath); autoload -U compinit; compinit -u -d {work}/zcompdump")
        shell.expect("zsh> ")
        for line, wanted in CASES:
            shell.send(line + "\t\t")
            index = shell.expect([wanted.split("/")[-1], "doubled rest", pexpect.TIMEOUT], timeout=3)
            check(f"zsh: {line!r}<Tab> offers {wanted}", index == 0, shell.before)
            shell.send("\x03")  # Ctrl-C: a fresh line
            shell.expect("zsh> ")
        shell.sendline("exit")
        shell.expect(pexpect.EOF)
    else:
        print("note: zsh is not installed; its completion script is not checked")

print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)

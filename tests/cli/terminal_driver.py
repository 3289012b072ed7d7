"""Runs a program on a pseudo-terminal and answers its prompts.

Usage: terminal_driver.py PROMPT ANSWER [PROMPT ANSWER ...] -- PROGRAM [ARGUMENTS ...]

Waits for each PROMPT to appear in the terminal output, in order, and types
ANSWER and a newline. Prints everything the program wrote to the terminal on
standard output and exits with the program's exit code, or with 124 when a
prompt or the exit did not arrive within the timeout.
"""

import os
import pty
import select
import sys
import time

TIMEOUT_SECONDS = 20


def read_available(descriptor, transcript):
    """Appends the terminal's pending output to transcript; returns False at end of file."""
    try:
        chunk = os.read(descriptor, 4096)
    except OSError:
        return False
    if not chunk:
        return False
    transcript.extend(chunk)
    return True


def main():
    separator = sys.argv.index("--")
    pairs = sys.argv[1:separator]
    command = sys.argv[separator + 1:]
    dialog = list(zip(pairs[0::2], pairs[1::2]))

    pid, descriptor = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)

    transcript = bytearray()
    searched_from = 0
    deadline = time.monotonic() + TIMEOUT_SECONDS
    open_terminal = True

    while open_terminal and time.monotonic() < deadline:
        ready, _, _ = select.select([descriptor], [], [], 0.05)
        if ready:
            open_terminal = read_available(descriptor, transcript)

        if dialog:
            prompt, answer = dialog[0]
            found = transcript.find(prompt.encode(), searched_from)
            if found >= 0:
                searched_from = found + len(prompt)
                os.write(descriptor, answer.encode() + b"\n")
                dialog.pop(0)

    sys.stdout.write(transcript.decode(errors="replace"))
    sys.stdout.flush()

    if open_terminal:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        sys.exit(124)

    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()

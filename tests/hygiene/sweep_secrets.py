#!/usr/bin/env python3
"""Search files for secrets in every encoding a program could have written them in.

secret_hygiene.sh collects the secrets of one session into a file of
"KIND<TAB>VALUE" lines and calls this script with the folders and files to
search. A finding names the secret's kind, its number among the secrets of
that kind, the encoding and the file, and never the secret itself, so that the
test's own output leaks nothing.

With --state-snapshots, the script also checks that the test collected every
token the fake server issued. Each copy of the server's --state file lists
the SHA-256 of every token that is still valid, and each of those hashes must
belong to a collected token.

Exit status: 0 when nothing was found, 1 on a finding, 2 on a usage error.
"""

import argparse
import base64
import hashlib
import json
import os
import stat
import sys
import urllib.parse

# The fake server's names for the token kinds in its state file, and the
# kinds that secret_hygiene.sh writes into the secrets file.
STATE_KINDS = {
    "access": "access token",
    "refresh": "refresh token",
    "rememberClient": "remember-device token",
}


class Secret:
    def __init__(self, kind, number, value):
        self.kind = kind
        self.number = number
        self.count = 1
        self.value = value

    def label(self):
        """Names the secret without its value, such as "access token 2 of 5"."""
        if self.count == 1:
            return self.kind
        return f"{self.kind} {self.number} of {self.count}"

    def encodings(self):
        """Yields (name, bytes) pairs, one per distinct encoding of the value."""
        text = self.value
        raw = text.encode("utf-8")
        candidates = [
            ("as plain text", raw),
            ("percent-encoded", urllib.parse.quote(text, safe="").encode("ascii")),
            ("percent-encoded in lower case", lower_case_escapes(urllib.parse.quote(text, safe="")).encode("ascii")),
            ("form-encoded", urllib.parse.quote_plus(text, safe="").encode("ascii")),
            ("JSON-escaped", json.dumps(text)[1:-1].encode("ascii")),
            ("base64-encoded", base64.b64encode(raw)),
            ("base64url-encoded", base64.urlsafe_b64encode(raw)),
            # QDataStream writes a QString as UTF-16, big-endian by default.
            ("as UTF-16LE", text.encode("utf-16-le")),
            ("as UTF-16BE", text.encode("utf-16-be")),
        ]

        # Inside longer base64-encoded data, the secret starts at byte 0, 1 or 2 of
        # a 3-byte group. Base64 encodes each group on its own, so the groups that
        # contain only secret bytes appear in the output as they do for the
        # secret alone. This searches for those groups at each of the 3 offsets.
        for skipped in range(3):
            part = raw[skipped:]
            part = part[: len(part) - len(part) % 3]
            if part:
                candidates.append(("base64-encoded inside longer data", base64.b64encode(part)))
                candidates.append(("base64url-encoded inside longer data", base64.urlsafe_b64encode(part)))

        seen = set()
        for name, data in candidates:
            if data not in seen:
                seen.add(data)
                yield name, data


def lower_case_escapes(encoded):
    """Lower-cases the hex digits after each '%'."""
    parts = encoded.split("%")
    return parts[0] + "".join("%" + part[:2].lower() + part[2:] for part in parts[1:])


def read_secrets(path):
    """Reads "KIND<TAB>VALUE" lines, drops repeats and numbers each kind from 1."""
    secrets = []
    seen = set()
    numbers = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                continue
            kind, separator, value = line.partition("\t")
            if not separator or not value:
                raise ValueError(f"{path}: expected KIND<TAB>VALUE lines, found a line without a value")
            if (kind, value) in seen:
                continue
            seen.add((kind, value))
            numbers[kind] = numbers.get(kind, 0) + 1
            secrets.append(Secret(kind, numbers[kind], value))

    for secret in secrets:
        secret.count = numbers[secret.kind]
    return secrets


def regular_files(paths):
    """Yields every regular file under paths once, also where the paths nest.

    Sockets and FIFOs are skipped, because they cannot hold a written secret.
    """
    seen = set()
    for path in paths:
        if os.path.isdir(path):
            candidates = (os.path.join(folder, name) for folder, _, names in os.walk(path) for name in sorted(names))
        elif os.path.isfile(path):
            candidates = [path]
        else:
            raise FileNotFoundError(f"{path} does not exist")

        for file_path in candidates:
            real_path = os.path.realpath(file_path)
            if real_path not in seen and stat.S_ISREG(os.lstat(file_path).st_mode):
                seen.add(real_path)
                yield file_path


def sweep(secrets, paths):
    """Returns the number of findings and prints one line per finding."""
    findings = 0
    searched = []
    for file_path in regular_files(paths):
        searched.append(file_path)
        with open(file_path, "rb") as file:
            content = file.read()
        for secret in secrets:
            # The first matching encoding is enough to name the leak.
            for encoding, data in secret.encodings():
                if data in content:
                    print(f"FAIL: {file_path} contains the {secret.label()} {encoding}")
                    findings += 1
                    break

    root = os.path.commonpath([os.path.abspath(path) for path in paths])
    print(f"searched {len(searched)} files under {root} for {len(secrets)} secrets:")
    for file_path in searched:
        print(f"    {os.path.relpath(file_path, root)} ({os.path.getsize(file_path)} bytes)")
    return findings


def check_collected(secrets, snapshot_folder):
    """Returns the number of issued tokens that are not among the secrets."""
    collected = {hashlib.sha256(secret.value.encode("utf-8")).hexdigest() for secret in secrets}
    issued = {}
    for name in sorted(os.listdir(snapshot_folder)):
        with open(os.path.join(snapshot_folder, name), encoding="utf-8") as file:
            for token in json.load(file)["tokens"]:
                issued.setdefault(token["sha256"], (STATE_KINDS.get(token["kind"], token["kind"]), name))

    missing = 0
    for digest, (kind, snapshot) in sorted(issued.items(), key=lambda item: item[1]):
        if digest not in collected:
            print(f"FAIL: the test did not collect one {kind} that the server issued (listed in state "
                  f"snapshot {snapshot}), so the sweep could not search for it")
            missing += 1

    print(f"the server's state snapshots list {len(issued)} tokens; "
          f"{len(issued) - missing} of them were collected")
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secrets", required=True, help="file of KIND<TAB>VALUE lines")
    parser.add_argument("--state-snapshots", help="folder of copies of the fake server's --state file")
    parser.add_argument("paths", nargs="+", help="files and folders to search")
    arguments = parser.parse_args()

    try:
        secrets = read_secrets(arguments.secrets)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    for kind in sorted({secret.kind for secret in secrets}):
        print(f"collected {sum(secret.kind == kind for secret in secrets)} x {kind}")

    problems = 0
    if arguments.state_snapshots:
        problems += check_collected(secrets, arguments.state_snapshots)
    try:
        problems += sweep(secrets, arguments.paths)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

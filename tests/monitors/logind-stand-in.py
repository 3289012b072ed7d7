#!/usr/bin/python3
"""Own org.freedesktop.login1 on the system bus and emit PrepareForSleep on request.

This is a stand-in for systemd-logind, which does not run in the test
environment. It connects to the bus in DBUS_SYSTEM_BUS_ADDRESS, prints "ready"
once it owns the name, then reads one command per line from stdin:
"sleep" emits PrepareForSleep(true) and "wake" emits PrepareForSleep(false).
It exits when stdin closes.
"""

import os
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

LOGIND_NAME = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
MANAGER_INTERFACE = "org.freedesktop.login1.Manager"


class Manager(dbus.service.Object):
    @dbus.service.signal(dbus_interface=MANAGER_INTERFACE, signature="b")
    def PrepareForSleep(self, start):
        pass


def run_command(manager, command):
    if command == "sleep":
        manager.PrepareForSleep(True)
    elif command == "wake":
        manager.PrepareForSleep(False)
    else:
        print(f"unknown command {command!r}, expected sleep or wake", file=sys.stderr)


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SystemBus()

    reply = bus.request_name(LOGIND_NAME, dbus.bus.NAME_FLAG_DO_NOT_QUEUE)
    if reply != dbus.bus.REQUEST_NAME_REPLY_PRIMARY_OWNER:
        print(f"failed to own {LOGIND_NAME}: request_name returned {reply}", file=sys.stderr)
        return 1

    manager = Manager(bus, LOGIND_PATH)
    loop = GLib.MainLoop()

    pending = b""

    # Reads the descriptor directly, because sys.stdin would buffer a second
    # command that the watch then never reports.
    def on_stdin(channel, condition):
        nonlocal pending
        chunk = os.read(channel.unix_get_fd(), 4096)
        if not chunk:
            loop.quit()
            return False

        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            run_command(manager, line.decode().strip())
        return True

    stdin_channel = GLib.IOChannel.unix_new(sys.stdin.fileno())
    GLib.io_add_watch(stdin_channel, GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP, on_stdin)

    print("ready", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Own org.freedesktop.secrets on the session bus and never reply to a call.

This is a stand-in for a hung keyring, because a real Secret Service that
stops replying cannot be produced on demand. Every method call sent to it
stays pending until the caller's D-Bus timeout or until this process exits,
when the bus daemon fails the pending calls. It prints "ready" once it owns
the name.
"""

import sys

import dbus
import dbus.lowlevel
import dbus.mainloop.glib
from gi.repository import GLib

SECRET_SERVICE_NAME = "org.freedesktop.secrets"


def swallow_method_calls(connection, message):
    # A method call reported as handled gets no automatic error reply, so
    # the caller keeps waiting.
    if message.get_type() == dbus.lowlevel.MESSAGE_TYPE_METHOD_CALL:
        return dbus.lowlevel.HANDLER_RESULT_HANDLED
    return dbus.lowlevel.HANDLER_RESULT_NOT_YET_HANDLED


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    bus.add_message_filter(swallow_method_calls)

    reply = bus.request_name(SECRET_SERVICE_NAME, dbus.bus.NAME_FLAG_DO_NOT_QUEUE)
    if reply != dbus.bus.REQUEST_NAME_REPLY_PRIMARY_OWNER:
        print(f"could not own {SECRET_SERVICE_NAME}: request_name returned {reply}", file=sys.stderr)
        return 1

    print("ready", flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

#pragma once

#include "KeychainStore.h"

#include <QObject>
#include <QTest>

// Reads one keychain entry and waits for the outcome, keeping the event
// loop running. For tests that link denvr-core.
inline KeychainStore::Outcome readKeychainEntry(KeychainStore &keychain, const QString &key)
{
    KeychainStore::Outcome result;
    bool done = false;
    QObject context;
    keychain.read(key, &context, [&](const KeychainStore::Outcome &outcome) {
        result = outcome;
        done = true;
    });

    // KeychainStore gives up after its own 10 s timeout, so this loop ends.
    while (!done)
        QTest::qWait(10);
    return result;
}

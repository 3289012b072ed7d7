#pragma once

#include "KeychainStore.h"

#include <QList>

// Collects the outcomes a KeychainStore delivers to callback(), so that a
// test can wait for them with QTRY_COMPARE and check that there is one.
class OutcomeRecorder
{
public:
    KeychainStore::Callback callback()
    {
        return [this](const KeychainStore::Outcome &outcome) { outcomes.append(outcome); };
    }

    KeychainStore::Status firstStatus() const
    {
        return outcomes.isEmpty() ? KeychainStore::Status::Ok : outcomes.first().status;
    }

    QList<KeychainStore::Outcome> outcomes;
};

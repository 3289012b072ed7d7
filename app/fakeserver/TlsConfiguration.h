#pragma once

#include <QSslConfiguration>

#include <optional>

// Builds the server-side TLS configuration from a PEM certificate (the server
// certificate first, then any intermediates) and an unencrypted PEM private key.
// Returns std::nullopt and sets errorMessage, naming the file and the fix, when a
// file is unreadable or contains no usable certificate or key.
std::optional<QSslConfiguration> loadTlsConfiguration(const QString& certificatePath, const QString& keyPath,
                                                      QString* errorMessage);

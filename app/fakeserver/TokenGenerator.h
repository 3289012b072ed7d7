#pragma once

#include <QString>

// Returns a new random opaque token: 46 bytes from QRandomGenerator::system() in
// standard base64, 64 characters ending in "==". It always contains '+', '/' and
// '=', so a client that does not percent-encode tokens in a URL fails every time.
QString generateOpaqueToken();

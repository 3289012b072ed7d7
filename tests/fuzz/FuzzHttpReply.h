#pragma once

#include "HttpReply.h"

#include <cstddef>
#include <cstdint>

// Builds an HttpReply from a fuzz input of the form
//     <status> <content type>\n<body>
// for example "500 application/json; charset=utf-8\n{...}". A status that is
// not a number becomes 0, the content type may be empty, and an input without
// a line break is the body of a 200 application/json reply.
HttpReply httpReplyFromFuzzInput(const uint8_t* data, size_t size);

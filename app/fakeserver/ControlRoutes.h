#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"

class FaultTable;
class RequestRouter;

// Routes of the control listener, which tests use to switch faults between
// requests and to read what the faults did:
//   GET /faults                  the faults in force, one "ENDPOINT=KIND" line each
//   PUT /faults                  replaces them with the body's lines; an empty body clears them
//   GET /fault-responses         JSON array of {path, kind, plannedBytes, sentBytes}, one per
//                                response a transport fault took over
//   GET /other-origin-requests   JSON array of {method, target, headers}, one per request
//                                that reached the other-origin listener
void addControlRoutes(RequestRouter& router, FaultTable& faults);

// Handles every request to the other-origin listener: records it in faults
// and responds with 404.
HttpResponse recordOtherOriginRequest(FaultTable& faults, const HttpRequest& request);

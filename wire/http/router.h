// The HTTP/JSON API, independent of the transport: a request in, a response
// out. server/http_listener.cc does the sockets (Boost.Beast).
//
// Every error is JSON: {"error": {"code": "...", "message": "..."}} with a
// conventional status code.
#pragma once

#include <string>

#include "wire/service.h"

namespace tetradb::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, as sent
  std::string body;
  // The server's id of the connection the request came on (SQL's
  // CONNECTION_ID(), the id KILL takes); 0 when there is none.
  uint64_t connection_id = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

Response Handle(Service& service, const Request& request);

// {"error": {"code": code, "message": message}} with the given status.
Response ErrorResponse(int status, std::string_view code, std::string_view message);

}  // namespace tetradb::http

// The network side of the tetradb binary: the RESP and HTTP listeners and
// the pool of worker threads that serves them (Boost.Asio underneath; no Asio
// type appears here, so only net_server.cc and http_listener.cc pay for its
// headers).
//
// Commands of one connection run one at a time, in order; connections are
// spread over the worker threads. Idle connections cost no CPU.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "engine/status.h"
#include "wire/service.h"

namespace tetradb {

struct NetOptions {
  std::string bind = "127.0.0.1";
  int resp_port = 6379;  // 0: any free port (see NetServer::resp_port)
  int http_port = 8080;  // 0: any free port
  int threads = 2;
  int max_clients = 10000;
};

class NetServer {
 public:
  // Binds both listeners and starts the worker threads. A port that cannot be
  // bound fails with a message naming the address and the protocol.
  static Result<std::unique_ptr<NetServer>> Start(Service& service, const NetOptions& options);
  virtual ~NetServer() = default;

  virtual int resp_port() const = 0;
  virtual int http_port() const = 0;

  // Stops accepting, lets in-flight requests finish and their replies go out,
  // closes every connection, and joins the workers. Connections still busy
  // after `grace` are cut. Running SQL statements do not run to their end:
  // they are interrupted and fail with 1053 (Server shutdown in progress),
  // their transactions rolled back.
  virtual void Shutdown(std::chrono::milliseconds grace) = 0;
};

}  // namespace tetradb

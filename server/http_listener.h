// The HTTP/JSON listener (Boost.Beast), serving wire/http's router.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "engine/status.h"
#include "wire/service.h"

namespace boost::asio {
class io_context;
class thread_pool;
}

namespace tetradb {

class HttpListener {
 public:
  virtual ~HttpListener() = default;
  virtual int port() const = 0;
  // Stops accepting and closes connections once their current exchange is
  // done. Thread-safe.
  virtual void Stop() = 0;
  // Connections open now.
  virtual size_t open_connections() const = 0;
};

// Each accepted connection runs on the event loop `next_loop` returns (the
// loop of its first call also runs the acceptor). Requests that may wait on row locks
// (/sql) run on `slow_pool`.
Result<std::unique_ptr<HttpListener>> StartHttpListener(
    const std::function<boost::asio::io_context&()>& next_loop,
    boost::asio::thread_pool& slow_pool, Service& service, const std::string& bind, int port);

}  // namespace tetradb

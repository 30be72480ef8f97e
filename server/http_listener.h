// The HTTP/JSON listener (Boost.Beast), serving wire/http's router.
#pragma once

#include <memory>
#include <string>

#include "engine/status.h"
#include "wire/service.h"

namespace boost::asio {
class io_context;
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

Result<std::unique_ptr<HttpListener>> StartHttpListener(boost::asio::io_context& io,
                                                        Service& service,
                                                        const std::string& bind, int port);

}  // namespace tetradb

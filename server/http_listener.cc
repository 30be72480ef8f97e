#include "server/http_listener.h"

#include <sys/socket.h>

#include <atomic>
#include <mutex>
#include <unordered_map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "models/kv/kv_store.h"
#include "models/relational/sql/session/process_list.h"
#include "wire/http/router.h"

namespace tetradb {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;
using boost::system::error_code;

constexpr size_t kMaxBodyBytes = 64 << 20;
constexpr auto kIdleTimeout = std::chrono::seconds(60);

class BeastListener;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, Service& service, asio::thread_pool& slow_pool,
              BeastListener& owner, uint64_t id)
      : stream_(std::move(socket)),
        service_(service),
        slow_pool_(slow_pool),
        owner_(owner),
        id_(id) {}
  ~HttpSession();

  void Start();
  void Stop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (!self->busy_) self->Close();
    });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(kMaxBodyBytes);
    stream_.expires_after(kIdleTimeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return Reply(http::ErrorResponse(413, "payload_too_large",
                                       "request body exceeds " + std::to_string(kMaxBodyBytes) +
                                           " bytes"),
                   false, 11);
    }
    if (ec) return Close();
    busy_ = true;
    Metrics::Add(service_.metrics.http_requests);
    auto& req = parser_->get();
    http::Request request{std::string(req.method_string()), std::string(req.target()),
                          std::move(req.body()), id_};
    bool head = req.method() == bhttp::verb::head;
    bool keep_alive = req.keep_alive();
    unsigned version = req.version();
    if (request.target.rfind("/sql", 0) == 0) {
      // SQL may wait on row locks: never on a network thread.
      sql_running_ = true;
      asio::post(slow_pool_, [self = shared_from_this(), request = std::move(request), keep_alive,
                              version] {
        http::Response response = http::Handle(self->service_, request);
        asio::post(self->stream_.get_executor(),
                   [self, response = std::move(response), keep_alive, version]() mutable {
                     self->sql_running_ = false;
                     error_code ignored;
                     self->stream_.socket().cancel(ignored);  // ends WatchForHangUp
                     self->Reply(std::move(response), keep_alive, version);
                   });
      });
      WatchForHangUp();
      return;
    }
    http::Response response = http::Handle(service_, request);
    if (head) response.body.clear();
    Reply(std::move(response), keep_alive, version);
  }

  // While a SQL request runs on the pool, a client that closes its
  // connection (curl given up, Ctrl-C) interrupts the statement, as MySQL
  // does when it notices its client has gone: nobody would read the answer.
  // Bytes that arrive instead (a pipelined request) end the watch.
  void WatchForHangUp() {
    stream_.socket().async_wait(tcp::socket::wait_read, [self = shared_from_this()](
                                                             error_code ec) {
      if (ec || !self->sql_running_) return;
      char byte;
      ssize_t n = ::recv(self->stream_.socket().native_handle(), &byte, 1,
                         MSG_PEEK | MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        if (self->service_.sql != nullptr) {
          rel::sql::InterruptConnection(self->service_.sql, self->id_,
                                        rel::sql::InterruptReason::kConnection);
        }
        return;
      }
      if (n < 0) self->WatchForHangUp();  // spurious wake-up
    });
  }

  void Reply(http::Response r, bool keep_alive, unsigned version) {
    busy_ = true;
    // The response may show data a RESP command committed with its WAL
    // record still buffered (group commit): write the log first, as RESP
    // replies do. Nothing buffered: no system call.
    if (service_.kv != nullptr && !service_.kv->engine().FlushWal().ok()) {
      r = http::ErrorResponse(503, "unavailable", "write-ahead log write failed");
    }
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), version);
    res->set(bhttp::field::server, "tetradb");
    res->set(bhttp::field::content_type, r.content_type);
    res->keep_alive(keep_alive && !stopping_);
    res->body() = std::move(r.body);
    res->prepare_payload();
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](error_code ec, size_t) {
                         self->busy_ = false;
                         if (ec || !res->keep_alive() || self->stopping_) return self->Close();
                         self->Read();
                       });
  }

  void Close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Service& service_;
  asio::thread_pool& slow_pool_;
  BeastListener& owner_;
  uint64_t id_;
  bool busy_ = false;
  bool stopping_ = false;
  bool sql_running_ = false;  // a /sql request is on the pool (its loop's thread only)
};

class BeastListener final : public HttpListener {
 public:
  BeastListener(std::function<asio::io_context&()> next_loop, asio::thread_pool& slow_pool,
                Service& service)
      : next_loop_(std::move(next_loop)),
        io_(next_loop_()),
        slow_pool_(slow_pool),
        service_(service),
        acceptor_(io_) {}

  Status Listen(const std::string& bind, int port) {
    error_code ec;
    auto address = asio::ip::make_address(bind, ec);
    if (ec) return Status::InvalidArgument("bad --bind address '" + bind + "'");
    tcp::endpoint ep(address, static_cast<uint16_t>(port));
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Status::IOError("cannot listen for HTTP on " + bind + ":" + std::to_string(port) +
                             ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    Accept();
    return Status::Ok();
  }

  int port() const override { return port_; }

  void Stop() override {
    asio::post(io_, [this] {
      error_code ignored;
      acceptor_.close(ignored);
    });
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [id, w] : sessions_) {
      if (auto s = w.lock()) s->Stop();
    }
  }

  size_t open_connections() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return sessions_.size();
  }

  void Register(uint64_t id, std::weak_ptr<HttpSession> s) {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_[id] = std::move(s);
  }
  void Unregister(uint64_t id) {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.erase(id);
  }

 private:
  void Accept() {
    acceptor_.async_accept(next_loop_(), [this](error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
      if (!ec) {
        uint64_t id = service_.next_connection_id.fetch_add(1, std::memory_order_relaxed);
        auto session =
            std::make_shared<HttpSession>(std::move(socket), service_, slow_pool_, *this, id);
        session->Start();
      }
      Accept();
    });
  }

  std::function<asio::io_context&()> next_loop_;
  asio::io_context& io_;  // the acceptor's loop
  asio::thread_pool& slow_pool_;
  Service& service_;
  tcp::acceptor acceptor_;
  int port_ = 0;
  mutable std::mutex mu_;
  std::unordered_map<uint64_t, std::weak_ptr<HttpSession>> sessions_;
};

void HttpSession::Start() {
  owner_.Register(id_, weak_from_this());
  Read();
}

HttpSession::~HttpSession() { owner_.Unregister(id_); }

}  // namespace

Result<std::unique_ptr<HttpListener>> StartHttpListener(
    const std::function<asio::io_context&()>& next_loop, asio::thread_pool& slow_pool,
    Service& service, const std::string& bind, int port) {
  auto listener = std::make_unique<BeastListener>(next_loop, slow_pool, service);
  TETRADB_RETURN_IF_ERROR(listener->Listen(bind, port));
  return std::unique_ptr<HttpListener>(std::move(listener));
}

}  // namespace tetradb

// A RESP client connection on one of the server's event loops, and the
// per-loop group commit (ReplyGate). Part of net_server.cc, kept apart for
// size: only net_server.cc includes it, so one translation unit pays for
// Asio's headers.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <spdlog/spdlog.h>

#include "models/kv/kv_store.h"
#include "models/relational/sql/session/process_list.h"
#include "wire/resp/command_batch.h"
#include "wire/resp/command_table.h"
#include "wire/resp/dispatcher.h"
#include "wire/resp/hub.h"
#include "wire/resp/key_owners.h"
#include "wire/resp/parser.h"
#include "wire/resp/writer.h"
#include "wire/service.h"

namespace tetradb::net_internal {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

inline std::string Endpoint(const tcp::endpoint& ep) {
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

class RespConnection;

// Group commit, one per event loop. The key-value commands every
// connection of the loop runs in one pass of the loop join one
// resp::CommandBatch, and all commands run under Engine::DeferWalWrites, so
// their commits leave the WAL records in the log buffer. Their replies wait
// here; once the handlers that were ready in this pass have run, the batch
// commits and one FlushWal writes the records of all of them before any of
// those replies goes out. At -P 1 with many clients this turns a commit and
// a write() per command into one per pass.
//
// A connection that adds to the batch holds the gate in the same handler
// (RespConnection::Flush), so a batch never outlives its pass.
class ReplyGate {
 public:
  ReplyGate(asio::io_context& loop, Service& service) : loop_(loop), batch_(service) {
    if (service.kv != nullptr) engine_ = &service.kv->engine();
  }
  // `c` gets OnGateOpen() once the batch is committed and the WAL written.
  void Hold(std::shared_ptr<RespConnection> c);
  resp::CommandBatch& batch() { return batch_; }
  // For a stopped loop (its thread joined): the batch is rolled back, its
  // commands and the waiting connections get no reply.
  void Discard() {
    batch_.Discard();
    waiting_.clear();
  }

 private:
  void Open();

  asio::io_context& loop_;
  Engine* engine_ = nullptr;
  resp::CommandBatch batch_;
  std::vector<std::shared_ptr<RespConnection>> waiting_;
  bool posted_ = false;
};

// The server's event loops, as connections see them.
struct Loops {
  std::vector<asio::io_context*> contexts;  // by loop number
  std::vector<ReplyGate*> gates;            // by loop
  resp::KeyOwners owners;
  std::chrono::steady_clock::time_point epoch = std::chrono::steady_clock::now();

  int64_t NowNs() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                                epoch)
        .count();
  }
};

// The number of the loop the calling thread runs (none: SIZE_MAX).
inline thread_local size_t t_loop = SIZE_MAX;

// One client. Every handler runs on the connection's loop, which one thread
// runs, so the connection's state needs no lock and its commands run
// strictly in order.
//
// A connection that keeps writing keys another loop owns (resp::KeyOwners)
// moves to that loop (Migrate): the socket is released from its loop and
// adopted by the other, between two commands, with nothing in flight.
// Other threads reach the connection only through PostHere, which follows
// it.
//
// A read is kept outstanding while the client is served (so a disconnect is
// seen even while a command is blocked); replies collect in pending_ and go
// out in one write per batch. A client that stops reading its replies stops
// being read once kMaxPending bytes wait.
class RespConnection final : public resp::BatchClient,
                             public std::enable_shared_from_this<RespConnection> {
 public:
  // `socket` runs on loop number `loop`.
  RespConnection(tcp::socket socket, Service& service, asio::thread_pool& slow_pool,
                 Loops& loops, size_t loop, uint64_t id)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        service_(service),
        slow_pool_(slow_pool),
        loops_(loops),
        loop_(loop),
        gate_(loops.gates[loop]),
        origin_(loop) {
    // Counted from here to the destructor (which may come before Start()
    // when the server stops first).
    service_.metrics.connected_clients.fetch_add(1, std::memory_order_relaxed);
    session_.id = id;
    session_.created_ms = service.clock->NowMs();
    // As Redis's default user without a password: a client that connects
    // while none is set is authenticated, and stays so if one is set later.
    session_.authenticated = service.RequirePass().empty();
    error_code ec;
    auto remote = socket_.remote_endpoint(ec);
    if (!ec) session_.peer = Endpoint(remote);
    auto local = socket_.local_endpoint(ec);
    if (!ec) session_.local = Endpoint(local);
  }

  void Start() {
    SetIoThread();
    session_.channel = std::make_shared<Channel>(weak_from_this());
    service_.hub->AddClient(&session_);
    error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);
    MaybeRead();
  }

  ~RespConnection() override {
    service_.hub->Drop(&session_);
    service_.metrics.connected_clients.fetch_sub(1, std::memory_order_relaxed);
  }

  // resp::BatchClient: the reply of a command of ours in the loop's batch.
  resp::Session& batch_session() override { return session_; }
  void OnBatchReply(resp::Reply reply) override {
    --batched_;
    resp::AppendReply(reply, session_.protocol, &pending_);
    if (batched_ == 0) AppendHeldPushes();
  }

  // The WAL records of the commands whose replies wait are written.
  void OnGateOpen() {
    gated_ = false;
    WriteOut();
    MaybeMigrate();
  }

  // The WAL write failed: the commands whose replies wait may be lost, so
  // they get no reply at all (as after a crash) rather than a false one.
  void OnGateFailed() {
    gated_ = false;
    pending_.clear();
    Close();
  }

  // Finish the command in flight (if any) and its reply, then close.
  void Shutdown() {
    PostHere([this] { CloseAfterReplies(); });
  }

 private:
  // The face other threads see (pub/sub pushes, wake-ups, CLIENT KILL). It
  // holds the connection weakly: a closed connection just ignores them.
  class Channel final : public resp::ClientChannel {
   public:
    explicit Channel(std::weak_ptr<RespConnection> c) : conn_(std::move(c)) {}
    // The strong reference taken here moves into the posted handler: the
    // caller (Hub::Publish, under its lock) must not be the one to drop the
    // last reference, whose destructor takes that lock again (Hub::Drop).
    void Push(resp::Reply message) override {
      if (auto c = conn_.lock()) {
        RespConnection* raw = c.get();
        PostHere(std::move(c), [raw, m = std::move(message)] { raw->OnPush(m); });
      }
    }
    void Wake() override {
      if (auto c = conn_.lock()) {
        RespConnection* raw = c.get();
        PostHere(std::move(c), [raw] { raw->OnWake(); });
      }
    }
    void Kill() override {
      if (auto c = conn_.lock()) c->Shutdown();
    }

   private:
    std::weak_ptr<RespConnection> conn_;
  };

  // Runs `fn` on the connection's loop, wherever the connection is by
  // then: a move to another loop may come between the post and the run.
  template <typename F>
  void PostHere(F fn) {
    PostHere(shared_from_this(), std::move(fn));
  }
  template <typename F>
  static void PostHere(std::shared_ptr<RespConnection> self, F fn) {
    asio::io_context& loop = *self->loops_.contexts[self->loop_.load()];
    asio::post(loop, [self = std::move(self), fn = std::move(fn)]() mutable {
      if (t_loop != self->loop_.load() || self->adopting_.load()) {
        PostHere(std::move(self), std::move(fn));  // moved meanwhile: follow it
        return;
      }
      fn();
    });
  }

  static constexpr size_t kMaxPending = 4 << 20;
  // How long a script may run on the network thread before it is moved to
  // the slow pool (Session::script_budget_ms).
  static constexpr int64_t kScriptBudgetMs = 10;
  // Consecutive writes to keys owned by one other loop before moving there,
  // and the least time between two moves.
  static constexpr int kMigrateAfter = 8;
  static constexpr int kReturnAfter = 256;
  static constexpr int64_t kMigrateEveryNs = 100'000'000;
  // Redis's client-query-buffer-limit: unparsed input a client may send.
  static constexpr size_t kMaxQueryBuffer = size_t{1} << 30;

  void MaybeRead() {
    if (reading_ || migrate_pending_ || closed_ || session_.close_after_reply ||
        pending_.size() > kMaxPending) {
      return;
    }
    reading_ = true;
    socket_.async_read_some(asio::buffer(read_buf_),
                            [self = shared_from_this()](error_code ec, size_t n) {
                              self->OnRead(ec, n);
                            });
  }

  void OnRead(error_code ec, size_t n) {
    reading_ = false;
    if (ec) return Close();
    Metrics::Add(service_.metrics.net_input_bytes, n);
    in_.append(read_buf_.data(), n);
    if (in_.size() - in_pos_ > kMaxQueryBuffer) {
      // As Redis: the client is closed without a reply, the server goes on.
      Metrics::Add(service_.metrics.protocol_errors);
      return Close();
    }
    Process();
    if (std::optional<size_t> to = MoveTarget()) {
      // No read is started: the move happens once the replies are out.
      migrate_to_ = *to;
      migrate_pending_ = true;
    }
    Flush();
    MaybeRead();
    MaybeMigrate();
  }

  // Runs every complete command in the input, unless a blocked command is
  // waiting: commands after it wait too, as in Redis. Key-value commands
  // run in batches (resp::CommandBatch).
  void Process() {
    Engine::DeferWalWrites group_commit;  // until this loop pass's ReplyGate
    resp::CommandBatch& batch = gate_->batch();
    batch.RestartClock();
    const int64_t now_ns = loops_.contexts.size() > 1 ? loops_.NowNs() : 0;  // for NoteOwner
    while (!blocked_ && !offloaded_ && !closed_ && !session_.close_after_reply &&
           in_pos_ < in_.size()) {
      size_t consumed = 0;
      std::string_view rest(in_.data() + in_pos_, in_.size() - in_pos_);
      auto result = parser_.Parse(rest, &consumed, &args_);
      in_pos_ += consumed;
      if (result == resp::RequestParser::Result::kNeedMore) break;
      if (result == resp::RequestParser::Result::kError) {
        FinishBatch();
        Metrics::Add(service_.metrics.protocol_errors);
        resp::AppendReply(resp::Reply::Error("ERR " + parser_.error()), session_.protocol,
                          &pending_);
        session_.close_after_reply = true;
        break;
      }
      if (args_.empty()) continue;
      std::string name;
      if (const resp::CommandSpec* spec = resp::BatchableSpec(service_, session_, args_, &name)) {
        NoteOwner(*spec, now_ns);
        ++batched_;  // before Add, which may hand the reply back at once
        batch.Add(shared_from_this(), *spec, name, std::move(args_));
        args_.clear();
        continue;
      }
      FinishBatch();
      if (resp::MayWait(session_, args_)) {
        Offload();
        break;
      }
      session_.script_budget_ms = kScriptBudgetMs;
      resp::Reply reply = resp::Dispatch(service_, session_, args_);
      session_.script_budget_ms = 0;
      if (session_.offload_requested) {  // a script over its budget, rolled back
        session_.offload_requested = false;
        Offload();
        break;
      }
      if (session_.block_requested) {
        Block();
        break;
      }
      resp::AppendReply(reply, session_.protocol, &pending_);
    }
    // The batch stays open for the rest of the pass (ReplyGate).
    // Drop consumed input; keep the unparsed tail at the front.
    if (in_pos_ == in_.size()) {
      in_.clear();
      in_pos_ = 0;
    } else if (in_pos_ > 0 && in_pos_ >= in_.size() / 2) {
      in_.erase(0, in_pos_);
      in_pos_ = 0;
    }
  }

  // Counts consecutive writes to keys another loop owns (resp::KeyOwners).
  void NoteOwner(const resp::CommandSpec& spec, int64_t now_ns) {
    if (loops_.contexts.size() < 2 || !(spec.flags & resp::kWrite) || spec.first_key <= 0 ||
        static_cast<size_t>(spec.first_key) >= args_.size()) {
      return;
    }
    size_t here = loop_.load();
    resp::KeyOwners::Seen seen =
        loops_.owners.Note(here, session_.id, session_.db, args_[spec.first_key], now_ns);
    if (seen.owner != here) {
      private_writes_ = std::max(0, private_writes_ - 16);
      if (seen.owner == migrate_to_) {
        ++foreign_writes_;
      } else {
        migrate_to_ = seen.owner;
        foreign_writes_ = 1;
      }
      return;
    }
    foreign_writes_ = 0;
    // A write another connection shares (or another loop owns, above) sets
    // the count back a good deal, not to zero: two keys in one KeyOwners
    // slot look shared too.
    private_writes_ = seen.shared ? std::max(0, private_writes_ - 16) : private_writes_ + 1;
  }

  // Where the connection should move after this read's commands, if
  // anywhere: to the loop owning the keys it keeps writing, or, having
  // moved for a shared key, back home once it writes keys nobody else does
  // (about kReturnAfter such writes, see NoteOwner).
  std::optional<size_t> MoveTarget() const {
    if (blocked_ || offloaded_ || closed_ || loops_.NowNs() - migrated_ns_ < kMigrateEveryNs) {
      return std::nullopt;
    }
    if (foreign_writes_ >= kMigrateAfter) return migrate_to_;
    if (loop_.load() != origin_ && private_writes_ >= kReturnAfter) return origin_;
    return std::nullopt;
  }

  // Moves to loop migrate_to_ if a move waits and nothing is in flight: no
  // read (none is started while a move waits), write, group commit, SQL or
  // blocked command. Otherwise the move is given up when something other
  // than the last replies holds it.
  void MaybeMigrate() {
    if (!migrate_pending_) return;
    // Pushes to a subscriber follow it through PostHere, which could
    // reorder them across a move: subscribers stay.
    if (closed_ || blocked_ || offloaded_ || session_.close_after_reply ||
        session_.subscribed()) {
      migrate_pending_ = false;
      foreign_writes_ = 0;
      private_writes_ = 0;
      return MaybeRead();
    }
    if (writing_ || gated_ || batched_ > 0 || !pending_.empty()) return;  // again after the write
    Migrate();
  }

  void Migrate() {
    migrate_pending_ = false;
    foreign_writes_ = 0;
    private_writes_ = 0;
    migrated_ns_ = loops_.NowNs();
    size_t to = migrate_to_;
    error_code ec;
    tcp protocol = socket_.local_endpoint(ec).protocol();
    int fd = ec ? -1 : socket_.release(ec);
    if (ec || fd < 0) return MaybeRead();  // stay
    timer_ = asio::steady_timer(*loops_.contexts[to]);
    gate_ = loops_.gates[to];
    adopting_.store(true);
    loop_.store(to);
    asio::post(*loops_.contexts[to],
               [self = shared_from_this(), protocol, fd = std::make_shared<OwnedFd>(fd)] {
                 self->Adopt(protocol, fd->Take());
               });
  }

  // A released socket on its way to another loop: closed if the loop is
  // stopped before it takes it.
  struct OwnedFd {
    int fd;
    explicit OwnedFd(int f) : fd(f) {}
    ~OwnedFd() {
      if (fd >= 0) ::close(fd);
    }
    int Take() { return std::exchange(fd, -1); }
  };

  // On the new loop: takes the socket over and goes on where it stopped.
  void Adopt(tcp protocol, int fd) {
    socket_ = tcp::socket(*loops_.contexts[loop_.load()]);
    error_code ec;
    socket_.assign(protocol, fd, ec);
    adopting_.store(false);
    if (ec) {
      ::close(fd);
      return Close();
    }
    Metrics::Add(service_.metrics.client_migrations);
    SetIoThread();
    Resume();
  }

  void SetIoThread() {
    std::lock_guard<std::mutex> lock(session_.mu);
    session_.io_thread = static_cast<int>(loop_.load());
  }

  // Commits the loop's batch, whoever's commands it holds: before a command
  // that runs on its own, which must come after ours in the batch and must
  // not wait on the batch's locks.
  void FinishBatch() { gate_->batch().Finish(); }

  // A command that may wait on row locks (SQL) runs on the slow pool so a
  // lock wait never holds a network thread, which could otherwise starve the
  // very transaction holding the lock. Later input waits, as behind a
  // blocked command.
  void Offload() {
    offloaded_ = true;
    asio::post(slow_pool_, [self = shared_from_this(), args = std::move(args_)] {
      // SQL of a client gone while the command waited for a pool thread
      // does not start: as a statement interrupted at once (see Close).
      resp::Reply reply = self->gone_.load() && resp::EqualsIgnoreCase(args[0], "sql")
                              ? resp::Reply::Error("ERR client gone")
                              : resp::Dispatch(self->service_, self->session_, args);
      self->PostHere([self = self.get(), reply = std::move(reply)] {
        self->offloaded_ = false;
        if (self->closed_) return;
        resp::AppendReply(reply, self->session_.protocol, &self->pending_);
        self->AppendHeldPushes();
        if (self->close_when_done_) self->session_.close_after_reply = true;
        self->Resume();
      });
    });
    args_.clear();
  }

  void Block() {
    session_.block_requested = false;
    blocked_ = true;
    ++block_gen_;
    blocked_args_ = args_;
    service_.hub->Block(&session_);
    if (session_.block_timeout_ms > 0) {
      timer_.expires_after(std::chrono::milliseconds(session_.block_timeout_ms));
      // The generation tells this wait's expiry from an earlier one whose
      // handler was already queued when that block ended.
      timer_.async_wait([self = shared_from_this(), gen = block_gen_](error_code ec) {
        if (!ec && gen == self->block_gen_) self->OnBlockTimeout();
      });
    }
    // A push may have committed between the command's check and Block():
    // look once more now that wake-ups are registered.
    PostHere([this] { OnWake(); });
  }

  void Unblock() {
    blocked_ = false;
    service_.hub->Unblock(&session_);
    timer_.cancel();
  }

  void OnWake() {
    if (!blocked_ || closed_) return;
    Engine::DeferWalWrites group_commit;
    FinishBatch();
    resp::Reply reply = resp::Dispatch(service_, session_, blocked_args_);
    if (session_.block_requested) {  // still nothing to take: keep waiting
      session_.block_requested = false;
      return;
    }
    Unblock();
    resp::AppendReply(reply, session_.protocol, &pending_);
    Resume();
  }

  void OnBlockTimeout() {
    if (!blocked_ || closed_) return;
    Unblock();
    resp::AppendReply(session_.block_timeout_reply, session_.protocol, &pending_);
    Resume();
  }

  void Resume() {
    Process();
    Flush();
    MaybeRead();
  }

  // A message published after our batched commands ran comes after their
  // replies (which wait for the batch), as Redis orders them.
  // So is one published while a command runs on the slow pool, which may
  // change the session (HELLO inside EXEC): it follows that reply.
  void OnPush(const resp::Reply& message) {
    if (closed_) return;
    if (batched_ > 0 || offloaded_) {
      held_pushes_.push_back(message);
      return;  // the gate is held already, or the reply will come
    }
    resp::AppendReply(message, session_.protocol, &pending_);
    Flush();
  }

  void AppendHeldPushes() {
    for (const auto& m : held_pushes_) resp::AppendReply(m, session_.protocol, &pending_);
    held_pushes_.clear();
  }

  // Sends the pending replies after the loop pass's commit and WAL write
  // (ReplyGate). Commands in the batch hold the gate even for a closed
  // connection: the batch must end with the pass.
  void Flush() {
    if (batched_ > 0 || (!pending_.empty() && !closed_)) {
      if (!gated_) {
        gated_ = true;
        gate_->Hold(shared_from_this());
      }
      return;
    }
    WriteOut();
  }

  void WriteOut() {
    if (writing_ || closed_) return;
    if (pending_.empty()) {
      if (session_.close_after_reply) Close();
      return;
    }
    out_.swap(pending_);
    writing_ = true;
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this()](error_code ec, size_t n) {
                        self->OnWrite(ec, n);
                      });
  }

  void OnWrite(error_code ec, size_t n) {
    writing_ = false;
    Metrics::Add(service_.metrics.net_output_bytes, n);
    out_.clear();
    if (out_.capacity() > (1 << 20)) out_.shrink_to_fit();
    if (ec) return Close();
    Flush();
    MaybeRead();
    MaybeMigrate();
  }

  void CloseAfterReplies() {
    if (offloaded_) {  // the slow pool owns the session until it answers
      close_when_done_ = true;
      InterruptSql();  // ... which it does at once: its statement is cut short
      return;
    }
    session_.close_after_reply = true;
    if (blocked_) Unblock();
    if (!writing_ && pending_.empty() && batched_ == 0) Close();
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    gone_.store(true);
    // Nobody will read the answer: free the pool thread (the statement
    // rolls back, as when MySQL notices a client has gone).
    if (offloaded_) InterruptSql();
    if (blocked_) Unblock();
    error_code ignored;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  // Interrupts the SQL statement this connection runs on the slow pool, if
  // any (thread-safe: through the process list, never the session itself,
  // which the pool thread is using).
  void InterruptSql() {
    if (service_.sql == nullptr) return;
    rel::sql::InterruptConnection(service_.sql, session_.id,
                                  rel::sql::InterruptReason::kConnection);
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  Service& service_;
  asio::thread_pool& slow_pool_;
  Loops& loops_;
  std::atomic<size_t> loop_;          // the loop the connection runs on
  std::atomic<bool> adopting_{false};  // moving: the new loop has not taken it yet
  ReplyGate* gate_;                   // loop_'s
  resp::Session session_;
  resp::RequestParser parser_;
  std::vector<std::string> args_;
  std::vector<std::string> blocked_args_;
  std::string in_;
  size_t in_pos_ = 0;
  std::string out_;      // being written
  std::string pending_;  // waiting for the next write
  std::array<char, 16 * 1024> read_buf_;
  int batched_ = 0;  // commands in the loop's batch, replies not yet back
  std::vector<resp::Reply> held_pushes_;  // pub/sub messages behind them (OnPush)
  bool reading_ = false;
  bool writing_ = false;
  bool gated_ = false;  // waiting in gate_
  // Moving to another loop (Migrate): where, why, and when it last moved.
  bool migrate_pending_ = false;
  size_t migrate_to_ = 0;
  size_t origin_;  // the loop it was accepted on
  int foreign_writes_ = 0;
  int private_writes_ = 0;
  int64_t migrated_ns_ = INT64_MIN / 2;
  bool blocked_ = false;
  uint64_t block_gen_ = 0;  // blocks so far
  bool offloaded_ = false;       // a kMayWait command is running on the slow pool
  bool close_when_done_ = false;  // CloseAfterReplies came while offloaded
  bool closed_ = false;
  std::atomic<bool> gone_{false};  // closed_, for the slow pool's threads
};

inline void ReplyGate::Hold(std::shared_ptr<RespConnection> c) {
  waiting_.push_back(std::move(c));
  if (posted_) return;
  posted_ = true;
  // Queued behind the handlers already ready in this pass of the loop.
  asio::post(loop_, [this] { Open(); });
}

inline void ReplyGate::Open() {
  posted_ = false;
  {
    Engine::DeferWalWrites group_commit;
    batch_.Finish();  // the replies go to connections waiting here
  }
  std::vector<std::shared_ptr<RespConnection>> waiting;
  waiting.swap(waiting_);
  Status s = engine_ != nullptr ? engine_->FlushWal() : Status::Ok();
  if (!s.ok()) spdlog::error("cannot write the write-ahead log: {}", s.ToString());
  for (auto& c : waiting) {
    if (s.ok()) {
      c->OnGateOpen();
    } else {
      c->OnGateFailed();
    }
  }
}

}  // namespace tetradb::net_internal

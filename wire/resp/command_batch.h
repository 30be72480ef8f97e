// Key-value commands share one transaction, so a batch of them costs one
// commit (one WAL record, one memtable write per key touched) instead of
// one per command. A batch may hold the commands of several clients: a
// network thread keeps one batch open for every command it runs in one pass
// of its event loop, whichever connection sent it, so 50 clients at
// `-P 1` cost one commit per pass as one client at `-P 50` would.
//
// Each command runs as it is added and sees the writes of the commands
// before it in the batch; its reply waits for the commit. It takes no
// savepoint: one that fails after it wrote ends the batch (see RunKv). If
// the batch cannot commit (a lock conflict, met by a command or by the
// commit, or such a failure), its commands run again one by one, in order,
// each through Dispatch on its own client's session. Replies reach each client in the
// order its commands were added.
//
// While a batch is open it holds the locks of the keys it wrote: the thread
// that owns it must Finish it before it runs any other key-value command
// (Dispatch), or that command waits on the batch's locks.
//
// Not thread-safe: a batch belongs to one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/kv/kv_store.h"
#include "wire/resp/command_table.h"
#include "wire/resp/dispatcher.h"
#include "wire/resp/reply.h"
#include "wire/resp/session.h"
#include "wire/service.h"

namespace tetradb::resp {

// A client whose commands join a batch: its session, and where its replies
// go once the batch is done.
class BatchClient {
 public:
  virtual ~BatchClient() = default;
  virtual Session& batch_session() = 0;
  virtual void OnBatchReply(Reply reply) = 0;
};

class CommandBatch {
 public:
  // Longest batch: a longer one commits every kMaxCommands commands.
  static constexpr size_t kMaxCommands = 256;

  explicit CommandBatch(Service& service) : service_(service) {}

  // Runs a command BatchableSpec accepted for `client`'s session. When that
  // ends the batch (a conflict, or kMaxCommands), the replies of the batch
  // so far go out (OnBatchReply), in order.
  void Add(std::shared_ptr<BatchClient> client, const CommandSpec& spec, const std::string& name,
           std::vector<std::string> args);
  // Commits (or reruns) the commands added so far and hands out their
  // replies, in order. Nothing happens when the batch is empty.
  void Finish();

  // Rolls the batch back and drops its commands unanswered: for a server
  // whose event loops stopped before the batch's pass ended.
  void Discard();

  // The next command's time is measured from now (see CommandClock): call it
  // when a client's commands start after time spent elsewhere.
  void RestartClock() { clock_.started = false; }

  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    std::shared_ptr<BatchClient> client;
    std::vector<std::string> args;
    Reply reply;
  };
  // Statistics of the commands in entries_, counted at commit.
  std::vector<CommandCount> counts_;

  Service& service_;
  std::unique_ptr<kv::KvTxn> txn_;
  std::vector<Entry> entries_;
  CommandClock clock_;
  bool conflict_ = false;
};

}  // namespace tetradb::resp

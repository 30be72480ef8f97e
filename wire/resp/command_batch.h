// Pipelined key-value commands of one read from a connection share one
// transaction, so a batch costs one commit (one WAL write) instead of one per
// command. Each command runs under its own savepoint as it is added; its
// reply waits for the commit. If the batch cannot commit (a lock conflict,
// met by a command or by the commit), its commands run again one by one,
// each through Dispatch.
//
// Not thread-safe; a batch belongs to one connection and is used by one
// thread at a time.
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

class CommandBatch {
 public:
  // Longest batch: a longer pipeline commits every kMaxCommands commands.
  static constexpr size_t kMaxCommands = 256;

  CommandBatch(Service& service, Session& session) : service_(service), session_(session) {}

  // Runs a command BatchableSpec accepted. When that ends the batch (a
  // conflict, or kMaxCommands), the replies of the batch so far are appended
  // to *out, in order.
  void Add(const CommandSpec& spec, const std::string& name, std::vector<std::string> args,
           std::vector<Reply>* out);
  // Commits (or reruns) the commands added so far and appends their replies
  // to *out, in order. Nothing happens when the batch is empty.
  void Finish(std::vector<Reply>* out);

  bool empty() const { return commands_.empty(); }

 private:
  Service& service_;
  Session& session_;
  std::unique_ptr<kv::KvTxn> txn_;
  std::vector<std::vector<std::string>> commands_;
  std::vector<Reply> replies_;
  CommandClock clock_;  // restarted with each batch
  bool conflict_ = false;
};

}  // namespace tetradb::resp

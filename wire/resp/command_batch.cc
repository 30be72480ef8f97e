#include "wire/resp/command_batch.h"

#include "wire/resp/dispatcher.h"

namespace tetradb::resp {

void CommandBatch::Add(std::shared_ptr<BatchClient> client, const CommandSpec& spec,
                       const std::string& name, std::vector<std::string> args) {
  if (!txn_) {
    txn_ = service_.kv->Begin();
  } else {
    txn_->AdvanceClock();  // each command its own instant, as in Redis
  }
  Reply reply = Execute(service_, client->batch_session(), spec, name, args, txn_.get(),
                        &conflict_, &clock_);
  entries_.push_back(Entry{std::move(client), std::move(args), std::move(reply)});
  if (conflict_ || entries_.size() >= kMaxCommands) Finish();
}

void CommandBatch::Finish() {
  if (entries_.empty()) return;
  Status s = conflict_ ? Status::Conflict("batch") : txn_->Commit();
  txn_.reset();
  conflict_ = false;
  // The next command's time starts after the commit (or the replays).
  clock_.started = false;
  // Taken out first: a client's OnBatchReply may add to a new batch.
  std::vector<Entry> entries;
  entries.swap(entries_);
  for (Entry& e : entries) {
    e.client->OnBatchReply(s.ok() ? std::move(e.reply)
                                  : Dispatch(service_, e.client->batch_session(), e.args));
  }
}

void CommandBatch::Discard() {
  txn_.reset();
  entries_.clear();
  conflict_ = false;
}

}  // namespace tetradb::resp

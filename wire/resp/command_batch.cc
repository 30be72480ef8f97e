#include "wire/resp/command_batch.h"

#include "wire/resp/dispatcher.h"

namespace tetradb::resp {

void CommandBatch::Add(std::shared_ptr<BatchClient> client, const CommandSpec& spec,
                       const std::string& name, std::vector<std::string> args) {
  // Each command its own instant, as in Redis. Where both are the system
  // clock, it comes from the steady clock the command statistics read
  // anyway: one clock read per command, not two.
  clock_.Start(service_);
  Clock& kv_clock = service_.kv->clock();
  const int64_t now_ms = &kv_clock == SystemClock() && service_.clock == SystemClock()
                             ? clock_.LastMs()
                             : kv_clock.NowMs();
  if (!txn_) {
    txn_ = service_.kv->Begin(now_ms);
  } else {
    txn_->AdvanceClock(now_ms);
  }
  CommandCount& count = counts_.emplace_back();
  Reply reply = Execute(service_, client->batch_session(), spec, name, args, txn_.get(),
                        &conflict_, &clock_, &count);
  entries_.push_back(Entry{std::move(client), std::move(args), std::move(reply)});
  if (conflict_ || entries_.size() >= kMaxCommands) Finish();
}

void CommandBatch::Finish() {
  if (entries_.empty()) return;
  Status s = conflict_ ? Status::Conflict("batch") : txn_->Commit();
  txn_.reset();
  // Commands that run again below count themselves.
  if (s.ok()) AddCommandCounts(service_, counts_.data(), counts_.size());
  counts_.clear();
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
  // The next batch reuses the vector (it grows to kMaxCommands once).
  if (entries_.empty()) {
    entries.clear();
    entries_.swap(entries);
  }
}

void CommandBatch::Discard() {
  txn_.reset();
  entries_.clear();
  counts_.clear();
  conflict_ = false;
}

}  // namespace tetradb::resp

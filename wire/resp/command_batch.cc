#include "wire/resp/command_batch.h"

#include "wire/resp/dispatcher.h"

namespace tetradb::resp {

void CommandBatch::Add(const CommandSpec& spec, const std::string& name,
                       std::vector<std::string> args, std::vector<Reply>* out) {
  if (!txn_) {
    txn_ = service_.kv->Begin();
    clock_.started = false;
  }
  replies_.push_back(
      Execute(service_, session_, spec, name, args, txn_.get(), &conflict_, &clock_));
  commands_.push_back(std::move(args));
  if (conflict_ || commands_.size() >= kMaxCommands) Finish(out);
}

void CommandBatch::Finish(std::vector<Reply>* out) {
  if (commands_.empty()) return;
  Status s = conflict_ ? Status::Conflict("batch") : txn_->Commit();
  txn_.reset();
  if (s.ok()) {
    for (auto& r : replies_) out->push_back(std::move(r));
  } else {
    for (const auto& cmd : commands_) out->push_back(Dispatch(service_, session_, cmd));
  }
  commands_.clear();
  replies_.clear();
  conflict_ = false;
}

}  // namespace tetradb::resp

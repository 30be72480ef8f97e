// Transactions: MULTI EXEC DISCARD WATCH UNWATCH.
//
// EXEC runs every queued command in one kv transaction: they commit together
// or not at all, and no other client's write interleaves: before the first
// command runs, every key the queued commands name (by their table entries)
// is locked, in sorted order, so their reads too see one state of those
// keys, as if nothing ran between them. Errors of single
// commands at run time are replies inside EXEC's array (as in Redis: no
// rollback); errors at queue time abort EXEC (EXECABORT). WATCH is checked
// with the watched keys locked, so a write that lands before EXEC always
// aborts it and one after it waits for EXEC to commit.
#include <charconv>
#include <set>
#include <string>
#include <utility>

#include "wire/resp/dispatcher.h"
#include "wire/resp/hub.h"
#include "wire/resp/kv_exec.h"

namespace tetradb::resp {
namespace {

Reply Multi(CommandContext& ctx) {
  if (ctx.session.in_multi) return Reply::Error("ERR MULTI calls can not be nested");
  ctx.session.in_multi = true;
  ctx.session.multi_error = false;
  ctx.session.queued.clear();
  return Reply::Ok();
}

void EndMulti(CommandContext& ctx) {
  ctx.session.in_multi = false;
  ctx.session.multi_error = false;
  ctx.session.queued.clear();
  ctx.service.hub->Unwatch(&ctx.session);
}

Reply Discard(CommandContext& ctx) {
  if (!ctx.session.in_multi) return Reply::Error("ERR DISCARD without MULTI");
  EndMulti(ctx);
  return Reply::Ok();
}

// The keys the queued commands name, with the database each runs in
// (SELECT inside MULTI moves the later ones), sorted and once each: the
// order every EXEC locks them in.
std::set<std::pair<int, std::string>> QueuedKeys(int db,
                                                 const std::vector<std::vector<std::string>>& queued) {
  std::set<std::pair<int, std::string>> keys;
  for (const auto& args : queued) {
    Reply error;
    std::string name;
    const CommandSpec* spec = Resolve(args, &error, &name);
    if (spec == nullptr) continue;
    if (name == "select") {
      int64_t index = 0;
      auto [end, ec] = std::from_chars(args[1].data(), args[1].data() + args[1].size(), index);
      if (ec == std::errc() && end == args[1].data() + args[1].size() && index >= 0 &&
          index < kv::kDatabases) {
        db = static_cast<int>(index);
      }
      continue;
    }
    for (std::string_view key : CommandKeys(*spec, args)) keys.emplace(db, std::string(key));
  }
  return keys;
}

Reply Exec(CommandContext& ctx) {
  Session& s = ctx.session;
  if (!s.in_multi) return Reply::Error("ERR EXEC without MULTI");
  if (s.multi_error) {
    EndMulti(ctx);
    return Reply::Error("EXECABORT Transaction discarded because of previous errors.");
  }
  std::vector<std::vector<std::string>> queued = std::move(s.queued);
  s.in_multi = false;
  s.queued.clear();
  constexpr int kAttempts = 20;
  for (int attempt = 1;; ++attempt) {
    auto txn = ctx.service.kv->Begin();
    txn->txn();  // EXEC reads through its transaction too, isolated from other writers
    bool conflict = false;
    // Lock what is watched, then look at the flag (see the file comment).
    for (const auto& [db, key] : s.watched) {
      Result<kv::KeyState> st = txn->Load(db, key, /*lock=*/true);
      if (!st.ok()) conflict = true;
    }
    if (!conflict && s.watch_dirty.load()) {
      EndMulti(ctx);
      return Reply::NullArray();
    }
    for (const auto& [db, key] : QueuedKeys(s.db, queued)) {
      if (conflict) break;
      Result<kv::KeyState> st = txn->Load(db, key, /*lock=*/true);
      if (!st.ok()) conflict = true;
    }
    std::vector<Reply> replies;
    for (size_t i = 0; i < queued.size() && !conflict; ++i) {
      Reply error;
      std::string name;
      const CommandSpec* spec = Resolve(queued[i], &error, &name);
      if (spec == nullptr) {
        replies.push_back(std::move(error));
        continue;
      }
      replies.push_back(Execute(ctx.service, s, *spec, name, queued[i], txn.get(), &conflict));
    }
    Status st = conflict ? Status::Conflict("retry") : txn->Commit();
    if (st.ok()) {
      EndMulti(ctx);
      return Reply::Array(std::move(replies));
    }
    if ((st.IsConflict() || st.IsBusy()) && attempt < kAttempts) continue;
    EndMulti(ctx);
    return StatusToReply(st);
  }
}

Reply Watch(CommandContext& ctx) {
  if (ctx.session.in_multi) return Reply::Error("ERR WATCH inside MULTI is not allowed");
  for (size_t i = 1; i < ctx.args.size(); ++i) {
    ctx.service.hub->Watch(&ctx.session, ctx.session.db, ctx.args[i]);
  }
  return Reply::Ok();
}

Reply Unwatch(CommandContext& ctx) {
  ctx.service.hub->Unwatch(&ctx.session);
  return Reply::Ok();
}

}  // namespace

void RegisterTransactionCommands(CommandTable& t) {
  t.Add({"multi", 1, kNoScript | kLoading | kStale | kFast, 0, 0, 0, Multi, "transactions", "Starts a transaction.", "1.2.0", "O(1)"});
  t.Add({"exec", 1, kNoScript | kLoading | kStale | kSkipMonitor, 0, 0, 0, Exec, "transactions", "Executes all commands in a transaction.", "1.2.0", "Depends on commands in the transaction"});
  t.Add({"discard", 1, kNoScript | kLoading | kStale | kFast, 0, 0, 0, Discard, "transactions", "Discards a transaction.", "2.0.0", "O(N), when N is the number of queued commands"});
  t.Add({"watch", -2, kNoScript | kLoading | kStale | kFast, 1, -1, 1, Watch, "transactions", "Monitors changes to keys to determine the execution of a transaction.", "2.2.0", "O(1) for every key."});
  t.Add({"unwatch", 1, kNoScript | kLoading | kStale | kFast, 0, 0, 0, Unwatch, "transactions", "Forgets about watched keys of a transaction.", "2.2.0", "O(1)"});
}

}  // namespace tetradb::resp

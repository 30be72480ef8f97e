// Blocking pops: BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP BZPOPMIN BZPOPMAX.
//
// A handler first tries the non-blocking operation. When every key is empty
// it asks the connection to wait (Session::block_*): the connection registers
// with the hub, which wakes it after any commit that writes one of the keys;
// the command then runs again. Inside MULTI nothing blocks: an empty result
// is answered at once, as Redis does.
#include <cmath>

#include "models/kv/list.h"
#include "models/kv/zset.h"
#include "wire/resp/kv_exec.h"

namespace tetradb::resp {
namespace {

// Redis's timeout argument: seconds as a float; negative is an error.
std::optional<Reply> ParseTimeout(std::string_view arg, int64_t* ms) {
  double seconds;
  if (!ParseDouble(arg, &seconds) || std::isinf(seconds)) {
    return Reply::Error("ERR timeout is not a float or out of range");
  }
  if (seconds < 0) return Reply::Error("ERR timeout is negative");
  double m = std::ceil(seconds * 1000.0);
  if (m > 9.0e15) return Reply::Error("ERR timeout is out of range");
  *ms = static_cast<int64_t>(m);
  return std::nullopt;
}

// Asks the connection to wait for `keys`, unless inside MULTI; returns what
// to answer now (the timeout reply when not blocking).
Reply Wait(CommandContext& ctx, const std::vector<std::string_view>& keys, int64_t timeout_ms,
           Reply timeout_reply) {
  if (ctx.kv_txn != nullptr) return timeout_reply;
  Session& s = ctx.session;
  s.block_requested = true;
  s.block_keys.clear();
  for (auto k : keys) s.block_keys.emplace_back(s.db, std::string(k));
  s.block_timeout_ms = timeout_ms;
  s.block_timeout_reply = std::move(timeout_reply);
  return Reply::NullArray();
}

Reply BPop(CommandContext& ctx, bool left) {
  const auto& a = ctx.args;
  int64_t timeout;
  if (auto err = ParseTimeout(a.back(), &timeout)) return *err;
  std::vector<std::string_view> keys(a.begin() + 1, a.end() - 1);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    auto r = kv::ListMultiPop(t, ctx.session.db, keys, left, 1);
    if (!r.ok()) return r.status();
    if (r->has_value()) {
      kv::ListPopped& p = **r;
      return Reply::Array({Reply::Bulk(std::move(p.key)), Reply::Bulk(std::move(p.elements[0]))});
    }
    return Wait(ctx, keys, timeout, Reply::NullArray());
  });
}
Reply BLPop(CommandContext& ctx) { return BPop(ctx, true); }
Reply BRPop(CommandContext& ctx) { return BPop(ctx, false); }

Reply BMove(CommandContext& ctx, std::string_view src, std::string_view dst, bool from_left,
            bool to_left, std::string_view timeout_arg) {
  int64_t timeout;
  if (auto err = ParseTimeout(timeout_arg, &timeout)) return *err;
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    auto r = kv::ListMove(t, ctx.session.db, src, dst, from_left, to_left);
    if (!r.ok()) return r.status();
    if (r->has_value()) return Reply::Bulk(std::move(**r));
    return Wait(ctx, {src}, timeout, Reply::Null());
  });
}

Reply BLMove(CommandContext& ctx) {
  bool from_left, to_left;
  if (!ParseListEnd(ctx.args[3], &from_left) || !ParseListEnd(ctx.args[4], &to_left)) {
    return Reply::ErrorSyntax();
  }
  return BMove(ctx, ctx.args[1], ctx.args[2], from_left, to_left, ctx.args[5]);
}

Reply BRPopLPush(CommandContext& ctx) {
  return BMove(ctx, ctx.args[1], ctx.args[2], false, true, ctx.args[3]);
}

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
Reply BLMPop(CommandContext& ctx) {
  const auto& a = ctx.args;
  int64_t timeout;
  if (auto err = ParseTimeout(a[1], &timeout)) return *err;
  MPopArgs m;
  if (auto err = ParseMPopArgs(a, 2, &m)) return *err;
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    auto r = kv::ListMultiPop(t, ctx.session.db, m.keys, m.left, static_cast<size_t>(m.count));
    if (!r.ok()) return r.status();
    if (r->has_value()) {
      kv::ListPopped& p = **r;
      std::vector<Reply> elements;
      for (auto& e : p.elements) elements.push_back(Reply::Bulk(std::move(e)));
      return Reply::Array({Reply::Bulk(std::move(p.key)), Reply::Array(std::move(elements))});
    }
    return Wait(ctx, m.keys, timeout, Reply::NullArray());
  });
}

Reply BZPop(CommandContext& ctx, bool max) {
  const auto& a = ctx.args;
  int64_t timeout;
  if (auto err = ParseTimeout(a.back(), &timeout)) return *err;
  std::vector<std::string_view> keys(a.begin() + 1, a.end() - 1);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    for (auto key : keys) {
      auto r = kv::ZPop(t, ctx.session.db, key, 1, max);
      if (!r.ok()) return r.status();
      if (!r->empty()) {
        kv::ScoredMember& m = r->front();
        return Reply::Array({Reply::Bulk(std::string(key)), Reply::Bulk(std::move(m.member)),
                             Reply::Double(m.score)});
      }
    }
    return Wait(ctx, keys, timeout, Reply::NullArray());
  });
}
Reply BZPopMin(CommandContext& ctx) { return BZPop(ctx, false); }
Reply BZPopMax(CommandContext& ctx) { return BZPop(ctx, true); }

}  // namespace

void RegisterBlockingCommands(CommandTable& t) {
  constexpr uint32_t kB = kWrite | kNoScript | kBlocking;
  t.Add({"blpop", -3, kB, 1, -2, 1, BLPop, "list", "Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", "2.0.0", "O(N) where N is the number of provided keys."});
  t.Add({"brpop", -3, kB, 1, -2, 1, BRPop, "list", "Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", "2.0.0", "O(N) where N is the number of provided keys."});
  t.Add({"blmove", 6, kB | kDenyOom, 1, 2, 1, BLMove, "list", "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.", "6.2.0", "O(1)"});
  t.Add({"brpoplpush", 4, kB | kDenyOom, 1, 2, 1, BRPopLPush, "list", "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.", "2.2.0", "O(1)"});
  t.Add({"blmpop", -5, kB, 0, 0, 0, BLMPop, "list", "Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", "7.0.0", "O(N+M) where N is the number of provided keys and M is the number of elements returned."});
  t.Add({"bzpopmin", -3, kB | kFast, 1, -2, 1, BZPopMin, "sorted-set", "Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.", "5.0.0", "O(log(N)) with N being the number of elements in the sorted set."});
  t.Add({"bzpopmax", -3, kB | kFast, 1, -2, 1, BZPopMax, "sorted-set", "Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.", "5.0.0", "O(log(N)) with N being the number of elements in the sorted set."});
}

}  // namespace tetradb::resp

// Set commands: SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP
// SRANDMEMBER SMOVE SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF
// SDIFFSTORE SSCAN.
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <optional>
#include <span>

#include "models/kv/set.h"
#include "wire/resp/command_table.h"
#include "wire/resp/kv_exec.h"

namespace tetradb::resp {
namespace {

using kv::KvTxn;

std::span<const std::string> ArgsFrom(const CommandContext& ctx, size_t first, size_t n = 0) {
  auto all = std::span<const std::string>(ctx.args).subspan(first);
  return n == 0 ? all : all.first(n);
}

Reply Members(const std::vector<std::string>& members, bool as_set) {
  Reply out = Reply::Packed(as_set ? Reply::Kind::kSet : Reply::Kind::kArray);
  out.ReserveBulks(members.size());
  for (const std::string& m : members) out.AppendBulk(m);
  return out;
}

Reply SAdd(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::SetAdd(t, ctx.session.db, ctx.args[1], ArgsFrom(ctx, 2));
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}

Reply SRem(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::SetRemove(t, ctx.session.db, ctx.args[1], ArgsFrom(ctx, 2));
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}

Reply SMembers(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto m = kv::SetMembers(t, ctx.session.db, ctx.args[1]);
    if (!m.ok()) return m.status();
    return Members(std::move(m).value(), true);
  });
}

Reply SIsMember(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<bool> in = kv::SetIsMember(t, ctx.session.db, ctx.args[1], ctx.args[2]);
    if (!in.ok()) return in.status();
    return Reply::Integer(*in ? 1 : 0);
  });
}

Reply SMIsMember(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto in = kv::SetMIsMember(t, ctx.session.db, ctx.args[1], ArgsFrom(ctx, 2));
    if (!in.ok()) return in.status();
    std::vector<Reply> out;
    out.reserve(in->size());
    for (bool b : *in) out.push_back(Reply::Integer(b ? 1 : 0));
    return Reply::Array(std::move(out));
  });
}

Reply SCard(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::SetCard(t, ctx.session.db, ctx.args[1]);
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}

Reply SPop(CommandContext& ctx) {
  const auto& a = ctx.args;
  if (a.size() > 3) return Reply::ErrorSyntax();
  if (a.size() == 2) {
    return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
      auto popped = kv::SetPop(t, ctx.session.db, a[1], 1);
      if (!popped.ok()) return popped.status();
      if (popped->empty()) return Reply::Null();
      return Reply::Bulk(std::move(popped->front()));
    });
  }
  // Redis gives the range text for a non-number too.
  int64_t n;
  if (!ParseInt64(a[2], &n) || n < 0) {
    return Reply::Error("ERR value is out of range, must be positive");
  }
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto popped = kv::SetPop(t, ctx.session.db, a[1], static_cast<uint64_t>(n));
    if (!popped.ok()) return popped.status();
    return Members(std::move(popped).value(), true);
  });
}

Reply SRandMember(CommandContext& ctx) {
  const auto& a = ctx.args;
  if (a.size() > 3) return Reply::ErrorSyntax();
  if (a.size() == 2) {
    return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
      auto picked = kv::SetRandMember(t, ctx.session.db, a[1], 1, true);
      if (!picked.ok()) return picked.status();
      if (picked->empty()) return Reply::Null();
      return Reply::Bulk(std::move(picked->front()));
    });
  }
  int64_t n;
  if (!ParseInt64(a[2], &n)) return ErrNotInteger();
  if (n == INT64_MIN) {
    return Reply::Error("ERR value is out of range, value must between " +
                        std::to_string(-INT64_MAX) + " and " + std::to_string(INT64_MAX));
  }
  bool distinct = n >= 0;
  uint64_t count = distinct ? static_cast<uint64_t>(n) : static_cast<uint64_t>(-n);
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto picked = kv::SetRandMember(t, ctx.session.db, a[1], count, distinct);
    if (!picked.ok()) return picked.status();
    return Members(std::move(picked).value(), false);
  });
}

Reply SMove(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<bool> moved = kv::SetMove(t, ctx.session.db, ctx.args[1], ctx.args[2], ctx.args[3]);
    if (!moved.ok()) return moved.status();
    return Reply::Integer(*moved ? 1 : 0);
  });
}

Reply Combine(CommandContext& ctx, kv::SetOp op) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto r = kv::SetCombine(t, ctx.session.db, op, ArgsFrom(ctx, 1));
    if (!r.ok()) return r.status();
    return Members(std::move(r).value(), true);
  });
}

Reply CombineStore(CommandContext& ctx, kv::SetOp op) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto n = kv::SetCombineStore(t, ctx.session.db, op, ctx.args[1], ArgsFrom(ctx, 2));
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}

Reply SInter(CommandContext& ctx) { return Combine(ctx, kv::SetOp::kInter); }
Reply SUnion(CommandContext& ctx) { return Combine(ctx, kv::SetOp::kUnion); }
Reply SDiff(CommandContext& ctx) { return Combine(ctx, kv::SetOp::kDiff); }
Reply SInterStore(CommandContext& ctx) { return CombineStore(ctx, kv::SetOp::kInter); }
Reply SUnionStore(CommandContext& ctx) { return CombineStore(ctx, kv::SetOp::kUnion); }
Reply SDiffStore(CommandContext& ctx) { return CombineStore(ctx, kv::SetOp::kDiff); }

// SINTERCARD numkeys key [key ...] [LIMIT limit]
Reply SInterCard(CommandContext& ctx) {
  const auto& a = ctx.args;
  int64_t numkeys;
  if (!ParseInt64(a[1], &numkeys) || numkeys < 1) {
    return Reply::Error("ERR numkeys should be greater than 0");
  }
  if (numkeys > static_cast<int64_t>(a.size()) - 2) {
    return Reply::Error("ERR Number of keys can't be greater than number of args");
  }
  uint64_t limit = 0;
  for (size_t i = 2 + static_cast<size_t>(numkeys); i < a.size(); ++i) {
    if (EqualsIgnoreCase(a[i], "limit") && i + 1 < a.size()) {
      int64_t l;
      if (!ParseInt64(a[++i], &l) || l < 0) return Reply::Error("ERR LIMIT can't be negative");
      limit = static_cast<uint64_t>(l);
    } else {
      return Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto n = kv::SetInterCard(t, ctx.session.db, ArgsFrom(ctx, 2, numkeys), limit);
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}


Reply SScan(CommandContext& ctx) {
  ScanArgs sa;
  if (!ParseScanArgs(ctx.args, 2, &sa)) return Reply::Error("ERR invalid cursor");
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    int db = ctx.session.db;
    const std::string& key = ctx.args[1];
    Result<std::optional<Reply>> bad = ScanOptionError(t, db, key, kv::Type::kSet, sa);
    if (!bad.ok()) return bad.status();
    if (*bad) return std::move(**bad);
    Result<kv::SetScanPage> page = kv::SetScan(t, db, key, sa.cursor, sa.count, sa.match);
    if (!page.ok()) return page.status();
    return Reply::Array(
        {Reply::Bulk(std::to_string(page->cursor)), Members(std::move(page->members), false)});
  });
}

}  // namespace

// clang-format off
void RegisterSetCommands(CommandTable& t) {
  constexpr uint32_t kR = kReadOnly;
  t.Add({"sadd", -3, kWrite | kDenyOom | kFast, 1, 1, 1, SAdd, "set", "Adds one or more members to a set. Creates the key if it doesn't exist.", "1.0.0", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments."});
  t.Add({"srem", -3, kWrite | kFast, 1, 1, 1, SRem, "set", "Removes one or more members from a set. Deletes the set if the last member was removed.", "1.0.0", "O(N) where N is the number of members to be removed."});
  t.Add({"smembers", 2, kR, 1, 1, 1, SMembers, "set", "Returns all members of a set.", "1.0.0", "O(N) where N is the set cardinality."});
  t.Add({"sismember", 3, kR | kFast, 1, 1, 1, SIsMember, "set", "Determines whether a member belongs to a set.", "1.0.0", "O(1)"});
  t.Add({"smismember", -3, kR | kFast, 1, 1, 1, SMIsMember, "set", "Determines whether multiple members belong to a set.", "6.2.0", "O(N) where N is the number of elements being checked for membership"});
  t.Add({"scard", 2, kR | kFast, 1, 1, 1, SCard, "set", "Returns the number of members in a set.", "1.0.0", "O(1)"});
  t.Add({"spop", -2, kWrite | kFast, 1, 1, 1, SPop, "set", "Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.", "1.0.0", "Without the count argument O(1), otherwise O(N) where N is the value of the passed count."});
  t.Add({"srandmember", -2, kR, 1, 1, 1, SRandMember, "set", "Get one or multiple random members from a set", "1.0.0", "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count."});
  t.Add({"smove", 4, kWrite | kFast, 1, 2, 1, SMove, "set", "Moves a member from one set to another.", "1.0.0", "O(1)"});
  t.Add({"sinter", -2, kR, 1, -1, 1, SInter, "set", "Returns the intersect of multiple sets.", "1.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets."});
  t.Add({"sintercard", -3, kR, 0, 0, 0, SInterCard, "set", "Returns the number of members of the intersect of multiple sets.", "7.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets."});
  t.Add({"sinterstore", -3, kWrite | kDenyOom, 1, -1, 1, SInterStore, "set", "Stores the intersect of multiple sets in a key.", "1.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets."});
  t.Add({"sunion", -2, kR, 1, -1, 1, SUnion, "set", "Returns the union of multiple sets.", "1.0.0", "O(N) where N is the total number of elements in all given sets."});
  t.Add({"sunionstore", -3, kWrite | kDenyOom, 1, -1, 1, SUnionStore, "set", "Stores the union of multiple sets in a key.", "1.0.0", "O(N) where N is the total number of elements in all given sets."});
  t.Add({"sdiff", -2, kR, 1, -1, 1, SDiff, "set", "Returns the difference of multiple sets.", "1.0.0", "O(N) where N is the total number of elements in all given sets."});
  t.Add({"sdiffstore", -3, kWrite | kDenyOom, 1, -1, 1, SDiffStore, "set", "Stores the difference of multiple sets in a key.", "1.0.0", "O(N) where N is the total number of elements in all given sets."});
  t.Add({"sscan", -3, kR, 1, 1, 1, SScan, "set", "Iterates over members of a set.", "2.8.0", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection."});
}

// clang-format on

}  // namespace tetradb::resp

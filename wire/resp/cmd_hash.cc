// Hash commands: HSET HSETNX HGET HMSET HMGET HDEL HLEN HSTRLEN HEXISTS
// HGETALL HKEYS HVALS HINCRBY HINCRBYFLOAT HSCAN HRANDFIELD.
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <span>

#include "models/kv/hash.h"
#include "wire/resp/command_table.h"
#include "wire/resp/kv_exec.h"
#include "wire/resp/writer.h"

namespace tetradb::resp {
namespace {

using kv::KvTxn;

std::span<const std::string> ArgsFrom(const CommandContext& ctx, size_t first) {
  return std::span<const std::string>(ctx.args).subspan(first);
}

Reply HSetGeneric(CommandContext& ctx, bool reply_ok) {
  if (ctx.args.size() % 2 != 0) return Reply::ErrorWrongArity(reply_ok ? "hmset" : "hset");
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<int64_t> added = kv::HashSet(t, ctx.session.db, ctx.args[1], ArgsFrom(ctx, 2));
    if (!added.ok()) return added.status();
    return reply_ok ? Reply::Ok() : Reply::Integer(*added);
  });
}

Reply HSet(CommandContext& ctx) { return HSetGeneric(ctx, false); }
Reply HMSet(CommandContext& ctx) { return HSetGeneric(ctx, true); }

Reply HSetNx(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<bool> set = kv::HashSetNx(t, ctx.session.db, ctx.args[1], ctx.args[2], ctx.args[3]);
    if (!set.ok()) return set.status();
    return Reply::Integer(*set ? 1 : 0);
  });
}

Reply HGet(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    std::string value;
    Status s = kv::HashGet(t, ctx.session.db, ctx.args[1], ctx.args[2], &value);
    if (s.IsNotFound()) return Reply::Null();
    TETRADB_RETURN_IF_ERROR(s);
    return Reply::Bulk(std::move(value));
  });
}

Reply HMGet(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto values = kv::HashMGet(t, ctx.session.db, ctx.args[1], ArgsFrom(ctx, 2));
    if (!values.ok()) return values.status();
    std::vector<Reply> out;
    out.reserve(values->size());
    for (auto& v : *values) out.push_back(v ? Reply::Bulk(std::move(*v)) : Reply::Null());
    return Reply::Array(std::move(out));
  });
}

Reply HDel(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::HashDelete(t, ctx.session.db, ctx.args[1], ArgsFrom(ctx, 2));
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}

Reply HLen(CommandContext& ctx) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::HashLen(t, ctx.session.db, ctx.args[1]);
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}

// HSTRLEN and HEXISTS: both only look at whether the field is there.
Reply HFieldProbe(CommandContext& ctx, bool want_length) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    std::string value;
    Status s = kv::HashGet(t, ctx.session.db, ctx.args[1], ctx.args[2], &value);
    if (s.IsNotFound()) return Reply::Integer(0);
    TETRADB_RETURN_IF_ERROR(s);
    return Reply::Integer(want_length ? static_cast<int64_t>(value.size()) : 1);
  });
}

Reply HStrLen(CommandContext& ctx) { return HFieldProbe(ctx, true); }
Reply HExists(CommandContext& ctx) { return HFieldProbe(ctx, false); }

enum class Part { kBoth, kKeys, kValues };

Reply HGetAllGeneric(CommandContext& ctx, Part part) {
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto entries = kv::HashGetAll(t, ctx.session.db, ctx.args[1]);
    if (!entries.ok()) return entries.status();
    Reply out = Reply::Packed(part == Part::kBoth ? Reply::Kind::kMap : Reply::Kind::kArray);
    out.ReserveBulks(entries->size() * (part == Part::kBoth ? 2 : 1));
    for (const kv::MemberEntry& e : *entries) {
      if (part != Part::kValues) out.AppendBulk(e.sub);
      if (part != Part::kKeys) out.AppendBulk(e.value);
    }
    return out;
  });
}

Reply HGetAll(CommandContext& ctx) { return HGetAllGeneric(ctx, Part::kBoth); }
Reply HKeys(CommandContext& ctx) { return HGetAllGeneric(ctx, Part::kKeys); }
Reply HVals(CommandContext& ctx) { return HGetAllGeneric(ctx, Part::kValues); }

Reply HIncrBy(CommandContext& ctx) {
  int64_t delta;
  if (!ParseInt64(ctx.args[3], &delta)) return ErrNotInteger();
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<int64_t> v = kv::HashIncrBy(t, ctx.session.db, ctx.args[1], ctx.args[2], delta);
    if (!v.ok()) return v.status();
    return Reply::Integer(*v);
  });
}

Reply HIncrByFloat(CommandContext& ctx) {
  long double delta;
  if (!kv::ParseLongDouble(ctx.args[3], &delta)) return ErrNotFloat();
  if (std::isinf(delta)) return Reply::Error("ERR value is NaN or Infinity");
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    Result<std::string> v =
        kv::HashIncrByFloat(t, ctx.session.db, ctx.args[1], ctx.args[2], delta, &FormatLongDouble);
    if (!v.ok()) return v.status();
    return Reply::Bulk(std::move(v).value());
  });
}


Reply HScan(CommandContext& ctx) {
  ScanArgs sa;
  if (!ParseScanArgs(ctx.args, 2, &sa)) return Reply::Error("ERR invalid cursor");
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    int db = ctx.session.db;
    const std::string& key = ctx.args[1];
    Result<std::optional<Reply>> bad = ScanOptionError(t, db, key, kv::Type::kHash, sa);
    if (!bad.ok()) return bad.status();
    if (*bad) return std::move(**bad);
    Result<kv::HashScanPage> page = kv::HashScan(t, db, key, sa.cursor, sa.count, sa.match);
    if (!page.ok()) return page.status();
    std::vector<Reply> items;
    items.reserve(page->entries.size() * 2);
    for (kv::MemberEntry& e : page->entries) {
      items.push_back(Reply::Bulk(std::move(e.sub)));
      items.push_back(Reply::Bulk(std::move(e.value)));
    }
    return Reply::Array(
        {Reply::Bulk(std::to_string(page->cursor)), Reply::Array(std::move(items))});
  });
}

// HRANDFIELD key [count [WITHVALUES]]
Reply HRandField(CommandContext& ctx) {
  const auto& a = ctx.args;
  if (a.size() == 2) {
    return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
      auto picked = kv::HashRandFields(t, ctx.session.db, a[1], 1, true);
      if (!picked.ok()) return picked.status();
      if (picked->empty()) return Reply::Null();
      return Reply::Bulk(std::move(picked->front().sub));
    });
  }
  int64_t n;
  if (!ParseInt64(a[2], &n)) return ErrNotInteger();
  if (n == INT64_MIN) {
    return Reply::Error("ERR value is out of range, value must between " +
                        std::to_string(-INT64_MAX) + " and " + std::to_string(INT64_MAX));
  }
  bool with_values = false;
  if (a.size() > 4 || (a.size() == 4 && !EqualsIgnoreCase(a[3], "withvalues"))) {
    return Reply::ErrorSyntax();
  }
  if (a.size() == 4) {
    with_values = true;
    if (n < -INT64_MAX / 2 || n > INT64_MAX / 2) return Reply::Error("ERR value is out of range");
  }
  bool distinct = n >= 0;
  uint64_t count = distinct ? static_cast<uint64_t>(n) : static_cast<uint64_t>(-n);
  bool nested = with_values && ctx.session.protocol >= 3;
  return RunKv(ctx, [&](KvTxn& t) -> Result<Reply> {
    auto picked = kv::HashRandFields(t, ctx.session.db, a[1], count, distinct);
    if (!picked.ok()) return picked.status();
    std::vector<Reply> out;
    for (kv::MemberEntry& e : *picked) {
      if (nested) {
        out.push_back(
            Reply::Array({Reply::Bulk(std::move(e.sub)), Reply::Bulk(std::move(e.value))}));
        continue;
      }
      out.push_back(Reply::Bulk(std::move(e.sub)));
      if (with_values) out.push_back(Reply::Bulk(std::move(e.value)));
    }
    return Reply::Array(std::move(out));
  });
}

}  // namespace

// clang-format off
void RegisterHashCommands(CommandTable& t) {
  constexpr uint32_t kW = kWrite | kDenyOom | kFast;
  t.Add({"hset", -4, kW, 1, 1, 1, HSet, "hash", "Creates or modifies the value of a field in a hash.", "2.0.0", "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs."});
  t.Add({"hsetnx", 4, kW, 1, 1, 1, HSetNx, "hash", "Sets the value of a field in a hash only when the field doesn't exist.", "2.0.0", "O(1)"});
  t.Add({"hmset", -4, kW, 1, 1, 1, HMSet, "hash", "Sets the values of multiple fields.", "2.0.0", "O(N) where N is the number of fields being set."});
  t.Add({"hget", 3, kReadOnly | kFast, 1, 1, 1, HGet, "hash", "Returns the value of a field in a hash.", "2.0.0", "O(1)"});
  t.Add({"hmget", -3, kReadOnly | kFast, 1, 1, 1, HMGet, "hash", "Returns the values of all fields in a hash.", "2.0.0", "O(N) where N is the number of fields being requested."});
  t.Add({"hdel", -3, kWrite | kFast, 1, 1, 1, HDel, "hash", "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.", "2.0.0", "O(N) where N is the number of fields to be removed."});
  t.Add({"hlen", 2, kReadOnly | kFast, 1, 1, 1, HLen, "hash", "Returns the number of fields in a hash.", "2.0.0", "O(1)"});
  t.Add({"hstrlen", 3, kReadOnly | kFast, 1, 1, 1, HStrLen, "hash", "Returns the length of the value of a field.", "3.2.0", "O(1)"});
  t.Add({"hexists", 3, kReadOnly | kFast, 1, 1, 1, HExists, "hash", "Determines whether a field exists in a hash.", "2.0.0", "O(1)"});
  t.Add({"hgetall", 2, kReadOnly, 1, 1, 1, HGetAll, "hash", "Returns all fields and values in a hash.", "2.0.0", "O(N) where N is the size of the hash."});
  t.Add({"hkeys", 2, kReadOnly, 1, 1, 1, HKeys, "hash", "Returns all fields in a hash.", "2.0.0", "O(N) where N is the size of the hash."});
  t.Add({"hvals", 2, kReadOnly, 1, 1, 1, HVals, "hash", "Returns all values in a hash.", "2.0.0", "O(N) where N is the size of the hash."});
  t.Add({"hincrby", 4, kW, 1, 1, 1, HIncrBy, "hash", "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.", "2.0.0", "O(1)"});
  t.Add({"hincrbyfloat", 4, kW, 1, 1, 1, HIncrByFloat, "hash", "Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.", "2.6.0", "O(1)"});
  t.Add({"hscan", -3, kReadOnly, 1, 1, 1, HScan, "hash", "Iterates over fields and values of a hash.", "2.8.0", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection."});
  t.Add({"hrandfield", -2, kReadOnly, 1, 1, 1, HRandField, "hash", "Returns one or more random fields from a hash.", "6.2.0", "O(N) where N is the number of fields returned"});
}

// clang-format on

}  // namespace tetradb::resp

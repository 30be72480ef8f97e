// List commands: LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET
// LINSERT LREM LTRIM LPOS LMOVE RPOPLPUSH LMPOP. The blocking variants live
// elsewhere and share the model's ListPop / ListMove / ListMultiPop.
//
// Argument checks run in Redis's order: some commands parse their numbers
// before looking at the key, LINDEX and LSET look at the key first.
#include <cstdint>
#include <limits>

#include "models/kv/list.h"
#include "wire/resp/command_table.h"
#include "wire/resp/kv_exec.h"

namespace tetradb::resp {
namespace {

Reply BulkArray(std::vector<std::string> items) {
  std::vector<Reply> out;
  out.reserve(items.size());
  for (std::string& s : items) out.push_back(Reply::Bulk(std::move(s)));
  return Reply::Array(std::move(out));
}


Reply Push(CommandContext& ctx, bool left, bool only_if_exists) {
  std::vector<std::string_view> elements(ctx.args.begin() + 2, ctx.args.end());
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<uint64_t> n =
        kv::ListPush(t, ctx.session.db, ctx.args[1], left, elements, only_if_exists);
    if (!n.ok()) return n.status();
    return Reply::Integer(static_cast<int64_t>(*n));
  });
}

Reply LPush(CommandContext& ctx) { return Push(ctx, true, false); }
Reply RPush(CommandContext& ctx) { return Push(ctx, false, false); }
Reply LPushX(CommandContext& ctx) { return Push(ctx, true, true); }
Reply RPushX(CommandContext& ctx) { return Push(ctx, false, true); }

Reply Pop(CommandContext& ctx, bool left) {
  const auto& a = ctx.args;
  if (a.size() > 3) return Reply::ErrorWrongArity(left ? "lpop" : "rpop");
  bool has_count = a.size() == 3;
  int64_t count = 1;
  if (has_count && (!ParseInt64(a[2], &count) || count < 0)) {
    return Reply::Error("ERR value is out of range, must be positive");
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    int db = ctx.session.db;
    if (has_count && count == 0) {
      // Nothing to pop, but a missing key still answers nil.
      Result<uint64_t> n = kv::ListLength(t, db, a[1]);
      if (!n.ok()) return n.status();
      return *n == 0 ? Reply::NullArray() : Reply::Array({});
    }
    Result<std::vector<std::string>> r = kv::ListPop(t, db, a[1], left, static_cast<size_t>(count));
    if (!r.ok()) return r.status();
    if (!has_count) return r->empty() ? Reply::Null() : Reply::Bulk(std::move(r->front()));
    if (r->empty()) return Reply::NullArray();
    return BulkArray(std::move(*r));
  });
}

Reply LPop(CommandContext& ctx) { return Pop(ctx, true); }
Reply RPop(CommandContext& ctx) { return Pop(ctx, false); }

Reply LLen(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<uint64_t> n = kv::ListLength(t, ctx.session.db, ctx.args[1]);
    if (!n.ok()) return n.status();
    return Reply::Integer(static_cast<int64_t>(*n));
  });
}

Reply LRange(CommandContext& ctx) {
  int64_t start, stop;
  if (!ParseInt64(ctx.args[2], &start) || !ParseInt64(ctx.args[3], &stop)) {
    return ErrNotInteger();
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Reply out = Reply::Packed();
    TETRADB_RETURN_IF_ERROR(kv::ListRange(
        t, ctx.session.db, ctx.args[1], start, stop, [&](uint64_t n) { out.ReserveBulks(n); },
        [&](std::string_view v) { out.AppendBulk(v); }));
    return out;
  });
}

Reply LIndex(CommandContext& ctx) {
  int64_t index;
  bool index_ok = ParseInt64(ctx.args[2], &index);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    int db = ctx.session.db;
    if (!index_ok) {
      // Redis looks the key up before parsing the index.
      Result<uint64_t> n = kv::ListLength(t, db, ctx.args[1]);
      if (!n.ok()) return n.status();
      return *n == 0 ? Reply::Null() : ErrNotInteger();
    }
    std::string value;
    Status s = kv::ListIndex(t, db, ctx.args[1], index, &value);
    if (s.IsNotFound()) return Reply::Null();
    TETRADB_RETURN_IF_ERROR(s);
    return Reply::Bulk(std::move(value));
  });
}

Reply LSet(CommandContext& ctx) {
  int64_t index;
  bool index_ok = ParseInt64(ctx.args[2], &index);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    int db = ctx.session.db;
    if (!index_ok) {
      Result<uint64_t> n = kv::ListLength(t, db, ctx.args[1]);
      if (!n.ok()) return n.status();
      return *n == 0 ? Reply::Error("ERR no such key") : ErrNotInteger();
    }
    TETRADB_RETURN_IF_ERROR(kv::ListSet(t, db, ctx.args[1], index, ctx.args[3]));
    return Reply::Ok();
  });
}

Reply LInsert(CommandContext& ctx) {
  bool after;
  if (EqualsIgnoreCase(ctx.args[2], "after")) {
    after = true;
  } else if (EqualsIgnoreCase(ctx.args[2], "before")) {
    after = false;
  } else {
    return Reply::ErrorSyntax();
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> n =
        kv::ListInsert(t, ctx.session.db, ctx.args[1], after, ctx.args[3], ctx.args[4]);
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}

Reply LRem(CommandContext& ctx) {
  int64_t count;
  if (!ParseInt64(ctx.args[2], &count)) return ErrNotInteger();
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<uint64_t> n = kv::ListRemove(t, ctx.session.db, ctx.args[1], count, ctx.args[3]);
    if (!n.ok()) return n.status();
    return Reply::Integer(static_cast<int64_t>(*n));
  });
}

Reply LTrim(CommandContext& ctx) {
  int64_t start, stop;
  if (!ParseInt64(ctx.args[2], &start) || !ParseInt64(ctx.args[3], &stop)) {
    return ErrNotInteger();
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    TETRADB_RETURN_IF_ERROR(kv::ListTrim(t, ctx.session.db, ctx.args[1], start, stop));
    return Reply::Ok();
  });
}

Reply LPos(CommandContext& ctx) {
  const auto& a = ctx.args;
  int64_t rank = 1;
  int64_t count = -1;  // -1: COUNT not given
  int64_t maxlen = 0;
  for (size_t j = 3; j < a.size(); ++j) {
    bool more = j + 1 < a.size();
    if (EqualsIgnoreCase(a[j], "rank") && more) {
      if (!ParseInt64(a[++j], &rank)) return ErrNotInteger();
      if (rank == std::numeric_limits<int64_t>::min()) {
        return Reply::Error(
            "ERR value is out of range, value must between -9223372036854775807 and "
            "9223372036854775807");
      }
      if (rank == 0) {
        return Reply::Error(
            "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second "
            "... or use negative to start from the end of the list");
      }
    } else if (EqualsIgnoreCase(a[j], "count") && more) {
      if (!ParseInt64(a[++j], &count) || count < 0) {
        return Reply::Error("ERR COUNT can't be negative");
      }
    } else if (EqualsIgnoreCase(a[j], "maxlen") && more) {
      if (!ParseInt64(a[++j], &maxlen) || maxlen < 0) {
        return Reply::Error("ERR MAXLEN can't be negative");
      }
    } else {
      return Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    uint64_t want = count == -1 ? 1 : static_cast<uint64_t>(count);
    Result<std::vector<int64_t>> r =
        kv::ListPos(t, ctx.session.db, a[1], a[2], rank, want, static_cast<uint64_t>(maxlen));
    if (!r.ok()) return r.status();
    if (count == -1) return r->empty() ? Reply::Null() : Reply::Integer(r->front());
    std::vector<Reply> out;
    out.reserve(r->size());
    for (int64_t pos : *r) out.push_back(Reply::Integer(pos));
    return Reply::Array(std::move(out));
  });
}

Reply Move(CommandContext& ctx, bool from_left, bool to_left) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<std::optional<std::string>> r =
        kv::ListMove(t, ctx.session.db, ctx.args[1], ctx.args[2], from_left, to_left);
    if (!r.ok()) return r.status();
    if (!r->has_value()) return Reply::Null();
    return Reply::Bulk(std::move(**r));
  });
}

Reply LMove(CommandContext& ctx) {
  bool from_left, to_left;
  if (!ParseListEnd(ctx.args[3], &from_left) || !ParseListEnd(ctx.args[4], &to_left)) {
    return Reply::ErrorSyntax();
  }
  return Move(ctx, from_left, to_left);
}

Reply RPopLPush(CommandContext& ctx) { return Move(ctx, false, true); }

Reply LMPop(CommandContext& ctx) {
  const auto& a = ctx.args;
  MPopArgs m;
  if (auto err = ParseMPopArgs(a, 1, &m)) return *err;
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<std::optional<kv::ListPopped>> r =
        kv::ListMultiPop(t, ctx.session.db, m.keys, m.left, static_cast<size_t>(m.count));
    if (!r.ok()) return r.status();
    if (!r->has_value()) return Reply::NullArray();
    kv::ListPopped& p = **r;
    return Reply::Array({Reply::Bulk(std::move(p.key)), BulkArray(std::move(p.elements))});
  });
}

}  // namespace

void RegisterListCommands(CommandTable& t) {
  t.Add({"lpush", -3, kWrite | kDenyOom | kFast, 1, 1, 1, LPush, "list",
         "Prepends one or more elements to a list, creating it if needed.", "1.0.0",
         "O(1) per element pushed"});
  t.Add({"rpush", -3, kWrite | kDenyOom | kFast, 1, 1, 1, RPush, "list",
         "Appends one or more elements to a list, creating it if needed.", "1.0.0",
         "O(1) per element pushed"});
  t.Add({"lpushx", -3, kWrite | kDenyOom | kFast, 1, 1, 1, LPushX, "list",
         "Prepends elements to a list only if the list exists.", "2.2.0",
         "O(1) per element pushed"});
  t.Add({"rpushx", -3, kWrite | kDenyOom | kFast, 1, 1, 1, RPushX, "list",
         "Appends elements to a list only if the list exists.", "2.2.0",
         "O(1) per element pushed"});
  t.Add({"lpop", -2, kWrite | kFast, 1, 1, 1, LPop, "list",
         "Removes and returns the first elements of a list; deletes the list when it empties.",
         "1.0.0", "O(N) where N is the number of elements returned"});
  t.Add({"rpop", -2, kWrite | kFast, 1, 1, 1, RPop, "list",
         "Removes and returns the last elements of a list; deletes the list when it empties.",
         "1.0.0", "O(N) where N is the number of elements returned"});
  t.Add({"llen", 2, kReadOnly | kFast, 1, 1, 1, LLen, "list", "Returns the length of a list.",
         "1.0.0", "O(1)"});
  t.Add({"lrange", 4, kReadOnly, 1, 1, 1, LRange, "list",
         "Returns a range of elements from a list.", "1.0.0",
         "O(S+N) where S is the start offset and N the number of elements returned"});
  t.Add({"lindex", 3, kReadOnly, 1, 1, 1, LIndex, "list",
         "Returns an element from a list by its index.", "1.0.0", "O(1)"});
  t.Add({"lset", 4, kWrite | kDenyOom, 1, 1, 1, LSet, "list",
         "Sets the value of an element in a list by its index.", "1.0.0", "O(1)"});
  t.Add({"linsert", 5, kWrite | kDenyOom, 1, 1, 1, LInsert, "list",
         "Inserts an element before or after another element in a list.", "2.2.0",
         "O(N) where N is the length of the list"});
  t.Add({"lrem", 4, kWrite, 1, 1, 1, LRem, "list", "Removes elements from a list.", "1.0.0",
         "O(N) where N is the length of the list"});
  t.Add({"ltrim", 4, kWrite, 1, 1, 1, LTrim, "list",
         "Removes elements from both ends of a list; deletes the list when it empties.", "1.0.0",
         "O(N) where N is the number of elements removed"});
  t.Add({"lpos", -3, kReadOnly, 1, 1, 1, LPos, "list",
         "Returns the index of matching elements in a list.", "6.0.6",
         "O(N) where N is the number of elements scanned"});
  t.Add({"lmove", 5, kWrite | kDenyOom, 1, 2, 1, LMove, "list",
         "Pops an element from one list, pushes it to another and returns it.", "6.2.0", "O(1)"});
  t.Add({"rpoplpush", 3, kWrite | kDenyOom, 1, 2, 1, RPopLPush, "list",
         "Pops the last element of a list, pushes it to the head of another and returns it.",
         "1.2.0", "O(1)"});
  t.Add({"lmpop", -4, kWrite, 0, 0, 0, LMPop, "list",
         "Pops elements from the first non-empty list of several; deletes it when it empties.",
         "7.0.0", "O(N+M) where N is the number of keys given and M the elements returned"});
}

}  // namespace tetradb::resp

// String commands: GET SET (EX PX EXAT PXAT NX XX KEEPTTL GET) SETNX SETEX
// PSETEX MGET MSET MSETNX GETSET GETDEL GETEX APPEND STRLEN GETRANGE SETRANGE
// INCR INCRBY DECR DECRBY INCRBYFLOAT SETBIT GETBIT BITCOUNT.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "models/kv/keys.h"
#include "models/kv/string.h"
#include "wire/resp/kv_exec.h"
#include "wire/resp/writer.h"

namespace tetradb::resp {
namespace {

using kv::SetOptions;

Reply InvalidExpire(std::string_view cmd) {
  return Reply::Error("ERR invalid expire time in '" + std::string(cmd) + "' command");
}

// Turns an EX/PX/EXAT/PXAT argument into an absolute deadline in ms.
// Returns an error reply's text on failure, empty on success.
std::optional<Reply> ParseDeadline(std::string_view unit, std::string_view arg, int64_t now_ms,
                                   std::string_view cmd, int64_t* at_ms) {
  int64_t v;
  if (!ParseInt64(arg, &v)) return ErrNotInteger();
  if (v <= 0) return InvalidExpire(cmd);
  bool seconds = EqualsIgnoreCase(unit, "ex") || EqualsIgnoreCase(unit, "exat");
  bool relative = EqualsIgnoreCase(unit, "ex") || EqualsIgnoreCase(unit, "px");
  if (seconds && __builtin_mul_overflow(v, 1000, &v)) return InvalidExpire(cmd);
  if (relative && __builtin_add_overflow(v, now_ms, &v)) return InvalidExpire(cmd);
  *at_ms = v;
  return std::nullopt;
}

Reply Get(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::string v;
    Status s = kv::StringGet(t, ctx.session.db, ctx.args[1], &v);
    if (s.IsNotFound()) {
      t.store().keyspace_misses()++;
      return Reply::Null();
    }
    TETRADB_RETURN_IF_ERROR(s);
    t.store().keyspace_hits()++;
    return Reply::Bulk(std::move(v));
  });
}

Reply Set(CommandContext& ctx) {
  const auto& a = ctx.args;
  SetOptions o;
  std::string_view unit, unit_arg;
  bool has_expire = false;
  for (size_t i = 3; i < a.size(); ++i) {
    const std::string& opt = a[i];
    bool next = i + 1 < a.size();
    if (EqualsIgnoreCase(opt, "nx") && o.condition != SetOptions::Condition::kIfPresent) {
      o.condition = SetOptions::Condition::kIfAbsent;
    } else if (EqualsIgnoreCase(opt, "xx") && o.condition != SetOptions::Condition::kIfAbsent) {
      o.condition = SetOptions::Condition::kIfPresent;
    } else if (EqualsIgnoreCase(opt, "get")) {
      o.get = true;
    } else if (EqualsIgnoreCase(opt, "keepttl") && !has_expire) {
      o.keep_ttl = true;
    } else if ((EqualsIgnoreCase(opt, "ex") || EqualsIgnoreCase(opt, "px") ||
                EqualsIgnoreCase(opt, "exat") || EqualsIgnoreCase(opt, "pxat")) &&
               !o.keep_ttl && !has_expire && next) {
      has_expire = true;
      unit = opt;
      unit_arg = a[++i];
    } else {
      return Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    SetOptions opts = o;
    if (has_expire) {
      if (auto err = ParseDeadline(unit, unit_arg, t.now_ms(), "set", &opts.expire_at_ms)) {
        return *err;
      }
    }
    Result<kv::SetResult> r = kv::StringSet(t, ctx.session.db, a[1], a[2], opts);
    TETRADB_RETURN_IF_ERROR(r.status());
    if (opts.get) return r->old ? Reply::Bulk(std::move(*r->old)) : Reply::Null();
    return r->written ? Reply::Ok() : Reply::Null();
  });
}

Reply SetNx(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    SetOptions o;
    o.condition = SetOptions::Condition::kIfAbsent;
    Result<kv::SetResult> r = kv::StringSet(t, ctx.session.db, ctx.args[1], ctx.args[2], o);
    TETRADB_RETURN_IF_ERROR(r.status());
    return Reply::Integer(r->written ? 1 : 0);
  });
}

Reply SetExGeneric(CommandContext& ctx, std::string_view unit, std::string_view cmd) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    SetOptions o;
    if (auto err = ParseDeadline(unit, ctx.args[2], t.now_ms(), cmd, &o.expire_at_ms)) return *err;
    TETRADB_RETURN_IF_ERROR(kv::StringSet(t, ctx.session.db, ctx.args[1], ctx.args[3], o).status());
    return Reply::Ok();
  });
}
Reply SetEx(CommandContext& ctx) { return SetExGeneric(ctx, "ex", "setex"); }
Reply PSetEx(CommandContext& ctx) { return SetExGeneric(ctx, "px", "psetex"); }

Reply GetSet(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    SetOptions o;
    o.get = true;
    Result<kv::SetResult> r = kv::StringSet(t, ctx.session.db, ctx.args[1], ctx.args[2], o);
    TETRADB_RETURN_IF_ERROR(r.status());
    return r->old ? Reply::Bulk(std::move(*r->old)) : Reply::Null();
  });
}

Reply MGet(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::vector<Reply> out;
    out.reserve(ctx.args.size() - 1);
    for (size_t i = 1; i < ctx.args.size(); ++i) {
      std::string v;
      Status s = kv::StringGet(t, ctx.session.db, ctx.args[i], &v);
      if (s.IsNotFound() || s.IsWrongType()) {
        out.push_back(Reply::Null());
        continue;
      }
      TETRADB_RETURN_IF_ERROR(s);
      out.push_back(Reply::Bulk(std::move(v)));
    }
    return Reply::Array(std::move(out));
  });
}

Reply MSetGeneric(CommandContext& ctx, bool nx) {
  const auto& a = ctx.args;
  if (a.size() % 2 == 0) return Reply::ErrorWrongArity(nx ? "msetnx" : "mset");
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    if (nx) {
      for (size_t i = 1; i < a.size(); i += 2) {
        Result<kv::KeyState> st = t.Load(ctx.session.db, a[i]);
        TETRADB_RETURN_IF_ERROR(st.status());
        if (st->live) return Reply::Integer(0);
      }
    }
    for (size_t i = 1; i < a.size(); i += 2) {
      TETRADB_RETURN_IF_ERROR(kv::StringSet(t, ctx.session.db, a[i], a[i + 1]).status());
    }
    return nx ? Reply::Integer(1) : Reply::Ok();
  });
}
Reply MSet(CommandContext& ctx) { return MSetGeneric(ctx, false); }
Reply MSetNx(CommandContext& ctx) { return MSetGeneric(ctx, true); }

Reply GetDel(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::string v;
    Status s = kv::StringGet(t, ctx.session.db, ctx.args[1], &v, /*lock=*/true);
    if (s.IsNotFound()) return Reply::Null();
    TETRADB_RETURN_IF_ERROR(s);
    TETRADB_RETURN_IF_ERROR(kv::KeyDelete(t, ctx.session.db, ctx.args[1]).status());
    return Reply::Bulk(std::move(v));
  });
}

Reply GetEx(CommandContext& ctx) {
  const auto& a = ctx.args;
  std::string_view unit, unit_arg;
  bool persist = false, has_expire = false;
  for (size_t i = 2; i < a.size(); ++i) {
    bool next = i + 1 < a.size();
    if (EqualsIgnoreCase(a[i], "persist") && !has_expire && !persist) {
      persist = true;
    } else if ((EqualsIgnoreCase(a[i], "ex") || EqualsIgnoreCase(a[i], "px") ||
                EqualsIgnoreCase(a[i], "exat") || EqualsIgnoreCase(a[i], "pxat")) &&
               !persist && !has_expire && next) {
      has_expire = true;
      unit = a[i];
      unit_arg = a[++i];
    } else {
      return Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    int64_t at = 0;
    if (has_expire) {
      if (auto err = ParseDeadline(unit, unit_arg, t.now_ms(), "getex", &at)) return *err;
    }
    std::string v;
    Status s = kv::StringGet(t, ctx.session.db, a[1], &v, /*lock=*/has_expire || persist);
    if (s.IsNotFound()) return Reply::Null();
    TETRADB_RETURN_IF_ERROR(s);
    if (has_expire) {
      TETRADB_RETURN_IF_ERROR(
          kv::KeySetExpire(t, ctx.session.db, a[1], at, kv::ExpireCondition::kAlways).status());
    } else if (persist) {
      TETRADB_RETURN_IF_ERROR(kv::KeyPersist(t, ctx.session.db, a[1]).status());
    }
    return Reply::Bulk(std::move(v));
  });
}

Reply Append(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::StringAppend(t, ctx.session.db, ctx.args[1], ctx.args[2]);
    TETRADB_RETURN_IF_ERROR(n.status());
    return Reply::Integer(*n);
  });
}

Reply StrLen(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::string v;
    Status s = kv::StringGet(t, ctx.session.db, ctx.args[1], &v);
    if (s.IsNotFound()) return Reply::Integer(0);
    TETRADB_RETURN_IF_ERROR(s);
    return Reply::Integer(static_cast<int64_t>(v.size()));
  });
}

Reply GetRange(CommandContext& ctx) {
  int64_t start, end;
  if (!ParseInt64(ctx.args[2], &start) || !ParseInt64(ctx.args[3], &end)) return ErrNotInteger();
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::string v;
    Status s = kv::StringGet(t, ctx.session.db, ctx.args[1], &v);
    if (s.IsNotFound()) return Reply::Bulk("");
    TETRADB_RETURN_IF_ERROR(s);
    int64_t len = static_cast<int64_t>(v.size());
    int64_t b = start, e = end;
    if (b < 0 && e < 0 && b > e) return Reply::Bulk("");
    if (b < 0) b = std::max<int64_t>(len + b, 0);
    if (e < 0) e = std::max<int64_t>(len + e, 0);
    if (e >= len) e = len - 1;
    if (len == 0 || b > e) return Reply::Bulk("");
    return Reply::Bulk(v.substr(b, e - b + 1));
  });
}

Reply SetRange(CommandContext& ctx) {
  int64_t offset;
  if (!ParseInt64(ctx.args[2], &offset)) return ErrNotInteger();
  if (offset < 0) return Reply::Error("ERR offset is out of range");
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::StringSetRange(t, ctx.session.db, ctx.args[1], offset, ctx.args[3]);
    TETRADB_RETURN_IF_ERROR(n.status());
    return Reply::Integer(*n);
  });
}

Reply IncrByGeneric(CommandContext& ctx, int64_t delta) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::StringIncrBy(t, ctx.session.db, ctx.args[1], delta);
    TETRADB_RETURN_IF_ERROR(n.status());
    return Reply::Integer(*n);
  });
}
Reply Incr(CommandContext& ctx) { return IncrByGeneric(ctx, 1); }
Reply Decr(CommandContext& ctx) { return IncrByGeneric(ctx, -1); }
Reply IncrBy(CommandContext& ctx) {
  int64_t d;
  if (!ParseInt64(ctx.args[2], &d)) return ErrNotInteger();
  return IncrByGeneric(ctx, d);
}
Reply DecrBy(CommandContext& ctx) {
  int64_t d;
  if (!ParseInt64(ctx.args[2], &d)) return ErrNotInteger();
  if (d == std::numeric_limits<int64_t>::min()) return Reply::Error("ERR decrement would overflow");
  return IncrByGeneric(ctx, -d);
}

bool ParseLongDouble(std::string_view s, long double* out) {
  if (s.empty() || s.size() > 5000 || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  std::string buf(s);
  char* end = nullptr;
  errno = 0;
  long double v = std::strtold(buf.c_str(), &end);
  if (end != buf.c_str() + buf.size() || std::isnan(v) || errno == ERANGE) return false;
  *out = v;
  return true;
}

Reply IncrByFloat(CommandContext& ctx) {
  long double incr;
  if (!ParseLongDouble(ctx.args[2], &incr)) return ErrNotFloat();
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::string v;
    Status s = kv::StringGet(t, ctx.session.db, ctx.args[1], &v, /*lock=*/true);
    long double cur = 0;
    if (s.ok()) {
      if (!ParseLongDouble(v, &cur)) return ErrNotFloat();
    } else if (!s.IsNotFound()) {
      return s;
    }
    long double result = cur + incr;
    if (std::isnan(result) || std::isinf(result)) {
      return Reply::Error("ERR increment would produce NaN or Infinity");
    }
    std::string text = FormatLongDouble(result);
    SetOptions o;
    o.keep_ttl = true;
    TETRADB_RETURN_IF_ERROR(kv::StringSet(t, ctx.session.db, ctx.args[1], text, o).status());
    return Reply::Bulk(std::move(text));
  });
}

Reply SetBit(CommandContext& ctx) {
  int64_t bit, value;
  if (!ParseInt64(ctx.args[2], &bit) || bit < 0 || bit >= kv::kMaxStringBytes * 8) {
    return Reply::Error("ERR bit offset is not an integer or out of range");
  }
  if (!ParseInt64(ctx.args[3], &value) || (value != 0 && value != 1)) {
    return Reply::Error("ERR bit is not an integer or out of range");
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int> old = kv::StringSetBit(t, ctx.session.db, ctx.args[1], bit, static_cast<int>(value));
    TETRADB_RETURN_IF_ERROR(old.status());
    return Reply::Integer(*old);
  });
}

Reply GetBit(CommandContext& ctx) {
  int64_t bit;
  if (!ParseInt64(ctx.args[2], &bit) || bit < 0 || bit >= kv::kMaxStringBytes * 8) {
    return Reply::Error("ERR bit offset is not an integer or out of range");
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::string v;
    Status s = kv::StringGet(t, ctx.session.db, ctx.args[1], &v);
    if (s.IsNotFound()) return Reply::Integer(0);
    TETRADB_RETURN_IF_ERROR(s);
    size_t byte = static_cast<size_t>(bit >> 3);
    if (byte >= v.size()) return Reply::Integer(0);
    return Reply::Integer((static_cast<uint8_t>(v[byte]) >> (7 - (bit & 7))) & 1);
  });
}

Reply BitCount(CommandContext& ctx) {
  const auto& a = ctx.args;
  int64_t start = 0, end = -1;
  bool bit_mode = false, ranged = false;
  if (a.size() == 3) return Reply::ErrorSyntax();
  if (a.size() >= 4) {
    if (!ParseInt64(a[2], &start) || !ParseInt64(a[3], &end)) return ErrNotInteger();
    ranged = true;
    if (a.size() == 5) {
      if (EqualsIgnoreCase(a[4], "bit")) {
        bit_mode = true;
      } else if (!EqualsIgnoreCase(a[4], "byte")) {
        return Reply::ErrorSyntax();
      }
    } else if (a.size() > 5) {
      return Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::string v;
    Status s = kv::StringGet(t, ctx.session.db, a[1], &v);
    if (s.IsNotFound()) return Reply::Integer(0);
    TETRADB_RETURN_IF_ERROR(s);
    int64_t total = bit_mode ? static_cast<int64_t>(v.size()) * 8 : static_cast<int64_t>(v.size());
    int64_t b = start, e = end;
    if (ranged) {
      if (b < 0) b = std::max<int64_t>(total + b, 0);
      if (e < 0) e = std::max<int64_t>(total + e, 0);
      if (e >= total) e = total - 1;
    } else {
      b = 0;
      e = total - 1;
    }
    if (total == 0 || b > e) return Reply::Integer(0);
    int64_t count = 0;
    for (int64_t i = b; i <= e; ++i) {
      if (bit_mode) {
        count += (static_cast<uint8_t>(v[i >> 3]) >> (7 - (i & 7))) & 1;
      } else {
        count += __builtin_popcount(static_cast<uint8_t>(v[i]));
      }
    }
    return Reply::Integer(count);
  });
}

}  // namespace

void RegisterStringCommands(CommandTable& t) {
  constexpr uint32_t kW = kWrite | kDenyOom;
  t.Add({"get", 2, kReadOnly | kFast, 1, 1, 1, Get, "string", "Returns the string value of a key.", "1.0.0", "O(1)"});
  t.Add({"set", -3, kW, 1, 1, 1, Set, "string", "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", "1.0.0", "O(1)"});
  t.Add({"setnx", 3, kW | kFast, 1, 1, 1, SetNx, "string", "Set the string value of a key only when the key doesn't exist.", "1.0.0", "O(1)"});
  t.Add({"setex", 4, kW, 1, 1, 1, SetEx, "string", "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.", "2.0.0", "O(1)"});
  t.Add({"psetex", 4, kW, 1, 1, 1, PSetEx, "string", "Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.", "2.6.0", "O(1)"});
  t.Add({"getset", 3, kW | kFast, 1, 1, 1, GetSet, "string", "Returns the previous string value of a key after setting it to a new value.", "1.0.0", "O(1)"});
  t.Add({"mget", -2, kReadOnly | kFast, 1, -1, 1, MGet, "string", "Atomically returns the string values of one or more keys.", "1.0.0", "O(N) where N is the number of keys to retrieve."});
  t.Add({"mset", -3, kW, 1, -1, 2, MSet, "string", "Atomically creates or modifies the string values of one or more keys.", "1.0.1", "O(N) where N is the number of keys to set."});
  t.Add({"msetnx", -3, kW, 1, -1, 2, MSetNx, "string", "Atomically modifies the string values of one or more keys only when all keys don't exist.", "1.0.1", "O(N) where N is the number of keys to set."});
  t.Add({"getdel", 2, kWrite | kFast, 1, 1, 1, GetDel, "string", "Returns the string value of a key after deleting the key.", "6.2.0", "O(1)"});
  t.Add({"getex", -2, kWrite | kFast, 1, 1, 1, GetEx, "string", "Returns the string value of a key after setting its expiration time.", "6.2.0", "O(1)"});
  t.Add({"append", 3, kW | kFast, 1, 1, 1, Append, "string", "Appends a string to the value of a key. Creates the key if it doesn't exist.", "2.0.0", "O(1)"});
  t.Add({"strlen", 2, kReadOnly | kFast, 1, 1, 1, StrLen, "string", "Returns the length of a string value.", "2.2.0", "O(1)"});
  t.Add({"getrange", 4, kReadOnly, 1, 1, 1, GetRange, "string", "Returns a substring of the string stored at a key.", "2.4.0", "O(N) where N is the length of the returned string."});
  t.Add({"setrange", 4, kW, 1, 1, 1, SetRange, "string", "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.", "2.2.0", "O(1)"});
  t.Add({"incr", 2, kW | kFast, 1, 1, 1, Incr, "string", "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "1.0.0", "O(1)"});
  t.Add({"decr", 2, kW | kFast, 1, 1, 1, Decr, "string", "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "1.0.0", "O(1)"});
  t.Add({"incrby", 3, kW | kFast, 1, 1, 1, IncrBy, "string", "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.", "1.0.0", "O(1)"});
  t.Add({"decrby", 3, kW | kFast, 1, 1, 1, DecrBy, "string", "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.", "1.0.0", "O(1)"});
  t.Add({"incrbyfloat", 3, kW | kFast, 1, 1, 1, IncrByFloat, "string", "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.", "2.6.0", "O(1)"});
  t.Add({"setbit", 4, kW, 1, 1, 1, SetBit, "bitmap", "Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.", "2.2.0", "O(1)"});
  t.Add({"getbit", 3, kReadOnly | kFast, 1, 1, 1, GetBit, "bitmap", "Returns a bit value by offset.", "2.2.0", "O(1)"});
  t.Add({"bitcount", -2, kReadOnly, 1, 1, 1, BitCount, "bitmap", "Counts the number of set bits (population counting) in a string.", "2.6.0", "O(N)"});
}

}  // namespace tetradb::resp

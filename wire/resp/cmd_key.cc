// Generic key commands: DEL UNLINK EXISTS TYPE KEYS SCAN RENAME RENAMENX MOVE
// COPY RANDOMKEY TOUCH EXPIRE PEXPIRE EXPIREAT PEXPIREAT TTL PTTL EXPIRETIME
// PEXPIRETIME PERSIST OBJECT.
#include "models/kv/glob.h"
#include "models/kv/keys.h"
#include "wire/resp/kv_exec.h"

namespace tetradb::resp {
namespace {

Reply Del(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    int64_t n = 0;
    for (size_t i = 1; i < ctx.args.size(); ++i) {
      Result<bool> r = kv::KeyDelete(t, ctx.session.db, ctx.args[i]);
      TETRADB_RETURN_IF_ERROR(r.status());
      n += *r;
    }
    return Reply::Integer(n);
  });
}

// EXISTS and TOUCH count every argument, duplicates included.
Reply Exists(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    int64_t n = 0;
    for (size_t i = 1; i < ctx.args.size(); ++i) {
      Result<bool> r = kv::KeyExists(t, ctx.session.db, ctx.args[i]);
      TETRADB_RETURN_IF_ERROR(r.status());
      n += *r;
    }
    return Reply::Integer(n);
  });
}

Reply TypeCmd(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<std::optional<kv::Type>> r = kv::KeyType(t, ctx.session.db, ctx.args[1]);
    TETRADB_RETURN_IF_ERROR(r.status());
    return Reply::Simple(r->has_value() ? std::string(kv::TypeName(**r)) : "none");
  });
}

Result<std::optional<kv::Type>> ParseTypeName(std::string_view name) {
  for (kv::Type t : {kv::Type::kString, kv::Type::kHash, kv::Type::kList, kv::Type::kSet,
                     kv::Type::kZset}) {
    if (EqualsIgnoreCase(kv::TypeName(t), name)) return std::optional<kv::Type>(t);
  }
  return Status::InvalidArgument("ERR unknown type name");
}

Reply Keys(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::vector<Reply> out;
    std::string pos;
    const std::string& pattern = ctx.args[1];
    std::string_view match = pattern == "*" ? std::string_view() : std::string_view(pattern);
    do {
      Result<kv::ScanPage> page = kv::KeyScan(t, ctx.session.db, pos, 4096, match, std::nullopt);
      TETRADB_RETURN_IF_ERROR(page.status());
      for (auto& k : page->keys) out.push_back(Reply::Bulk(std::move(k)));
      pos = std::move(page->next);
    } while (!pos.empty());
    return Reply::Array(std::move(out));
  });
}

Reply Scan(CommandContext& ctx) {
  const auto& a = ctx.args;
  int64_t cursor;
  if (!ParseInt64(a[1], &cursor) || cursor < 0) return Reply::Error("ERR invalid cursor");
  int64_t count = 10;
  std::string pattern;
  std::optional<kv::Type> type;
  for (size_t i = 2; i < a.size(); i += 2) {
    if (i + 1 >= a.size()) return Reply::ErrorSyntax();
    if (EqualsIgnoreCase(a[i], "count")) {
      if (!ParseInt64(a[i + 1], &count)) return ErrNotInteger();
      if (count < 1) return Reply::ErrorSyntax();
    } else if (EqualsIgnoreCase(a[i], "match")) {
      pattern = a[i + 1] == "*" ? "" : a[i + 1];
    } else if (EqualsIgnoreCase(a[i], "type")) {
      Result<std::optional<kv::Type>> tn = ParseTypeName(a[i + 1]);
      // An unknown type matches nothing (Redis 7.0 does the same).
      if (!tn.ok()) type = static_cast<kv::Type>(0);
      else type = *tn;
    } else {
      return Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    std::string start;
    if (cursor != 0 && !t.store().LoadCursor(static_cast<uint64_t>(cursor), &start)) {
      // A cursor this server never issued (or forgot): the scan is over.
      return Reply::Array({Reply::Bulk("0"), Reply::Array({})});
    }
    Result<kv::ScanPage> page =
        kv::KeyScan(t, ctx.session.db, start, static_cast<size_t>(count), pattern, type);
    TETRADB_RETURN_IF_ERROR(page.status());
    std::vector<Reply> keys;
    for (auto& k : page->keys) keys.push_back(Reply::Bulk(std::move(k)));
    std::string next = page->next.empty() ? "0" : std::to_string(t.store().SaveCursor(page->next));
    return Reply::Array({Reply::Bulk(std::move(next)), Reply::Array(std::move(keys))});
  });
}

Reply RenameGeneric(CommandContext& ctx, bool nx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<bool> r = kv::KeyRename(t, ctx.session.db, ctx.args[1], ctx.args[2], nx);
    TETRADB_RETURN_IF_ERROR(r.status());
    return nx ? Reply::Integer(*r ? 1 : 0) : Reply::Ok();
  });
}
Reply Rename(CommandContext& ctx) { return RenameGeneric(ctx, false); }
Reply RenameNx(CommandContext& ctx) { return RenameGeneric(ctx, true); }

bool ParseDb(std::string_view s, int* db) {
  int64_t v;
  if (!ParseInt64(s, &v) || v < 0 || v >= kv::kDatabases) return false;
  *db = static_cast<int>(v);
  return true;
}

Reply Move(CommandContext& ctx) {
  int64_t v;
  if (!ParseInt64(ctx.args[2], &v)) return ErrNotInteger();
  if (v < 0 || v >= kv::kDatabases) return Reply::Error("ERR DB index is out of range");
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<bool> r = kv::KeyMove(t, ctx.session.db, ctx.args[1], static_cast<int>(v));
    TETRADB_RETURN_IF_ERROR(r.status());
    return Reply::Integer(*r ? 1 : 0);
  });
}

Reply Copy(CommandContext& ctx) {
  const auto& a = ctx.args;
  int dst_db = ctx.session.db;
  bool replace = false;
  for (size_t i = 3; i < a.size(); ++i) {
    if (EqualsIgnoreCase(a[i], "replace")) {
      replace = true;
    } else if (EqualsIgnoreCase(a[i], "db") && i + 1 < a.size()) {
      int64_t v;
      if (!ParseInt64(a[++i], &v)) return ErrNotInteger();
      if (!ParseDb(a[i], &dst_db)) return Reply::Error("ERR DB index is out of range");
    } else {
      return Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<bool> r = kv::KeyCopy(t, ctx.session.db, a[1], dst_db, a[2], replace);
    TETRADB_RETURN_IF_ERROR(r.status());
    return Reply::Integer(*r ? 1 : 0);
  });
}

Reply RandomKey(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<std::optional<std::string>> r = kv::KeyRandom(t, ctx.session.db);
    TETRADB_RETURN_IF_ERROR(r.status());
    return r->has_value() ? Reply::Bulk(std::move(**r)) : Reply::Null();
  });
}

// EXPIRE PEXPIRE EXPIREAT PEXPIREAT share one parser.
Reply ExpireGeneric(CommandContext& ctx, bool seconds, bool absolute) {
  const auto& a = ctx.args;
  int64_t v;
  if (!ParseInt64(a[2], &v)) return ErrNotInteger();
  bool nx = false, xx = false, gt = false, lt = false;
  for (size_t i = 3; i < a.size(); ++i) {
    if (EqualsIgnoreCase(a[i], "nx")) nx = true;
    else if (EqualsIgnoreCase(a[i], "xx")) xx = true;
    else if (EqualsIgnoreCase(a[i], "gt")) gt = true;
    else if (EqualsIgnoreCase(a[i], "lt")) lt = true;
    else return Reply::Error("ERR Unsupported option " + a[i]);
  }
  if (nx && (xx || gt || lt)) {
    return Reply::Error("ERR NX and XX, GT or LT options at the same time are not compatible");
  }
  if (gt && lt) return Reply::Error("ERR GT and LT options at the same time are not compatible");
  kv::ExpireCondition c = nx   ? kv::ExpireCondition::kNX
                          : xx ? kv::ExpireCondition::kXX
                          : gt ? kv::ExpireCondition::kGT
                          : lt ? kv::ExpireCondition::kLT
                               : kv::ExpireCondition::kAlways;
  std::string name = Lower(a[0]);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    int64_t at = v;
    if (seconds && __builtin_mul_overflow(at, 1000, &at)) {
      return Reply::Error("ERR invalid expire time in '" + name + "' command");
    }
    if (!absolute && __builtin_add_overflow(at, t.now_ms(), &at)) {
      return Reply::Error("ERR invalid expire time in '" + name + "' command");
    }
    Result<bool> r = kv::KeySetExpire(t, ctx.session.db, a[1], at, c);
    TETRADB_RETURN_IF_ERROR(r.status());
    return Reply::Integer(*r ? 1 : 0);
  });
}
Reply Expire(CommandContext& ctx) { return ExpireGeneric(ctx, true, false); }
Reply PExpire(CommandContext& ctx) { return ExpireGeneric(ctx, false, false); }
Reply ExpireAt(CommandContext& ctx) { return ExpireGeneric(ctx, true, true); }
Reply PExpireAt(CommandContext& ctx) { return ExpireGeneric(ctx, false, true); }

Reply TtlGeneric(CommandContext& ctx, bool seconds) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> r = kv::KeyPttl(t, ctx.session.db, ctx.args[1]);
    TETRADB_RETURN_IF_ERROR(r.status());
    int64_t ms = *r;
    if (ms < 0 || !seconds) return Reply::Integer(ms);
    return Reply::Integer((ms + 500) / 1000);
  });
}
Reply Ttl(CommandContext& ctx) { return TtlGeneric(ctx, true); }
Reply PTtl(CommandContext& ctx) { return TtlGeneric(ctx, false); }

Reply ExpireTimeGeneric(CommandContext& ctx, bool seconds) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> r = kv::KeyExpireTime(t, ctx.session.db, ctx.args[1]);
    TETRADB_RETURN_IF_ERROR(r.status());
    int64_t at = *r;
    if (at < 0 || !seconds) return Reply::Integer(at);
    return Reply::Integer(at / 1000);
  });
}
Reply ExpireTime(CommandContext& ctx) { return ExpireTimeGeneric(ctx, true); }
Reply PExpireTime(CommandContext& ctx) { return ExpireTimeGeneric(ctx, false); }

Reply Persist(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<bool> r = kv::KeyPersist(t, ctx.session.db, ctx.args[1]);
    TETRADB_RETURN_IF_ERROR(r.status());
    return Reply::Integer(*r ? 1 : 0);
  });
}

// OBJECT answers plausibly: encodings as Redis 7.0 would pick them for the
// sizes involved; no idle tracking (0) and no LFU.
Reply ObjectEncoding(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<kv::KeyState> st = t.Load(ctx.session.db, ctx.args[2], false);
    TETRADB_RETURN_IF_ERROR(st.status());
    if (!st->live) return Reply::Null();
    const kv::Metadata& m = st->meta;
    switch (m.type) {
      case kv::Type::kString: {
        int64_t v;
        if (m.value.size() <= 20 && ParseInt64(m.value, &v)) return Reply::Bulk("int");
        return Reply::Bulk(m.value.size() <= 44 ? "embstr" : "raw");
      }
      case kv::Type::kHash: return Reply::Bulk(m.size <= 128 ? "listpack" : "hashtable");
      case kv::Type::kList: return Reply::Bulk("quicklist");
      case kv::Type::kSet: return Reply::Bulk("hashtable");
      case kv::Type::kZset: return Reply::Bulk(m.size <= 128 ? "listpack" : "skiplist");
    }
    return Reply::Null();
  });
}

Reply ObjectIntegerGeneric(CommandContext& ctx, int64_t value) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<bool> r = kv::KeyExists(t, ctx.session.db, ctx.args[2]);
    TETRADB_RETURN_IF_ERROR(r.status());
    return *r ? Reply::Integer(value) : Reply::Null();
  });
}
Reply ObjectRefcount(CommandContext& ctx) { return ObjectIntegerGeneric(ctx, 1); }
Reply ObjectIdletime(CommandContext& ctx) { return ObjectIntegerGeneric(ctx, 0); }
Reply ObjectFreq(CommandContext& ctx) {
  return Reply::Error(
      "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
      "that when switching between policies at runtime LRU and LFU data will take some time to "
      "adjust.");
}
Reply ObjectHelp(CommandContext& ctx) {
  return Reply::HelpLines({"OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                          "ENCODING <key>", "    Return the kind of internal representation used in order to store the value", "    associated with a <key>.",
                          "FREQ <key>", "    Return the access frequency index of the <key>. The returned integer is", "    proportional to the logarithm of the recent access frequency of the key.",
                          "IDLETIME <key>", "    Return the idle time of the <key>, that is the approximated number of", "    seconds elapsed since the last access to the key.",
                          "REFCOUNT <key>", "    Return the number of references of the value associated with the specified", "    <key>.",
                          "HELP", "    Print this help."});
}

}  // namespace

void RegisterKeyCommands(CommandTable& t) {
  t.Add({"del", -2, kWrite, 1, -1, 1, Del, "generic", "Deletes one or more keys.", "1.0.0", "O(N) where N is the number of keys that will be removed."});
  t.Add({"unlink", -2, kWrite | kFast, 1, -1, 1, Del, "generic", "Asynchronously deletes one or more keys.", "4.0.0", "O(1) for each key removed regardless of its size."});
  t.Add({"exists", -2, kReadOnly | kFast, 1, -1, 1, Exists, "generic", "Determines whether one or more keys exist.", "1.0.0", "O(N) where N is the number of keys to check."});
  t.Add({"touch", -2, kReadOnly | kFast, 1, -1, 1, Exists, "generic", "Returns the number of existing keys out of those specified after updating the time they were last accessed.", "3.2.1", "O(N) where N is the number of keys that will be touched."});
  t.Add({"type", 2, kReadOnly | kFast, 1, 1, 1, TypeCmd, "generic", "Determines the type of value stored at a key.", "1.0.0", "O(1)"});
  t.Add({"keys", 2, kReadOnly, 0, 0, 0, Keys, "generic", "Returns all key names that match a pattern.", "1.0.0", "O(N) with N being the number of keys in the database"});
  t.Add({"scan", -2, kReadOnly, 0, 0, 0, Scan, "generic", "Iterates over the key names in the database.", "2.8.0", "O(1) for every call. O(N) for a complete iteration."});
  t.Add({"rename", 3, kWrite, 1, 2, 1, Rename, "generic", "Renames a key and overwrites the destination.", "1.0.0", "O(1)"});
  t.Add({"renamenx", 3, kWrite | kFast, 1, 2, 1, RenameNx, "generic", "Renames a key only when the target key name doesn't exist.", "1.0.0", "O(1)"});
  t.Add({"move", 3, kWrite | kFast, 1, 1, 1, Move, "generic", "Moves a key to another database.", "1.0.0", "O(1)"});
  t.Add({"copy", -3, kWrite | kDenyOom, 1, 2, 1, Copy, "generic", "Copies the value of a key to a new key.", "6.2.0", "O(N) worst case for collections, where N is the number of nested items."});
  t.Add({"randomkey", 1, kReadOnly, 0, 0, 0, RandomKey, "generic", "Returns a random key name from the database.", "1.0.0", "O(1)"});
  t.Add({"expire", -3, kWrite | kFast, 1, 1, 1, Expire, "generic", "Sets the expiration time of a key in seconds.", "1.0.0", "O(1)"});
  t.Add({"pexpire", -3, kWrite | kFast, 1, 1, 1, PExpire, "generic", "Sets the expiration time of a key in milliseconds.", "2.6.0", "O(1)"});
  t.Add({"expireat", -3, kWrite | kFast, 1, 1, 1, ExpireAt, "generic", "Sets the expiration time of a key to a Unix timestamp.", "1.2.0", "O(1)"});
  t.Add({"pexpireat", -3, kWrite | kFast, 1, 1, 1, PExpireAt, "generic", "Sets the expiration time of a key to a Unix milliseconds timestamp.", "2.6.0", "O(1)"});
  t.Add({"ttl", 2, kReadOnly | kFast, 1, 1, 1, Ttl, "generic", "Returns the expiration time in seconds of a key.", "1.0.0", "O(1)"});
  t.Add({"pttl", 2, kReadOnly | kFast, 1, 1, 1, PTtl, "generic", "Returns the expiration time in milliseconds of a key.", "2.6.0", "O(1)"});
  t.Add({"expiretime", 2, kReadOnly | kFast, 1, 1, 1, ExpireTime, "generic", "Returns the expiration time of a key as a Unix timestamp.", "7.0.0", "O(1)"});
  t.Add({"pexpiretime", 2, kReadOnly | kFast, 1, 1, 1, PExpireTime, "generic", "Returns the expiration time of a key as a Unix milliseconds timestamp.", "7.0.0", "O(1)"});
  t.Add({"persist", 2, kWrite | kFast, 1, 1, 1, Persist, "generic", "Removes the expiration time of a key.", "2.2.0", "O(1)"});
  CommandSpec object{"object", -2, kReadOnly, 0, 0, 0, ObjectHelp, "generic", "A container for object introspection commands.", "2.2.3", "Depends on subcommand."};
  object.subcommands = {
      {"encoding", 3, kReadOnly, 2, 2, 1, ObjectEncoding, "generic", "Returns the internal encoding of a Redis object.", "2.2.3", "O(1)"},
      {"freq", 3, kReadOnly, 2, 2, 1, ObjectFreq, "generic", "Returns the logarithmic access frequency counter of a Redis object.", "4.0.0", "O(1)"},
      {"help", 2, kReadOnly, 0, 0, 0, ObjectHelp, "generic", "Returns helpful text about the different subcommands.", "6.2.0", "O(1)"},
      {"idletime", 3, kReadOnly, 2, 2, 1, ObjectIdletime, "generic", "Returns the time since the last access to a Redis object.", "2.2.3", "O(1)"},
      {"refcount", 3, kReadOnly, 2, 2, 1, ObjectRefcount, "generic", "Returns the reference count of a value of a key.", "2.2.3", "O(1)"},
  };
  t.Add(std::move(object));
}

}  // namespace tetradb::resp

// Running key-value commands: each command's model calls happen inside one
// KvTxn that commits when the command is done, retried on a lock conflict;
// inside MULTI/EXEC every queued command shares the EXEC's transaction.
//
// A handler writes its body as a lambda taking KvTxn& and returning
// Result<Reply>: Redis-visible errors (WRONGTYPE, syntax, ...) are Replies
// or Status codes mapped by StatusToReply; Conflict/Busy mean "run again".
#pragma once

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "models/kv/kv_store.h"
#include "wire/resp/command_table.h"

namespace tetradb::resp {

// Redis's reply for a model error. WrongType -> WRONGTYPE ...; messages of
// InvalidArgument / OutOfRange / NotSupported are already Redis texts.
Reply StatusToReply(const Status& s);

template <typename F>
Reply RunKv(CommandContext& ctx, F&& body) {
  if (ctx.kv_txn != nullptr && ctx.kv_batch) {
    // A batch's transaction: a command that fails before it changes
    // anything (WRONGTYPE, a bad argument: the usual case) just answers
    // its error; one that fails later ends the batch, whose commands then
    // run again one by one, each in a transaction of its own.
    kv::KvTxn& t = *ctx.kv_txn;
    const uint64_t changes = t.changes();
    Result<Reply> r = body(t);
    if (r.ok()) return std::move(r).value();
    if (r.status().IsConflict() || r.status().IsBusy() || t.changes() != changes) {
      ctx.kv_conflict = true;
    }
    return StatusToReply(r.status());
  }
  if (ctx.kv_txn != nullptr) {
    // EXEC's or a script's transaction: a failing command's own writes are
    // undone alone.
    kv::KvTxn& t = *ctx.kv_txn;
    Status sp = t.SetSavePoint();
    if (!sp.ok()) {
      ctx.kv_conflict = true;
      return StatusToReply(sp);
    }
    Result<Reply> r = body(t);
    if (r.ok()) {
      if (!t.PopSavePoint().ok()) ctx.kv_conflict = true;
      return std::move(r).value();
    }
    if (r.status().IsConflict() || r.status().IsBusy()) ctx.kv_conflict = true;
    if (!t.RollbackToSavePoint().ok()) ctx.kv_conflict = true;
    return StatusToReply(r.status());
  }
  constexpr int kAttempts = 20;
  for (int attempt = 1;; ++attempt) {
    auto txn = ctx.service.kv->Begin();
    Result<Reply> r = body(*txn);
    Status s = r.ok() ? txn->Commit() : r.status();
    if (s.ok()) return std::move(r).value();
    if ((s.IsConflict() || s.IsBusy()) && attempt < kAttempts) continue;
    return StatusToReply(s);
  }
}

// Argument parsing with Redis's rules and texts.
bool ParseInt64(std::string_view s, int64_t* out);
// Redis accepts "inf", "-inf", "+inf" and rejects NaN.
bool ParseDouble(std::string_view s, double* out);
Reply ErrNotInteger();  // ERR value is not an integer or out of range

// HSCAN/SSCAN arguments: "cursor [MATCH pattern] [COUNT count]", parsed in
// Redis's order: a bad cursor fails at once (false), bad options only once
// the key is known to exist with the right type (option_error), since a
// missing key scans as empty whatever the options.
struct ScanArgs {
  uint64_t cursor = 0;
  uint64_t count = 10;
  std::optional<std::string> match;  // nullopt: everything ("*" included)
  std::optional<Reply> option_error;
};
bool ParseScanArgs(const std::vector<std::string>& args, size_t cursor_at, ScanArgs* out);
// The option error to answer, if any: only when the key is live with `type`.
Result<std::optional<Reply>> ScanOptionError(kv::KvTxn& t, int db, std::string_view key,
                                             kv::Type type, const ScanArgs& args);

// LMPOP/BLMPOP arguments from `numkeys_at`: "numkeys key [key ...] LEFT|RIGHT
// [COUNT count]". Returns the error reply on failure.
struct MPopArgs {
  std::vector<std::string_view> keys;
  bool left = true;
  int64_t count = 1;
};
std::optional<Reply> ParseMPopArgs(const std::vector<std::string>& args, size_t numkeys_at,
                                   MPopArgs* out);
// LEFT / RIGHT, any case.
bool ParseListEnd(std::string_view s, bool* left);
Reply ErrNotFloat();    // ERR value is not a valid float

}  // namespace tetradb::resp

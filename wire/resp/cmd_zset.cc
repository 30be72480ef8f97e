// Sorted-set commands: ZADD ZINCRBY ZREM ZSCORE ZMSCORE ZCARD ZCOUNT
// ZLEXCOUNT ZRANK ZREVRANK, the ZRANGE family (ZRANGE ZRANGESTORE
// ZREVRANGE Z[REV]RANGEBYSCORE Z[REV]RANGEBYLEX), ZREMRANGEBY{RANK,SCORE,LEX},
// ZPOPMIN ZPOPMAX ZRANDMEMBER ZSCAN, and ZUNION ZINTER ZDIFF with their
// *STORE forms.
//
// Arguments are parsed (and rejected) in Redis's order, so the same bad
// command gets the same error; the model (models/kv/zset.h) does the work.
// Scores are Reply::Double: a double in RESP3, a bulk string in RESP2. Where
// Redis 7.0 nests [member, score] pairs under RESP3 (WITHSCORES replies,
// ZPOPMIN with a count, ZRANDMEMBER), so do we.
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <optional>

#include "models/kv/zset.h"
#include "wire/resp/kv_exec.h"
#include "wire/resp/writer.h"

namespace tetradb::resp {
namespace {

using kv::RangeSpec;
using kv::ScoredMember;
using kv::SetOpSpec;

Reply Err(const Status& s) { return StatusToReply(s); }

// Members, with their scores if asked: flat under RESP2 (and for ZPOPMIN
// without a count), [member, score] pairs under RESP3.
Reply Scored(CommandContext& ctx, const std::vector<ScoredMember>& items, bool withscores,
             bool nest = true) {
  std::vector<Reply> out;
  const bool nested = withscores && nest && ctx.session.protocol == 3;
  out.reserve(items.size() * (withscores && !nested ? 2 : 1));
  for (const ScoredMember& sm : items) {
    if (nested) {
      out.push_back(Reply::Array({Reply::Bulk(sm.member), Reply::Double(sm.score)}));
    } else {
      out.push_back(Reply::Bulk(sm.member));
      if (withscores) out.push_back(Reply::Double(sm.score));
    }
  }
  return Reply::Array(std::move(out));
}

Reply OptionalScore(const std::optional<double>& s) {
  return s ? Reply::Double(*s) : Reply::Null();
}

// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]
Reply ZAdd(CommandContext& ctx) {
  const auto& a = ctx.args;
  kv::ZAddOptions o;
  bool ch = false;
  size_t i = 2;
  for (; i < a.size(); ++i) {
    if (EqualsIgnoreCase(a[i], "nx"))
      o.nx = true;
    else if (EqualsIgnoreCase(a[i], "xx"))
      o.xx = true;
    else if (EqualsIgnoreCase(a[i], "ch"))
      ch = true;
    else if (EqualsIgnoreCase(a[i], "incr"))
      o.incr = true;
    else if (EqualsIgnoreCase(a[i], "gt"))
      o.gt = true;
    else if (EqualsIgnoreCase(a[i], "lt"))
      o.lt = true;
    else
      break;
  }
  size_t n = a.size() - i;
  if (n == 0 || n % 2 != 0) return Reply::ErrorSyntax();
  if (Status s = kv::CheckZAddOptions(o, n / 2); !s.ok()) return Err(s);
  std::vector<ScoredMember> items(n / 2);
  for (size_t j = 0; j < items.size(); ++j) {
    if (!ParseDouble(a[i + 2 * j], &items[j].score)) return ErrNotFloat();
    items[j].member = a[i + 2 * j + 1];
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<kv::ZAddResult> r = kv::ZAdd(t, ctx.session.db, a[1], o, items);
    if (!r.ok()) return r.status();
    if (o.incr) return r->processed ? Reply::Double(r->score) : Reply::Null();
    return Reply::Integer(ch ? r->added + r->updated : r->added);
  });
}

Reply ZIncrBy(CommandContext& ctx) {
  double incr;
  if (!ParseDouble(ctx.args[2], &incr)) return ErrNotFloat();
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<double> r = kv::ZIncrBy(t, ctx.session.db, ctx.args[1], ctx.args[3], incr);
    if (!r.ok()) return r.status();
    return Reply::Double(*r);
  });
}

Reply ZRem(CommandContext& ctx) {
  std::vector<std::string> members(ctx.args.begin() + 2, ctx.args.end());
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> r = kv::ZRem(t, ctx.session.db, ctx.args[1], members);
    if (!r.ok()) return r.status();
    return Reply::Integer(*r);
  });
}

Reply ZScore(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<std::optional<double>> r = kv::ZScore(t, ctx.session.db, ctx.args[1], ctx.args[2]);
    if (!r.ok()) return r.status();
    return OptionalScore(*r);
  });
}

Reply ZMScore(CommandContext& ctx) {
  std::vector<std::string> members(ctx.args.begin() + 2, ctx.args.end());
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    auto r = kv::ZMScore(t, ctx.session.db, ctx.args[1], members);
    if (!r.ok()) return r.status();
    std::vector<Reply> out;
    out.reserve(r->size());
    for (const auto& s : *r) out.push_back(OptionalScore(s));
    return Reply::Array(std::move(out));
  });
}

Reply ZCard(CommandContext& ctx) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> r = kv::ZCard(t, ctx.session.db, ctx.args[1]);
    if (!r.ok()) return r.status();
    return Reply::Integer(*r);
  });
}

Reply ZCount(CommandContext& ctx) {
  kv::ScoreRange range;
  if (Status s = kv::ParseScoreRange(ctx.args[2], ctx.args[3], &range); !s.ok()) return Err(s);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> r = kv::ZCount(t, ctx.session.db, ctx.args[1], range);
    if (!r.ok()) return r.status();
    return Reply::Integer(*r);
  });
}

Reply ZLexCount(CommandContext& ctx) {
  kv::LexRange range;
  if (Status s = kv::ParseLexRange(ctx.args[2], ctx.args[3], &range); !s.ok()) return Err(s);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> r = kv::ZLexCount(t, ctx.session.db, ctx.args[1], range);
    if (!r.ok()) return r.status();
    return Reply::Integer(*r);
  });
}

Reply Rank(CommandContext& ctx, bool reverse) {
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    auto r = kv::ZRank(t, ctx.session.db, ctx.args[1], ctx.args[2], reverse);
    if (!r.ok()) return r.status();
    return r->has_value() ? Reply::Integer(**r) : Reply::Null();
  });
}
Reply ZRank(CommandContext& ctx) { return Rank(ctx, false); }
Reply ZRevRank(CommandContext& ctx) { return Rank(ctx, true); }

// The whole ZRANGE family. `key_at` is the source key's index (ZRANGESTORE
// has the destination before it); `by` / `reverse` are fixed by the legacy
// commands and chosen by options for ZRANGE / ZRANGESTORE.
Reply RangeGeneric(CommandContext& ctx, size_t key_at, bool store, std::optional<RangeSpec::By> by,
                   std::optional<bool> reverse) {
  const auto& a = ctx.args;
  RangeSpec spec;
  bool withscores = false;
  for (size_t j = key_at + 3; j < a.size(); ++j) {
    size_t left = a.size() - j - 1;
    if (!store && EqualsIgnoreCase(a[j], "withscores")) {
      withscores = true;
    } else if (EqualsIgnoreCase(a[j], "limit") && left >= 2) {
      if (!ParseInt64(a[j + 1], &spec.offset) || !ParseInt64(a[j + 2], &spec.count)) {
        return ErrNotInteger();
      }
      j += 2;
    } else if (!reverse && EqualsIgnoreCase(a[j], "rev")) {
      reverse = true;
    } else if (!by && EqualsIgnoreCase(a[j], "bylex")) {
      by = RangeSpec::By::kLex;
    } else if (!by && EqualsIgnoreCase(a[j], "byscore")) {
      by = RangeSpec::By::kScore;
    } else {
      return Reply::ErrorSyntax();
    }
  }
  spec.by = by.value_or(RangeSpec::By::kRank);
  spec.reverse = reverse.value_or(false);
  // Redis tells "no LIMIT" by a count of -1, so "LIMIT 0 -1" passes here.
  if (spec.count != -1 && spec.by == RangeSpec::By::kRank) {
    return Reply::Error(
        "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
  }
  if (withscores && spec.by == RangeSpec::By::kLex) {
    return Reply::Error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
  }
  // Reversed score and lex ranges are written max first.
  std::string_view lo = a[key_at + 1], hi = a[key_at + 2];
  if (spec.reverse && spec.by != RangeSpec::By::kRank) std::swap(lo, hi);
  Status parsed;
  switch (spec.by) {
    case RangeSpec::By::kRank:
      if (!ParseInt64(lo, &spec.start) || !ParseInt64(hi, &spec.stop)) return ErrNotInteger();
      break;
    case RangeSpec::By::kScore:
      parsed = kv::ParseScoreRange(lo, hi, &spec.score);
      break;
    case RangeSpec::By::kLex:
      parsed = kv::ParseLexRange(lo, hi, &spec.lex);
      break;
  }
  if (!parsed.ok()) return Err(parsed);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    if (store) {
      Result<int64_t> n = kv::ZRangeStore(t, ctx.session.db, a[1], a[key_at], spec);
      if (!n.ok()) return n.status();
      return Reply::Integer(*n);
    }
    auto r = kv::ZRange(t, ctx.session.db, a[key_at], spec);
    if (!r.ok()) return r.status();
    return Scored(ctx, *r, withscores);
  });
}

using By = RangeSpec::By;
Reply ZRange(CommandContext& ctx) { return RangeGeneric(ctx, 1, false, {}, {}); }
Reply ZRangeStore(CommandContext& ctx) { return RangeGeneric(ctx, 2, true, {}, {}); }
Reply ZRevRange(CommandContext& ctx) { return RangeGeneric(ctx, 1, false, By::kRank, true); }
Reply ZRangeByScore(CommandContext& ctx) { return RangeGeneric(ctx, 1, false, By::kScore, false); }
Reply ZRevRangeByScore(CommandContext& ctx) {
  return RangeGeneric(ctx, 1, false, By::kScore, true);
}
Reply ZRangeByLex(CommandContext& ctx) { return RangeGeneric(ctx, 1, false, By::kLex, false); }
Reply ZRevRangeByLex(CommandContext& ctx) { return RangeGeneric(ctx, 1, false, By::kLex, true); }

Reply RemRange(CommandContext& ctx, By by) {
  RangeSpec spec;
  spec.by = by;
  Status parsed;
  if (by == By::kRank) {
    if (!ParseInt64(ctx.args[2], &spec.start) || !ParseInt64(ctx.args[3], &spec.stop)) {
      return ErrNotInteger();
    }
  } else if (by == By::kScore) {
    parsed = kv::ParseScoreRange(ctx.args[2], ctx.args[3], &spec.score);
  } else {
    parsed = kv::ParseLexRange(ctx.args[2], ctx.args[3], &spec.lex);
  }
  if (!parsed.ok()) return Err(parsed);
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> n = kv::ZRemRange(t, ctx.session.db, ctx.args[1], spec);
    if (!n.ok()) return n.status();
    return Reply::Integer(*n);
  });
}
Reply ZRemRangeByRank(CommandContext& ctx) { return RemRange(ctx, By::kRank); }
Reply ZRemRangeByScore(CommandContext& ctx) { return RemRange(ctx, By::kScore); }
Reply ZRemRangeByLex(CommandContext& ctx) { return RemRange(ctx, By::kLex); }

// ZPOPMIN / ZPOPMAX key [count]. Without a count the reply is one flat
// [member, score] (or empty); with one it is a list of pairs.
Reply Pop(CommandContext& ctx, bool max) {
  const auto& a = ctx.args;
  if (a.size() > 3) return Reply::ErrorSyntax();
  int64_t count = 1;
  const bool counted = a.size() == 3;
  if (counted) {
    if (!ParseInt64(a[2], &count) || count < 0) {
      return Reply::Error("ERR value is out of range, must be positive");
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    auto r = kv::ZPop(t, ctx.session.db, a[1], count, max);
    if (!r.ok()) return r.status();
    return Scored(ctx, *r, true, counted);
  });
}
Reply ZPopMin(CommandContext& ctx) { return Pop(ctx, false); }
Reply ZPopMax(CommandContext& ctx) { return Pop(ctx, true); }

// ZRANDMEMBER key [count [WITHSCORES]]
Reply ZRandMember(CommandContext& ctx) {
  const auto& a = ctx.args;
  if (a.size() == 2) {
    return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
      auto r = kv::ZRandMember(t, ctx.session.db, a[1], 1);
      if (!r.ok()) return r.status();
      return r->empty() ? Reply::Null() : Reply::Bulk(std::move(r->front().member));
    });
  }
  int64_t count;
  if (!ParseInt64(a[2], &count)) return ErrNotInteger();
  if (count == INT64_MIN) {
    return Reply::Error(
        "ERR value is out of range, value must between -9223372036854775807 and "
        "9223372036854775807");
  }
  bool withscores = false;
  if (a.size() > 4 || (a.size() == 4 && !EqualsIgnoreCase(a[3], "withscores"))) {
    return Reply::ErrorSyntax();
  }
  if (a.size() == 4) {
    withscores = true;
    if (count < -INT64_MAX / 2 || count > INT64_MAX / 2) {
      return Reply::Error("ERR value is out of range");
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    auto r = kv::ZRandMember(t, ctx.session.db, a[1], count);
    if (!r.ok()) return r.status();
    return Scored(ctx, *r, withscores);
  });
}

// Redis parses SCAN cursors with strtoull: "" is 0 and "-1" wraps around.
bool ParseCursor(const std::string& s, uint64_t* out) {
  if (!s.empty() && std::isspace(static_cast<unsigned char>(s[0]))) return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (*end != '\0' || errno == ERANGE) return false;
  *out = v;
  return true;
}

Reply ScanReply(std::string cursor, std::vector<Reply> items) {
  return Reply::Array({Reply::Bulk(std::move(cursor)), Reply::Array(std::move(items))});
}

// ZSCAN key cursor [MATCH pattern] [COUNT count]. Cursors are handles on a
// saved position (KvStore::SaveCursor); a forgotten one ends the scan.
Reply ZScan(CommandContext& ctx) {
  const auto& a = ctx.args;
  uint64_t cursor;
  if (!ParseCursor(a[2], &cursor)) return Reply::Error("ERR invalid cursor");
  // Options are checked only once the key is known to be a sorted set, as
  // in Redis; keep the first error until then.
  std::optional<Reply> bad;
  std::string pattern = "*";
  int64_t count = 10;
  for (size_t i = 3; i < a.size() && !bad; i += 2) {
    const bool has_value = a.size() - i >= 2;
    if (EqualsIgnoreCase(a[i], "count") && has_value) {
      if (!ParseInt64(a[i + 1], &count))
        bad = ErrNotInteger();
      else if (count < 1)
        bad = Reply::ErrorSyntax();
    } else if (EqualsIgnoreCase(a[i], "match") && has_value) {
      pattern = a[i + 1];
    } else {
      bad = Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<int64_t> size = kv::ZCard(t, ctx.session.db, a[1]);
    if (!size.ok()) return size.status();
    if (*size == 0) return ScanReply("0", {});
    if (bad) return *bad;
    std::string from;
    if (cursor != 0 && !t.store().LoadCursor(cursor, &from)) return ScanReply("0", {});
    auto page = kv::ZScan(t, ctx.session.db, a[1], from, pattern, count);
    if (!page.ok()) return page.status();
    std::vector<Reply> items;
    items.reserve(page->items.size() * 2);
    for (const ScoredMember& sm : page->items) {
      items.push_back(Reply::Bulk(sm.member));
      items.push_back(Reply::Bulk(FormatDouble(sm.score)));
    }
    std::string next =
        page->done ? "0" : std::to_string(t.store().SaveCursor(std::move(page->next)));
    return ScanReply(std::move(next), std::move(items));
  });
}

// Z{UNION,INTER,DIFF}[STORE] [dst] numkeys key... [WEIGHTS w...]
// [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
Reply SetOpGeneric(CommandContext& ctx, SetOpSpec::Op op, bool store) {
  const auto& a = ctx.args;
  const size_t numkeys_at = store ? 2 : 1;
  int64_t numkeys;
  if (!ParseInt64(a[numkeys_at], &numkeys)) return ErrNotInteger();
  if (numkeys < 1) {
    return Reply::Error("ERR at least 1 input key is needed for '" + Lower(a[0]) + "' command");
  }
  if (numkeys > static_cast<int64_t>(a.size() - numkeys_at - 1)) return Reply::ErrorSyntax();
  SetOpSpec spec;
  spec.op = op;
  size_t j = numkeys_at + 1;
  spec.keys.assign(a.begin() + j, a.begin() + j + numkeys);
  j += numkeys;
  // As Redis, key types are checked before the options: keep the first
  // option error until then.
  std::optional<Reply> bad;
  bool withscores = false;
  while (j < a.size() && !bad) {
    size_t left = a.size() - j;
    if (op != SetOpSpec::Op::kDiff && left >= static_cast<size_t>(numkeys) + 1 &&
        EqualsIgnoreCase(a[j], "weights")) {
      ++j;
      spec.weights.assign(numkeys, 1.0);
      for (int64_t k = 0; k < numkeys; ++k, ++j) {
        if (!ParseDouble(a[j], &spec.weights[k])) {
          bad = Reply::Error("ERR weight value is not a float");
          break;
        }
      }
    } else if (op != SetOpSpec::Op::kDiff && left >= 2 && EqualsIgnoreCase(a[j], "aggregate")) {
      const std::string& how = a[j + 1];
      if (EqualsIgnoreCase(how, "sum"))
        spec.aggregate = SetOpSpec::Aggregate::kSum;
      else if (EqualsIgnoreCase(how, "min"))
        spec.aggregate = SetOpSpec::Aggregate::kMin;
      else if (EqualsIgnoreCase(how, "max"))
        spec.aggregate = SetOpSpec::Aggregate::kMax;
      else
        bad = Reply::ErrorSyntax();
      j += 2;
    } else if (!store && EqualsIgnoreCase(a[j], "withscores")) {
      withscores = true;
      ++j;
    } else {
      bad = Reply::ErrorSyntax();
    }
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    TETRADB_RETURN_IF_ERROR(kv::CheckSetOpSources(t, ctx.session.db, spec.keys));
    if (bad) return *bad;
    if (store) {
      Result<int64_t> n = kv::ZSetOpStore(t, ctx.session.db, a[1], spec);
      if (!n.ok()) return n.status();
      return Reply::Integer(*n);
    }
    auto r = kv::ZSetOp(t, ctx.session.db, spec);
    if (!r.ok()) return r.status();
    return Scored(ctx, *r, withscores);
  });
}

using Op = SetOpSpec::Op;
Reply ZUnion(CommandContext& ctx) { return SetOpGeneric(ctx, Op::kUnion, false); }
Reply ZInter(CommandContext& ctx) { return SetOpGeneric(ctx, Op::kInter, false); }
Reply ZDiff(CommandContext& ctx) { return SetOpGeneric(ctx, Op::kDiff, false); }
Reply ZUnionStore(CommandContext& ctx) { return SetOpGeneric(ctx, Op::kUnion, true); }
Reply ZInterStore(CommandContext& ctx) { return SetOpGeneric(ctx, Op::kInter, true); }
Reply ZDiffStore(CommandContext& ctx) { return SetOpGeneric(ctx, Op::kDiff, true); }

}  // namespace

// clang-format off
void RegisterZsetCommands(CommandTable& t) {
  constexpr std::string_view g = "sorted-set";
  constexpr uint32_t kR = kReadOnly, kRF = kReadOnly | kFast;
  t.Add({"zadd", -4, kWrite | kDenyOom | kFast, 1, 1, 1, ZAdd, g, "Adds members with scores to a sorted set, or updates their scores.", "1.2.0", "O(log(N)) per member added or updated"});
  t.Add({"zincrby", 4, kWrite | kDenyOom | kFast, 1, 1, 1, ZIncrBy, g, "Adds to the score of a member of a sorted set.", "1.2.0", "O(log(N))"});
  t.Add({"zrem", -3, kWrite | kFast, 1, 1, 1, ZRem, g, "Removes members from a sorted set.", "1.2.0", "O(M*log(N)) for M members"});
  t.Add({"zscore", 3, kRF, 1, 1, 1, ZScore, g, "Returns the score of a member of a sorted set.", "1.2.0", "O(1)"});
  t.Add({"zmscore", -3, kRF, 1, 1, 1, ZMScore, g, "Returns the scores of several members of a sorted set.", "6.2.0", "O(N) for N members"});
  t.Add({"zcard", 2, kRF, 1, 1, 1, ZCard, g, "Returns the number of members of a sorted set.", "1.2.0", "O(1)"});
  t.Add({"zcount", 4, kRF, 1, 1, 1, ZCount, g, "Counts the members of a sorted set within a score range.", "2.0.0", "O(log(N)+M) for M members in range"});
  t.Add({"zlexcount", 4, kRF, 1, 1, 1, ZLexCount, g, "Counts the members of a sorted set within a lexicographical range.", "2.8.9", "O(N)"});
  t.Add({"zrank", 3, kRF, 1, 1, 1, ZRank, g, "Returns the position of a member in a sorted set, lowest score first.", "2.0.0", "O(rank)"});
  t.Add({"zrevrank", 3, kRF, 1, 1, 1, ZRevRank, g, "Returns the position of a member in a sorted set, highest score first.", "2.0.0", "O(rank)"});
  t.Add({"zrange", -4, kR, 1, 1, 1, ZRange, g, "Returns members of a sorted set by index, score or lexicographical range.", "1.2.0", "O(S+M): S members skipped, M returned"});
  t.Add({"zrangestore", -5, kWrite | kDenyOom, 1, 2, 1, ZRangeStore, g, "Stores a range of a sorted set in another key.", "6.2.0", "O(S+M): S members skipped, M stored"});
  t.Add({"zrevrange", -4, kR, 1, 1, 1, ZRevRange, g, "Returns members of a sorted set by index, highest score first.", "1.2.0", "O(S+M): S members skipped, M returned"});
  t.Add({"zrangebyscore", -4, kR, 1, 1, 1, ZRangeByScore, g, "Returns members of a sorted set within a score range.", "1.0.5", "O(log(N)+M) for M members returned"});
  t.Add({"zrevrangebyscore", -4, kR, 1, 1, 1, ZRevRangeByScore, g, "Returns members of a sorted set within a score range, highest first.", "2.2.0", "O(log(N)+M) for M members returned"});
  t.Add({"zrangebylex", -4, kR, 1, 1, 1, ZRangeByLex, g, "Returns members of a sorted set within a lexicographical range.", "2.8.9", "O(N)"});
  t.Add({"zrevrangebylex", -4, kR, 1, 1, 1, ZRevRangeByLex, g, "Returns members of a sorted set within a lexicographical range, highest first.", "2.8.9", "O(N)"});
  t.Add({"zremrangebyrank", 4, kWrite, 1, 1, 1, ZRemRangeByRank, g, "Removes the members of a sorted set within an index range.", "2.0.0", "O(S+M): S members skipped, M removed"});
  t.Add({"zremrangebyscore", 4, kWrite, 1, 1, 1, ZRemRangeByScore, g, "Removes the members of a sorted set within a score range.", "1.2.0", "O(log(N)+M) for M members removed"});
  t.Add({"zremrangebylex", 4, kWrite, 1, 1, 1, ZRemRangeByLex, g, "Removes the members of a sorted set within a lexicographical range.", "2.8.9", "O(N)"});
  t.Add({"zpopmin", -2, kWrite | kFast, 1, 1, 1, ZPopMin, g, "Removes and returns the lowest-scoring members of a sorted set.", "5.0.0", "O(log(N)*M) for M members popped"});
  t.Add({"zpopmax", -2, kWrite | kFast, 1, 1, 1, ZPopMax, g, "Removes and returns the highest-scoring members of a sorted set.", "5.0.0", "O(log(N)*M) for M members popped"});
  t.Add({"zrandmember", -2, kR, 1, 1, 1, ZRandMember, g, "Returns random members of a sorted set.", "6.2.0", "O(N)"});
  t.Add({"zscan", -3, kR, 1, 1, 1, ZScan, g, "Iterates over the members and scores of a sorted set.", "2.8.0", "O(1) per call, O(N) for a full iteration"});
  t.Add({"zunion", -3, kR, 0, 0, 0, ZUnion, g, "Returns the union of sorted sets.", "6.2.0", "O(N)+O(M*log(M)): N input members, M result members"});
  t.Add({"zinter", -3, kR, 0, 0, 0, ZInter, g, "Returns the intersection of sorted sets.", "6.2.0", "O(N)+O(M*log(M)): N input members, M result members"});
  t.Add({"zdiff", -3, kR, 0, 0, 0, ZDiff, g, "Returns the difference of sorted sets.", "6.2.0", "O(N)+O(M*log(M)): N input members, M result members"});
  t.Add({"zunionstore", -4, kWrite | kDenyOom, 1, 1, 1, ZUnionStore, g, "Stores the union of sorted sets in a key.", "2.0.0", "O(N)+O(M*log(M)): N input members, M result members"});
  t.Add({"zinterstore", -4, kWrite | kDenyOom, 1, 1, 1, ZInterStore, g, "Stores the intersection of sorted sets in a key.", "2.0.0", "O(N)+O(M*log(M)): N input members, M result members"});
  t.Add({"zdiffstore", -4, kWrite | kDenyOom, 1, 1, 1, ZDiffStore, g, "Stores the difference of sorted sets in a key.", "6.2.0", "O(N)+O(M*log(M)): N input members, M result members"});
}

// clang-format on

}  // namespace tetradb::resp

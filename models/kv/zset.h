// Sorted sets: unique members, each with a double score, ordered by score
// and, among equal scores, by member bytes (as Redis orders them).
//
// Layout (kv_format.h): every member has two records, always written and
// deleted together in the same transaction:
//   kv_members  member_prefix member       -> OrderedDouble(score) as be64
//   kv_scores   member_prefix be64(OrderedDouble(score)) member -> empty
// The first answers "what is the score of m" in one lookup; the second
// iterates in Redis order, so score ranges seek straight to their start.
// -0 and +0 share one encoding: a score of -0 reads back as 0.
//
// COST: ranks are not indexed. ZRANK and rank ranges scan the score index
// from one end (O(rank)); lex ranges scan from one end too (Redis assumes all
// scores equal for them, so they cannot seek). Set operations and
// ZRANDMEMBER read their inputs whole.
//
// Every function runs inside the caller's KvTxn, treats a missing or expired
// key as an empty sorted set, gives WrongType for a key of another type, and
// deletes a key whose last member goes. Errors a Redis user sees are
// InvalidArgument carrying Redis's exact text.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/kv/kv_store.h"

namespace tetradb::kv {

struct ScoredMember {
  std::string member;
  double score = 0;
  bool operator==(const ScoredMember&) const = default;
};

// A score interval: "1.5" inclusive, "(1.5" exclusive, "-inf" / "+inf".
struct ScoreRange {
  double min = -HUGE_VAL;
  double max = HUGE_VAL;
  bool min_exclusive = false;
  bool max_exclusive = false;

  bool AboveMin(double s) const { return min_exclusive ? s > min : s >= min; }
  bool BelowMax(double s) const { return max_exclusive ? s < max : s <= max; }
};

// InvalidArgument("ERR min or max is not a float") on a bad bound. Like
// Redis, parses with strtod: "" reads as 0.
Status ParseScoreRange(std::string_view min, std::string_view max, ScoreRange* out);

// One end of a lex interval: "[a" inclusive, "(a" exclusive, "-" below
// every string, "+" above every string.
struct LexBound {
  enum class Kind : uint8_t { kValue, kNegInf, kPosInf };
  Kind kind = Kind::kValue;
  bool exclusive = false;
  std::string value;
};

struct LexRange {
  LexBound min{};
  LexBound max{};

  bool AboveMin(std::string_view member) const;
  bool BelowMax(std::string_view member) const;
};

// InvalidArgument("ERR min or max not valid string range item").
Status ParseLexRange(std::string_view min, std::string_view max, LexRange* out);

struct ZAddOptions {
  bool nx = false;    // only add new members
  bool xx = false;    // only update existing members
  bool gt = false;    // update only if the new score is greater
  bool lt = false;    // update only if the new score is less
  bool incr = false;  // the score is an increment (one pair only)
};

// Redis's checks on a ZADD option set with `pairs` score-member pairs, in
// Redis's order (callers that parse scores run it first, as Redis does).
Status CheckZAddOptions(const ZAddOptions& options, size_t pairs);

struct ZAddResult {
  int64_t added = 0;      // members that were not there
  int64_t updated = 0;    // existing members whose score changed
  int64_t processed = 0;  // pairs not skipped by NX / XX / GT / LT
  double score = 0;       // the last processed pair's resulting score
};

// ZADD. With incr, a resulting NaN (inf + -inf) fails with Redis's
// "ERR resulting score is not a number (NaN)". A later pair for the same
// member overrides an earlier one.
Result<ZAddResult> ZAdd(KvTxn& t, int db, std::string_view key, const ZAddOptions& options,
                        const std::vector<ScoredMember>& items);
// ZINCRBY: the member's new score (created with `increment` if absent).
Result<double> ZIncrBy(KvTxn& t, int db, std::string_view key, std::string_view member,
                       double increment);
// Number of the members that were present and are now removed.
Result<int64_t> ZRem(KvTxn& t, int db, std::string_view key,
                     const std::vector<std::string>& members);

Result<std::optional<double>> ZScore(KvTxn& t, int db, std::string_view key,
                                     std::string_view member);
Result<std::vector<std::optional<double>>> ZMScore(KvTxn& t, int db, std::string_view key,
                                                   const std::vector<std::string>& members);
Result<int64_t> ZCard(KvTxn& t, int db, std::string_view key);
Result<int64_t> ZCount(KvTxn& t, int db, std::string_view key, const ScoreRange& range);
Result<int64_t> ZLexCount(KvTxn& t, int db, std::string_view key, const LexRange& range);
// 0-based position in ascending (or, with reverse, descending) order;
// nullopt if the member is absent. O(rank).
Result<std::optional<int64_t>> ZRank(KvTxn& t, int db, std::string_view key,
                                     std::string_view member, bool reverse);

// What ZRANGE and its relatives select.
struct RangeSpec {
  enum class By : uint8_t { kRank, kScore, kLex };
  By by = By::kRank;
  // Walk from the highest end. For kScore / kLex the range is still given
  // as min..max; the result comes highest first.
  bool reverse = false;
  int64_t start = 0;  // kRank: inclusive indexes, negative counts from the end
  int64_t stop = -1;
  ScoreRange score{};  // kScore
  LexRange lex{};      // kLex
  // kScore / kLex LIMIT: skip `offset` matches (negative: select nothing),
  // then return at most `count` (negative: no limit).
  int64_t offset = 0;
  int64_t count = -1;
};

// The selected members, in walk order.
Result<std::vector<ScoredMember>> ZRange(KvTxn& t, int db, std::string_view key,
                                         const RangeSpec& spec);
// ZRANGESTORE: replaces `dst` (whatever it held) with the selection, or
// deletes it when the selection is empty. Returns the stored size.
Result<int64_t> ZRangeStore(KvTxn& t, int db, std::string_view dst, std::string_view src,
                            const RangeSpec& spec);
// ZREMRANGEBY*: removes the selection; returns how many went.
Result<int64_t> ZRemRange(KvTxn& t, int db, std::string_view key, const RangeSpec& spec);

// ZPOPMIN / ZPOPMAX (and the blocking variants once a member is there):
// removes and returns up to `count` lowest (or highest) members, in pop
// order. Empty if the key is missing.
Result<std::vector<ScoredMember>> ZPop(KvTxn& t, int db, std::string_view key, int64_t count,
                                       bool max);

// ZRANDMEMBER key count: count >= 0 gives min(count, size) distinct
// members; count < 0 gives -count members that may repeat. Order is random
// except that a count covering the whole set returns it highest first.
Result<std::vector<ScoredMember>> ZRandMember(KvTxn& t, int db, std::string_view key,
                                              int64_t count);

// One ZSCAN step: visits up to `count` members in member order starting at
// `from` (inclusive; "" is the start) and returns those matching the glob
// `pattern`. `next` is where the following step starts; done when the walk
// reached the end. Member order keeps Redis's promise even when scores
// change mid-scan. A set of at most kZScanWhole members comes back whole,
// in score order, whatever `count` says: what Redis does for its small
// (listpack) sorted sets.
inline constexpr uint64_t kZScanWhole = 128;
struct ZScanPage {
  std::vector<ScoredMember> items;
  std::string next;
  bool done = true;
};
Result<ZScanPage> ZScan(KvTxn& t, int db, std::string_view key, std::string_view from,
                        std::string_view pattern, int64_t count);

// ZUNION / ZINTER / ZDIFF over sorted sets and plain sets (whose members
// score 1). Missing keys are empty; any other type gives WrongType.
struct SetOpSpec {
  enum class Op : uint8_t { kUnion, kInter, kDiff };
  enum class Aggregate : uint8_t { kSum, kMin, kMax };
  Op op = Op::kUnion;
  std::vector<std::string> keys{};
  std::vector<double> weights{};  // empty, or one per key (kUnion / kInter)
  Aggregate aggregate = Aggregate::kSum;
};

// WrongType if some key is neither a sorted set nor a set. Redis checks
// this before it parses the options after the keys.
Status CheckSetOpSources(KvTxn& t, int db, const std::vector<std::string>& keys);
// The result in sorted-set order. Weighted scores and sums that come out
// NaN (0 * inf, inf - inf) count as 0, as in Redis.
Result<std::vector<ScoredMember>> ZSetOp(KvTxn& t, int db, const SetOpSpec& spec);
// The *STORE variants: replace `dst` with the result (delete it if empty);
// returns the stored size.
Result<int64_t> ZSetOpStore(KvTxn& t, int db, std::string_view dst, const SetOpSpec& spec);

// Replaces `dst`, whatever it held, with a sorted set of `items` (distinct
// members), or deletes it when `items` is empty. Returns items.size().
Result<int64_t> ZStore(KvTxn& t, int db, std::string_view dst,
                       const std::vector<ScoredMember>& items);

}  // namespace tetradb::kv

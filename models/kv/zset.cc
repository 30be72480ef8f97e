#include "models/kv/zset.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <random>
#include <unordered_map>
#include <utility>

#include "models/kv/glob.h"

namespace tetradb::kv {
namespace {

constexpr std::string_view kNanError = "ERR resulting score is not a number (NaN)";

std::string EncodeScore(double score) {
  std::string out;
  PutBE64(&out, OrderedDouble(score));
  return out;
}

Result<double> DecodeScore(std::string_view v) {
  if (v.size() != 8) return Status::Corruption("zset score is not 8 bytes");
  return FromOrderedDouble(GetBE64(v.data()));
}

// The score index key of one member.
std::string ScoreKey(int db, std::string_view key, const Metadata& m, double score,
                     std::string_view member) {
  std::string k = MemberPrefix(db, key, m.version);
  PutBE64(&k, OrderedDouble(score));
  k.append(member);
  return k;
}

// A sorted set as a command sees it: the key's state and, once live or
// created, the metadata to write back.
struct Zset {
  KvTxn& t;
  int db;
  std::string_view key;
  KeyState before;
  Metadata m;
  bool live() const { return before.live; }

  Result<std::optional<double>> Score(std::string_view member) {
    std::string raw;
    Status s = t.GetMember(db, key, m, member, &raw);
    if (s.IsNotFound()) return std::optional<double>();
    TETRADB_RETURN_IF_ERROR(s);
    Result<double> d = DecodeScore(raw);
    if (!d.ok()) return d.status();
    return std::optional<double>(*d);
  }

  // Writes both records of a member (old_score: its index entry to drop).
  Status Put(std::string_view member, double score, std::optional<double> old_score) {
    if (old_score) {
      TETRADB_RETURN_IF_ERROR(
          t.DeleteMemberRecord(Cf::kKvScores, ScoreKey(db, key, m, *old_score, member)));
    } else {
      ++m.size;
    }
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, member, EncodeScore(score)));
    return t.PutMemberRecord(Cf::kKvScores, ScoreKey(db, key, m, score, member), "");
  }

  Status Erase(std::string_view member, double score) {
    --m.size;
    TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, key, m, member));
    return t.DeleteMemberRecord(Cf::kKvScores, ScoreKey(db, key, m, score, member));
  }

  // Writes the metadata back, or removes the key if it became empty.
  Status Save() {
    if (m.size == 0) return t.Remove(db, key, before);
    return t.Store(db, key, before, m);
  }
};

Result<Zset> Open(KvTxn& t, int db, std::string_view key, bool lock) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kZset, lock);
  if (!st.ok()) return st.status();
  Zset z{t, db, key, std::move(st).value(), {}};
  z.m = z.before.live ? z.before.meta : t.NewCollection(Type::kZset);
  return z;
}

// Walks the score index of one sorted set.
class IndexWalk {
 public:
  explicit IndexWalk(Zset& z)
      : prefix_(MemberPrefix(z.db, z.key, z.m.version)),
        prefix_len_(prefix_.size()),
        it_(z.t.Members(z.db, z.key, z.m, Cf::kKvScores)) {}

  void First() { it_->SeekToFirst(); }
  void Last() { it_->SeekToLast(); }
  // The first entry with a score >= s.
  void SeekScore(double s) {
    std::string target = prefix_;
    PutBE64(&target, OrderedDouble(s));
    it_->Seek(target);
  }
  // The last entry with a score <= s (or an entry just above it: callers
  // skip those).
  void SeekScoreForPrev(double s) {
    uint64_t od = OrderedDouble(s);
    if (od == UINT64_MAX) return Last();
    std::string target = prefix_;
    PutBE64(&target, od + 1);
    it_->SeekForPrev(target);
  }
  void Step(bool reverse) { reverse ? it_->Prev() : it_->Next(); }

  bool Valid() const { return it_->Valid() && it_->key().size() >= prefix_len_ + 8; }
  double score() const { return FromOrderedDouble(GetBE64(it_->key().data() + prefix_len_)); }
  std::string_view member() const { return it_->key().substr(prefix_len_ + 8); }
  ScoredMember Get() const { return {std::string(member()), score()}; }
  Status status() const {
    if (it_->Valid() && !Valid()) return Status::Corruption("short zset score key");
    return it_->status();
  }

 private:
  std::string prefix_;
  size_t prefix_len_;
  std::unique_ptr<Iterator> it_;
};

int CompareLex(std::string_view member, const LexBound& b) {
  switch (b.kind) {
    case LexBound::Kind::kNegInf:
      return 1;
    case LexBound::Kind::kPosInf:
      return -1;
    case LexBound::Kind::kValue:
      break;
  }
  int c = member.compare(b.value);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool ParseScoreBound(std::string_view s, double* out, bool* exclusive) {
  *exclusive = !s.empty() && s[0] == '(';
  if (*exclusive) s.remove_prefix(1);
  // strtod on a C string, as Redis does: "" is 0 and parsing stops at a NUL.
  std::string buf(s);
  char* end = nullptr;
  errno = 0;
  double d = std::strtod(buf.c_str(), &end);
  if (*end != '\0' || std::isnan(d)) return false;
  *out = d;
  return true;
}

bool ParseLexBound(std::string_view s, LexBound* out) {
  if (s.empty()) return false;
  out->value.clear();
  switch (s[0]) {
    case '-':
    case '+':
      if (s.size() != 1) return false;
      out->kind = s[0] == '-' ? LexBound::Kind::kNegInf : LexBound::Kind::kPosInf;
      out->exclusive = true;
      return true;
    case '(':
    case '[':
      out->kind = LexBound::Kind::kValue;
      out->exclusive = s[0] == '(';
      out->value.assign(s.substr(1));
      return true;
    default:
      return false;
  }
}

// Appends the selection of `spec` over a live sorted set to *out.
Status Select(Zset& z, const RangeSpec& spec, std::vector<ScoredMember>* out) {
  if (!z.live()) return Status::Ok();
  IndexWalk w(z);
  const bool rev = spec.reverse;
  if (spec.by == RangeSpec::By::kRank) {
    int64_t size = static_cast<int64_t>(z.m.size);
    int64_t start = spec.start < 0 ? size + spec.start : spec.start;
    int64_t stop = spec.stop < 0 ? size + spec.stop : spec.stop;
    if (start < 0) start = 0;
    if (start > stop || start >= size) return Status::Ok();
    if (stop >= size) stop = size - 1;
    rev ? w.Last() : w.First();
    for (int64_t i = 0; i < start && w.Valid(); ++i) w.Step(rev);
    for (int64_t i = start; i <= stop && w.Valid(); ++i, w.Step(rev)) out->push_back(w.Get());
    return w.status();
  }
  if (spec.offset < 0) return Status::Ok();
  // Position at the first entry in walk order that may be in range, then
  // skip those outside the near bound; stop at the first past the far one.
  std::function<bool()> before_near, past_far;
  if (spec.by == RangeSpec::By::kScore) {
    const ScoreRange& r = spec.score;
    if (rev) {
      w.SeekScoreForPrev(r.max);
      before_near = [&] { return !r.BelowMax(w.score()); };
      past_far = [&] { return !r.AboveMin(w.score()); };
    } else {
      w.SeekScore(r.min);
      before_near = [&] { return !r.AboveMin(w.score()); };
      past_far = [&] { return !r.BelowMax(w.score()); };
    }
  } else {
    const LexRange& r = spec.lex;
    rev ? w.Last() : w.First();
    if (rev) {
      before_near = [&] { return !r.BelowMax(w.member()); };
      past_far = [&] { return !r.AboveMin(w.member()); };
    } else {
      before_near = [&] { return !r.AboveMin(w.member()); };
      past_far = [&] { return !r.BelowMax(w.member()); };
    }
  }
  while (w.Valid() && before_near()) w.Step(rev);
  int64_t skip = spec.offset;
  int64_t left = spec.count;
  for (; w.Valid() && left != 0 && !past_far(); w.Step(rev)) {
    if (skip > 0) {
      --skip;
      continue;
    }
    out->push_back(w.Get());
    if (left > 0) --left;
  }
  return w.status();
}

// Reads a sorted set or a plain set whole, as set operations see it.
Result<std::vector<ScoredMember>> ReadSource(KvTxn& t, int db, std::string_view key, bool lock) {
  Result<KeyState> st = t.Load(db, key, lock);
  if (!st.ok()) return st.status();
  std::vector<ScoredMember> items;
  if (!st->live) return items;
  const Metadata& m = st->meta;
  if (m.type != Type::kZset && m.type != Type::kSet) return Status::WrongType();
  const size_t prefix_len = MemberPrefix(db, key, m.version).size();
  items.reserve(m.size);
  auto it = t.Members(db, key, m);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ScoredMember sm{std::string(it->key().substr(prefix_len)), 1.0};
    if (m.type == Type::kZset) {
      Result<double> d = DecodeScore(it->value());
      if (!d.ok()) return d.status();
      sm.score = *d;
    }
    items.push_back(std::move(sm));
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  return items;
}

void SortZset(std::vector<ScoredMember>* items) {
  std::sort(items->begin(), items->end(), [](const ScoredMember& a, const ScoredMember& b) {
    if (a.score != b.score) return a.score < b.score;
    return a.member < b.member;
  });
}

double Aggregate(SetOpSpec::Aggregate how, double acc, double v) {
  switch (how) {
    case SetOpSpec::Aggregate::kSum: {
      double sum = acc + v;
      return std::isnan(sum) ? 0 : sum;
    }
    case SetOpSpec::Aggregate::kMin:
      return std::min(acc, v);
    case SetOpSpec::Aggregate::kMax:
      return std::max(acc, v);
  }
  return acc;
}

std::mt19937_64& Rng() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

}  // namespace

bool LexRange::AboveMin(std::string_view member) const {
  int c = CompareLex(member, min);
  return min.exclusive ? c > 0 : c >= 0;
}

bool LexRange::BelowMax(std::string_view member) const {
  int c = CompareLex(member, max);
  return max.exclusive ? c < 0 : c <= 0;
}

Status ParseScoreRange(std::string_view min, std::string_view max, ScoreRange* out) {
  if (!ParseScoreBound(min, &out->min, &out->min_exclusive) ||
      !ParseScoreBound(max, &out->max, &out->max_exclusive)) {
    return Status::InvalidArgument("ERR min or max is not a float");
  }
  return Status::Ok();
}

Status ParseLexRange(std::string_view min, std::string_view max, LexRange* out) {
  if (!ParseLexBound(min, &out->min) || !ParseLexBound(max, &out->max)) {
    return Status::InvalidArgument("ERR min or max not valid string range item");
  }
  return Status::Ok();
}

Status CheckZAddOptions(const ZAddOptions& o, size_t pairs) {
  if (o.nx && o.xx) {
    return Status::InvalidArgument("ERR XX and NX options at the same time are not compatible");
  }
  if ((o.gt && o.nx) || (o.lt && o.nx) || (o.gt && o.lt)) {
    return Status::InvalidArgument(
        "ERR GT, LT, and/or NX options at the same time are not compatible");
  }
  if (o.incr && pairs > 1) {
    return Status::InvalidArgument("ERR INCR option supports a single increment-element pair");
  }
  return Status::Ok();
}

Result<ZAddResult> ZAdd(KvTxn& t, int db, std::string_view key, const ZAddOptions& o,
                        const std::vector<ScoredMember>& items) {
  TETRADB_RETURN_IF_ERROR(CheckZAddOptions(o, items.size()));
  Result<Zset> zr = Open(t, db, key, /*lock=*/true);
  if (!zr.ok()) return zr.status();
  Zset& z = *zr;
  ZAddResult r;
  if (!z.live() && o.xx) return r;
  for (const ScoredMember& item : items) {
    Result<std::optional<double>> cur = z.Score(item.member);
    if (!cur.ok()) return cur.status();
    double score = item.score;
    if (!cur->has_value()) {
      if (o.xx) continue;
      TETRADB_RETURN_IF_ERROR(z.Put(item.member, score, std::nullopt));
      ++r.added;
    } else {
      if (o.nx) continue;
      double old = **cur;
      if (o.incr) {
        score += old;
        if (std::isnan(score)) return Status::InvalidArgument(kNanError);
      }
      if ((o.lt && score >= old) || (o.gt && score <= old)) continue;
      if (score != old) {
        TETRADB_RETURN_IF_ERROR(z.Put(item.member, score, old));
        ++r.updated;
      }
    }
    ++r.processed;
    r.score = score;
  }
  if (r.added + r.updated > 0) TETRADB_RETURN_IF_ERROR(z.Save());
  return r;
}

Result<double> ZIncrBy(KvTxn& t, int db, std::string_view key, std::string_view member,
                       double increment) {
  ZAddOptions o;
  o.incr = true;
  Result<ZAddResult> r = ZAdd(t, db, key, o, {{std::string(member), increment}});
  if (!r.ok()) return r.status();
  return r->score;
}

Result<int64_t> ZRem(KvTxn& t, int db, std::string_view key,
                     const std::vector<std::string>& members) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/true);
  if (!zr.ok()) return zr.status();
  Zset& z = *zr;
  if (!z.live()) return 0;
  int64_t removed = 0;
  for (const std::string& member : members) {
    Result<std::optional<double>> cur = z.Score(member);
    if (!cur.ok()) return cur.status();
    if (!cur->has_value()) continue;
    TETRADB_RETURN_IF_ERROR(z.Erase(member, **cur));
    ++removed;
  }
  if (removed > 0) TETRADB_RETURN_IF_ERROR(z.Save());
  return removed;
}

Result<std::optional<double>> ZScore(KvTxn& t, int db, std::string_view key,
                                     std::string_view member) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/false);
  if (!zr.ok()) return zr.status();
  if (!zr->live()) return std::optional<double>();
  return zr->Score(member);
}

Result<std::vector<std::optional<double>>> ZMScore(KvTxn& t, int db, std::string_view key,
                                                   const std::vector<std::string>& members) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/false);
  if (!zr.ok()) return zr.status();
  std::vector<std::optional<double>> out(members.size());
  if (!zr->live()) return out;
  for (size_t i = 0; i < members.size(); ++i) {
    Result<std::optional<double>> s = zr->Score(members[i]);
    if (!s.ok()) return s.status();
    out[i] = *s;
  }
  return out;
}

Result<int64_t> ZCard(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kZset, /*lock=*/false);
  if (!st.ok()) return st.status();
  return st->live ? static_cast<int64_t>(st->meta.size) : 0;
}

Result<int64_t> ZCount(KvTxn& t, int db, std::string_view key, const ScoreRange& range) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/false);
  if (!zr.ok()) return zr.status();
  if (!zr->live()) return 0;
  IndexWalk w(*zr);
  int64_t n = 0;
  for (w.SeekScore(range.min); w.Valid() && range.BelowMax(w.score()); w.Step(false)) {
    if (range.AboveMin(w.score())) ++n;
  }
  TETRADB_RETURN_IF_ERROR(w.status());
  return n;
}

Result<int64_t> ZLexCount(KvTxn& t, int db, std::string_view key, const LexRange& range) {
  RangeSpec spec;
  spec.by = RangeSpec::By::kLex;
  spec.lex = range;
  Result<std::vector<ScoredMember>> r = ZRange(t, db, key, spec);
  if (!r.ok()) return r.status();
  return static_cast<int64_t>(r->size());
}

Result<std::optional<int64_t>> ZRank(KvTxn& t, int db, std::string_view key,
                                     std::string_view member, bool reverse) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/false);
  if (!zr.ok()) return zr.status();
  Zset& z = *zr;
  if (!z.live()) return std::optional<int64_t>();
  Result<std::optional<double>> score = z.Score(member);
  if (!score.ok()) return score.status();
  if (!score->has_value()) return std::optional<int64_t>();
  // O(rank): walk the score index from the requested end.
  IndexWalk w(z);
  int64_t rank = 0;
  for (reverse ? w.Last() : w.First(); w.Valid(); w.Step(reverse), ++rank) {
    if (w.member() == member) return std::optional<int64_t>(rank);
  }
  TETRADB_RETURN_IF_ERROR(w.status());
  return Status::Corruption("zset member missing from the score index");
}

Result<std::vector<ScoredMember>> ZRange(KvTxn& t, int db, std::string_view key,
                                         const RangeSpec& spec) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/false);
  if (!zr.ok()) return zr.status();
  std::vector<ScoredMember> out;
  TETRADB_RETURN_IF_ERROR(Select(*zr, spec, &out));
  return out;
}

Result<int64_t> ZRangeStore(KvTxn& t, int db, std::string_view dst, std::string_view src,
                            const RangeSpec& spec) {
  Result<Zset> zr = Open(t, db, src, /*lock=*/true);  // src may be dst
  if (!zr.ok()) return zr.status();
  std::vector<ScoredMember> items;
  TETRADB_RETURN_IF_ERROR(Select(*zr, spec, &items));
  return ZStore(t, db, dst, items);
}

Result<int64_t> ZRemRange(KvTxn& t, int db, std::string_view key, const RangeSpec& spec) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/true);
  if (!zr.ok()) return zr.status();
  Zset& z = *zr;
  std::vector<ScoredMember> doomed;
  TETRADB_RETURN_IF_ERROR(Select(z, spec, &doomed));
  if (doomed.empty()) return 0;
  for (const ScoredMember& sm : doomed) TETRADB_RETURN_IF_ERROR(z.Erase(sm.member, sm.score));
  TETRADB_RETURN_IF_ERROR(z.Save());
  return static_cast<int64_t>(doomed.size());
}

Result<std::vector<ScoredMember>> ZPop(KvTxn& t, int db, std::string_view key, int64_t count,
                                       bool max) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/true);
  if (!zr.ok()) return zr.status();
  Zset& z = *zr;
  std::vector<ScoredMember> popped;
  if (count <= 0) return popped;
  RangeSpec spec;
  spec.reverse = max;
  spec.stop = count - 1;
  TETRADB_RETURN_IF_ERROR(Select(z, spec, &popped));
  if (popped.empty()) return popped;
  for (const ScoredMember& sm : popped) TETRADB_RETURN_IF_ERROR(z.Erase(sm.member, sm.score));
  TETRADB_RETURN_IF_ERROR(z.Save());
  return popped;
}

Result<std::vector<ScoredMember>> ZRandMember(KvTxn& t, int db, std::string_view key,
                                              int64_t count) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/false);
  if (!zr.ok()) return zr.status();
  std::vector<ScoredMember> all;
  if (count == 0) return all;
  RangeSpec spec;
  spec.reverse = true;
  TETRADB_RETURN_IF_ERROR(Select(*zr, spec, &all));
  if (all.empty()) return all;
  auto& rng = Rng();
  if (count < 0) {
    // With repeats: -count independent draws.
    std::uniform_int_distribution<size_t> pick(0, all.size() - 1);
    uint64_t n =
        count == INT64_MIN ? static_cast<uint64_t>(INT64_MAX) + 1 : static_cast<uint64_t>(-count);
    std::vector<ScoredMember> out;
    out.reserve(static_cast<size_t>(std::min<uint64_t>(n, 1 << 20)));
    for (uint64_t i = 0; i < n; ++i) out.push_back(all[pick(rng)]);
    return out;
  }
  if (static_cast<uint64_t>(count) >= all.size()) return all;
  // Distinct: the first `count` places of a partial Fisher-Yates shuffle.
  for (size_t i = 0; i < static_cast<size_t>(count); ++i) {
    std::uniform_int_distribution<size_t> pick(i, all.size() - 1);
    std::swap(all[i], all[pick(rng)]);
  }
  all.resize(static_cast<size_t>(count));
  return all;
}

Result<ZScanPage> ZScan(KvTxn& t, int db, std::string_view key, std::string_view from,
                        std::string_view pattern, int64_t count) {
  Result<Zset> zr = Open(t, db, key, /*lock=*/false);
  if (!zr.ok()) return zr.status();
  Zset& z = *zr;
  ZScanPage page;
  if (!z.live()) return page;
  const bool all = pattern == "*";
  if (z.m.size <= kZScanWhole) {
    IndexWalk w(z);
    for (w.First(); w.Valid(); w.Step(false)) {
      if (all || GlobMatch(pattern, w.member())) page.items.push_back(w.Get());
    }
    TETRADB_RETURN_IF_ERROR(w.status());
    return page;
  }
  const std::string prefix = MemberPrefix(db, key, z.m.version);
  auto it = t.Members(db, key, z.m);
  it->Seek(prefix + std::string(from));
  for (int64_t visited = 0; it->Valid(); it->Next(), ++visited) {
    std::string_view member = it->key().substr(prefix.size());
    if (visited == count) {
      page.next.assign(member);
      page.done = false;
      break;
    }
    if (!all && !GlobMatch(pattern, member)) continue;
    Result<double> d = DecodeScore(it->value());
    if (!d.ok()) return d.status();
    page.items.push_back({std::string(member), *d});
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  return page;
}

Status CheckSetOpSources(KvTxn& t, int db, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    Result<KeyState> st = t.Load(db, key, /*lock=*/false);
    if (!st.ok()) return st.status();
    if (st->live && st->meta.type != Type::kZset && st->meta.type != Type::kSet) {
      return Status::WrongType();
    }
  }
  return Status::Ok();
}

namespace {

// The *STORE forms lock their sources, as a source may also be the
// destination: no other writer may slip in between the read and the store.
Result<std::vector<ScoredMember>> SetOp(KvTxn& t, int db, const SetOpSpec& spec, bool lock) {
  using Op = SetOpSpec::Op;
  struct Source {
    std::vector<ScoredMember> items;
    double weight = 1;
  };
  std::vector<Source> sources(spec.keys.size());
  for (size_t i = 0; i < spec.keys.size(); ++i) {
    Result<std::vector<ScoredMember>> r = ReadSource(t, db, spec.keys[i], lock);
    if (!r.ok()) return r.status();
    sources[i].items = std::move(r).value();
    if (spec.op != Op::kDiff && i < spec.weights.size()) sources[i].weight = spec.weights[i];
  }
  std::vector<ScoredMember> out;
  if (sources.empty()) return out;
  auto weighted = [](const Source& s, double score) {
    double v = s.weight * score;
    return std::isnan(v) ? 0.0 : v;
  };
  if (spec.op != Op::kDiff) {
    // Smallest first, as Redis does: it bounds an intersection's work and
    // fixes the order in which sums accumulate.
    std::stable_sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) {
      return a.items.size() < b.items.size();
    });
  }
  switch (spec.op) {
    case Op::kUnion: {
      std::unordered_map<std::string, size_t> at;
      for (const Source& s : sources) {
        for (const ScoredMember& sm : s.items) {
          double v = weighted(s, sm.score);
          auto [pos, inserted] = at.try_emplace(sm.member, out.size());
          if (inserted) {
            out.push_back({sm.member, v});
          } else {
            out[pos->second].score = Aggregate(spec.aggregate, out[pos->second].score, v);
          }
        }
      }
      break;
    }
    case Op::kInter: {
      if (sources[0].items.empty()) break;
      std::vector<std::unordered_map<std::string_view, double>> maps(sources.size());
      for (size_t i = 1; i < sources.size(); ++i) {
        maps[i].reserve(sources[i].items.size());
        for (const ScoredMember& sm : sources[i].items) maps[i].emplace(sm.member, sm.score);
      }
      for (const ScoredMember& sm : sources[0].items) {
        double acc = weighted(sources[0], sm.score);
        bool everywhere = true;
        for (size_t i = 1; i < sources.size() && everywhere; ++i) {
          auto f = maps[i].find(sm.member);
          if (f == maps[i].end()) {
            everywhere = false;
          } else {
            acc = Aggregate(spec.aggregate, acc, weighted(sources[i], f->second));
          }
        }
        if (everywhere) out.push_back({sm.member, acc});
      }
      break;
    }
    case Op::kDiff: {
      std::unordered_map<std::string_view, bool> others;
      for (size_t i = 1; i < sources.size(); ++i) {
        for (const ScoredMember& sm : sources[i].items) others.emplace(sm.member, true);
      }
      for (const ScoredMember& sm : sources[0].items) {
        if (!others.count(sm.member)) out.push_back(sm);
      }
      break;
    }
  }
  SortZset(&out);
  return out;
}

}  // namespace

Result<std::vector<ScoredMember>> ZSetOp(KvTxn& t, int db, const SetOpSpec& spec) {
  return SetOp(t, db, spec, /*lock=*/false);
}

Result<int64_t> ZSetOpStore(KvTxn& t, int db, std::string_view dst, const SetOpSpec& spec) {
  Result<std::vector<ScoredMember>> r = SetOp(t, db, spec, /*lock=*/true);
  if (!r.ok()) return r.status();
  return ZStore(t, db, dst, *r);
}

Result<int64_t> ZStore(KvTxn& t, int db, std::string_view dst,
                       const std::vector<ScoredMember>& items) {
  Result<KeyState> st = t.Load(db, dst, /*lock=*/true);
  if (!st.ok()) return st.status();
  if (items.empty()) {
    TETRADB_RETURN_IF_ERROR(t.Remove(db, dst, *st));
    return 0;
  }
  Zset z{t, db, dst, std::move(st).value(), t.NewCollection(Type::kZset)};
  for (const ScoredMember& sm : items)
    TETRADB_RETURN_IF_ERROR(z.Put(sm.member, sm.score, std::nullopt));
  TETRADB_RETURN_IF_ERROR(z.Save());
  return static_cast<int64_t>(items.size());
}

}  // namespace tetradb::kv

#include "models/kv/set.h"

#include <algorithm>
#include <charconv>
#include <random>
#include <set>
#include <unordered_set>

#include "models/kv/glob.h"

namespace tetradb::kv {
namespace {

std::mt19937_64& Rng() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return rng;
}

// Uniform in [0, n); n > 0.
uint64_t RandomBelow(uint64_t n) {
  return std::uniform_int_distribution<uint64_t>(0, n - 1)(Rng());
}

// A random byte string s with a <= s and, most of the time, s <= b (a <= b).
// It keeps a's and b's common prefix, picks the next byte between theirs and
// fills the rest with random bytes.
std::string RandomBetween(std::string_view a, std::string_view b) {
  size_t cp = 0;
  while (cp < a.size() && cp < b.size() && a[cp] == b[cp]) ++cp;
  if (cp == b.size()) return std::string(b);
  unsigned lo = cp < a.size() ? static_cast<uint8_t>(a[cp]) : 0;
  unsigned hi = static_cast<uint8_t>(b[cp]);
  std::string out(b.substr(0, cp));
  out.push_back(static_cast<char>(lo + RandomBelow(hi - lo + 1)));
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(RandomBelow(256)));
  return out;
}

// Approximate random picks on a big collection: O(log N) each (see set.h).
class RandomSeeker {
 public:
  // How far a pick steps past its landing point, to spread picks over the
  // members that follow a gap instead of always the first of them.
  static constexpr uint64_t kWindow = 64;

  RandomSeeker(KvTxn& t, int db, std::string_view key, const Metadata& m)
      : prefix_(MemberPrefix(db, key, m.version)), it_(t.Members(db, key, m)) {}

  // False (with OK status) if the collection turned out to be empty.
  Result<bool> Init() {
    it_->SeekToFirst();
    if (!it_->Valid()) return Done();
    first_ = std::string(it_->key().substr(prefix_.size()));
    it_->SeekToLast();
    if (!it_->Valid()) return Done();
    last_ = std::string(it_->key().substr(prefix_.size()));
    return true;
  }

  Status Pick(MemberEntry* e) {
    it_->Seek(prefix_ + RandomBetween(first_, last_));
    if (!it_->Valid()) it_->SeekToFirst();
    for (uint64_t steps = RandomBelow(kWindow); steps > 0 && it_->Valid(); --steps) {
      it_->Next();
      if (!it_->Valid()) it_->SeekToFirst();
    }
    TETRADB_RETURN_IF_ERROR(it_->status());
    if (!it_->Valid()) return Status::NotFound("collection is empty");
    e->sub = std::string(it_->key().substr(prefix_.size()));
    e->value = std::string(it_->value());
    return Status::Ok();
  }

 private:
  Result<bool> Done() {
    TETRADB_RETURN_IF_ERROR(it_->status());
    return false;
  }

  std::string prefix_;
  std::unique_ptr<Iterator> it_;
  std::string first_, last_;
};

// Exact sampling from members already read.
std::vector<MemberEntry> SampleFrom(std::vector<MemberEntry> all, uint64_t count, bool distinct) {
  if (all.empty()) return all;
  if (distinct) {
    if (count >= all.size()) return all;
    for (uint64_t i = 0; i < count; ++i) {
      std::swap(all[i], all[i + RandomBelow(all.size() - i)]);
    }
    all.resize(count);
    return all;
  }
  std::vector<MemberEntry> out;
  for (uint64_t i = 0; i < count; ++i) out.push_back(all[RandomBelow(all.size())]);
  return out;
}

std::vector<std::string> Subs(std::vector<MemberEntry> entries) {
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (auto& e : entries) out.push_back(std::move(e.sub));
  return out;
}

bool IsIntsetMember(const MemberEntry& e) {
  int64_t v;
  return ParseStrictInt64(e.sub, &v);
}

// Redis keeps sets of at most this many integers in its compact intset.
constexpr uint64_t kIntsetMaxEntries = 512;

struct Operand {
  std::string_view key;
  KeyState state;
};

// Loads (and type-checks) every key before any member is read.
Result<std::vector<Operand>> LoadOperands(KvTxn& t, int db, std::span<const std::string> keys,
                                          bool lock) {
  std::vector<Operand> ops;
  ops.reserve(keys.size());
  for (const std::string& k : keys) {
    Result<KeyState> st = t.LoadAs(db, k, Type::kSet, lock);
    if (!st.ok()) return st.status();
    ops.push_back({k, std::move(st).value()});
  }
  return ops;
}

Result<bool> Contains(KvTxn& t, int db, const Operand& op, std::string_view member) {
  std::string v;
  Status s = t.GetMember(db, op.key, op.state.meta, member, &v);
  if (s.IsNotFound()) return false;
  TETRADB_RETURN_IF_ERROR(s);
  return true;
}

// The core of SINTER/SUNION/SDIFF(STORE) and SINTERCARD. `limit` (0: none)
// stops an intersection early.
Result<std::vector<std::string>> Combine(KvTxn& t, int db, SetOp op,
                                         std::span<const std::string> keys, bool lock,
                                         uint64_t limit) {
  Result<std::vector<Operand>> loaded = LoadOperands(t, db, keys, lock);
  if (!loaded.ok()) return loaded.status();
  std::vector<Operand>& ops = *loaded;
  std::vector<std::string> out;

  if (op == SetOp::kUnion) {
    std::set<std::string> all;
    for (const Operand& o : ops) {
      if (!o.state.live) continue;
      Result<std::vector<MemberEntry>> members = ReadMembers(t, db, o.key, o.state.meta);
      if (!members.ok()) return members.status();
      for (MemberEntry& e : *members) all.insert(std::move(e.sub));
    }
    out.assign(std::make_move_iterator(all.begin()), std::make_move_iterator(all.end()));
    return out;
  }

  if (op == SetOp::kInter) {
    for (const Operand& o : ops) {
      if (!o.state.live) return out;
    }
    // Walk the smallest set, probe the others.
    std::stable_sort(ops.begin(), ops.end(), [](const Operand& a, const Operand& b) {
      return a.state.meta.size < b.state.meta.size;
    });
  } else if (!ops[0].state.live) {
    return out;  // SDIFF of an empty first set
  }

  Result<std::vector<MemberEntry>> base = ReadMembers(t, db, ops[0].key, ops[0].state.meta);
  if (!base.ok()) return base.status();
  for (MemberEntry& e : *base) {
    bool keep = true;
    for (size_t j = 1; j < ops.size() && keep; ++j) {
      if (!ops[j].state.live) continue;  // only possible for SDIFF: an empty set
      Result<bool> in = Contains(t, db, ops[j], e.sub);
      if (!in.ok()) return in.status();
      keep = op == SetOp::kInter ? *in : !*in;
    }
    if (!keep) continue;
    out.push_back(std::move(e.sub));
    if (limit != 0 && out.size() >= limit) break;
  }
  return out;
}

}  // namespace

bool ParseStrictInt64(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  if (s[i] == '0' && (s.size() > i + 1 || i == 1)) return false;  // "07", "-0"
  if (s[i] < '0' || s[i] > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

Result<std::vector<MemberEntry>> ReadMembers(KvTxn& t, int db, std::string_view key,
                                             const Metadata& m) {
  size_t plen = MemberPrefix(db, key, m.version).size();
  std::vector<MemberEntry> out;
  auto it = t.Members(db, key, m);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out.push_back({std::string(it->key().substr(plen)), std::string(it->value())});
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  return out;
}

Result<std::vector<MemberEntry>> SampleMembers(KvTxn& t, int db, std::string_view key,
                                               const Metadata& m, uint64_t count, bool distinct) {
  if (count == 0 || m.size == 0) return std::vector<MemberEntry>{};
  bool exact = m.size <= kExactSampleLimit || (distinct && count >= m.size / 3);
  if (!exact) {
    RandomSeeker seeker(t, db, key, m);
    Result<bool> nonempty = seeker.Init();
    if (!nonempty.ok()) return nonempty.status();
    if (!*nonempty) return std::vector<MemberEntry>{};
    std::vector<MemberEntry> out;
    std::unordered_set<std::string> seen;
    // Distinct picks: give up on luck after a while and fall back to exact.
    uint64_t attempts = distinct ? count * 10 + 1000 : count;
    for (uint64_t i = 0; i < attempts && out.size() < count; ++i) {
      MemberEntry e;
      TETRADB_RETURN_IF_ERROR(seeker.Pick(&e));
      if (distinct && !seen.insert(e.sub).second) continue;
      out.push_back(std::move(e));
    }
    if (out.size() == count) return out;
  }
  Result<std::vector<MemberEntry>> all = ReadMembers(t, db, key, m);
  if (!all.ok()) return all.status();
  return SampleFrom(std::move(all).value(), count, distinct);
}

Result<MemberPage> ScanMembers(KvTxn& t, int db, std::string_view key, const Metadata& m,
                               uint64_t cursor, uint64_t count,
                               const std::optional<std::string>& match, uint64_t compact_max,
                               bool (*compact)(const MemberEntry&)) {
  std::string start;
  if (cursor != 0 && !t.store().LoadCursor(cursor, &start)) start.clear();  // restart
  std::string prefix = MemberPrefix(db, key, m.version);
  bool try_compact = start.empty() && compact != nullptr && m.size <= compact_max;
  uint64_t limit = try_compact ? std::max(count, m.size) : count;

  std::vector<MemberEntry> got;
  auto it = t.Members(db, key, m);
  for (it->Seek(prefix + start); it->Valid() && got.size() < limit; it->Next()) {
    got.push_back({std::string(it->key().substr(prefix.size())), std::string(it->value())});
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  bool more = it->Valid();

  std::optional<std::string> next;
  bool whole = try_compact && !more && std::all_of(got.begin(), got.end(), compact);
  if (!whole) {
    if (got.size() > count) {
      next = got[count].sub;
      got.resize(count);
    } else if (more) {
      next = std::string(it->key().substr(prefix.size()));
    }
  }

  MemberPage page;
  for (MemberEntry& e : got) {
    if (match && !GlobMatch(*match, e.sub)) continue;
    page.entries.push_back(std::move(e));
  }
  page.cursor = next ? t.store().SaveCursor(std::move(*next)) : 0;
  return page;
}

Result<int64_t> SetAdd(KvTxn& t, int db, std::string_view key,
                       std::span<const std::string> members) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet);
  if (!st.ok()) return st.status();
  Metadata m = st->live ? st->meta : t.NewCollection(Type::kSet);
  int64_t added = 0;
  std::string v;
  for (const std::string& member : members) {
    Status s = t.GetMember(db, key, m, member, &v);
    if (!s.IsNotFound()) {
      TETRADB_RETURN_IF_ERROR(s);
      continue;
    }
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, member, ""));
    ++added;
  }
  if (added == 0) return 0;
  m.size += added;
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  return added;
}

Result<int64_t> SetRemove(KvTxn& t, int db, std::string_view key,
                          std::span<const std::string> members) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet);
  if (!st.ok()) return st.status();
  if (!st->live) return 0;
  Metadata m = st->meta;
  int64_t removed = 0;
  std::string v;
  for (const std::string& member : members) {
    Status s = t.GetMember(db, key, m, member, &v);
    if (s.IsNotFound()) continue;
    TETRADB_RETURN_IF_ERROR(s);
    TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, key, m, member));
    ++removed;
  }
  if (removed == 0) return 0;
  m.size -= removed;
  TETRADB_RETURN_IF_ERROR(m.size == 0 ? t.Remove(db, key, *st) : t.Store(db, key, *st, m));
  return removed;
}

Result<std::vector<std::string>> SetMembers(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet, /*lock=*/false);
  if (!st.ok()) return st.status();
  if (!st->live) return std::vector<std::string>{};
  Result<std::vector<MemberEntry>> all = ReadMembers(t, db, key, st->meta);
  if (!all.ok()) return all.status();
  return Subs(std::move(all).value());
}

Result<bool> SetIsMember(KvTxn& t, int db, std::string_view key, std::string_view member) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet, /*lock=*/false);
  if (!st.ok()) return st.status();
  if (!st->live) return false;
  return Contains(t, db, Operand{key, *st}, member);
}

Result<std::vector<bool>> SetMIsMember(KvTxn& t, int db, std::string_view key,
                                       std::span<const std::string> members) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet, /*lock=*/false);
  if (!st.ok()) return st.status();
  std::vector<bool> out(members.size(), false);
  if (!st->live) return out;
  Operand op{key, std::move(st).value()};
  for (size_t i = 0; i < members.size(); ++i) {
    Result<bool> in = Contains(t, db, op, members[i]);
    if (!in.ok()) return in.status();
    out[i] = *in;
  }
  return out;
}

Result<int64_t> SetCard(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet, /*lock=*/false);
  if (!st.ok()) return st.status();
  return st->live ? static_cast<int64_t>(st->meta.size) : 0;
}

Result<std::vector<std::string>> SetPop(KvTxn& t, int db, std::string_view key, uint64_t count) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet);
  if (!st.ok()) return st.status();
  if (!st->live || count == 0) return std::vector<std::string>{};
  Metadata m = st->meta;
  if (count >= m.size) {
    Result<std::vector<MemberEntry>> all = ReadMembers(t, db, key, m);
    if (!all.ok()) return all.status();
    TETRADB_RETURN_IF_ERROR(t.Remove(db, key, *st));
    return Subs(std::move(all).value());
  }
  Result<std::vector<MemberEntry>> picked = SampleMembers(t, db, key, m, count, true);
  if (!picked.ok()) return picked.status();
  for (const MemberEntry& e : *picked) {
    TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, key, m, e.sub));
  }
  m.size -= picked->size();
  TETRADB_RETURN_IF_ERROR(m.size == 0 ? t.Remove(db, key, *st) : t.Store(db, key, *st, m));
  return Subs(std::move(picked).value());
}

Result<std::vector<std::string>> SetRandMember(KvTxn& t, int db, std::string_view key,
                                               uint64_t count, bool distinct) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet, /*lock=*/false);
  if (!st.ok()) return st.status();
  if (!st->live) return std::vector<std::string>{};
  Result<std::vector<MemberEntry>> picked = SampleMembers(t, db, key, st->meta, count, distinct);
  if (!picked.ok()) return picked.status();
  return Subs(std::move(picked).value());
}

Result<bool> SetMove(KvTxn& t, int db, std::string_view src, std::string_view dst,
                     std::string_view member) {
  Result<KeyState> s = t.Load(db, src);
  if (!s.ok()) return s.status();
  Result<KeyState> d = t.Load(db, dst);
  if (!d.ok()) return d.status();
  if (!s->live) return false;
  if (s->meta.type != Type::kSet || (d->live && d->meta.type != Type::kSet)) {
    return Status::WrongType();
  }
  Operand from{src, *s};
  Result<bool> in = Contains(t, db, from, member);
  if (!in.ok() || !*in || src == dst) return in;

  Metadata sm = s->meta;
  TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, src, sm, member));
  sm.size -= 1;
  TETRADB_RETURN_IF_ERROR(sm.size == 0 ? t.Remove(db, src, *s) : t.Store(db, src, *s, sm));

  Metadata dm = d->live ? d->meta : t.NewCollection(Type::kSet);
  std::string v;
  Status got = t.GetMember(db, dst, dm, member, &v);
  if (got.IsNotFound()) {
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, dst, dm, member, ""));
    dm.size += 1;
  } else {
    TETRADB_RETURN_IF_ERROR(got);
  }
  TETRADB_RETURN_IF_ERROR(t.Store(db, dst, *d, dm));
  return true;
}

Result<std::vector<std::string>> SetCombine(KvTxn& t, int db, SetOp op,
                                            std::span<const std::string> keys) {
  return Combine(t, db, op, keys, /*lock=*/false, 0);
}

Result<int64_t> SetCombineStore(KvTxn& t, int db, SetOp op, std::string_view dest,
                                std::span<const std::string> keys) {
  Result<std::vector<std::string>> result = Combine(t, db, op, keys, /*lock=*/true, 0);
  if (!result.ok()) return result.status();
  Result<KeyState> st = t.Load(db, dest);
  if (!st.ok()) return st.status();
  if (result->empty()) {
    TETRADB_RETURN_IF_ERROR(t.Remove(db, dest, *st));
    return 0;
  }
  Metadata m = t.NewCollection(Type::kSet);
  for (const std::string& member : *result) {
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, dest, m, member, ""));
  }
  m.size = result->size();
  TETRADB_RETURN_IF_ERROR(t.Store(db, dest, *st, m));
  return static_cast<int64_t>(m.size);
}

Result<int64_t> SetInterCard(KvTxn& t, int db, std::span<const std::string> keys, uint64_t limit) {
  Result<std::vector<std::string>> result =
      Combine(t, db, SetOp::kInter, keys, /*lock=*/false, limit);
  if (!result.ok()) return result.status();
  return static_cast<int64_t>(result->size());
}

Result<SetScanPage> SetScan(KvTxn& t, int db, std::string_view key, uint64_t cursor, uint64_t count,
                            const std::optional<std::string>& match) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kSet, /*lock=*/false);
  if (!st.ok()) return st.status();
  SetScanPage out;
  if (!st->live) return out;
  Result<MemberPage> page =
      ScanMembers(t, db, key, st->meta, cursor, count, match, kIntsetMaxEntries, IsIntsetMember);
  if (!page.ok()) return page.status();
  out.members = Subs(std::move(page->entries));
  out.cursor = page->cursor;
  return out;
}

}  // namespace tetradb::kv

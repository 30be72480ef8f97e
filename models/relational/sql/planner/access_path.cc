#include "models/relational/sql/planner/access_path.h"

#include <algorithm>
#include <optional>

#include "models/relational/types/column_type.h"

namespace tetradb::rel::sql {
namespace {

// A condition on one column that a key can serve.
struct Sarg {
  enum class Kind : uint8_t { kEq, kIn, kLo, kHi };
  int column = 0;  // position in the table
  Kind kind = Kind::kEq;
  std::vector<BoundPtr> values;
  bool inclusive = true;
  int cond = 0;
};

bool IsSourceColumn(const BoundExpr& e, const TableSource& src) {
  return e.kind == BoundKind::kColumn && e.depth == 0 && e.index >= src.offset &&
         e.index < src.offset + src.width;
}

bool UsableValue(const BoundExpr& v, uint64_t self, uint64_t available, const ColumnDef& col) {
  if (v.has_aggregate || (v.tables & self) != 0 || (v.tables & ~available) != 0) return false;
  if (col.type.id == TypeId::kJson) return false;
  if (v.kind == BoundKind::kConst) return KeyValueFor(col, v.value).has_value();
  ValueClass vc = StaticClass(v);
  ValueClass cc = ClassOfKind(StorageKind(col.type));
  if (vc == ValueClass::kUnknown) return true;
  switch (cc) {
    case ValueClass::kString:
      return vc == ValueClass::kString;
    case ValueClass::kNumeric:
      return vc == ValueClass::kNumeric || vc == ValueClass::kString;
    default:
      return vc != ValueClass::kNumeric;
  }
}

void ExtractSargs(const AccessRequest& req, std::vector<Sarg>* out) {
  const TableSource& src = req.plan->sources[req.source];
  const uint64_t self = uint64_t{1} << req.source;
  const auto& conds = *req.conds;
  for (size_t i = 0; i < conds.size(); ++i) {
    const BoundExpr& c = *conds[i];
    auto column_of = [&](const BoundExpr& e) -> const ColumnDef* {
      if (!IsSourceColumn(e, src)) return nullptr;
      return &src.def->columns[e.index - src.offset];
    };
    if (c.kind == BoundKind::kBinary && c.binary_op == BinaryOp::kOr) {
      // col = a OR col = b OR ...: an IN list.
      std::vector<const BoundExpr*> leaves;
      std::vector<const BoundExpr*> stack = {&c};
      while (!stack.empty()) {
        const BoundExpr* e = stack.back();
        stack.pop_back();
        if (e->kind == BoundKind::kBinary && e->binary_op == BinaryOp::kOr) {
          stack.push_back(e->args[1].get());
          stack.push_back(e->args[0].get());
        } else {
          leaves.push_back(e);
        }
      }
      Sarg s;
      s.kind = Sarg::Kind::kIn;
      s.column = -1;
      s.cond = static_cast<int>(i);
      bool ok = true;
      for (const BoundExpr* leaf : leaves) {
        if (leaf->kind != BoundKind::kBinary || leaf->binary_op != BinaryOp::kEq) {
          ok = false;
          break;
        }
        int side = column_of(*leaf->args[0]) != nullptr ? 0 : 1;
        const ColumnDef* col = column_of(*leaf->args[side]);
        int column = col == nullptr ? -1 : leaf->args[side]->index - src.offset;
        if (col == nullptr || (s.column >= 0 && column != s.column) ||
            !UsableValue(*leaf->args[1 - side], self, req.available, *col)) {
          ok = false;
          break;
        }
        s.column = column;
        s.values.push_back(leaf->args[1 - side]);
      }
      if (ok && s.column >= 0) out->push_back(std::move(s));
      continue;
    }
    if (c.kind == BoundKind::kBinary) {
      BinaryOp op = c.binary_op;
      if (op != BinaryOp::kEq && op != BinaryOp::kLt && op != BinaryOp::kLe &&
          op != BinaryOp::kGt && op != BinaryOp::kGe) {
        continue;
      }
      const BoundExpr* col_side = c.args[0].get();
      const BoundPtr* val_side = &c.args[1];
      const ColumnDef* col = column_of(*col_side);
      if (col == nullptr || !UsableValue(**val_side, self, req.available, *col)) {
        // value op column: mirror the operator.
        col_side = c.args[1].get();
        val_side = &c.args[0];
        col = column_of(*col_side);
        if (col == nullptr || !UsableValue(**val_side, self, req.available, *col)) continue;
        if (op == BinaryOp::kLt)
          op = BinaryOp::kGt;
        else if (op == BinaryOp::kLe)
          op = BinaryOp::kGe;
        else if (op == BinaryOp::kGt)
          op = BinaryOp::kLt;
        else if (op == BinaryOp::kGe)
          op = BinaryOp::kLe;
      }
      Sarg s;
      s.column = col_side->index - src.offset;
      s.cond = static_cast<int>(i);
      s.values = {*val_side};
      switch (op) {
        case BinaryOp::kEq:
          s.kind = Sarg::Kind::kEq;
          break;
        case BinaryOp::kLt:
          s.kind = Sarg::Kind::kHi;
          s.inclusive = false;
          break;
        case BinaryOp::kLe:
          s.kind = Sarg::Kind::kHi;
          break;
        case BinaryOp::kGt:
          s.kind = Sarg::Kind::kLo;
          s.inclusive = false;
          break;
        default:
          s.kind = Sarg::Kind::kLo;
          break;
      }
      out->push_back(std::move(s));
    } else if (c.kind == BoundKind::kInList && !c.negated) {
      const ColumnDef* col = column_of(*c.args[0]);
      if (col == nullptr) continue;
      Sarg s;
      s.kind = Sarg::Kind::kIn;
      s.column = c.args[0]->index - src.offset;
      s.cond = static_cast<int>(i);
      bool ok = true;
      for (size_t a = 1; a < c.args.size() && ok; ++a) {
        // A NULL in the list never matches: it needs no lookup.
        if (c.args[a]->kind == BoundKind::kConst && c.args[a]->value.is_null()) continue;
        ok = UsableValue(*c.args[a], self, req.available, *col);
        s.values.push_back(c.args[a]);
      }
      if (ok) out->push_back(std::move(s));
    } else if (c.kind == BoundKind::kInSubquery && !c.negated && !c.quantified &&
               !c.subquery->correlated &&
               c.subquery->plan->column_names.size() == 1) {
      // col IN (uncorrelated subquery): point lookups for the subquery's
      // values (the expression itself stands for them; see access.cc).
      const ColumnDef* col = column_of(*c.args[0]);
      if (col == nullptr || col->type.id == TypeId::kJson) continue;
      out->push_back(
          {c.args[0]->index - src.offset, Sarg::Kind::kIn, {conds[i]}, true, static_cast<int>(i)});
    } else if (c.kind == BoundKind::kBetween && !c.negated) {
      const ColumnDef* col = column_of(*c.args[0]);
      if (col == nullptr) continue;
      int column = c.args[0]->index - src.offset;
      if (UsableValue(*c.args[1], self, req.available, *col)) {
        out->push_back({column, Sarg::Kind::kLo, {c.args[1]}, true, static_cast<int>(i)});
      }
      if (UsableValue(*c.args[2], self, req.available, *col)) {
        out->push_back({column, Sarg::Kind::kHi, {c.args[2]}, true, static_cast<int>(i)});
      }
    }
  }
}

struct Candidate {
  AccessPath path;
  bool valid = false;
  bool primary = false;
  size_t eq_columns = 0;
  std::vector<const Sarg*> used_sargs;
};

Candidate Evaluate(const std::vector<uint32_t>& key, const IndexDef* index, bool unique,
                   const std::vector<Sarg>& sargs) {
  Candidate cand;
  AccessPath& p = cand.path;
  p.use_key = true;
  p.index = index;
  std::vector<int> used;
  double points = 1;
  bool constant = true;
  for (uint32_t col : key) {
    const Sarg* eq = nullptr;
    const Sarg* in = nullptr;
    for (const Sarg& s : sargs) {
      if (s.column != static_cast<int>(col)) continue;
      if (s.kind == Sarg::Kind::kEq && eq == nullptr) eq = &s;
      if (s.kind == Sarg::Kind::kIn && in == nullptr) in = &s;
    }
    const Sarg* use = eq != nullptr ? eq : in;
    if (use == nullptr) break;
    p.key_eq.push_back(use->values);
    used.push_back(use->cond);
    cand.used_sargs.push_back(use);
    double alternatives = 0;
    for (const BoundPtr& v : use->values) {
      alternatives += v->kind == BoundKind::kInSubquery ? 10 : 1;
    }
    points *= std::max(1.0, alternatives);
    for (const BoundPtr& v : use->values) {
      // An IN subquery stands for its (uncorrelated) values.
      uint64_t tables = v->kind == BoundKind::kInSubquery ? 0 : v->tables;
      if (tables != 0) p.depends_on_outer = true;
      if (tables != 0) constant = false;
    }
  }
  size_t eq_count = p.key_eq.size();
  cand.eq_columns = eq_count;
  bool range = false;
  if (eq_count < key.size()) {
    for (const Sarg& s : sargs) {
      if (s.column != static_cast<int>(key[eq_count])) continue;
      if (s.kind == Sarg::Kind::kLo && p.range_lo == nullptr) {
        p.range_lo = s.values[0];
        p.lo_inclusive = s.inclusive;
      } else if (s.kind == Sarg::Kind::kHi && p.range_hi == nullptr) {
        p.range_hi = s.values[0];
        p.hi_inclusive = s.inclusive;
      } else {
        continue;
      }
      range = true;
      used.push_back(s.cond);
      cand.used_sargs.push_back(&s);
      if (s.values[0]->tables != 0) p.depends_on_outer = true;
    }
  }
  if (eq_count == 0 && !range) return cand;
  cand.valid = true;
  bool multi = points > 1;
  if (unique && eq_count == key.size()) {
    p.rows = points;
    p.type = multi ? AccessType::kRange : (constant ? AccessType::kConst : AccessType::kEqRef);
  } else if (range) {
    p.rows = points * ((p.range_lo && p.range_hi) ? 25 : 50);
    p.type = AccessType::kRange;
  } else {
    p.rows = points * std::max(2.0, 10.0 / static_cast<double>(eq_count));
    p.type = multi ? AccessType::kRange : AccessType::kRef;
  }
  // A condition is covered by the key only when nothing else narrows it.
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  p.used_conds = std::move(used);
  return cand;
}

// The conditions the key decides exactly (AccessPath::exact_conds): a
// comparison or BETWEEN all of whose bounds the key took, on an integer
// column, where a key bound converted exactly (KeyValueFor) admits exactly
// the rows the condition admits. Strings compare under collations and
// temporal and decimal keys convert their bounds, so their conditions stay
// checked. ReadAccessPath still decides per execution whether the bound
// values allow the skip.
void MarkExactConds(const std::vector<BoundPtr>& conds, const TableDef& def,
                    const std::vector<const Sarg*>& used, AccessPath* path) {
  for (size_t i = 0; i < conds.size(); ++i) {
    const BoundExpr& c = *conds[i];
    int bounds = 0;
    if (c.kind == BoundKind::kBetween && !c.negated) bounds = 2;
    if (c.kind == BoundKind::kBinary && c.binary_op != BinaryOp::kOr) bounds = 1;
    int taken = 0;
    bool integer = true;
    for (const Sarg* s : used) {
      if (s->cond != static_cast<int>(i)) continue;
      ++taken;
      integer = integer && s->kind != Sarg::Kind::kIn &&
                IsIntegerType(def.columns[static_cast<size_t>(s->column)].type.id);
    }
    if (bounds > 0 && taken == bounds && integer) path->exact_conds.push_back(static_cast<int>(i));
  }
}

bool Better(const Candidate& a, const Candidate& b) {
  if (!b.valid) return a.valid;
  if (!a.valid) return false;
  if (a.path.rows != b.path.rows) return a.path.rows < b.path.rows;
  if (a.primary != b.primary) return a.primary;
  return a.eq_columns > b.eq_columns;
}

int ColumnBytes(const ColumnDef& c) {
  const ColumnType& t = c.type;
  int n = 0;
  switch (t.id) {
    case TypeId::kTinyInt:
      n = 1;
      break;
    case TypeId::kSmallInt:
      n = 2;
      break;
    case TypeId::kMediumInt:
      n = 3;
      break;
    case TypeId::kInt:
      n = 4;
      break;
    case TypeId::kBigInt:
      n = 8;
      break;
    case TypeId::kFloat:
      n = 4;
      break;
    case TypeId::kDouble:
      n = 8;
      break;
    case TypeId::kDecimal: {
      static const int kLeft[] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
      auto bytes = [](int digits) { return digits / 9 * 4 + kLeft[digits % 9]; };
      n = bytes(t.precision - t.scale) + bytes(t.scale);
      break;
    }
    case TypeId::kChar:
      n = 4 * static_cast<int>(t.length);
      break;
    case TypeId::kVarChar:
      n = 4 * static_cast<int>(t.length) + 2;
      break;
    case TypeId::kDate:
      n = 3;
      break;
    case TypeId::kDateTime:
      n = 5 + (t.fsp + 1) / 2;
      break;
    case TypeId::kTimestamp:
      n = 4 + (t.fsp + 1) / 2;
      break;
    case TypeId::kEnum:
      n = t.enum_values.size() > 255 ? 2 : 1;
      break;
    default:
      n = 767 * 4 / 4 + 2;
      break;
  }
  return n + (c.nullable ? 1 : 0);
}

}  // namespace

const char* AccessTypeName(AccessType t) {
  switch (t) {
    case AccessType::kConst:
      return "const";
    case AccessType::kEqRef:
      return "eq_ref";
    case AccessType::kRef:
      return "ref";
    case AccessType::kRange:
      return "range";
    case AccessType::kIndex:
      return "index";
    case AccessType::kAll:
      return "ALL";
  }
  return "ALL";
}

std::string AccessPath::KeyName() const {
  if (index != nullptr) return index->name;
  if (use_key || type == AccessType::kIndex) return "PRIMARY";
  return "";
}

ValueClass ClassOfKind(ValueKind kind) {
  switch (kind) {
    case ValueKind::kInt:
    case ValueKind::kUInt:
    case ValueKind::kDouble:
    case ValueKind::kDecimal:
      return ValueClass::kNumeric;
    case ValueKind::kString:
      return ValueClass::kString;
    case ValueKind::kDate:
      return ValueClass::kDate;
    case ValueKind::kDateTime:
      return ValueClass::kDateTime;
    default:
      return ValueClass::kUnknown;
  }
}

ValueClass StaticClass(const BoundExpr& e) {
  if (e.kind == BoundKind::kConst) return ClassOfKind(e.value.kind());
  if (e.kind == BoundKind::kColumn && e.column != nullptr) {
    if (e.column->type.id == TypeId::kJson) return ValueClass::kUnknown;
    return ClassOfKind(StorageKind(e.column->type));
  }
  return ValueClass::kUnknown;
}

std::optional<Value> KeyValueFor(const ColumnDef& col, const Value& v) {
  if (v.is_null() || col.type.id == TypeId::kJson) return std::nullopt;
  ValueClass cc = ClassOfKind(StorageKind(col.type));
  ValueClass vc = ClassOfKind(v.kind());
  switch (cc) {
    case ValueClass::kString:
      if (vc != ValueClass::kString) return std::nullopt;
      break;
    case ValueClass::kNumeric:
      if (vc != ValueClass::kNumeric && vc != ValueClass::kString) return std::nullopt;
      break;
    case ValueClass::kDate:
    case ValueClass::kDateTime:
      if (vc == ValueClass::kNumeric || vc == ValueClass::kUnknown) return std::nullopt;
      break;
    default:
      return std::nullopt;
  }
  auto stored = StoreValue(col.type, v, col.name, 0);
  if (!stored.ok() || stored->is_null()) return std::nullopt;
  if (Compare(*stored, v) != 0) return std::nullopt;
  return std::move(stored).value();
}

AccessPath ChooseAccessPath(const AccessRequest& req, std::vector<std::string>* possible_keys) {
  const TableSource& src = req.plan->sources[req.source];
  AccessPath all;
  all.type = AccessType::kAll;
  all.rows = 1000;
  if (src.def == nullptr || req.conds == nullptr) return all;
  std::vector<Sarg> sargs;
  ExtractSargs(req, &sargs);
  if (sargs.empty()) return all;
  const TableDef& def = *src.def;
  auto first_sargable = [&](const std::vector<uint32_t>& key) {
    for (const Sarg& s : sargs) {
      if (!key.empty() && s.column == static_cast<int>(key[0])) return true;
    }
    return false;
  };
  Candidate best;
  if (!def.primary_key.empty()) {
    Candidate c = Evaluate(def.primary_key, nullptr, true, sargs);
    c.primary = true;
    if (c.valid && possible_keys) possible_keys->push_back("PRIMARY");
    if (Better(c, best)) best = std::move(c);
  }
  for (const IndexDef& idx : def.indexes) {
    if (!first_sargable(idx.columns)) continue;
    Candidate c = Evaluate(idx.columns, &idx, idx.unique, sargs);
    if (c.valid && possible_keys) possible_keys->push_back(idx.name);
    if (Better(c, best)) best = std::move(c);
  }
  if (!best.valid) return all;
  MarkExactConds(*req.conds, def, best.used_sargs, &best.path);
  return std::move(best.path);
}

bool UseIndexOrder(const TableSource& source, const std::vector<SortKey>& order, bool has_limit,
                   AccessPath* path) {
  if (source.def == nullptr || order.empty()) return false;
  std::vector<uint32_t> cols;
  bool desc = order[0].desc;
  for (const SortKey& k : order) {
    // Keys hold an ENUM's string, not its position: their order is not the
    // ENUM's sort order.
    if (!IsSourceColumn(*k.expr, source) || k.desc != desc || k.enum_values != nullptr) {
      return false;
    }
    cols.push_back(static_cast<uint32_t>(k.expr->index - source.offset));
  }
  auto matches = [&](const std::vector<uint32_t>& key, size_t skip) {
    if (skip + cols.size() > key.size()) return false;
    return std::equal(cols.begin(), cols.end(), key.begin() + static_cast<long>(skip));
  };
  const TableDef& def = *source.def;
  if (path->use_key) {
    for (const auto& alts : path->key_eq) {
      if (alts.size() != 1) return false;
    }
    const auto& key = path->index != nullptr ? path->index->columns : def.primary_key;
    if (!matches(key, path->key_eq.size())) return false;
    path->reverse = desc;
    return true;
  }
  if (!def.primary_key.empty() && matches(def.primary_key, 0)) {
    path->type = AccessType::kIndex;
    path->reverse = desc;
    return true;
  }
  if (!has_limit) return false;
  for (const IndexDef& idx : def.indexes) {
    if (!matches(idx.columns, 0)) continue;
    path->use_key = true;
    path->index = &idx;
    path->type = AccessType::kIndex;
    path->reverse = desc;
    return true;
  }
  return false;
}

namespace {

// A step reads its rows sorted by `sequence`, all of them sharing the values
// of `fixed` (constants, or for a later step the current rows of the earlier
// ones): the columns after the equality prefix of the key it reads, then the
// primary key that ends every non-unique index entry. nullopt when its order
// is not known (a derived table, a hidden primary key, IN lists, a reverse
// or cached read).
struct StepOrder {
  std::vector<uint32_t> fixed;
  std::vector<uint32_t> sequence;
};

std::optional<StepOrder> OrderOfStep(const JoinStep& step, const TableSource& src) {
  if (src.def == nullptr || src.def->primary_key.empty()) return std::nullopt;
  const AccessPath& path = step.access;
  if (step.cache_rows || path.reverse) return std::nullopt;
  const TableDef& def = *src.def;
  StepOrder o;
  if (!path.use_key) {
    o.sequence = def.primary_key;
    return o;
  }
  for (const auto& alts : path.key_eq) {
    if (alts.size() != 1) return std::nullopt;
  }
  const std::vector<uint32_t>& key = path.index != nullptr ? path.index->columns : def.primary_key;
  const auto split = key.begin() + static_cast<long>(std::min(path.key_eq.size(), key.size()));
  o.fixed.assign(key.begin(), split);
  o.sequence.assign(split, key.end());
  if (path.index != nullptr && !path.index->unique) {
    o.sequence.insert(o.sequence.end(), def.primary_key.begin(), def.primary_key.end());
  }
  return o;
}

}  // namespace

// ORDER BY keys are consumed step by step: a step's keys must follow its
// sequence (skipping columns that are fixed or already ordered), and only
// once the step's whole primary key is known (one row per combination of
// the earlier steps' rows) may keys of a later step follow. Keys over an
// earlier step are constant by then and skipped. Ascending keys only.
bool NestedLoopGivesOrder(const SelectPlan& plan) {
  const std::vector<SortKey>& order = plan.order_by;
  std::vector<int> step_of(plan.sources.size(), -1);
  for (size_t k = 0; k < plan.steps.size(); ++k) {
    step_of[static_cast<size_t>(plan.steps[k].source)] = static_cast<int>(k);
  }
  auto step_of_key = [&](const SortKey& sk) {
    for (size_t s = 0; s < plan.sources.size(); ++s) {
      if (IsSourceColumn(*sk.expr, plan.sources[s])) return step_of[s];
    }
    return -1;
  };
  auto has = [](const std::vector<uint32_t>& v, uint32_t c) {
    return std::find(v.begin(), v.end(), c) != v.end();
  };
  size_t key = 0;
  for (size_t k = 0; k < plan.steps.size() && key < order.size(); ++k) {
    const JoinStep& step = plan.steps[k];
    // An outer join group of more than one source NULL-extends several
    // steps at once; keep to plain nested loops.
    if (step.group_end >= 0 && step.group_end != static_cast<int>(k)) return false;
    const TableSource& src = plan.sources[static_cast<size_t>(step.source)];
    std::optional<StepOrder> o = OrderOfStep(step, src);
    if (!o) return false;
    std::vector<uint32_t> known = o->fixed;
    size_t next = 0;
    for (; key < order.size(); ++key) {
      const SortKey& sk = order[key];
      if (sk.desc || sk.enum_values != nullptr) return false;
      const int at = step_of_key(sk);
      if (at < 0) return false;
      if (at < static_cast<int>(k)) continue;
      if (at > static_cast<int>(k)) break;
      const auto col = static_cast<uint32_t>(sk.expr->index - src.offset);
      if (has(known, col)) continue;
      while (next < o->sequence.size() && has(known, o->sequence[next])) ++next;
      if (next == o->sequence.size() || o->sequence[next] != col) return false;
      known.push_back(col);
      ++next;
    }
    if (key == order.size()) return true;
    for (uint32_t pk : src.def->primary_key) {
      if (!has(known, pk)) return false;
    }
  }
  return key == order.size();
}

int KeyLength(const TableDef& table, const std::vector<uint32_t>& columns, size_t parts) {
  int n = 0;
  for (size_t i = 0; i < parts && i < columns.size(); ++i) {
    n += ColumnBytes(table.columns[columns[i]]);
  }
  return n;
}

bool IndexCovers(const SelectPlan& plan, const TableSource& source, const AccessPath& path) {
  if (source.def == nullptr || !path.use_key || path.index == nullptr) return false;
  const std::vector<uint32_t>& index = path.index->columns;
  const std::vector<uint32_t>& pk = source.def->primary_key;
  for (int i = 0; i < source.width; ++i) {
    if (!plan.used_slots[source.offset + i]) continue;
    const uint32_t c = static_cast<uint32_t>(i);
    if (std::find(index.begin(), index.end(), c) == index.end() &&
        std::find(pk.begin(), pk.end(), c) == pk.end()) {
      return false;
    }
  }
  return true;
}

namespace {

// Whether a key component of this type decodes to the very value the row
// holds. Not FLOAT/DOUBLE (keys make -0 and 0 one), nor ENUM, JSON, TEXT
// and BLOB, whose row form differs or which are not worth the risk.
bool DecodesExactlyFromKey(const ColumnType& type) {
  switch (type.id) {
    case TypeId::kDecimal:
    case TypeId::kDate:
    case TypeId::kDateTime:
    case TypeId::kTimestamp:
    case TypeId::kChar:
    case TypeId::kVarChar:
      return true;
    default:
      return IsIntegerType(type.id);
  }
}

}  // namespace

void MarkIndexOnly(SelectPlan* plan) {
  if (plan->lock != LockMode::kNone) return;
  for (JoinStep& step : plan->steps) {
    AccessPath& path = step.access;
    const TableSource& source = plan->sources[step.source];
    if (!IndexCovers(*plan, source, path) || source.def->primary_key.empty()) continue;
    bool exact = true;
    for (int i = 0; i < source.width && exact; ++i) {
      if (plan->used_slots[source.offset + i]) {
        exact = DecodesExactlyFromKey(source.def->columns[static_cast<size_t>(i)].type);
      }
    }
    path.index_only = exact;
  }
}

}  // namespace tetradb::rel::sql

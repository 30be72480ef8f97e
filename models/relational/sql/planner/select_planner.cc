// Query blocks: FROM sources, select list, WHERE/ON, GROUP BY, HAVING,
// ORDER BY, LIMIT, and UNION chains. Join order and access paths are
// join_planner.cc's.
#include <fmt/format.h>
#include <strings.h>

#include <algorithm>
#include <unordered_set>

#include "models/relational/sql/planner/planner.h"
#include "models/relational/types/column_type.h"

namespace tetradb::rel::sql {
namespace {

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

SqlError NotUniqueAlias(std::string_view alias) {
  return SqlError{1066, "42000", fmt::format("Not unique table/alias: '{}'", alias)};
}

// ORDER BY 2 / GROUP BY 2: a position in the select list.
std::optional<int64_t> Position(const Expr& e) {
  if (e.kind != ExprKind::kLiteral) return std::nullopt;
  if (e.literal.kind() == ValueKind::kInt) return e.literal.int_value();
  if (e.literal.kind() == ValueKind::kUInt) return static_cast<int64_t>(e.literal.uint_value());
  return std::nullopt;
}

BoundPtr ColumnRef(const TableSource& src, int source_index, size_t c) {
  auto b = std::make_shared<BoundExpr>();
  b->kind = BoundKind::kColumn;
  b->index = src.offset + static_cast<int>(c);
  b->tables = uint64_t{1} << source_index;
  if (src.def != nullptr) b->column = &src.def->columns[c];
  return b;
}

}  // namespace

SqlResult<std::shared_ptr<QueryPlan>> Planner::PlanQuery(const SelectStmt& select,
                                                         const Scope* outer, bool for_update) {
  CteScopeGuard cte_scope(this);
  if (select.with != nullptr) TETRADB_SQL_RETURN_IF_ERROR(EnterWith(*select.with, outer));
  auto query = std::make_shared<QueryPlan>();
  TETRADB_SQL_ASSIGN_OR_RETURN(auto first, PlanSelect(select, outer, for_update));
  query->column_names = first->column_names;
  query->correlated = first->correlated;
  query->parts.push_back(std::move(first));
  for (const auto& [all, part_stmt] : select.unions) {
    TETRADB_SQL_ASSIGN_OR_RETURN(auto part, PlanMember(*part_stmt, outer, for_update));
    if (part->projection.size() != query->column_names.size()) return err::UnionColumnCount();
    query->correlated |= part->correlated;
    query->union_all.push_back(all);
    query->parts.push_back(std::move(part));
  }
  if (!select.unions.empty()) {
    Scope scope;
    scope.outer = outer;
    scope.union_columns = &query->column_names;
    BindOptions opt;
    opt.clause = "order clause";
    for (const OrderItem& item : select.union_order_by) {
      SortKey key;
      key.desc = item.desc;
      if (auto pos = Position(*item.expr)) {
        if (*pos < 1 || *pos > static_cast<int64_t>(query->column_names.size())) {
          return err::UnknownColumn(std::to_string(*pos), "order clause");
        }
        auto b = std::make_shared<BoundExpr>();
        b->kind = BoundKind::kColumn;
        b->index = static_cast<int>(*pos - 1);
        key.expr = b;
      } else {
        TETRADB_SQL_ASSIGN_OR_RETURN(key.expr, Bind(*item.expr, scope, opt));
      }
      query->order_by.push_back(std::move(key));
    }
    query->limit = select.union_limit.get();
    query->offset = select.union_offset.get();
  }
  return query;
}

SqlStatus Planner::AddSources(const SelectStmt& select, const Scope* outer, SelectPlan* plan) {
  int offset = 0;
  for (size_t i = 0; i < select.from.size(); ++i) {
    const TableRef& ref = select.from[i];
    TableSource src;
    src.join = ref.join;
    if (ref.derived != nullptr) {
      // A derived table cannot see the sources of its own FROM clause, only
      // the enclosing blocks.
      TETRADB_SQL_ASSIGN_OR_RETURN(src.derived, PlanQuery(*ref.derived, outer, false));
      src.alias = ref.alias;
      src.columns = src.derived->column_names;
      for (size_t a = 0; a < src.columns.size(); ++a) {
        for (size_t b = a + 1; b < src.columns.size(); ++b) {
          if (EqualsNoCase(src.columns[a], src.columns[b])) {
            return err::DuplicateColumn(src.columns[a]);
          }
        }
      }
      if (src.derived->correlated) plan->correlated = true;
      auto ref_holder = std::make_shared<SubqueryRef>();
      ref_holder->plan = src.derived;
      plan->subqueries.push_back(ref_holder);
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(bool is_cte, AddCteSource(select, i, outer, plan, &src));
      if (!is_cte) {
        src.def = ctx_->db->catalog().Find(ref.name);
        if (src.def == nullptr) return err::NoSuchTable(ref.name);
        src.name = ref.name;
        src.alias = ref.alias.empty() ? ref.name : ref.alias;
        for (const ColumnDef& c : src.def->columns) src.columns.push_back(c.name);
      }
    }
    for (const TableSource& other : plan->sources) {
      if (other.alias == src.alias) return NotUniqueAlias(src.alias);
    }
    src.hidden.assign(src.columns.size(), false);
    src.offset = offset;
    src.width = static_cast<int>(src.columns.size());
    offset += src.width;
    plan->sources.push_back(std::move(src));
  }
  plan->width = offset;
  if (plan->sources.size() > 64) return err::NotSupported("more than 64 tables in a join");
  return SqlStatus::Ok();
}

SqlStatus Planner::BindSelectItems(const SelectStmt& select, Scope& scope,
                                   std::vector<SelectItemName>* items) {
  SelectPlan* plan = scope.plan;
  BindOptions opt;
  opt.clause = "field list";
  opt.allow_aggregates = true;
  opt.allow_windows = true;
  for (const SelectItem& item : select.items) {
    const Expr& e = *item.expr;
    if (e.kind == ExprKind::kStar) {
      if (plan->sources.empty()) return SqlError{1096, "HY000", "No tables used"};
      if (e.table.empty() && plan->coalesced_star) {
        for (const StarColumn& col : plan->star_columns) {
          const TableSource& src = plan->sources[col.source];
          BoundPtr b = ColumnRef(src, col.source, static_cast<size_t>(col.column));
          plan->used_slots[b->index] = true;
          plan->projection.push_back(b);
          plan->column_names.push_back(src.columns[col.column]);
          items->push_back({"", b});
        }
        continue;
      }
      bool found = false;
      for (size_t s = 0; s < plan->sources.size(); ++s) {
        const TableSource& src = plan->sources[s];
        if (!e.table.empty() && src.alias != e.table) continue;
        found = true;
        for (size_t c = 0; c < src.columns.size(); ++c) {
          if (e.table.empty() && src.hidden[c]) continue;
          BoundPtr b = ColumnRef(src, static_cast<int>(s), c);
          plan->used_slots[b->index] = true;
          plan->projection.push_back(b);
          plan->column_names.push_back(src.columns[c]);
          items->push_back({"", b});
        }
      }
      // MySQL names the qualifier without the database here.
      if (!found) return SqlError{1051, "42S02", fmt::format("Unknown table '{}'", e.table)};
      continue;
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, Bind(e, scope, opt));
    // MySQL names an item by its alias, a bare column by the column name as
    // written (without qualifier), anything else by its text.
    std::string name = item.alias;
    if (name.empty()) name = e.kind == ExprKind::kColumn ? e.name : e.text;
    if (name.empty()) name = e.name;
    plan->projection.push_back(b);
    plan->column_names.push_back(name);
    items->push_back({item.alias, b});
  }
  return SqlStatus::Ok();
}

SqlResult<BoundPtr> Planner::BindOrderItem(const OrderItem& item, Scope& scope,
                                           const std::vector<SelectItemName>& items,
                                           bool aggregated_ok) {
  if (auto pos = Position(*item.expr)) {
    if (*pos < 1 || *pos > static_cast<int64_t>(items.size())) {
      return err::UnknownColumn(std::to_string(*pos), "order clause");
    }
    return items[*pos - 1].expr;
  }
  BindOptions opt;
  opt.clause = "order clause";
  opt.allow_aggregates = aggregated_ok;
  opt.allow_windows = aggregated_ok;
  opt.aliases = AliasMode::kFirst;
  opt.items = &items;
  return Bind(*item.expr, scope, opt);
}

SqlResult<std::unique_ptr<SelectPlan>> Planner::PlanSelect(const SelectStmt& select,
                                                           const Scope* outer, bool for_update) {
  auto plan = std::make_unique<SelectPlan>();
  plan->stmt = &select;
  plan->lock = (select.for_update || for_update) ? LockMode::kForUpdate : LockMode::kNone;
  TETRADB_SQL_RETURN_IF_ERROR(AddSources(select, outer, plan.get()));
  plan->used_slots.assign(plan->width, false);
  Scope scope;
  scope.outer = outer;
  scope.plan = plan.get();

  // USING / NATURAL first: they hide one copy of each join column from
  // unqualified names (and from SELECT *).
  std::vector<std::vector<BoundPtr>> on_conds(plan->sources.size());
  TETRADB_SQL_RETURN_IF_ERROR(BindJoinColumns(select, plan.get(), &on_conds));

  TETRADB_SQL_RETURN_IF_ERROR(BindNamedWindows(select, scope));
  std::vector<SelectItemName> items;
  TETRADB_SQL_RETURN_IF_ERROR(BindSelectItems(select, scope, &items));

  // ON, each seeing the sources up to its own.
  for (size_t i = 0; i < select.from.size(); ++i) {
    const TableRef& ref = select.from[i];
    if (ref.on != nullptr) {
      Scope on_scope;
      on_scope.outer = outer;
      on_scope.plan = plan.get();
      on_scope.visible = static_cast<int>(i + 1);
      BindOptions opt;
      opt.clause = "on clause";
      TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr on, Bind(*ref.on, on_scope, opt));
      SplitConjuncts(on, &on_conds[i]);
    }
  }

  std::vector<BoundPtr> where;
  if (select.where != nullptr) {
    BindOptions opt;
    opt.clause = "where clause";
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr w, Bind(*select.where, scope, opt));
    SplitConjuncts(w, &where);
  }

  for (const ExprPtr& g : select.group_by) {
    if (auto pos = Position(*g)) {
      if (*pos < 1 || *pos > static_cast<int64_t>(items.size())) {
        return err::UnknownColumn(std::to_string(*pos), "group statement");
      }
      const BoundPtr& item = items[*pos - 1].expr;
      if (item->has_window) {
        return SqlError{3594, "HY000",
                        fmt::format("You cannot use the alias '{}' of an expression containing a "
                                    "window function in this context.'",
                                    plan->column_names[*pos - 1])};
      }
      if (item->has_aggregate) {
        return SqlError{1056, "42000",
                        fmt::format("Can't group on '{}'", plan->column_names[*pos - 1])};
      }
      plan->group_by.push_back(item);
      continue;
    }
    BindOptions opt;
    opt.clause = "group statement";
    opt.aliases = AliasMode::kAfter;
    opt.items = &items;
    opt.grouping = true;
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, Bind(*g, scope, opt));
    plan->group_by.push_back(std::move(b));
  }

  if (select.having != nullptr) {
    BindOptions opt;
    opt.clause = "having clause";
    opt.allow_aggregates = true;
    opt.aliases = AliasMode::kAfter;
    opt.items = &items;
    TETRADB_SQL_ASSIGN_OR_RETURN(plan->having, Bind(*select.having, scope, opt));
  }

  std::vector<std::pair<int, BoundPtr>> order_keys;  // for ONLY_FULL_GROUP_BY
  int order_position = 0;
  for (const OrderItem& item : select.order_by) {
    ++order_position;
    // ORDER BY NULL: no ordering (MySQL's idiom to skip a sort).
    if (item.expr->kind == ExprKind::kLiteral && item.expr->literal.is_null()) continue;
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, BindOrderItem(item, scope, items, true));
    if (b->kind == BoundKind::kConst) continue;
    order_keys.emplace_back(order_position, b);
    const auto* enum_values = EnumSortValues(*plan, *b);
    plan->order_by.push_back({std::move(b), item.desc, enum_values});
  }

  plan->aggregated = !plan->group_by.empty() || !plan->aggregates.empty();
  if (plan->aggregated && OnlyFullGroupBy(*ctx_)) {
    std::vector<BoundPtr> equalities = where;
    for (size_t i = 0; i < on_conds.size(); ++i) {
      const JoinType join = plan->sources[i].join;
      if (join == JoinType::kLeft || join == JoinType::kRight) continue;
      equalities.insert(equalities.end(), on_conds[i].begin(), on_conds[i].end());
    }
    TETRADB_SQL_RETURN_IF_ERROR(CheckFullGroupBy(*plan, equalities, order_keys));
  }
  if (select.with_rollup) TETRADB_SQL_RETURN_IF_ERROR(PlanRollup(plan.get()));
  plan->distinct = select.distinct;
  plan->limit = select.limit.get();
  plan->offset = select.offset.get();
  TETRADB_SQL_RETURN_IF_ERROR(PlanJoins(plan.get(), std::move(where), std::move(on_conds)));
  return plan;
}

SqlResult<std::unique_ptr<SelectPlan>> Planner::PlanSingleTable(
    std::shared_ptr<const TableDef> table, const std::string& alias, const Expr* where,
    const std::vector<OrderItem>& order, LockMode lock) {
  auto plan = std::make_unique<SelectPlan>();
  plan->lock = lock;
  TableSource src;
  src.name = table->name;
  src.alias = alias.empty() ? table->name : alias;
  for (const ColumnDef& c : table->columns) src.columns.push_back(c.name);
  src.hidden.assign(src.columns.size(), false);
  src.width = static_cast<int>(src.columns.size());
  src.def = std::move(table);
  plan->width = src.width;
  plan->sources.push_back(std::move(src));
  plan->used_slots.assign(plan->width, true);
  Scope scope;
  scope.plan = plan.get();
  std::vector<BoundPtr> conds;
  if (where != nullptr) {
    BindOptions opt;
    opt.clause = "where clause";
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr w, Bind(*where, scope, opt));
    SplitConjuncts(w, &conds);
  }
  std::vector<SelectItemName> no_items;
  for (const OrderItem& item : order) {
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, BindOrderItem(item, scope, no_items, false));
    const auto* enum_values = EnumSortValues(*plan, *b);
    plan->order_by.push_back({std::move(b), item.desc, enum_values});
  }
  TETRADB_SQL_RETURN_IF_ERROR(PlanJoins(plan.get(), std::move(conds), {{}}));
  return plan;
}

const std::vector<std::string>* EnumSortValues(const SelectPlan& plan, const BoundExpr& e) {
  if (e.kind != BoundKind::kColumn || e.depth != 0) return nullptr;
  for (const TableSource& src : plan.sources) {
    if (e.index < src.offset || e.index >= src.offset + src.width) continue;
    size_t c = static_cast<size_t>(e.index - src.offset);
    if (src.def != nullptr) {
      const ColumnType& type = src.def->columns[c].type;
      return type.id == TypeId::kEnum ? &type.enum_values : nullptr;
    }
    // A derived table's column keeps the type of what it selects; a UNION's
    // columns are strings.
    if (src.derived != nullptr && src.derived->parts.size() == 1) {
      const SelectPlan& inner = *src.derived->parts[0];
      if (c < inner.projection.size()) return EnumSortValues(inner, *inner.projection[c]);
    }
    return nullptr;
  }
  return nullptr;
}

namespace {

// A block and how many CTE definitions it is inside: MySQL numbers the
// query a WITH precedes before the CTEs' blocks, though they come first in
// the text.
struct Block {
  SelectPlan* plan;
  int cte_depth;
};

void CollectBlocks(QueryPlan* q, int cte_depth, std::unordered_set<const QueryPlan*>* seen,
                   std::vector<Block>* out);

void CollectInner(SelectPlan* part, int cte_depth, std::unordered_set<const QueryPlan*>* seen,
                  std::vector<Block>* out) {
  for (auto& sub : part->subqueries) {
    bool cte = false;
    for (const TableSource& s : part->sources) cte |= s.cte && s.derived == sub->plan;
    CollectBlocks(sub->plan.get(), cte_depth + (cte ? 1 : 0), seen, out);
  }
}

void CollectBlocks(QueryPlan* q, int cte_depth, std::unordered_set<const QueryPlan*>* seen,
                   std::vector<Block>* out) {
  if (!seen->insert(q).second) return;  // a CTE's plan, shared by its references
  for (auto& part : q->parts) {
    out->push_back({part.get(), cte_depth});
    CollectInner(part.get(), cte_depth, seen, out);
  }
}

void Number(std::vector<Block>* blocks, int first) {
  std::stable_sort(blocks->begin(), blocks->end(), [](const Block& a, const Block& b) {
    if (a.cte_depth != b.cte_depth) return a.cte_depth < b.cte_depth;
    size_t pa = a.plan->stmt ? a.plan->stmt->pos : 0, pb = b.plan->stmt ? b.plan->stmt->pos : 0;
    return pa < pb;
  });
  for (size_t i = 0; i < blocks->size(); ++i) (*blocks)[i].plan->id = first + static_cast<int>(i);
}

}  // namespace

void Planner::NumberBlocks(QueryPlan* plan) {
  std::vector<Block> blocks;
  std::unordered_set<const QueryPlan*> seen;
  CollectBlocks(plan, 0, &seen, &blocks);
  Number(&blocks, 1);
}

void Planner::NumberBlocks(SelectPlan* root) {
  root->id = 1;
  std::vector<Block> blocks;
  std::unordered_set<const QueryPlan*> seen;
  CollectInner(root, 0, &seen, &blocks);
  Number(&blocks, 2);
}

}  // namespace tetradb::rel::sql

// Turns syntax trees into plans: binds names (binder.cc), plans query blocks
// (select_planner.cc), orders joins and picks access paths (join_planner.cc,
// access_path.cc). A Planner serves one statement: the plans it returns
// refer to the table definitions it looked up and live no longer than that
// statement.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/relational/sql/execution/executor.h"
#include "models/relational/sql/parser/ast.h"
#include "models/relational/sql/planner/bound_expr.h"
#include "models/relational/sql/planner/plan.h"

namespace tetradb::rel::sql {

// Names visible while binding one query block; `outer` is the enclosing
// block (correlated subqueries), or null.
struct Scope {
  const Scope* outer = nullptr;
  SelectPlan* plan = nullptr;
  // Only the first `visible` sources may be named (ON sees the tables to its
  // left); -1: all.
  int visible = -1;
  // ORDER BY after a UNION names the union's result columns.
  const std::vector<std::string>* union_columns = nullptr;
  // Sources of this block that subqueries being bound refer to (gathered
  // while binding a subquery: they decide where its condition may run).
  mutable uint64_t referenced_from_inner = 0;
};

enum class AliasMode : uint8_t {
  kNone,   // WHERE, ON, select list: select aliases are not names
  kFirst,  // ORDER BY: a select alias wins over a column
  kAfter,  // GROUP BY, HAVING: columns first, then select aliases
};

struct SelectItemName {
  std::string alias;  // "" if the item has none
  BoundPtr expr;
};

struct BindOptions {
  const char* clause = "field list";  // for 1054/1052 messages
  bool allow_aggregates = false;
  AliasMode aliases = AliasMode::kNone;
  const std::vector<SelectItemName>* items = nullptr;
  bool grouping = false;      // GROUP BY: an alias of an aggregate is 1056
  bool allow_values = false;  // ON DUPLICATE KEY UPDATE: VALUES(col)
  bool in_aggregate = false;  // inside an aggregate's arguments
  // Window functions: allowed in a query block's select list and ORDER BY
  // only (3593 elsewhere, inside aggregates and other window functions too).
  bool allow_windows = false;
  bool in_window = false;  // inside a window function's arguments
  // Binding the PARTITION BY / ORDER BY of this window: a window function
  // there is 3595.
  const std::string* window_spec = nullptr;
};

// A common table expression in scope while planning (cte.cc). Bindings form
// a chain from the innermost WITH outwards; within one WITH a CTE sees the
// ones before it (and itself, under RECURSIVE, through `work`).
struct CteBinding {
  CteBinding* prev = nullptr;
  const CommonTableExpr* cte = nullptr;
  bool recursive_with = false;   // declared under WITH RECURSIVE
  const Scope* outer = nullptr;  // scope around the query expression the WITH precedes
  // Planned at its first reference and shared by the others.
  std::shared_ptr<QueryPlan> plan;
  bool planning = false;
  // While its recursive members are planned: the table they read, the
  // member being planned and how often its FROM named the CTE.
  std::shared_ptr<CteWorkTable> work;
  const SelectStmt* recursive_block = nullptr;
  int references = 0;
};

class Planner {
 public:
  explicit Planner(ExecContext* ctx) : ctx_(ctx) {}

  // A whole SELECT (with its UNION chain) at the top level or as a
  // subquery / derived table of `outer`.
  SqlResult<std::shared_ptr<QueryPlan>> PlanQuery(const SelectStmt& select, const Scope* outer,
                                                  bool for_update);

  // UPDATE / DELETE: the one target table as source 0 (alias as written),
  // its WHERE filter and an access path; ORDER BY bound over the table.
  // The plan has no projection: callers read the joined row (= the table row).
  SqlResult<std::unique_ptr<SelectPlan>> PlanSingleTable(std::shared_ptr<const TableDef> table,
                                                         const std::string& alias,
                                                         const Expr* where,
                                                         const std::vector<OrderItem>& order,
                                                         LockMode lock);

  // Binds an expression in `scope` (DML assignments, INSERT values).
  SqlResult<BoundPtr> Bind(const Expr& expr, const Scope& scope, const BindOptions& options);

  // Assigns EXPLAIN ids in textual order to every block under `plan`.
  static void NumberBlocks(QueryPlan* plan);
  // The same for a single-table UPDATE / DELETE plan (id 1) and its subqueries.
  static void NumberBlocks(SelectPlan* root);

  // Makes the CTEs of `with` visible to everything planned afterwards by
  // this planner (WITH ... UPDATE / DELETE); `outer` is the scope around
  // the statement (null at the top). 1066 for a name defined twice.
  SqlStatus EnterWith(const WithClause& with, const Scope* outer);
  // The CTE `name` refers to where planning stands, or null.
  const CteBinding* FindCte(std::string_view name) const;

  ExecContext* ctx() { return ctx_; }

 private:
  SqlResult<std::unique_ptr<SelectPlan>> PlanSelect(const SelectStmt& select, const Scope* outer,
                                                    bool for_update);
  SqlStatus AddSources(const SelectStmt& select, const Scope* outer, SelectPlan* plan);
  SqlStatus BindSelectItems(const SelectStmt& select, Scope& scope,
                            std::vector<SelectItemName>* items);
  // join_columns.cc: the equalities of JOIN ... USING and NATURAL JOIN
  // (into on_conds[i] for source i), the columns they hide from unqualified
  // names, and plan->star_columns.
  SqlStatus BindJoinColumns(const SelectStmt& select, SelectPlan* plan,
                            std::vector<std::vector<BoundPtr>>* on_conds);
  SqlStatus PlanJoins(SelectPlan* plan, std::vector<BoundPtr> where_conds,
                      std::vector<std::vector<BoundPtr>> on_conds);
  SqlResult<BoundPtr> BindOrderItem(const OrderItem& item, Scope& scope,
                                    const std::vector<SelectItemName>& items, bool aggregated_ok);

  // binder.cc
  SqlResult<BoundPtr> BindColumn(const Expr& e, const Scope& scope, const BindOptions& options);
  SqlResult<BoundPtr> BindFunction(const Expr& e, const Scope& scope, const BindOptions& options);
  SqlResult<BoundPtr> BindAggregate(const Expr& e, const Scope& scope, const BindOptions& options);
  SqlResult<BoundPtr> BindSubquery(const Expr& e, const Scope& scope);

  // window_binder.cc
  // The WINDOW clause of `select`: plan->windows[0, n) in its order.
  SqlStatus BindNamedWindows(const SelectStmt& select, const Scope& scope);
  // The window an OVER clause names or defines: an index into plan->windows.
  SqlResult<int> ResolveWindow(const WindowSpec& spec, const Scope& scope);
  // `spec`'s own PARTITION BY / ORDER BY / frame on top of what `w` holds
  // (inherited from the window it refines).
  SqlStatus BindWindowSpec(const WindowSpec& spec, const Scope& scope, WindowPlan* w);
  SqlResult<BoundPtr> BindWindowFunction(const Expr& e, const Scope& scope,
                                         const BindOptions& options);
  // NTILE / LAG / LEAD / NTH_VALUE's count: constant in the statement.
  SqlResult<BoundPtr> BindWindowCount(const Expr& e, const Scope& scope, const BindOptions& opt,
                                      std::string_view fn);

  // cte.cc
  // A query block of a UNION chain with its own WITH (a parenthesized member).
  SqlResult<std::unique_ptr<SelectPlan>> PlanMember(const SelectStmt& member, const Scope* outer,
                                                    bool for_update);
  // FROM item `index` of `select` when it names a CTE: fills `src` (a
  // derived source, or the work table of a recursive member) and returns
  // true; false when no CTE has that name.
  SqlResult<bool> AddCteSource(const SelectStmt& select, size_t index, const Scope* outer,
                               SelectPlan* plan, TableSource* src);
  SqlResult<std::shared_ptr<QueryPlan>> PlanCte(CteBinding* binding);
  SqlResult<std::shared_ptr<QueryPlan>> PlanRecursiveCte(CteBinding* binding);

  ExecContext* ctx_;
  CteBinding* ctes_ = nullptr;  // innermost CTE in scope
  std::vector<std::unique_ptr<CteBinding>> cte_bindings_;

  // Restores the CTE scope on leaving a query expression.
  class CteScopeGuard {
   public:
    explicit CteScopeGuard(Planner* p) : p_(p), saved_(p->ctes_) {}
    ~CteScopeGuard() { p_->ctes_ = saved_; }

   private:
    Planner* p_;
    CteBinding* saved_;
  };
};

// Whether the statement runs under ONLY_FULL_GROUP_BY: the session's
// sql_mode has it (unset: MySQL 8's default, which does).
bool OnlyFullGroupBy(const ExecContext& ctx);

// group_by_check.cc: 1055 / 1140 for a select list, HAVING or ORDER BY item
// (`order_by`: position as written, bound key) of an aggregated block that
// names a column neither grouped, aggregated nor functionally dependent on
// the grouped ones. `equalities`: the WHERE and inner-join ON conjuncts.
SqlStatus CheckFullGroupBy(const SelectPlan& plan, const std::vector<BoundPtr>& equalities,
                           const std::vector<std::pair<int, BoundPtr>>& order_by);

// COUNT, SUM, ... by upper-case name; nullopt for other names.
std::optional<AggKind> AggregateKindOf(std::string_view name);

// The same expression, structurally (GROUP BY a + 1 ... SELECT a + 1).
bool SameExpr(const BoundExpr& a, const BoundExpr& b);

// rollup.cc: GROUPING(...) as the binder leaves it (a call that only
// WITH ROLLUP's planning gives a value).
bool IsGroupingCall(const BoundExpr& e);
const FunctionDef* GroupingFunction();

// rollup.cc: after binding and the ONLY_FULL_GROUP_BY check of a block with
// GROUP BY ... WITH ROLLUP, points every GROUP BY expression in the select
// list, HAVING, ORDER BY and window specifications at the rollup key slots
// (NULL in super-aggregate rows) and turns GROUPING(...) into its value
// (3602 for an argument that is not a GROUP BY expression). See
// SelectPlan::rollup.
SqlStatus PlanRollup(SelectPlan* plan);

// Splits a condition into its AND-ed conjuncts.
void SplitConjuncts(const BoundPtr& cond, std::vector<BoundPtr>* out);

// The ENUM value list `e` sorts by when it is a plain reference to an ENUM
// column of `plan`'s own block: a base table's column, or a derived table's
// column that is itself such a reference (not a UNION's). Null otherwise:
// the key sorts by its value. See SortKey.
const std::vector<std::string>* EnumSortValues(const SelectPlan& plan, const BoundExpr& e);

}  // namespace tetradb::rel::sql

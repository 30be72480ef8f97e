// The scalar function registry: name, arity and implementation of every
// built-in function (aggregates are not here: see aggregate.h).
//
// Implementations receive evaluated arguments. Functions that must not
// evaluate every argument (IF, COALESCE, ...) or that take a unit keyword
// are "special": expr_eval.cc evaluates them itself.
#pragma once

#include <string_view>
#include <vector>

#include "models/relational/sql/execution/executor.h"
#include "models/relational/sql/planner/bound_expr.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb::rel::sql {

enum class SpecialFn : uint8_t {
  kNone,
  kIf,
  kIfNull,
  kCoalesce,
  kNullIf,
  kDateAdd,
  kDateSub,        // DATE_ADD / ADDDATE, DATE_SUB / SUBDATE
  kTimestampDiff,  // TIMESTAMPDIFF(unit, a, b): args[0] is the unit name
  kTimestampAdd,   // TIMESTAMPADD(unit, n, d)
  kExtract,        // EXTRACT(unit FROM d): args[0] is the unit name
};

struct FnEnv {
  ExecContext* ctx = nullptr;
  const BoundExpr* expr = nullptr;  // the call (for its text in messages)
};

using ScalarFn = SqlResult<Value> (*)(const std::vector<Value>& args, const FnEnv& env);

struct FunctionDef {
  const char* name;
  int min_args;
  int max_args;  // -1: any number
  ScalarFn impl = nullptr;
  SpecialFn special = SpecialFn::kNone;
  // Result differs between calls with the same arguments (NOW, RAND, UUID,
  // LAST_INSERT_ID): never treated as a constant by the planner.
  bool volatile_value = false;
};

// By upper-case name; null if unknown.
const FunctionDef* LookupFunction(std::string_view name);

// Per-family tables, merged by LookupFunction.
const std::vector<FunctionDef>& StringFunctions();
const std::vector<FunctionDef>& NumericFunctions();
const std::vector<FunctionDef>& DateTimeFunctions();
const std::vector<FunctionDef>& JsonFunctions();
const std::vector<FunctionDef>& ControlFunctions();
// MD5, SHA1 / SHA, SHA2, CRC32 (functions_hash.cc).
const std::vector<FunctionDef>& HashFunctions();
// REGEXP_LIKE, REGEXP_INSTR, REGEXP_SUBSTR, REGEXP_REPLACE (functions_regexp.cc).
const std::vector<FunctionDef>& RegexpFunctions();

// Aggregate names (COUNT, SUM, ...) are recognised by the binder.
bool IsAggregateName(std::string_view name);

}  // namespace tetradb::rel::sql

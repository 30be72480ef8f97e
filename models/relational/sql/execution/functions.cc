// The function registry, control-flow and session functions.
#include "models/relational/sql/execution/functions.h"

#include <string>
#include <unordered_map>

namespace tetradb::rel::sql {
namespace {

SqlResult<Value> LastInsertId(const std::vector<Value>& a, const FnEnv& env) {
  uint64_t* id = env.ctx->last_insert_id;
  if (!a.empty()) {
    // LAST_INSERT_ID(x) sets the value the next LAST_INSERT_ID() returns.
    if (a[0].is_null()) return Value::Null();
    auto v = ToInt64(a[0]);
    uint64_t u =
        a[0].kind() == ValueKind::kUInt ? a[0].uint_value() : static_cast<uint64_t>(v.value_or(0));
    if (id != nullptr) *id = u;
    return Value::UInt(u);
  }
  return Value::UInt(id != nullptr ? *id : 0);
}

SqlResult<Value> Database(const std::vector<Value>&, const FnEnv&) {
  return Value::String(std::string(kDatabaseName));
}
SqlResult<Value> Version(const std::vector<Value>&, const FnEnv&) {
  return Value::String("8.0.36-tetradb");
}
SqlResult<Value> User(const std::vector<Value>&, const FnEnv&) {
  return Value::String("root@localhost");
}
// The server's id of the client (RESP: CLIENT ID); 0 for HTTP requests.
SqlResult<Value> ConnectionId(const std::vector<Value>&, const FnEnv& env) {
  return Value::UInt(env.ctx != nullptr ? env.ctx->connection_id : 0);
}
SqlResult<Value> IsNull(const std::vector<Value>& a, const FnEnv&) {
  return Value::Bool(a[0].is_null());
}

}  // namespace

const std::vector<FunctionDef>& ControlFunctions() {
  static const std::vector<FunctionDef> kFns = {
      {"IF", 3, 3, nullptr, SpecialFn::kIf},
      {"IFNULL", 2, 2, nullptr, SpecialFn::kIfNull},
      {"COALESCE", 1, -1, nullptr, SpecialFn::kCoalesce},
      // ANY_VALUE(x): x itself; ONLY_FULL_GROUP_BY accepts it ungrouped.
      {"ANY_VALUE", 1, 1, nullptr, SpecialFn::kCoalesce},
      {"NULLIF", 2, 2, nullptr, SpecialFn::kNullIf},
      {"ISNULL", 1, 1, IsNull},
      {"LAST_INSERT_ID", 0, 1, LastInsertId, SpecialFn::kNone, true},
      {"DATABASE", 0, 0, Database},
      {"SCHEMA", 0, 0, Database},
      {"VERSION", 0, 0, Version},
      {"USER", 0, 0, User},
      {"CURRENT_USER", 0, 0, User},
      {"SESSION_USER", 0, 0, User},
      {"SYSTEM_USER", 0, 0, User},
      {"CONNECTION_ID", 0, 0, ConnectionId},
  };
  return kFns;
}

const FunctionDef* LookupFunction(std::string_view name) {
  static const auto* kRegistry = [] {
    auto* m = new std::unordered_map<std::string, const FunctionDef*>();
    for (const auto* table : {&ControlFunctions(), &StringFunctions(), &NumericFunctions(),
                              &DateTimeFunctions(), &JsonFunctions(), &HashFunctions(),
                              &RegexpFunctions()}) {
      for (const FunctionDef& f : *table) m->emplace(f.name, &f);
    }
    return m;
  }();
  auto it = kRegistry->find(std::string(name));
  return it == kRegistry->end() ? nullptr : it->second;
}

}  // namespace tetradb::rel::sql

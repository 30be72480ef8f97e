#include "models/relational/sql/session/session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <utility>

#include "engine/clock.h"
#include "models/relational/sql/execution/executor.h"
#include "models/relational/sql/parser/parser.h"
#include "models/relational/sql/session/ddl.h"
#include "models/relational/sql/session/hints.h"
#include "models/relational/sql/session/process_list.h"
#include "models/relational/sql/session/show.h"
#include "models/relational/sql/session/sql_mode.h"

namespace tetradb::rel::sql {

// A parsed statement kept for re-execution. The syntax tree's positions
// refer to `sql`, so the text travels with it.
struct PreparedStatement {
  std::string sql;
  std::shared_ptr<const ParsedStatement> parsed;
  PlanCache plan_cache;  // a SELECT's plan, reused while the catalog is unchanged
};

namespace {

constexpr int kDeadlockCode = 1213;
constexpr size_t kMaxDiagnostics = 1024;  // MySQL's max_error_count default
constexpr uint64_t kMaxTimeoutMs = 4294967295u;  // max_execution_time's range

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "@@session.autocommit", "session.autocommit", "autocommit" -> "autocommit".
std::string VariableName(std::string_view raw) {
  std::string name = Lower(raw);
  if (name.rfind("@@", 0) == 0) name.erase(0, 2);
  for (std::string_view scope : {"session.", "global.", "local.", "persist."}) {
    if (name.rfind(scope, 0) == 0) {
      name.erase(0, scope.size());
      break;
    }
  }
  return name;
}

SqlError CantSetVariable(std::string_view name, std::string_view value) {
  return SqlError{1231, "42000",
                  fmt::format("Variable '{}' can't be set to the value of '{}'", name, value)};
}

// The value of a SET: a bare word (SET NAMES utf8mb4, SET x = ON) is its own
// text; anything else is evaluated.
SqlResult<Value> SettingValue(const Expr& expr, ExecContext& ctx) {
  if (expr.kind == ExprKind::kColumn && expr.table.empty()) return Value::String(expr.name);
  return EvalConstant(expr, ctx);
}

// autocommit accepts 0/1, ON/OFF and TRUE/FALSE, as MySQL does.
SqlResult<bool> SwitchValue(std::string_view name, const Expr& expr, ExecContext& ctx) {
  TETRADB_SQL_ASSIGN_OR_RETURN(Value v, SettingValue(expr, ctx));
  if (v.kind() == ValueKind::kInt && (v.int_value() == 0 || v.int_value() == 1)) {
    return v.int_value() == 1;
  }
  if (v.kind() == ValueKind::kString) {
    std::string word = Lower(v.string_value());
    if (word == "on" || word == "true" || word == "1") return true;
    if (word == "off" || word == "false" || word == "0") return false;
  }
  return CantSetVariable(name, ToText(v));
}

// max_execution_time accepts an integer (negative: 0, above the range: the
// maximum, as MySQL truncates) or DEFAULT (0).
SqlResult<uint64_t> TimeoutValue(std::string_view name, const Expr& expr, ExecContext& ctx) {
  if (expr.kind == ExprKind::kDefault) return uint64_t{0};
  TETRADB_SQL_ASSIGN_OR_RETURN(Value v, SettingValue(expr, ctx));
  if (v.is_null()) return CantSetVariable(name, "NULL");
  if (v.kind() == ValueKind::kUInt) return std::min<uint64_t>(v.uint_value(), kMaxTimeoutMs);
  if (v.kind() == ValueKind::kInt) {
    if (v.int_value() < 0) return uint64_t{0};
    return std::min<uint64_t>(static_cast<uint64_t>(v.int_value()), kMaxTimeoutMs);
  }
  return SqlError{1232, "42000", fmt::format("Incorrect argument type to variable '{}'", name)};
}

// Statements that can write: they run between a savepoint and its release
// inside a transaction, so a failure undoes them alone.
bool NeedsSavepoint(const Statement& stmt) {
  switch (stmt.kind) {
    case StmtKind::kInsert:
    case StmtKind::kUpdate:
    case StmtKind::kDelete:
      return true;
    case StmtKind::kSelect: {
      const auto& select = static_cast<const SelectStatement&>(stmt);
      return select.select && select.select->for_update;
    }
    default:
      return false;
  }
}

SqlResult<ResultSet> ExecuteDml(const Statement& stmt, ExecContext& ctx) {
  switch (stmt.kind) {
    case StmtKind::kSelect: {
      const auto& select = static_cast<const SelectStatement&>(stmt);
      if (!select.select) return err::EmptyQuery();
      return ExecuteSelect(*select.select, ctx);
    }
    case StmtKind::kInsert:
      return ExecuteInsert(static_cast<const InsertStatement&>(stmt), ctx);
    case StmtKind::kUpdate:
      return ExecuteUpdate(static_cast<const UpdateStatement&>(stmt), ctx);
    case StmtKind::kDelete:
      return ExecuteDelete(static_cast<const DeleteStatement&>(stmt), ctx);
    case StmtKind::kExplain: {
      const auto& explain = static_cast<const ExplainStatement&>(stmt);
      if (!explain.statement) return err::EmptyQuery();
      return ExecuteExplain(*explain.statement, ctx);
    }
    default:
      return err::NotSupported("this statement");
  }
}

}  // namespace

struct Session::Impl {
  Impl(Database* d, const Clock* c, uint64_t* id)
      : db(d), clock(c ? c : SystemClock()), last_insert_id(id) {
    ProcessList::Global().Add(this, db, &interrupt);
  }
  ~Impl() { ProcessList::Global().Remove(this); }

  Database* db;
  const Clock* clock;
  uint64_t* last_insert_id;     // the Session's counter
  std::unique_ptr<RelTxn> txn;  // open transaction (BEGIN, or autocommit=0)
  bool autocommit = true;
  bool foreign_key_checks = true;
  std::map<std::string, Value> variables;  // other system variables SET, by bare name
  std::map<std::string, Value> user_vars;  // @x, by lower-cased name
  uint64_t max_execution_time = 0;         // ms; 0: no limit
  uint64_t connection_id = 0;
  KillHandler kill_handler;
  StatementInterrupt interrupt;
  // The last statement's diagnostics, as SHOW WARNINGS lists them: the
  // warnings it raised, then its error if it failed.
  struct Diagnostic {
    const char* level;  // "Warning" or "Error"
    SqlError error;
  };
  std::vector<Diagnostic> diagnostics;

  // Only the diagnostic statements (SHOW WARNINGS / SHOW ERRORS) keep the
  // previous statement's diagnostics when they succeed, as in MySQL 8; any
  // other statement replaces them (SELECT @@warning_count reads the count
  // before its own, empty, list replaces it).
  static bool KeepsDiagnostics(const Statement& stmt) {
    return stmt.kind == StmtKind::kShowWarnings;
  }

  void RecordDiagnostics(std::vector<SqlError> warnings, const SqlError* error) {
    diagnostics.clear();
    for (SqlError& w : warnings) {
      if (diagnostics.size() >= kMaxDiagnostics) break;
      diagnostics.push_back({"Warning", std::move(w)});
    }
    if (error != nullptr) diagnostics.push_back({"Error", *error});
  }

  ResultSet ShowWarnings(const ShowWarningsStatement& show) const {
    ResultSet rs;
    rs.has_rows = true;
    rs.columns = {"Level", "Code", "Message"};
    for (const Diagnostic& d : diagnostics) {
      if (show.errors_only && std::string_view(d.level) != "Error") continue;
      rs.rows.push_back({Value::String(d.level), Value::UInt(static_cast<uint64_t>(d.error.code)),
                         Value::String(d.error.message)});
    }
    return rs;
  }

  SqlResult<ResultSet> Run(const Statement& stmt, std::string_view sql,
                           const std::vector<Value>& params, PlanCache* plan_cache = nullptr) {
    ExecContext ctx;
    ctx.db = db;
    ctx.params = &params;
    ctx.plan_cache = plan_cache;
    ctx.now = DateTime{clock->NowMs() * 1000, 0};
    ctx.last_insert_id = last_insert_id;
    ctx.sql = sql;
    ctx.variables = [this](std::string_view name) { return Variable(name); };
    ctx.interrupt = &interrupt;
    ctx.connection_id = connection_id;
    std::vector<SqlError> warnings;
    ctx.warnings = &warnings;
    interrupt.Begin(TimeLimit(stmt, sql));
    ScopedLockWaitCanceller row_lock_waits(&interrupt);  // KILL wakes a lock wait
    // Interrupted before it started (the connection was killed or the
    // server is shutting down: final, see interrupt.h): only ROLLBACK runs.
    const InterruptReason early = interrupt.reason();
    SqlResult<ResultSet> result =
        early != InterruptReason::kNone && stmt.kind != StmtKind::kRollback
            ? SqlResult<ResultSet>(InterruptError(early))
            : Dispatch(stmt, ctx);
    interrupt.End();
    if (!result.ok()) {
      RecordDiagnostics(std::move(warnings), &result.error());
    } else if (!KeepsDiagnostics(stmt)) {
      RecordDiagnostics(std::move(warnings), nullptr);
    }
    return result;
  }

  // The statement's max_execution_time: top-level SELECTs only, as in
  // MySQL; the hint's N when it has one (0 there means the session's).
  uint64_t TimeLimit(const Statement& stmt, std::string_view sql) const {
    if (stmt.kind != StmtKind::kSelect) return 0;
    std::optional<uint64_t> hint = MaxExecutionTimeHint(sql, stmt.pos);
    if (hint && *hint > 0) return *hint;
    return max_execution_time;
  }

  // A statement that ended while interrupted fails with the interrupt's
  // error, whatever it failed with (a lock wait that timed out meanwhile).
  SqlResult<ResultSet> Interrupted(SqlResult<ResultSet> result) const {
    InterruptReason why = interrupt.reason();
    if (why == InterruptReason::kNone) return result;
    return InterruptError(why);
  }

  SqlResult<ResultSet> Dispatch(const Statement& stmt, ExecContext& ctx) {
    switch (stmt.kind) {
      case StmtKind::kBegin:
        // BEGIN inside a transaction commits it first, as MySQL does.
        TETRADB_SQL_RETURN_IF_ERROR(CommitOpen());
        txn = Begin();
        return ResultSet{};
      case StmtKind::kCommit:
        TETRADB_SQL_RETURN_IF_ERROR(CommitOpen());
        return ResultSet{};
      case StmtKind::kRollback: {
        const auto& rollback = static_cast<const RollbackStatement&>(stmt);
        if (rollback.savepoint.empty()) {
          RollbackOpen();
          return ResultSet{};
        }
        if (!txn) return NoSavepoint(rollback.savepoint);
        TETRADB_SQL_RETURN_IF_ERROR(txn->RollbackToNamedSavepoint(rollback.savepoint));
        return ResultSet{};
      }
      case StmtKind::kSavepoint: {
        // With autocommit on and no transaction open, MySQL accepts it and
        // keeps nothing: the implicit transaction ends at once.
        if (!txn && autocommit) return ResultSet{};
        if (!txn) txn = Begin();
        const auto& savepoint = static_cast<const SavepointStatement&>(stmt);
        TETRADB_SQL_RETURN_IF_ERROR(txn->SetNamedSavepoint(savepoint.name));
        return ResultSet{};
      }
      case StmtKind::kReleaseSavepoint: {
        const auto& release = static_cast<const ReleaseSavepointStatement&>(stmt);
        if (!txn) return NoSavepoint(release.name);
        TETRADB_SQL_RETURN_IF_ERROR(txn->ReleaseNamedSavepoint(release.name));
        return ResultSet{};
      }
      case StmtKind::kSet:
        return Set(static_cast<const SetStatement&>(stmt), ctx);
      case StmtKind::kUse:
        return ResultSet{};  // one database; any name is accepted
      case StmtKind::kLockTables: {
        // As MySQL: both end the open transaction; LOCK TABLES names
        // tables that exist. No table lock is taken (docs/sql.md): rows
        // are still locked as they are written.
        const auto& lock = static_cast<const LockTablesStatement&>(stmt);
        for (const std::string& table : lock.tables) {
          if (!db->catalog().Find(table)) return err::NoSuchTable(table);
        }
        TETRADB_SQL_RETURN_IF_ERROR(CommitOpen());
        return ResultSet{};
      }
      case StmtKind::kKill:
        return Kill(static_cast<const KillStatement&>(stmt), ctx);
      case StmtKind::kShowWarnings:
        return ShowWarnings(static_cast<const ShowWarningsStatement&>(stmt));
      default:
        break;
    }
    if (IsShow(stmt.kind)) return ExecuteShow(stmt, db);
    if (IsDdl(stmt.kind)) {
      // Implicit commit; the DDL then commits on its own under Database's
      // exclusive statement lock.
      TETRADB_SQL_RETURN_IF_ERROR(CommitOpen());
      return ExecuteDdl(stmt, ctx);
    }
    return RunDml(stmt, ctx);
  }

  static SqlError NoSavepoint(std::string_view name) {
    return SqlError{1305, "42000", fmt::format("SAVEPOINT {} does not exist", name)};
  }

  SqlStatus CommitOpen() {
    if (!txn) return SqlStatus::Ok();
    std::unique_ptr<RelTxn> committing = std::move(txn);
    return committing->Commit();  // a failed commit leaves nothing behind
  }

  void RollbackOpen() {
    if (!txn) return;
    txn->Rollback();
    txn.reset();
  }

  SqlResult<ResultSet> RunDml(const Statement& stmt, ExecContext& ctx) {
    std::shared_lock<std::shared_mutex> lock(db->statement_lock());
    const uint64_t saved_id = *last_insert_id;

    if (!txn && autocommit) {
      std::unique_ptr<RelTxn> own = Begin();
      ctx.txn = own.get();
      SqlResult<ResultSet> result = Interrupted(ExecuteDml(stmt, ctx));
      if (!result.ok()) {
        own->Rollback();
        *last_insert_id = saved_id;
        return result;
      }
      SqlStatus committed = own->Commit();
      if (!committed.ok()) {
        *last_insert_id = saved_id;
        return committed.error();
      }
      return result;
    }

    if (!txn) txn = Begin();  // autocommit=0: the statement opens one
    ctx.txn = txn.get();
    const bool atomic = NeedsSavepoint(stmt);
    if (atomic) TETRADB_SQL_RETURN_IF_ERROR(txn->SetSavePoint());
    SqlResult<ResultSet> result = ExecuteDml(stmt, ctx);
    const bool deadlock = !result.ok() && result.error().code == kDeadlockCode;
    result = Interrupted(std::move(result));
    if (result.ok()) {
      if (atomic) {
        SqlStatus popped = txn->PopSavePoint();
        if (!popped.ok()) {
          RollbackOpen();
          return popped.error();
        }
      }
      return result;
    }
    *last_insert_id = saved_id;
    if (deadlock) {
      // InnoDB picks the transaction as the deadlock victim: all of it goes.
      RollbackOpen();
    } else if (atomic && !txn->RollbackToSavePoint().ok()) {
      RollbackOpen();
    }
    return result;
  }

  // KILL [QUERY | CONNECTION] id.
  SqlResult<ResultSet> Kill(const KillStatement& kill, ExecContext& ctx) {
    if (!kill.id) return err::EmptyQuery();
    std::unique_ptr<RelTxn> reader;  // KILL (SELECT ...): as SET reads
    if (ctx.txn == nullptr) {
      if (!txn) reader = Begin();
      ctx.txn = txn ? txn.get() : reader.get();
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(Value v, EvalConstant(*kill.id, ctx));
    uint64_t id = 0;
    if (v.kind() == ValueKind::kUInt) {
      id = v.uint_value();
    } else if (auto i = ToInt64(v); i && *i > 0) {
      id = static_cast<uint64_t>(*i);
    }
    if (id != 0 && id == connection_id) {
      // Killing oneself: this very statement is the one interrupted (and,
      // for CONNECTION, every later one: the connection is going away).
      if (kill.connection) {
        interrupt.Raise(InterruptReason::kConnection);
        if (kill_handler) TETRADB_SQL_RETURN_IF_ERROR(kill_handler(id, true));
      }
      return InterruptError(InterruptReason::kQuery);
    }
    if (kill_handler) {
      TETRADB_SQL_RETURN_IF_ERROR(kill_handler(id, kill.connection));
      return ResultSet{};
    }
    InterruptReason why = kill.connection ? InterruptReason::kConnection : InterruptReason::kQuery;
    if (!InterruptConnection(db, id, why)) {
      return SqlError{1094, "HY000", fmt::format("Unknown thread id: {}", id)};
    }
    return ResultSet{};
  }

  // Every transaction of the session starts with its settings.
  std::unique_ptr<RelTxn> Begin() {
    std::unique_ptr<RelTxn> t = db->Begin();
    t->set_foreign_key_checks(foreign_key_checks);
    return t;
  }

  // A variable named in an expression ("@@autocommit", "@x"). User
  // variables never set are NULL; system variables never set: nullopt, so
  // the planner answers with MySQL's default.
  std::optional<Value> Variable(std::string_view written) {
    if (written.size() > 1 && written[0] == '@' && written[1] != '@') {
      auto it = user_vars.find(Lower(written));
      return it == user_vars.end() ? Value::Null() : it->second;
    }
    std::string name = VariableName(written);
    if (name == "autocommit") return Value::Int(autocommit ? 1 : 0);
    if (name == "foreign_key_checks") return Value::Int(foreign_key_checks ? 1 : 0);
    if (name == "max_execution_time") return Value::Int(static_cast<int64_t>(max_execution_time));
    if (name == "warning_count" || name == "error_count") {
      uint64_t n = 0;
      for (const Diagnostic& d : diagnostics) {
        n += name == "warning_count" || std::string_view(d.level) == "Error";
      }
      return Value::UInt(n);
    }
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  }

  SqlResult<ResultSet> Set(const SetStatement& set, ExecContext& ctx) {
    // Values may read tables (SET @n = (SELECT ...)): through the open
    // transaction, or a read-only one of its own.
    std::unique_ptr<RelTxn> reader;
    if (ctx.txn == nullptr) {
      if (!txn) reader = Begin();
      ctx.txn = txn ? txn.get() : reader.get();
    }
    for (const auto& [raw_name, expr] : set.variables) {
      if (raw_name.size() > 1 && raw_name[0] == '@') {  // a user variable
        Value v;
        if (expr) {
          TETRADB_SQL_ASSIGN_OR_RETURN(v, EvalConstant(*expr, ctx));
        }
        user_vars[Lower(raw_name)] = std::move(v);
        continue;
      }
      std::string name = VariableName(raw_name);
      if (name == "autocommit") {
        if (!expr) return CantSetVariable(name, "NULL");
        TETRADB_SQL_ASSIGN_OR_RETURN(bool on, SwitchValue(name, *expr, ctx));
        // Turning autocommit on commits the open transaction.
        if (on && !autocommit) TETRADB_SQL_RETURN_IF_ERROR(CommitOpen());
        autocommit = on;
        continue;
      }
      if (name == "foreign_key_checks") {
        if (!expr) return CantSetVariable(name, "NULL");
        TETRADB_SQL_ASSIGN_OR_RETURN(foreign_key_checks, SwitchValue(name, *expr, ctx));
        if (txn) txn->set_foreign_key_checks(foreign_key_checks);
        continue;
      }
      if (name == "max_execution_time") {
        if (!expr) return CantSetVariable(name, "NULL");
        TETRADB_SQL_ASSIGN_OR_RETURN(max_execution_time, TimeoutValue(name, *expr, ctx));
        continue;
      }
      if (name == "cte_max_recursion_depth") {
        // The same range as max_execution_time (0 .. 2^32-1, truncated);
        // DEFAULT is MySQL's 1000, which the executor assumes when unset.
        if (!expr) return CantSetVariable(name, "NULL");
        if (expr->kind == ExprKind::kDefault) {
          variables.erase(name);
          continue;
        }
        TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t depth, TimeoutValue(name, *expr, ctx));
        variables[name] = Value::UInt(depth);
        continue;
      }
      if (name == "sql_mode") {
        // DEFAULT: MySQL 8's default, which the planner assumes when unset.
        if (!expr) return CantSetVariable(name, "NULL");
        if (expr->kind == ExprKind::kDefault) {
          variables.erase(name);
          continue;
        }
        TETRADB_SQL_ASSIGN_OR_RETURN(Value v, SettingValue(*expr, ctx));
        if (v.is_null()) return CantSetVariable(name, "NULL");
        if (v.kind() != ValueKind::kString) {
          // MySQL also takes the modes' bit mask; tetradb only their names.
          return CantSetVariable(name, ToText(v));
        }
        TETRADB_SQL_ASSIGN_OR_RETURN(std::string mode, NormalizeSqlMode(v.string_value()));
        variables[name] = Value::String(std::move(mode));
        continue;
      }
      // NAMES, time_zone, transaction isolation and the rest are
      // remembered (SELECT @@time_zone answers them) but change nothing.
      Value value;
      if (expr) {
        SqlResult<Value> v = SettingValue(*expr, ctx);
        value = v.ok() ? std::move(v).value() : Value::String(expr->text);
      }
      variables[name] = std::move(value);
    }
    return ResultSet{};
  }
};

Session::Session(Database* db, const Clock* clock)
    : impl_(std::make_unique<Impl>(db, clock, &last_insert_id_)) {}

Session::~Session() { impl_->RollbackOpen(); }

SqlResult<ResultSet> Session::Execute(std::string_view sql, const std::vector<Value>& params) {
  SqlResult<ParsedStatement> parsed_or = Parse(sql);
  if (!parsed_or.ok()) {
    impl_->RecordDiagnostics({}, &parsed_or.error());
    return parsed_or.error();
  }
  ParsedStatement parsed = std::move(*parsed_or);
  if (!parsed.statement) return err::EmptyQuery();
  if (static_cast<size_t>(parsed.param_count) != params.size()) {
    return err::IncorrectArguments("EXECUTE");
  }
  return impl_->Run(*parsed.statement, sql, params);
}

SqlResult<std::shared_ptr<PreparedStatement>> Session::Prepare(std::string_view sql) {
  auto prepared = std::make_shared<PreparedStatement>();
  prepared->sql = std::string(sql);
  TETRADB_SQL_ASSIGN_OR_RETURN(ParsedStatement parsed, Parse(prepared->sql));
  if (!parsed.statement) return err::EmptyQuery();
  prepared->parsed = std::make_shared<const ParsedStatement>(std::move(parsed));
  return prepared;
}

SqlResult<ResultSet> Session::ExecutePrepared(PreparedStatement& stmt,
                                              const std::vector<Value>& params) {
  if (!stmt.parsed || !stmt.parsed->statement) return err::EmptyQuery();
  if (static_cast<size_t>(stmt.parsed->param_count) != params.size()) {
    return err::IncorrectArguments("EXECUTE");
  }
  return impl_->Run(*stmt.parsed->statement, stmt.sql, params, &stmt.plan_cache);
}

int Session::ParamCount(const PreparedStatement& stmt) {
  return stmt.parsed ? stmt.parsed->param_count : 0;
}

SqlResult<ResultSet> Session::ExecuteScript(std::string_view sql) {
  ResultSet last;
  for (std::string_view text : SplitStatements(sql)) {
    SqlResult<ParsedStatement> parsed = Parse(text);
    if (!parsed.ok() && parsed.error().code == err::EmptyQuery().code) continue;  // comments only
    if (!parsed.ok()) return parsed.error();
    if (!parsed->statement) continue;
    if (parsed->param_count != 0) return err::IncorrectArguments("EXECUTE");
    TETRADB_SQL_ASSIGN_OR_RETURN(last, impl_->Run(*parsed->statement, text, {}));
  }
  return last;
}

bool Session::in_transaction() const { return impl_->txn != nullptr; }

bool Session::autocommit() const { return impl_->autocommit; }

void Session::set_connection_id(uint64_t id) {
  impl_->connection_id = id;
  ProcessList::Global().SetId(impl_.get(), id);
}

uint64_t Session::connection_id() const { return impl_->connection_id; }

void Session::set_kill_handler(KillHandler handler) { impl_->kill_handler = std::move(handler); }

bool Session::Interrupt(InterruptReason reason) { return impl_->interrupt.Raise(reason); }

uint64_t Session::max_execution_time() const { return impl_->max_execution_time; }

}  // namespace tetradb::rel::sql

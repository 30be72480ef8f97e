// The fixture the executor tests share: an in-memory engine and Database,
// tables created straight through Database::CreateTable (from a CREATE
// TABLE statement turned into a TableDef here, without the session layer),
// and statements parsed and run through the Execute* functions, each in its
// own committed transaction.
#pragma once

#include <gtest/gtest.h>
#include <strings.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "models/relational/sql/execution/executor.h"
#include "models/relational/sql/parser/parser.h"
#include "models/relational/storage/database.h"
#include "tests/engine/test_util.h"

namespace tetradb::rel::sql {

class ExecFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.in_memory = true;
    engine_ = ::tetradb::testing::OpenEngine(options);
    ASSERT_NE(engine_, nullptr);
    auto db = Database::Open(engine_.get());
    ASSERT_TRUE(db.ok()) << db.error().ToString();
    db_ = std::move(db).value();
    db_->set_lock_timeout_ms(lock_timeout_ms_);
    now_ = *ParseDateTime("2026-11-21 10:30:00");
  }

  void TearDown() override {
    db_.reset();
    engine_.reset();
  }

  // CREATE TABLE text -> TableDef -> Database::CreateTable.
  void Create(std::string_view ddl) {
    auto parsed = Parse(ddl);
    ASSERT_TRUE(parsed.ok()) << ddl << ": " << parsed.error().ToString();
    ASSERT_EQ(parsed->statement->kind, StmtKind::kCreateTable);
    CreateFrom(static_cast<const CreateTableStatement&>(*parsed->statement));
  }

  // Every CREATE TABLE of a script (other statements are skipped).
  void CreateScript(std::string_view script) {
    auto parsed = ParseScript(script);
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    for (const ParsedStatement& p : *parsed) {
      if (p.statement->kind != StmtKind::kCreateTable) continue;
      CreateFrom(static_cast<const CreateTableStatement&>(*p.statement));
    }
  }

  // Only what the tests use: literal defaults and CURRENT_TIMESTAMP.
  void CreateFrom(const CreateTableStatement& st) {
    TableDef def;
    def.name = st.table;
    if (st.auto_increment) def.auto_increment_start = *st.auto_increment;
    auto position = [&](const std::string& name) {
      for (size_t i = 0; i < st.columns.size(); ++i) {
        if (strcasecmp(st.columns[i].name.c_str(), name.c_str()) == 0) {
          return static_cast<uint32_t>(i);
        }
      }
      ADD_FAILURE() << "no column " << name;
      return uint32_t{0};
    };
    for (size_t i = 0; i < st.columns.size(); ++i) {
      const ColumnSpec& spec = st.columns[i];
      ColumnDef c;
      c.name = spec.name;
      c.type = spec.type;
      c.nullable = !spec.not_null.value_or(false) && !spec.primary_key;
      c.auto_increment = spec.auto_increment;
      c.on_update_current_timestamp = spec.on_update_current_timestamp;
      if (spec.default_value != nullptr) {
        const Expr& d = *spec.default_value;
        if (d.kind == ExprKind::kFunction) {
          c.default_value.kind = DefaultSpec::Kind::kCurrentTimestamp;
        } else {
          auto v = StoreValue(c.type, d.literal, c.name, 0);
          ASSERT_TRUE(v.ok()) << v.error().ToString();
          c.default_value.kind = DefaultSpec::Kind::kConstant;
          c.default_value.constant = *v;
        }
      }
      if (spec.primary_key) def.primary_key = {static_cast<uint32_t>(i)};
      if (spec.unique) {
        IndexDef idx;
        idx.name = spec.name;
        idx.columns = {static_cast<uint32_t>(i)};
        idx.unique = true;
        def.indexes.push_back(idx);
      }
      def.columns.push_back(std::move(c));
    }
    for (const ConstraintSpec& cs : st.constraints) {
      std::vector<uint32_t> cols;
      for (const IndexColumn& ic : cs.columns) cols.push_back(position(ic.name));
      if (cs.kind == ConstraintKind::kPrimaryKey) {
        def.primary_key = cols;
        for (uint32_t c : cols) def.columns[c].nullable = false;
      } else if (cs.kind == ConstraintKind::kForeignKey) {
        ForeignKeyDef fk;
        fk.name = cs.name.empty()
                      ? def.name + "_ibfk_" + std::to_string(def.foreign_keys.size() + 1)
                      : cs.name;
        fk.columns = cols;
        fk.ref_table = cs.ref_table;
        fk.ref_columns = cs.ref_columns;
        fk.on_delete = cs.on_delete;
        fk.on_update = cs.on_update;
        def.foreign_keys.push_back(std::move(fk));
      } else {
        IndexDef idx;
        idx.name = cs.name.empty() ? cs.columns[0].name : cs.name;
        idx.columns = cols;
        idx.unique = cs.kind == ConstraintKind::kUnique;
        def.indexes.push_back(std::move(idx));
      }
    }
    SqlStatus s = db_->CreateTable(std::move(def), false);
    ASSERT_TRUE(s.ok()) << st.table << ": " << s.error().ToString();
  }

  // Parses and runs one statement in its own transaction (committed when
  // it succeeds).
  SqlResult<ResultSet> Run(std::string_view sql, const std::vector<Value>& params = {}) {
    std::unique_ptr<RelTxn> txn = db_->Begin();
    SqlResult<ResultSet> r = RunIn(txn.get(), sql, params);
    if (r.ok()) {
      SqlStatus c = txn->Commit();
      if (!c.ok()) return c.error();
    } else {
      txn->Rollback();
    }
    return r;
  }

  // Runs one statement inside `txn`, leaving it open.
  SqlResult<ResultSet> RunIn(RelTxn* txn, std::string_view sql,
                             const std::vector<Value>& params = {}) {
    auto parsed = Parse(sql);
    if (!parsed.ok()) return parsed.error();
    ExecContext ctx;
    ctx.db = db_.get();
    ctx.txn = txn;
    ctx.params = &params;
    ctx.now = now_;
    ctx.last_insert_id = &last_insert_id_;
    ctx.sql = sql;
    ctx.interrupt = interrupt_;
    if (sql_mode_) {
      ctx.variables = [this](std::string_view name) -> std::optional<Value> {
        if (name == "@@sql_mode") return Value::String(*sql_mode_);
        return std::nullopt;
      };
    }
    const Statement& st = *parsed->statement;
    SqlResult<ResultSet> r = SqlError{};
    switch (st.kind) {
      case StmtKind::kSelect:
        r = ExecuteSelect(*static_cast<const SelectStatement&>(st).select, ctx);
        break;
      case StmtKind::kInsert:
        r = ExecuteInsert(static_cast<const InsertStatement&>(st), ctx);
        break;
      case StmtKind::kUpdate:
        r = ExecuteUpdate(static_cast<const UpdateStatement&>(st), ctx);
        break;
      case StmtKind::kDelete:
        r = ExecuteDelete(static_cast<const DeleteStatement&>(st), ctx);
        break;
      case StmtKind::kExplain:
        r = ExecuteExplain(st, ctx);
        break;
      default:
        return err::NotSupported("statement kind in exec tests");
    }
    return r;
  }

  ResultSet Ok(std::string_view sql, const std::vector<Value>& params = {}) {
    auto r = Run(sql, params);
    EXPECT_TRUE(r.ok()) << sql << "\n  -> " << (r.ok() ? "" : r.error().ToString());
    return r.ok() ? std::move(r).value() : ResultSet{};
  }

  // The error of a statement expected to fail (code 0 if it succeeded).
  SqlError Fail(std::string_view sql, const std::vector<Value>& params = {}) {
    auto r = Run(sql, params);
    EXPECT_FALSE(r.ok()) << sql << " unexpectedly succeeded";
    return r.ok() ? SqlError{} : r.error();
  }

  // Rows as text: cells joined by ',', rows by '|' ("1,a|2,NULL").
  static std::string Flat(const ResultSet& rs) {
    std::string out;
    for (size_t r = 0; r < rs.rows.size(); ++r) {
      if (r > 0) out += '|';
      for (size_t c = 0; c < rs.rows[r].size(); ++c) {
        if (c > 0) out += ',';
        out += ToText(rs.rows[r][c]);
      }
    }
    return out;
  }

  // Runs a query and returns its rows as Flat text.
  std::string Q(std::string_view sql, const std::vector<Value>& params = {}) {
    return Flat(Ok(sql, params));
  }

  static std::string Columns(const ResultSet& rs) {
    std::string out;
    for (size_t i = 0; i < rs.columns.size(); ++i) {
      if (i > 0) out += ',';
      out += rs.columns[i];
    }
    return out;
  }

  int64_t lock_timeout_ms_ = 5000;  // set before SetUp to change
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
  DateTime now_;
  uint64_t last_insert_id_ = 0;
  StatementInterrupt* interrupt_ = nullptr;  // given to every statement (null: none)
  // The session's sql_mode the statements see (unset: MySQL 8's default,
  // with ONLY_FULL_GROUP_BY).
  std::optional<std::string> sql_mode_;
};

}  // namespace tetradb::rel::sql

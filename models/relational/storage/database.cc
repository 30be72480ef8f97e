// Database: opening, transactions, counters and metadata locks. DDL is in
// ddl.cc and ddl_index.cc, transactions in rel_txn.cc and table_writer.cc.
#include "models/relational/storage/database.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "engine/coding.h"
#include "engine/engine.h"
#include "engine/key_codec.h"
#include "models/relational/storage/row_codec.h"
#include "models/relational/storage/row_keys.h"
#include "models/relational/storage/storage_util.h"

namespace tetradb::rel {
namespace {

constexpr int kDeleteBatch = 1000;

// The leading INT(id) of a rows or row_index key.
bool LeadingId(std::string_view key, int64_t* id) { return KeyDecoder(key).ReadInt(id).ok(); }

}  // namespace

// --- helpers shared by the storage files -------------------------------------

SqlStatus DecodeStoredRow(const TableDef& table, std::string_view key, std::string_view value,
                          std::vector<Value>* row) {
  TETRADB_SQL_RETURN_IF_ERROR(DecodeRow(table, value, row));
  if (table.HasHiddenPrimaryKey()) {
    std::vector<Value> pk;
    TETRADB_SQL_RETURN_IF_ERROR(DecodeRowKeyPk(table, key, &pk));
    row->push_back(pk[0]);
  }
  return SqlStatus::Ok();
}

SqlStatus DeletePrefix(Engine* engine, Cf cf, std::string_view prefix) {
  std::string end = PrefixSuccessor(prefix);
  if (!end.empty()) {
    Status s = engine->DeleteRange(cf, prefix, end);
    return s.ok() ? SqlStatus::Ok() : FromEngine(s);
  }
  auto it = engine->NewIterator(cf, KeyRange::Prefix(prefix));
  it->SeekToFirst();
  while (it->Valid()) {
    auto txn = engine->BeginTransaction();
    for (int i = 0; i < kDeleteBatch && it->Valid(); ++i, it->Next()) {
      Status s = txn->Delete(cf, it->key());
      if (!s.ok()) return FromEngine(s);
    }
    Status s = txn->Commit();
    if (!s.ok()) return FromEngine(s);
  }
  if (!it->status().ok()) return FromEngine(it->status());
  return SqlStatus::Ok();
}

uint64_t CounterValue(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kInt:
      return v.int_value() > 0 ? static_cast<uint64_t>(v.int_value()) : 0;
    case ValueKind::kUInt:
      return v.uint_value();
    case ValueKind::kDouble:
    case ValueKind::kDecimal: {
      std::optional<int64_t> i = ToInt64(v);
      return i && *i > 0 ? static_cast<uint64_t>(*i) : 0;
    }
    default:
      return 0;
  }
}

bool ConvertBounds(const TableDef& table, const std::vector<uint32_t>& key_columns,
                   KeyBounds* bounds) {
  auto convert = [&](std::vector<Value>* values) {
    for (size_t i = 0; i < values->size(); ++i) {
      Value& v = (*values)[i];
      if (key_columns.empty() && table.HasHiddenPrimaryKey() && i == 0) {
        if (v.kind() == ValueKind::kUInt && v.uint_value() <= INT64_MAX) {
          v = Value::Int(static_cast<int64_t>(v.uint_value()));
        }
        if (v.kind() != ValueKind::kInt && !v.is_null()) return false;
        continue;
      }
      if (i >= key_columns.size() || key_columns[i] >= table.columns.size()) return false;
      std::optional<Value> c = KeyValueFor(table.columns[key_columns[i]].type, v);
      if (!c) return false;
      v = std::move(*c);
    }
    return true;
  };
  return convert(&bounds->lower) && convert(&bounds->upper);
}

// --- Database ----------------------------------------------------------------

Database::Database(Engine* engine, std::unique_ptr<Catalog> catalog)
    : engine_(engine), catalog_(std::move(catalog)) {}

Database::~Database() {
  // A clean close records the exact next AUTO_INCREMENT values, so a restart
  // continues without a gap.
  std::lock_guard<std::mutex> lock(auto_inc_mu_);
  for (const auto& [table_id, next] : auto_inc_next_) {
    auto ceiling = auto_inc_ceiling_.find(table_id);
    if (ceiling != auto_inc_ceiling_.end() && ceiling->second != next) {
      WriteAutoIncCeiling(table_id, next).ok();
    }
  }
}

SqlResult<std::unique_ptr<Database>> Database::Open(Engine* engine) {
  TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<Catalog> catalog, Catalog::Open(engine));
  std::unique_ptr<Database> db(new Database(engine, std::move(catalog)));
  TETRADB_SQL_RETURN_IF_ERROR(db->CollectGarbage());
  return db;
}

SqlStatus Database::CollectGarbage() {
  std::unordered_set<int64_t> tables, indexes;
  for (const auto& def : catalog_->Tables()) {
    tables.insert(def->id);
    for (const IndexDef& index : def->indexes) indexes.insert(index.id);
  }
  for (Cf cf : {Cf::kRows, Cf::kRowIndex}) {
    const auto& live = cf == Cf::kRows ? tables : indexes;
    auto it = engine_->NewIterator(cf, KeyRange::All());
    it->SeekToFirst();
    while (it->Valid()) {
      int64_t id;
      if (!LeadingId(it->key(), &id)) {
        it->Next();  // not ours to judge
        continue;
      }
      std::string prefix;
      KeyEncoder(&prefix).Int(id);
      if (!live.count(id)) TETRADB_SQL_RETURN_IF_ERROR(DeletePrefix(engine_, cf, prefix));
      std::string next = PrefixSuccessor(prefix);
      if (next.empty()) break;
      it->Seek(next);
    }
    if (!it->status().ok()) return FromEngine(it->status());
  }
  return SqlStatus::Ok();
}

std::unique_ptr<RelTxn> Database::Begin() {
  TxnOptions options;
  options.consistent_reads = true;
  options.lock_timeout_ms = lock_timeout_ms_.load();
  options.deadlock_detect = true;
  return std::make_unique<RelTxn>(this, engine_->BeginTransaction(options));
}

// --- counters ----------------------------------------------------------------

SqlResult<uint64_t> Database::MaxAutoIncrementValue(const TableDef& table) {
  const int col = table.AutoIncrementColumn();
  if (col < 0) return uint64_t{0};
  const ColumnType& type = table.columns[col].type;
  // The largest value is the last key when the column leads a key.
  auto last_key_value = [&](std::string_view prefix, Cf cf) -> SqlResult<uint64_t> {
    auto it = engine_->NewIterator(cf, KeyRange::Prefix(prefix));
    it->SeekToLast();
    if (!it->Valid()) {
      if (!it->status().ok()) return FromEngine(it->status());
      return uint64_t{0};
    }
    KeyDecoder dec(it->key());
    int64_t id;
    if (!dec.ReadInt(&id).ok()) return err::Unknown("corrupt key");
    Value v;
    TETRADB_SQL_RETURN_IF_ERROR(ReadKeyValue(type, &dec, &v));
    return CounterValue(v);
  };
  if (!table.HasHiddenPrimaryKey() && table.primary_key[0] == static_cast<uint32_t>(col)) {
    return last_key_value(RowKeyPrefix(table.id), Cf::kRows);
  }
  for (const IndexDef& index : table.indexes) {
    if (index.columns[0] == static_cast<uint32_t>(col)) {
      return last_key_value(IndexKeyPrefix(index.id), Cf::kRowIndex);
    }
  }
  uint64_t max = 0;
  auto it = engine_->NewIterator(Cf::kRows, KeyRange::Prefix(RowKeyPrefix(table.id)));
  std::vector<Value> row;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    TETRADB_SQL_RETURN_IF_ERROR(DecodeRow(table, it->value(), &row));
    max = std::max(max, CounterValue(row[col]));
  }
  if (!it->status().ok()) return FromEngine(it->status());
  return max;
}

SqlResult<uint64_t> Database::MaxRowId(const TableDef& table) {
  auto it = engine_->NewIterator(Cf::kRows, KeyRange::Prefix(RowKeyPrefix(table.id)));
  it->SeekToLast();
  if (!it->Valid()) {
    if (!it->status().ok()) return FromEngine(it->status());
    return uint64_t{0};
  }
  std::vector<Value> pk;
  TETRADB_SQL_RETURN_IF_ERROR(DecodeRowKeyPk(table, it->key(), &pk));
  return CounterValue(pk[0]);
}

namespace {

std::string AutoIncKey(uint32_t table_id) {
  std::string key(1, static_cast<char>(CatalogTag::kRelAutoInc));
  KeyEncoder(&key).Int(table_id);
  return key;
}

}  // namespace

SqlResult<uint64_t> Database::ReadAutoIncCeiling(uint32_t table_id) {
  std::string value;
  Status s = engine_->Get(Cf::kCatalog, AutoIncKey(table_id), &value);
  if (s.IsNotFound()) return uint64_t{0};
  if (!s.ok()) return FromEngine(s);
  if (value.size() != 8) return err::Unknown("corrupt AUTO_INCREMENT record");
  return GetBE64(value.data());
}

SqlStatus Database::WriteAutoIncCeiling(uint32_t table_id, uint64_t ceiling) {
  std::string value;
  PutBE64(&value, ceiling);
  Status s = engine_->Put(Cf::kCatalog, AutoIncKey(table_id), value);
  if (!s.ok()) return FromEngine(s);
  auto_inc_ceiling_[table_id] = ceiling;
  return SqlStatus::Ok();
}

SqlResult<uint64_t> Database::NextAutoIncrement(const TableDef& table) {
  std::lock_guard<std::mutex> lock(auto_inc_mu_);
  auto it = auto_inc_next_.find(table.id);
  if (it == auto_inc_next_.end()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t max, MaxAutoIncrementValue(table));
    TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t ceiling, ReadAutoIncCeiling(table.id));
    auto_inc_ceiling_[table.id] = ceiling;
    uint64_t next = std::max<uint64_t>(table.auto_increment_start, 1);
    next = std::max(next, ceiling);
    if (max != UINT64_MAX) next = std::max(next, max + 1);
    if (auto floor = auto_inc_floor_.find(table.id); floor != auto_inc_floor_.end()) {
      next = std::max(next, floor->second);
      auto_inc_floor_.erase(floor);
    }
    it = auto_inc_next_.emplace(table.id, next).first;
  }
  uint64_t v = it->second;
  if (v >= auto_inc_ceiling_[table.id]) {
    uint64_t ceiling = v > UINT64_MAX - kAutoIncReserve ? UINT64_MAX : v + kAutoIncReserve;
    TETRADB_SQL_RETURN_IF_ERROR(WriteAutoIncCeiling(table.id, ceiling));
  }
  if (it->second != UINT64_MAX) ++it->second;
  return v;
}

void Database::NoteExplicitAutoIncrement(const TableDef& table, uint64_t value) {
  if (value == 0) return;
  const uint64_t next = value == UINT64_MAX ? value : value + 1;
  std::lock_guard<std::mutex> lock(auto_inc_mu_);
  auto it = auto_inc_next_.find(table.id);
  if (it != auto_inc_next_.end()) {
    it->second = std::max(it->second, next);
    // The row holds the value, but it may be deleted before a restart.
    if (next > auto_inc_ceiling_[table.id]) WriteAutoIncCeiling(table.id, next).ok();
  } else {
    uint64_t& floor = auto_inc_floor_[table.id];
    floor = std::max(floor, next);
  }
}

SqlResult<uint64_t> Database::NextRowId(const TableDef& table) {
  std::lock_guard<std::mutex> lock(auto_inc_mu_);
  auto it = row_id_next_.find(table.id);
  if (it == row_id_next_.end()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t max, MaxRowId(table));
    it = row_id_next_.emplace(table.id, max + 1).first;
  }
  return it->second++;
}

void Database::ForgetCounters(uint32_t table_id) {
  std::lock_guard<std::mutex> lock(auto_inc_mu_);
  auto_inc_next_.erase(table_id);
  auto_inc_floor_.erase(table_id);
  auto_inc_ceiling_.erase(table_id);
  engine_->Delete(Cf::kCatalog, AutoIncKey(table_id)).IgnoreError();
  row_id_next_.erase(table_id);
}

// --- metadata locks ----------------------------------------------------------

void Database::AddUser(uint32_t table_id) {
  std::lock_guard<std::mutex> lock(users_mu_);
  ++users_[table_id];
}

void Database::RemoveUser(uint32_t table_id) {
  {
    std::lock_guard<std::mutex> lock(users_mu_);
    auto it = users_.find(table_id);
    if (it == users_.end()) return;
    if (--it->second == 0) users_.erase(it);
  }
  users_cv_.notify_all();
}

SqlStatus Database::LockTablesForDdl(const std::vector<uint32_t>& table_ids,
                                     std::unique_lock<std::shared_mutex>* statements) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(lock_timeout_ms_.load());
  auto idle = [&] {
    for (uint32_t id : table_ids) {
      if (users_.count(id)) return false;
    }
    return true;
  };
  while (true) {
    std::unique_lock<std::shared_mutex> st(statement_lock_);
    {
      std::lock_guard<std::mutex> lock(users_mu_);
      if (idle()) {
        *statements = std::move(st);
        return SqlStatus::Ok();
      }
    }
    st.unlock();
    std::unique_lock<std::mutex> lock(users_mu_);
    if (!users_cv_.wait_until(lock, deadline, idle)) return err::LockWaitTimeout();
  }
}

}  // namespace tetradb::rel

#include "models/relational/storage/catalog.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/engine.h"
#include "models/relational/storage/catalog_record.h"

namespace tetradb::rel {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view ActionText(FkAction a) {
  switch (a) {
    case FkAction::kRestrict:
      return "";  // the default: not printed
    case FkAction::kCascade:
      return "CASCADE";
    case FkAction::kSetNull:
      return "SET NULL";
    case FkAction::kNoAction:
      return "NO ACTION";
  }
  return "";
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += fmt::format("`{}`", names[i]);
  }
  return out;
}

}  // namespace

bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

int TableDef::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (SameName(columns[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

const IndexDef* TableDef::FindIndex(std::string_view name) const {
  for (const IndexDef& index : indexes) {
    if (SameName(index.name, name)) return &index;
  }
  return nullptr;
}

int TableDef::AutoIncrementColumn() const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].auto_increment) return static_cast<int>(i);
  }
  return -1;
}

std::string DescribeForeignKey(const TableDef& table, const ForeignKeyDef& fk) {
  std::vector<std::string> cols;
  for (uint32_t pos : fk.columns) {
    cols.push_back(pos < table.columns.size() ? table.columns[pos].name : "?");
  }
  std::string out = fmt::format("CONSTRAINT `{}` FOREIGN KEY ({}) REFERENCES `{}` ({})", fk.name,
                                QuotedList(cols), fk.ref_table, QuotedList(fk.ref_columns));
  if (std::string_view a = ActionText(fk.on_delete); !a.empty())
    out += fmt::format(" ON DELETE {}", a);
  if (std::string_view a = ActionText(fk.on_update); !a.empty())
    out += fmt::format(" ON UPDATE {}", a);
  return out;
}

SqlResult<std::unique_ptr<Catalog>> Catalog::Open(Engine* engine) {
  std::unique_ptr<Catalog> catalog(new Catalog(engine));
  std::string value;
  Status s = engine->Get(Cf::kCatalog, NextIdKey(), &value);
  if (s.ok()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(catalog->next_id_, DecodeNextId(value));
  } else if (!s.IsNotFound()) {
    return FromEngine(s);
  }
  auto it = engine->NewIterator(Cf::kCatalog, KeyRange::Prefix(TableRecordPrefix()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(TableDef def, DecodeTableDef(it->value()));
    // Ids come from the counter; a larger stored id means the counter record
    // was lost, and reusing ids would mix tables' rows.
    catalog->next_id_ = std::max<uint32_t>(catalog->next_id_, def.id + 1);
    for (const IndexDef& index : def.indexes) {
      catalog->next_id_ = std::max<uint32_t>(catalog->next_id_, index.id + 1);
    }
    auto shared = std::make_shared<const TableDef>(std::move(def));
    catalog->by_name_[shared->name] = shared;
    catalog->by_id_[shared->id] = shared;
  }
  if (!it->status().ok()) return FromEngine(it->status());
  catalog->RebuildReferencesLocked();  // not shared yet: no lock needed
  return catalog;
}

std::shared_ptr<const TableDef> Catalog::Find(std::string_view table) const {
  std::shared_lock lock(mu_);
  auto it = by_name_.find(std::string(table));
  return it == by_name_.end() ? nullptr : it->second;
}

std::shared_ptr<const TableDef> Catalog::FindById(uint32_t id) const {
  std::shared_lock lock(mu_);
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const TableDef>> Catalog::Tables() const {
  std::vector<std::shared_ptr<const TableDef>> out;
  {
    std::shared_lock lock(mu_);
    for (const auto& [name, def] : by_name_) out.push_back(def);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a->name < b->name; });
  return out;
}

std::vector<std::shared_ptr<const TableDef>> Catalog::ReferencingTables(
    std::string_view table) const {
  std::shared_lock lock(mu_);
  auto it = referencing_.find(std::string(table));
  if (it == referencing_.end()) return {};
  return it->second;
}

void Catalog::RebuildReferencesLocked() {
  referencing_.clear();
  for (const auto& [name, def] : by_name_) {
    std::vector<std::string_view> seen;
    for (const ForeignKeyDef& fk : def->foreign_keys) {
      if (std::find(seen.begin(), seen.end(), fk.ref_table) != seen.end()) continue;
      seen.push_back(fk.ref_table);
      referencing_[fk.ref_table].push_back(def);
    }
  }
  for (auto& [name, defs] : referencing_) {
    std::sort(defs.begin(), defs.end(),
              [](const auto& a, const auto& b) { return a->name < b->name; });
  }
}

SqlResult<uint32_t> Catalog::AllocateId() {
  std::unique_lock lock(mu_);
  uint32_t id = next_id_;
  Status s = engine_->Put(Cf::kCatalog, NextIdKey(), EncodeNextId(id + 1));
  if (!s.ok()) return FromEngine(s);
  next_id_ = id + 1;
  return id;
}

SqlStatus Catalog::Put(TableDef def) {
  if (def.id == 0) return err::Unknown("internal: table definition without id");
  // A definition that takes over a name under a new id (TRUNCATE gives the
  // table fresh ids) replaces the old record in the same commit.
  std::shared_ptr<const TableDef> same_name = Find(def.name);
  auto txn = engine_->BeginTransaction();
  Status s = txn->Put(Cf::kCatalog, TableRecordKey(def.id), EncodeTableDef(def));
  if (s.ok() && same_name && same_name->id != def.id) {
    s = txn->Delete(Cf::kCatalog, TableRecordKey(same_name->id));
  }
  if (s.ok()) s = txn->Commit();
  if (!s.ok()) return FromEngine(s);
  auto shared = std::make_shared<const TableDef>(std::move(def));
  std::unique_lock lock(mu_);
  auto old = by_id_.find(shared->id);
  if (old != by_id_.end() && old->second->name != shared->name) by_name_.erase(old->second->name);
  if (same_name && same_name->id != shared->id) by_id_.erase(same_name->id);
  by_name_[shared->name] = shared;
  by_id_[shared->id] = shared;
  RebuildReferencesLocked();
  version_.fetch_add(1, std::memory_order_acq_rel);
  return SqlStatus::Ok();
}

SqlStatus Catalog::PutAll(std::vector<TableDef> defs, const std::vector<uint32_t>& removed_ids) {
  auto txn = engine_->BeginTransaction();
  Status s;
  for (const TableDef& def : defs) {
    if (def.id == 0) return err::Unknown("internal: table definition without id");
    if (s.ok()) s = txn->Put(Cf::kCatalog, TableRecordKey(def.id), EncodeTableDef(def));
  }
  for (uint32_t id : removed_ids) {
    if (s.ok()) s = txn->Delete(Cf::kCatalog, TableRecordKey(id));
  }
  if (s.ok()) s = txn->Commit();
  if (!s.ok()) return FromEngine(s);
  std::unique_lock lock(mu_);
  // Unpublish every old version first: a name may pass from one definition
  // to another in the same batch (a swap).
  auto unpublish = [&](uint32_t id) {
    auto old = by_id_.find(id);
    if (old == by_id_.end()) return;
    auto named = by_name_.find(old->second->name);
    if (named != by_name_.end() && named->second == old->second) by_name_.erase(named);
    by_id_.erase(old);
  };
  for (uint32_t id : removed_ids) unpublish(id);
  for (const TableDef& def : defs) unpublish(def.id);
  for (TableDef& def : defs) {
    auto shared = std::make_shared<const TableDef>(std::move(def));
    by_name_[shared->name] = shared;
    by_id_[shared->id] = shared;
  }
  RebuildReferencesLocked();
  version_.fetch_add(1, std::memory_order_acq_rel);
  return SqlStatus::Ok();
}

SqlStatus Catalog::Remove(std::string_view table) {
  std::shared_ptr<const TableDef> def = Find(table);
  if (!def) return err::UnknownTable(table);
  Status s = engine_->Delete(Cf::kCatalog, TableRecordKey(def->id));
  if (!s.ok()) return FromEngine(s);
  std::unique_lock lock(mu_);
  by_name_.erase(def->name);
  by_id_.erase(def->id);
  RebuildReferencesLocked();
  version_.fetch_add(1, std::memory_order_acq_rel);
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel

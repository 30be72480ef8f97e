// TableDef <-> RelTable (catalog.fbs). Embedded on disk: see catalog.fbs.
#include "models/relational/storage/catalog_record.h"

#include <flatbuffers/flatbuffers.h>

#include <cstring>
#include <vector>

#include "engine/key_codec.h"
#include "engine/key_format.h"
#include "models/relational/storage/catalog_generated.h"
#include "models/relational/storage/row_codec.h"

namespace tetradb::rel {
namespace {

namespace fbs = ::tetradb::rel::fb;
using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;

std::string Str(const flatbuffers::String* s) { return s ? s->str() : std::string(); }

std::vector<uint32_t> U32s(const flatbuffers::Vector<uint32_t>* v) {
  return v ? std::vector<uint32_t>(v->begin(), v->end()) : std::vector<uint32_t>();
}

std::string EncodedValue(const Value& v) {
  std::string out;
  AppendValue(v, &out);
  return out;
}

bool DecodedValue(const flatbuffers::Vector<uint8_t>* bytes, Value* out) {
  if (!bytes || bytes->size() == 0) {
    *out = Value::Null();
    return true;
  }
  std::string_view in(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  return ReadValue(&in, out) && in.empty();
}

Offset<fbs::RelColumn> BuildColumn(FlatBufferBuilder& fbb, const ColumnDef& c) {
  std::vector<Offset<flatbuffers::String>> enum_values;
  for (const std::string& e : c.type.enum_values) enum_values.push_back(fbb.CreateString(e));
  auto type = fbs::CreateRelColumnType(fbb, static_cast<uint8_t>(c.type.id), c.type.is_unsigned,
                                       c.type.length, c.type.precision, c.type.scale, c.type.fsp,
                                       c.type.display_width_one, fbb.CreateVector(enum_values));
  auto name = fbb.CreateString(c.name);
  std::string def_bytes;
  if (c.default_value.kind == DefaultSpec::Kind::kConstant) {
    def_bytes = EncodedValue(c.default_value.constant);
  }
  auto def = fbb.CreateVector(reinterpret_cast<const uint8_t*>(def_bytes.data()), def_bytes.size());
  auto comment = fbb.CreateString(c.comment);
  std::string missing_bytes;
  if (!c.missing_value.is_null()) missing_bytes = EncodedValue(c.missing_value);
  auto missing = fbb.CreateVector(reinterpret_cast<const uint8_t*>(missing_bytes.data()),
                                  missing_bytes.size());
  return fbs::CreateRelColumn(fbb, c.id, name, type, c.nullable,
                              static_cast<uint8_t>(c.default_value.kind), def, c.auto_increment,
                              c.on_update_current_timestamp, comment, missing);
}

}  // namespace

std::string TableRecordPrefix() { return std::string(1, static_cast<char>(CatalogTag::kRelTable)); }

std::string TableRecordKey(uint32_t table_id) {
  std::string key = TableRecordPrefix();
  KeyEncoder(&key).Int(table_id);
  return key;
}

std::string NextIdKey() { return std::string(1, static_cast<char>(CatalogTag::kRelNextId)); }

std::string EncodeTableDef(const TableDef& def) {
  FlatBufferBuilder fbb(1024);
  std::vector<Offset<fbs::RelColumn>> columns;
  for (const ColumnDef& c : def.columns) columns.push_back(BuildColumn(fbb, c));
  std::vector<Offset<fbs::RelIndex>> indexes;
  for (const IndexDef& i : def.indexes) {
    indexes.push_back(fbs::CreateRelIndex(fbb, i.id, fbb.CreateString(i.name),
                                          fbb.CreateVector(i.columns), i.unique));
  }
  std::vector<Offset<fbs::RelForeignKey>> fks;
  for (const ForeignKeyDef& fk : def.foreign_keys) {
    std::vector<Offset<flatbuffers::String>> ref_columns;
    for (const std::string& r : fk.ref_columns) ref_columns.push_back(fbb.CreateString(r));
    fks.push_back(fbs::CreateRelForeignKey(
        fbb, fbb.CreateString(fk.name), fbb.CreateVector(fk.columns),
        fbb.CreateString(fk.ref_table), fbb.CreateVector(ref_columns),
        static_cast<uint8_t>(fk.on_delete), static_cast<uint8_t>(fk.on_update)));
  }
  auto root =
      fbs::CreateRelTable(fbb, def.id, fbb.CreateString(def.name), fbb.CreateVector(columns),
                          fbb.CreateVector(def.primary_key), fbb.CreateVector(indexes),
                          fbb.CreateVector(fks), def.next_column_id, def.auto_increment_start);
  fbb.Finish(root);
  return std::string(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
}

SqlResult<TableDef> DecodeTableDef(std::string_view stored) {
  // FlatBuffers reads fields in place and wants them aligned; stored bytes
  // (an iterator's value) need not be.
  std::vector<uint64_t> aligned((stored.size() + 7) / 8);
  if (!stored.empty()) std::memcpy(aligned.data(), stored.data(), stored.size());
  std::string_view bytes(reinterpret_cast<const char*>(aligned.data()), stored.size());
  auto corrupt = [](std::string_view what) {
    return err::Unknown(std::string("corrupt table definition in the catalog: ") +
                        std::string(what));
  };
  flatbuffers::Verifier verifier(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (!fbs::VerifyRelTableBuffer(verifier)) return corrupt("does not verify");
  const fbs::RelTable* t = fbs::GetRelTable(bytes.data());
  TableDef def;
  def.id = t->id();
  def.name = Str(t->name());
  if (t->columns()) {
    for (const fbs::RelColumn* c : *t->columns()) {
      ColumnDef col;
      col.id = c->id();
      col.name = Str(c->name());
      if (const fbs::RelColumnType* ty = c->type()) {
        col.type.id = static_cast<TypeId>(ty->type_id());
        col.type.is_unsigned = ty->is_unsigned();
        col.type.length = ty->length();
        col.type.precision = ty->precision();
        col.type.scale = ty->scale();
        col.type.fsp = ty->fsp();
        col.type.display_width_one = ty->display_width_one();
        if (ty->enum_values()) {
          for (const flatbuffers::String* e : *ty->enum_values()) {
            col.type.enum_values.push_back(Str(e));
          }
        }
      }
      col.nullable = c->nullable();
      if (c->default_kind() > static_cast<uint8_t>(DefaultSpec::Kind::kCurrentTimestamp)) {
        return corrupt("unknown default kind");
      }
      col.default_value.kind = static_cast<DefaultSpec::Kind>(c->default_kind());
      if (!DecodedValue(c->default_value(), &col.default_value.constant)) {
        return corrupt("bad default value");
      }
      col.auto_increment = c->auto_increment();
      col.on_update_current_timestamp = c->on_update_current_timestamp();
      col.comment = Str(c->comment());
      if (!DecodedValue(c->missing_value(), &col.missing_value)) {
        return corrupt("bad missing value");
      }
      def.columns.push_back(std::move(col));
    }
  }
  const size_t n = def.columns.size();
  auto positions_ok = [n](const std::vector<uint32_t>& v) {
    for (uint32_t p : v) {
      if (p >= n) return false;
    }
    return true;
  };
  def.primary_key = U32s(t->primary_key());
  if (!positions_ok(def.primary_key)) return corrupt("bad primary key column");
  if (t->indexes()) {
    for (const fbs::RelIndex* i : *t->indexes()) {
      IndexDef index;
      index.id = i->id();
      index.name = Str(i->name());
      index.columns = U32s(i->columns());
      index.unique = i->unique();
      if (!positions_ok(index.columns) || index.columns.empty()) {
        return corrupt("bad index column");
      }
      def.indexes.push_back(std::move(index));
    }
  }
  if (t->foreign_keys()) {
    for (const fbs::RelForeignKey* f : *t->foreign_keys()) {
      ForeignKeyDef fk;
      fk.name = Str(f->name());
      fk.columns = U32s(f->columns());
      fk.ref_table = Str(f->ref_table());
      if (f->ref_columns()) {
        for (const flatbuffers::String* r : *f->ref_columns()) fk.ref_columns.push_back(Str(r));
      }
      if (f->on_delete() > static_cast<uint8_t>(FkAction::kNoAction) ||
          f->on_update() > static_cast<uint8_t>(FkAction::kNoAction)) {
        return corrupt("unknown foreign key action");
      }
      fk.on_delete = static_cast<FkAction>(f->on_delete());
      fk.on_update = static_cast<FkAction>(f->on_update());
      if (!positions_ok(fk.columns) || fk.columns.size() != fk.ref_columns.size()) {
        return corrupt("bad foreign key columns");
      }
      def.foreign_keys.push_back(std::move(fk));
    }
  }
  def.next_column_id = t->next_column_id();
  def.auto_increment_start = t->auto_increment_start();
  return def;
}

std::string EncodeNextId(uint32_t next_id) {
  FlatBufferBuilder fbb(64);
  fbb.Finish(fbs::CreateRelNextId(fbb, next_id));
  return std::string(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
}

SqlResult<uint32_t> DecodeNextId(std::string_view stored) {
  std::vector<uint64_t> aligned((stored.size() + 7) / 8);
  if (!stored.empty()) std::memcpy(aligned.data(), stored.data(), stored.size());
  std::string_view bytes(reinterpret_cast<const char*>(aligned.data()), stored.size());
  flatbuffers::Verifier verifier(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (!verifier.VerifyBuffer<fbs::RelNextId>(nullptr)) {
    return err::Unknown("corrupt id counter in the catalog");
  }
  return flatbuffers::GetRoot<fbs::RelNextId>(bytes.data())->next_id();
}

}  // namespace tetradb::rel

#include "models/relational/sql/session/show.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "models/relational/types/column_type.h"

namespace tetradb::rel::sql {
namespace {

std::string Quote(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') out += '`';
  }
  out += '`';
  return out;
}

// A string literal as SHOW CREATE TABLE writes DEFAULT and COMMENT texts.
std::string QuoteText(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
      case '\0':
        out += "\\0";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\032':
        out += "\\Z";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      default:
        out += c;
    }
  }
  out += '\'';
  return out;
}

std::string ColumnList(const TableDef& table, const std::vector<uint32_t>& columns,
                       std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += separator;
    out += Quote(table.columns[columns[i]].name);
  }
  return out;
}

std::string CurrentTimestampText(const ColumnType& type) {
  return type.fsp > 0 ? fmt::format("CURRENT_TIMESTAMP({})", type.fsp) : "CURRENT_TIMESTAMP";
}

bool IsBlobLike(const ColumnType& type) {
  return type.id == TypeId::kText || type.id == TypeId::kBlob || type.id == TypeId::kJson;
}

std::vector<const IndexDef*> OrderedIndexes(const TableDef& table);

// DESCRIBE's Key: PRI for any primary key column, UNI for the column of a
// one-column unique index, MUL for the first column of any other index.
// Without a primary key, MySQL treats the first unique index over NOT NULL
// columns as the primary key.
std::string KeyFlag(const TableDef& table, size_t column) {
  const std::vector<uint32_t>* primary = &table.primary_key;
  const IndexDef* promoted = nullptr;
  if (table.primary_key.empty()) {
    for (const IndexDef* index : OrderedIndexes(table)) {
      bool not_null = std::none_of(index->columns.begin(), index->columns.end(),
                                   [&](uint32_t c) { return table.columns[c].nullable; });
      if (index->unique && not_null) {
        promoted = index;
        primary = &index->columns;
      }
      break;  // only the first index in MySQL's order can be promoted
    }
  }
  if (std::find(primary->begin(), primary->end(), column) != primary->end()) return "PRI";
  bool uni = false;
  bool mul = false;
  for (const IndexDef& index : table.indexes) {
    if (&index == promoted || index.columns.empty() || index.columns[0] != column) continue;
    (index.unique && index.columns.size() == 1 ? uni : mul) = true;
  }
  return uni ? "UNI" : mul ? "MUL" : "";
}

std::string ColumnLine(const ColumnDef& col) {
  std::string line = fmt::format("  {} {}", Quote(col.name), TypeName(col.type));
  if (!col.nullable) {
    line += " NOT NULL";
  } else if (col.type.id == TypeId::kTimestamp) {
    line += " NULL";  // MySQL spells out a nullable TIMESTAMP
  }
  const DefaultSpec& def = col.default_value;
  if (col.auto_increment) {
    // no DEFAULT clause
  } else if (def.kind == DefaultSpec::Kind::kCurrentTimestamp) {
    line += " DEFAULT " + CurrentTimestampText(col.type);
  } else if (def.kind == DefaultSpec::Kind::kConstant && !def.constant.is_null()) {
    line += " DEFAULT " + QuoteText(ToText(def.constant));
  } else if (col.nullable && !IsBlobLike(col.type)) {
    line += " DEFAULT NULL";
  }
  if (col.on_update_current_timestamp) line += " ON UPDATE " + CurrentTimestampText(col.type);
  if (col.auto_increment) line += " AUTO_INCREMENT";
  if (!col.comment.empty()) line += " COMMENT " + QuoteText(col.comment);
  return line;
}

std::string_view FkActionText(FkAction action) {
  switch (action) {
    case FkAction::kCascade:
      return "CASCADE";
    case FkAction::kSetNull:
      return "SET NULL";
    // RESTRICT is what an unspecified action parses to; MySQL 8 prints
    // nothing for an unspecified (NO ACTION) rule.
    case FkAction::kRestrict:
    case FkAction::kNoAction:
      return "";
  }
  return "";
}

std::string ForeignKeyLine(const TableDef& table, const ForeignKeyDef& fk) {
  std::string refs;
  for (size_t i = 0; i < fk.ref_columns.size(); ++i) {
    if (i > 0) refs += ", ";
    refs += Quote(fk.ref_columns[i]);
  }
  std::string line =
      fmt::format("  CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})", Quote(fk.name),
                  ColumnList(table, fk.columns, ", "), Quote(fk.ref_table), refs);
  if (std::string_view a = FkActionText(fk.on_delete); !a.empty())
    line += fmt::format(" ON DELETE {}", a);
  if (std::string_view a = FkActionText(fk.on_update); !a.empty())
    line += fmt::format(" ON UPDATE {}", a);
  return line;
}

// Secondary indexes in MySQL's key order: unique keys over NOT NULL
// columns, other unique keys, then plain keys, each group in creation order.
std::vector<const IndexDef*> OrderedIndexes(const TableDef& table) {
  auto rank = [&](const IndexDef* index) {
    if (!index->unique) return 2;
    for (uint32_t c : index->columns) {
      if (table.columns[c].nullable) return 1;
    }
    return 0;
  };
  std::vector<const IndexDef*> out;
  for (const IndexDef& index : table.indexes) out.push_back(&index);
  std::stable_sort(out.begin(), out.end(),
                   [&](const IndexDef* a, const IndexDef* b) { return rank(a) < rank(b); });
  return out;
}

// Foreign keys by name, as InnoDB lists them.
std::vector<const ForeignKeyDef*> OrderedForeignKeys(const TableDef& table) {
  std::vector<const ForeignKeyDef*> out;
  for (const ForeignKeyDef& fk : table.foreign_keys) out.push_back(&fk);
  std::stable_sort(out.begin(), out.end(), [](const ForeignKeyDef* a, const ForeignKeyDef* b) {
    return a->name < b->name;
  });
  return out;
}

SqlResult<std::shared_ptr<const TableDef>> FindTable(Database* db, const std::string& name) {
  auto table = db->catalog().Find(name);
  if (!table) return err::NoSuchTable(name);
  return table;
}

ResultSet Rows(std::vector<std::string> columns) {
  ResultSet result;
  result.has_rows = true;
  result.columns = std::move(columns);
  return result;
}

ResultSet ShowTables(Database* db, const ShowTablesStatement& stmt) {
  std::string header = fmt::format("Tables_in_{}", kDatabaseName);
  if (stmt.like) header += fmt::format(" ({})", *stmt.like);
  ResultSet result = Rows({header});
  std::vector<std::string> names;
  for (const auto& table : db->catalog().Tables()) {
    if (!stmt.like || LikeMatch(*stmt.like, table->name)) names.push_back(table->name);
  }
  std::sort(names.begin(), names.end());
  for (std::string& name : names) result.rows.push_back({Value::String(std::move(name))});
  return result;
}

ResultSet Describe(const TableDef& table) {
  ResultSet result = Rows({"Field", "Type", "Null", "Key", "Default", "Extra"});
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnDef& col = table.columns[i];
    Value def;
    std::string extra;
    if (col.default_value.kind == DefaultSpec::Kind::kCurrentTimestamp) {
      def = Value::String(CurrentTimestampText(col.type));
      extra = "DEFAULT_GENERATED";
    } else if (col.default_value.kind == DefaultSpec::Kind::kConstant &&
               !col.default_value.constant.is_null()) {
      def = Value::String(ToText(col.default_value.constant));
    }
    if (col.auto_increment) extra = "auto_increment";
    if (col.on_update_current_timestamp) {
      if (!extra.empty()) extra += ' ';
      extra += "on update " + CurrentTimestampText(col.type);
    }
    result.rows.push_back({Value::String(col.name), Value::String(TypeName(col.type)),
                           Value::String(col.nullable ? "YES" : "NO"),
                           Value::String(KeyFlag(table, i)), std::move(def),
                           Value::String(std::move(extra))});
  }
  return result;
}

ResultSet ShowIndex(const TableDef& table) {
  ResultSet result = Rows({"Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name",
                           "Collation", "Cardinality", "Sub_part", "Packed", "Null", "Index_type",
                           "Comment", "Index_comment", "Visible", "Expression"});
  auto add = [&](std::string_view key, bool unique, const std::vector<uint32_t>& columns) {
    for (size_t i = 0; i < columns.size(); ++i) {
      const ColumnDef& col = table.columns[columns[i]];
      result.rows.push_back({Value::String(table.name), Value::Int(unique ? 0 : 1),
                             Value::String(std::string(key)),
                             Value::Int(static_cast<int64_t>(i + 1)), Value::String(col.name),
                             Value::String("A"), Value(), Value(), Value(),
                             Value::String(col.nullable ? "YES" : ""), Value::String("BTREE"),
                             Value::String(""), Value::String(""), Value::String("YES"), Value()});
    }
  };
  if (!table.primary_key.empty()) add("PRIMARY", true, table.primary_key);
  for (const IndexDef* index : OrderedIndexes(table)) {
    add(index->name, index->unique, index->columns);
  }
  return result;
}

}  // namespace

bool IsShow(StmtKind kind) {
  return kind == StmtKind::kShowTables || kind == StmtKind::kShowColumns ||
         kind == StmtKind::kShowCreateTable || kind == StmtKind::kShowIndex;
}

std::string ShowCreateTableText(const TableDef& table) {
  std::vector<std::string> lines;
  for (const ColumnDef& col : table.columns) lines.push_back(ColumnLine(col));
  if (!table.primary_key.empty()) {
    lines.push_back(fmt::format("  PRIMARY KEY ({})", ColumnList(table, table.primary_key, ",")));
  }
  for (const IndexDef* index : OrderedIndexes(table)) {
    lines.push_back(fmt::format("  {}KEY {} ({})", index->unique ? "UNIQUE " : "",
                                Quote(index->name), ColumnList(table, index->columns, ",")));
  }
  for (const ForeignKeyDef* fk : OrderedForeignKeys(table)) {
    lines.push_back(ForeignKeyLine(table, *fk));
  }

  std::string text = fmt::format("CREATE TABLE {} (\n", Quote(table.name));
  for (size_t i = 0; i < lines.size(); ++i) {
    text += lines[i];
    text += i + 1 < lines.size() ? ",\n" : "\n";
  }
  text += ") ENGINE=InnoDB";
  // The counter Database hands out is not readable here; the AUTO_INCREMENT=n
  // the table was created with is what we can show.
  if (table.auto_increment_start > 1) {
    text += fmt::format(" AUTO_INCREMENT={}", table.auto_increment_start);
  }
  text += " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci";
  return text;
}

bool LikeMatch(std::string_view pattern, std::string_view text) {
  // Greedy match with one backtrack point for the last %, over UTF-8
  // characters for _.
  auto char_len = [](std::string_view s, size_t i) -> size_t {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return std::min(n, s.size() - i);
  };
  size_t p = 0, t = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      if (pattern[p] == '_') {
        p += 1;
        t += char_len(text, t);
        continue;
      }
      size_t lit = p;
      if (pattern[p] == '\\' && p + 1 < pattern.size()) lit = p + 1;
      if (pattern[lit] == text[t]) {
        p = lit + 1;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    star_t += char_len(text, star_t);
    t = star_t;
    p = star_p;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

SqlResult<ResultSet> ExecuteShow(const Statement& stmt, Database* db) {
  switch (stmt.kind) {
    case StmtKind::kShowTables:
      return ShowTables(db, static_cast<const ShowTablesStatement&>(stmt));
    case StmtKind::kShowColumns: {
      TETRADB_SQL_ASSIGN_OR_RETURN(
          auto table, FindTable(db, static_cast<const ShowColumnsStatement&>(stmt).table));
      return Describe(*table);
    }
    case StmtKind::kShowCreateTable: {
      TETRADB_SQL_ASSIGN_OR_RETURN(
          auto table, FindTable(db, static_cast<const ShowCreateTableStatement&>(stmt).table));
      ResultSet result = Rows({"Table", "Create Table"});
      result.rows.push_back(
          {Value::String(table->name), Value::String(ShowCreateTableText(*table))});
      return result;
    }
    case StmtKind::kShowIndex: {
      TETRADB_SQL_ASSIGN_OR_RETURN(
          auto table, FindTable(db, static_cast<const ShowIndexStatement&>(stmt).table));
      return ShowIndex(*table);
    }
    default:
      return err::Unknown("not a SHOW statement");
  }
}

}  // namespace tetradb::rel::sql

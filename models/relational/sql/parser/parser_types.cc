// Type names: column types in CREATE / ALTER TABLE and CAST's target types.
// Sizes are carried as written (clamped to the field's range); checking
// them against MySQL's limits is ValidateType's job (types/column_type.h).
#include <limits>

#include "models/relational/sql/parser/parser_internal.h"

namespace tetradb::rel::sql {
namespace {

constexpr uint32_t kTinyLength = 255;
constexpr uint32_t kTextLength = 65535;
constexpr uint32_t kMediumLength = 16777215;
constexpr uint32_t kLongLength = 4294967295u;

uint8_t ClampU8(uint64_t v) { return static_cast<uint8_t>(std::min<uint64_t>(v, 255)); }
uint32_t ClampU32(uint64_t v) {
  return static_cast<uint32_t>(std::min<uint64_t>(v, std::numeric_limits<uint32_t>::max()));
}

// TEXT(n) / BLOB(n): the smallest type that holds n bytes, as MySQL picks.
uint32_t SizedTextLength(uint64_t n) {
  if (n <= kTinyLength) return kTinyLength;
  if (n <= kTextLength) return kTextLength;
  if (n <= kMediumLength) return kMediumLength;
  return kLongLength;
}

}  // namespace

// "(n)" if present: the number, else nullopt.
static SqlResult<std::optional<uint64_t>> ParseOptionalWidth(Parser* p) {
  if (!p->AcceptOp("(")) return std::optional<uint64_t>();
  const Token& t = p->Peek();
  if (t.kind != TokenKind::kNumber || t.number.kind() != ValueKind::kInt) {
    return p->ErrorHere();
  }
  uint64_t n = static_cast<uint64_t>(p->Next().number.int_value());
  TETRADB_SQL_RETURN_IF_ERROR(p->ExpectOp(")"));
  return std::optional<uint64_t>(n);
}

// "(p)" or "(p, s)" if present.
static SqlStatus ParsePrecisionScale(Parser* p, std::optional<uint64_t>* precision,
                                     std::optional<uint64_t>* scale) {
  if (!p->AcceptOp("(")) return SqlStatus::Ok();
  auto number = [p]() -> SqlResult<uint64_t> {
    const Token& t = p->Peek();
    if (t.kind != TokenKind::kNumber || t.number.kind() != ValueKind::kInt) {
      return p->ErrorHere();
    }
    return static_cast<uint64_t>(p->Next().number.int_value());
  };
  TETRADB_SQL_ASSIGN_OR_RETURN(*precision, number());
  if (p->AcceptOp(",")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(*scale, number());
  }
  return p->ExpectOp(")");
}

// UNSIGNED / SIGNED / ZEROFILL after a numeric type (ZEROFILL implies UNSIGNED
// and its padding is not modelled).
static void ParseNumericAttributes(Parser* p, ColumnType* type) {
  while (true) {
    if (p->AcceptKeyword("UNSIGNED") || p->AcceptKeyword("ZEROFILL")) {
      type->is_unsigned = true;
    } else if (!p->AcceptKeyword("SIGNED")) {
      return;
    }
  }
}

SqlResult<ColumnType> Parser::ParseColumnType() {
  const Token& t = Peek();
  if (t.kind != TokenKind::kIdent) return ErrorHere();
  const std::string word = ToUpperAscii(t.text);
  Next();
  ColumnType type;
  auto integer = [&](TypeId id) -> SqlResult<ColumnType> {
    type.id = id;
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<uint64_t> width, ParseOptionalWidth(this));
    // Display widths are deprecated and ignored, except TINYINT(1): the
    // boolean idiom, which SHOW CREATE TABLE keeps.
    type.display_width_one = id == TypeId::kTinyInt && width == 1u;
    ParseNumericAttributes(this, &type);
    return type;
  };
  auto sized = [&](TypeId id, bool required, uint32_t fallback) -> SqlResult<ColumnType> {
    type.id = id;
    if (required && !PeekOp("(")) return ErrorHere();
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<uint64_t> n, ParseOptionalWidth(this));
    type.length = n ? ClampU32(*n) : fallback;
    return type;
  };
  auto text = [&](TypeId id, uint32_t length) {
    type.id = id;
    type.length = length;
    return type;
  };

  if (word == "TINYINT" || word == "INT1") return integer(TypeId::kTinyInt);
  if (word == "SMALLINT" || word == "INT2") return integer(TypeId::kSmallInt);
  if (word == "MEDIUMINT" || word == "INT3" || word == "MIDDLEINT") {
    return integer(TypeId::kMediumInt);
  }
  if (word == "INT" || word == "INTEGER" || word == "INT4") return integer(TypeId::kInt);
  if (word == "BIGINT" || word == "INT8") return integer(TypeId::kBigInt);
  if (word == "BOOL" || word == "BOOLEAN") {
    type.id = TypeId::kTinyInt;
    type.display_width_one = true;
    return type;
  }
  if (word == "DECIMAL" || word == "DEC" || word == "NUMERIC" || word == "FIXED") {
    type.id = TypeId::kDecimal;
    std::optional<uint64_t> precision, scale;
    TETRADB_SQL_RETURN_IF_ERROR(ParsePrecisionScale(this, &precision, &scale));
    type.precision = precision ? ClampU8(*precision) : 10;
    type.scale = scale ? ClampU8(*scale) : 0;
    ParseNumericAttributes(this, &type);
    return type;
  }
  if (word == "FLOAT" || word == "FLOAT4" || word == "DOUBLE" || word == "FLOAT8" ||
      word == "REAL") {
    type.id = (word == "FLOAT" || word == "FLOAT4") ? TypeId::kFloat : TypeId::kDouble;
    if (word == "DOUBLE") AcceptKeyword("PRECISION");
    std::optional<uint64_t> precision, scale;
    TETRADB_SQL_RETURN_IF_ERROR(ParsePrecisionScale(this, &precision, &scale));
    // FLOAT(p): p > 24 means DOUBLE (MySQL picks the storage by precision).
    if (type.id == TypeId::kFloat && precision && !scale && *precision > 24) {
      type.id = TypeId::kDouble;
    }
    ParseNumericAttributes(this, &type);
    return type;
  }
  if (word == "CHARACTER" || word == "CHAR" || word == "NCHAR" || word == "NATIONAL") {
    if (word == "NATIONAL" && !AcceptKeyword("CHAR") && !AcceptKeyword("CHARACTER")) {
      if (AcceptKeyword("VARCHAR") || AcceptKeyword("VARCHARACTER")) {
        return sized(TypeId::kVarChar, true, 0);
      }
      return ErrorHere();
    }
    if (AcceptKeyword("VARYING")) return sized(TypeId::kVarChar, true, 0);
    return sized(TypeId::kChar, false, 1);
  }
  if (word == "VARCHAR" || word == "VARCHARACTER" || word == "NVARCHAR") {
    return sized(TypeId::kVarChar, true, 0);
  }
  if (word == "TINYTEXT") return text(TypeId::kText, kTinyLength);
  if (word == "TEXT") {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<uint64_t> n, ParseOptionalWidth(this));
    return text(TypeId::kText, n ? SizedTextLength(*n) : kTextLength);
  }
  if (word == "MEDIUMTEXT") return text(TypeId::kText, kMediumLength);
  if (word == "LONGTEXT") return text(TypeId::kText, kLongLength);
  if (word == "LONG") {  // LONG, LONG VARCHAR: MEDIUMTEXT; LONG VARBINARY: MEDIUMBLOB
    if (AcceptKeyword("VARBINARY")) return text(TypeId::kBlob, kMediumLength);
    AcceptKeyword("VARCHAR");
    return text(TypeId::kText, kMediumLength);
  }
  if (word == "BINARY") return sized(TypeId::kBlob, false, 1);
  if (word == "VARBINARY") return sized(TypeId::kBlob, true, 0);
  if (word == "TINYBLOB") return text(TypeId::kBlob, kTinyLength);
  if (word == "BLOB") {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<uint64_t> n, ParseOptionalWidth(this));
    return text(TypeId::kBlob, n ? SizedTextLength(*n) : kTextLength);
  }
  if (word == "MEDIUMBLOB") return text(TypeId::kBlob, kMediumLength);
  if (word == "LONGBLOB") return text(TypeId::kBlob, kLongLength);
  if (word == "DATE") {
    type.id = TypeId::kDate;
    return type;
  }
  if (word == "DATETIME" || word == "TIMESTAMP") {
    type.id = word == "DATETIME" ? TypeId::kDateTime : TypeId::kTimestamp;
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<uint64_t> fsp, ParseOptionalWidth(this));
    type.fsp = fsp ? ClampU8(*fsp) : 0;
    return type;
  }
  if (word == "ENUM") {
    type.id = TypeId::kEnum;
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
    do {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string value, ParseString());
      type.enum_values.push_back(std::move(value));
    } while (AcceptOp(","));
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
    return type;
  }
  if (word == "JSON") {
    type.id = TypeId::kJson;
    return type;
  }
  if (word == "TIME" || word == "YEAR" || word == "BIT" || word == "SET" || word == "GEOMETRY" ||
      word == "POINT" || word == "LINESTRING" || word == "POLYGON") {
    return err::NotSupported(word + " columns");
  }
  return ErrorAt(t);
}

SqlResult<ColumnType> Parser::ParseCastType() {
  const Token& t = Peek();
  if (t.kind != TokenKind::kIdent) return ErrorHere();
  const std::string word = ToUpperAscii(t.text);
  Next();
  ColumnType type;
  if (word == "SIGNED" || word == "UNSIGNED") {
    type.id = TypeId::kBigInt;
    type.is_unsigned = word == "UNSIGNED";
    if (!AcceptKeyword("INTEGER")) AcceptKeyword("INT");
    return type;
  }
  if (word == "CHAR" || word == "NCHAR" || word == "BINARY") {
    type.id = word == "BINARY" ? TypeId::kBlob : TypeId::kVarChar;
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<uint64_t> n, ParseOptionalWidth(this));
    type.length = n ? ClampU32(*n) : 0;  // 0: no limit
    if (AcceptKeyword("CHARACTER")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SET"));
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string cs, ParseNameOrString());
      (void)cs;
    } else if (AcceptKeyword("CHARSET")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string cs, ParseNameOrString());
      (void)cs;
    } else if (!AcceptKeyword("ASCII")) {
      AcceptKeyword("UNICODE");
    }
    return type;
  }
  if (word == "DECIMAL") {
    type.id = TypeId::kDecimal;
    std::optional<uint64_t> precision, scale;
    TETRADB_SQL_RETURN_IF_ERROR(ParsePrecisionScale(this, &precision, &scale));
    type.precision = precision ? ClampU8(*precision) : 10;
    type.scale = scale ? ClampU8(*scale) : 0;
    return type;
  }
  if (word == "DATE") {
    type.id = TypeId::kDate;
    return type;
  }
  if (word == "DATETIME") {
    type.id = TypeId::kDateTime;
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<uint64_t> fsp, ParseOptionalWidth(this));
    type.fsp = fsp ? ClampU8(*fsp) : 0;
    return type;
  }
  if (word == "DOUBLE" || word == "REAL") {
    type.id = TypeId::kDouble;
    if (word == "DOUBLE") AcceptKeyword("PRECISION");
    return type;
  }
  if (word == "FLOAT") {
    type.id = TypeId::kFloat;
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<uint64_t> p, ParseOptionalWidth(this));
    if (p && *p > 24) type.id = TypeId::kDouble;
    return type;
  }
  if (word == "JSON") {
    type.id = TypeId::kJson;
    return type;
  }
  if (word == "TIME" || word == "YEAR") return err::NotSupported("CAST AS " + word);
  return ErrorAt(t);
}

}  // namespace tetradb::rel::sql

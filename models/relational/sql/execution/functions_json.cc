// JSON functions and the -> / ->> operators, over nlohmann::json.
//
// Paths: '$', '.key', '."quoted key"', '[n]', '[last]', and the wildcards
// '.*' and '[*]' (a path with a wildcard returns an array of matches).
// JSON text is printed as MySQL prints it: ", " and ": " separators, object
// keys ordered by length then bytes.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "models/relational/sql/execution/eval.h"
#include "models/relational/sql/execution/functions.h"
#include "models/relational/types/json_text.h"

namespace tetradb::rel::sql {
namespace {

using json = nlohmann::json;
using Args = std::vector<Value>;

struct Leg {
  enum class Kind : uint8_t { kKey, kIndex, kLast, kAnyKey, kAnyIndex };
  Kind kind = Kind::kKey;
  std::string key;
  size_t index = 0;
};

SqlError InvalidPath(size_t pos) {
  return SqlError{3143, "42000",
                  fmt::format("Invalid JSON path expression. The error is around character "
                              "position {}.",
                              pos)};
}

SqlError InvalidJson(std::string_view text, int arg, std::string_view fn) {
  JsonTextError error;
  error.reason = "Invalid value.";
  ValidateJsonText(text, &error);
  return SqlError{3141, "22032",
                  fmt::format("Invalid JSON text in argument {} to function {}: \"{}\" at "
                              "position {}.",
                              arg, fn, error.reason, error.position)};
}

SqlResult<std::vector<Leg>> ParsePath(std::string_view p) {
  size_t i = 0;
  auto skip = [&] {
    while (i < p.size() && (p[i] == ' ' || p[i] == '\t')) ++i;
  };
  skip();
  if (i >= p.size() || p[i] != '$') return InvalidPath(i);
  ++i;
  std::vector<Leg> legs;
  while (true) {
    skip();
    if (i >= p.size()) break;
    Leg leg;
    if (p[i] == '.') {
      ++i;
      skip();
      if (i < p.size() && p[i] == '*') {
        leg.kind = Leg::Kind::kAnyKey;
        ++i;
      } else if (i < p.size() && p[i] == '"') {
        size_t end = i + 1;
        std::string key;
        while (end < p.size() && p[end] != '"') {
          if (p[end] == '\\' && end + 1 < p.size()) ++end;
          key += p[end++];
        }
        if (end >= p.size()) return InvalidPath(i);
        leg.key = std::move(key);
        i = end + 1;
      } else {
        size_t start = i;
        while (i < p.size() && p[i] != '.' && p[i] != '[' && p[i] != ' ') ++i;
        if (i == start) return InvalidPath(i);
        leg.key = std::string(p.substr(start, i - start));
      }
    } else if (p[i] == '[') {
      ++i;
      skip();
      if (i < p.size() && p[i] == '*') {
        leg.kind = Leg::Kind::kAnyIndex;
        ++i;
      } else if (p.substr(i, 4) == "last") {
        leg.kind = Leg::Kind::kLast;
        i += 4;
      } else {
        size_t start = i;
        size_t n = 0;
        while (i < p.size() && p[i] >= '0' && p[i] <= '9') n = n * 10 + (p[i++] - '0');
        if (i == start) return InvalidPath(i);
        leg.kind = Leg::Kind::kIndex;
        leg.index = n;
      }
      skip();
      if (i >= p.size() || p[i] != ']') return InvalidPath(i);
      ++i;
    } else {
      return InvalidPath(i);
    }
    legs.push_back(std::move(leg));
  }
  return legs;
}

bool HasWildcard(const std::vector<Leg>& legs) {
  for (const Leg& l : legs) {
    if (l.kind == Leg::Kind::kAnyKey || l.kind == Leg::Kind::kAnyIndex) return true;
  }
  return false;
}

void Collect(const json& node, const std::vector<Leg>& legs, size_t i,
             std::vector<const json*>* out) {
  if (i == legs.size()) {
    out->push_back(&node);
    return;
  }
  const Leg& leg = legs[i];
  switch (leg.kind) {
    case Leg::Kind::kKey:
      if (node.is_object()) {
        auto it = node.find(leg.key);
        if (it != node.end()) Collect(*it, legs, i + 1, out);
      }
      break;
    case Leg::Kind::kIndex:
      if (node.is_array()) {
        if (leg.index < node.size()) Collect(node[leg.index], legs, i + 1, out);
      } else if (leg.index == 0) {
        Collect(node, legs, i + 1, out);  // a scalar is its own [0]
      }
      break;
    case Leg::Kind::kLast:
      if (node.is_array()) {
        if (!node.empty()) Collect(node.back(), legs, i + 1, out);
      } else {
        Collect(node, legs, i + 1, out);
      }
      break;
    case Leg::Kind::kAnyKey:
      if (node.is_object()) {
        for (const auto& item : node.items()) Collect(item.value(), legs, i + 1, out);
      }
      break;
    case Leg::Kind::kAnyIndex:
      if (node.is_array()) {
        for (const json& item : node) Collect(item, legs, i + 1, out);
      }
      break;
  }
}

void Write(const json& j, std::string* out) {
  switch (j.type()) {
    case json::value_t::array: {
      *out += '[';
      bool first = true;
      for (const json& item : j) {
        if (!first) *out += ", ";
        first = false;
        Write(item, out);
      }
      *out += ']';
      break;
    }
    case json::value_t::object: {
      std::vector<const std::string*> keys;
      for (const auto& item : j.items()) keys.push_back(&item.key());
      std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) {
        return a->size() != b->size() ? a->size() < b->size() : *a < *b;
      });
      *out += '{';
      bool first = true;
      for (const std::string* k : keys) {
        if (!first) *out += ", ";
        first = false;
        *out += json(*k).dump();
        *out += ": ";
        Write(j.at(*k), out);
      }
      *out += '}';
      break;
    }
    default:
      *out += j.dump();
  }
}

std::string Serialize(const json& j) {
  std::string out;
  Write(j, &out);
  return out;
}

// Nesting depth of JSON text (brackets outside strings).
size_t Depth(std::string_view text) {
  size_t depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

constexpr size_t kMaxDepth = 100;  // MySQL's limit

SqlResult<json> ParseDoc(const Value& v, int arg, std::string_view fn) {
  std::string text = v.kind() == ValueKind::kString ? v.string_value() : ToText(v);
  if (Depth(text) > kMaxDepth) {
    return SqlError{3157, "22032", "The JSON document exceeds the maximum depth of 100."};
  }
  try {
    return json::parse(text);
  } catch (const json::exception&) {
    return InvalidJson(text, arg, fn);
  }
}

// True when the expression yields JSON text rather than a plain string.
bool IsJsonExpr(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kColumn:
      return e.column != nullptr && e.column->type.id == TypeId::kJson;
    case BoundKind::kJsonExtract:
      return !e.unquote;
    case BoundKind::kCast:
      return e.cast_type.id == TypeId::kJson;
    case BoundKind::kFunction: {
      std::string_view n = e.fn != nullptr ? e.fn->name : "";
      return n == "JSON_OBJECT" || n == "JSON_ARRAY" || n == "JSON_EXTRACT" || n == "JSON_SET" ||
             n == "JSON_INSERT" || n == "JSON_REPLACE" || n == "JSON_REMOVE" || n == "JSON_KEYS";
    }
    default:
      return false;
  }
}

json ToJson(const Value& v, bool is_json_text) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return nullptr;
    case ValueKind::kInt:
      return v.int_value();
    case ValueKind::kUInt:
      return v.uint_value();
    case ValueKind::kDouble:
      return v.double_value();
    case ValueKind::kDecimal:
      return v.decimal_value().ToDouble();
    case ValueKind::kString:
      if (is_json_text && Depth(v.string_value()) <= kMaxDepth) {
        try {
          return json::parse(v.string_value());
        } catch (const json::exception&) {
        }
      }
      return v.string_value();
    default:
      return ToText(v);
  }
}

json ArgJson(const Args& a, const FnEnv& env, size_t i) {
  bool is_json = env.expr != nullptr && i < env.expr->args.size() && IsJsonExpr(*env.expr->args[i]);
  return ToJson(a[i], is_json);
}

SqlResult<Value> Extract(const Args& a, const FnEnv&) {
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(json doc, ParseDoc(a[0], 1, "json_extract"));
  std::vector<const json*> found;
  bool wrap = a.size() > 2;
  for (size_t i = 1; i < a.size(); ++i) {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<Leg> legs, ParsePath(ToText(a[i])));
    wrap |= HasWildcard(legs);
    Collect(doc, legs, 0, &found);
  }
  if (found.empty()) return Value::Null();
  if (!wrap) return Value::String(Serialize(*found[0]));
  json arr = json::array();
  for (const json* j : found) arr.push_back(*j);
  return Value::String(Serialize(arr));
}

SqlResult<Value> Unquote(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  std::string s = ToText(a[0]);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    try {
      json j = json::parse(s);
      if (j.is_string()) return Value::String(j.get<std::string>());
    } catch (const json::exception&) {
    }
  }
  return Value::String(std::move(s));
}

SqlResult<Value> Object(const Args& a, const FnEnv& env) {
  if (a.size() % 2 != 0) return err::ParamCount("json_object");
  json obj = json::object();
  for (size_t i = 0; i < a.size(); i += 2) {
    if (a[i].is_null()) {
      return SqlError{3158, "22032", "JSON documents may not contain NULL member names."};
    }
    obj[ToText(a[i])] = ArgJson(a, env, i + 1);
  }
  return Value::String(Serialize(obj));
}

SqlResult<Value> Array(const Args& a, const FnEnv& env) {
  json arr = json::array();
  for (size_t i = 0; i < a.size(); ++i) arr.push_back(ArgJson(a, env, i));
  return Value::String(Serialize(arr));
}

SqlResult<Value> Valid(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  if (a[0].kind() != ValueKind::kString) return Value::Bool(false);
  return Value::Bool(json::accept(a[0].string_value()));
}

SqlResult<const json*> AtPath(const json& doc, const Args& a, size_t path_arg,
                              std::vector<const json*>* found) {
  if (a.size() <= path_arg) return &doc;
  TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<Leg> legs, ParsePath(ToText(a[path_arg])));
  Collect(doc, legs, 0, found);
  return found->empty() ? nullptr : (*found)[0];
}

SqlResult<Value> Type(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  TETRADB_SQL_ASSIGN_OR_RETURN(json doc, ParseDoc(a[0], 1, "json_type"));
  switch (doc.type()) {
    case json::value_t::object:
      return Value::String("OBJECT");
    case json::value_t::array:
      return Value::String("ARRAY");
    case json::value_t::string:
      return Value::String("STRING");
    case json::value_t::boolean:
      return Value::String("BOOLEAN");
    case json::value_t::null:
      return Value::String("NULL");
    case json::value_t::number_float:
      return Value::String("DOUBLE");
    case json::value_t::number_unsigned:
      return Value::String("UNSIGNED INTEGER");
    default:
      return Value::String("INTEGER");
  }
}

SqlResult<Value> Length(const Args& a, const FnEnv&) {
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(json doc, ParseDoc(a[0], 1, "json_length"));
  std::vector<const json*> found;
  TETRADB_SQL_ASSIGN_OR_RETURN(const json* at, AtPath(doc, a, 1, &found));
  if (at == nullptr) return Value::Null();
  if (at->is_object() || at->is_array()) return Value::Int(static_cast<int64_t>(at->size()));
  return Value::Int(1);
}

SqlResult<Value> Keys(const Args& a, const FnEnv&) {
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(json doc, ParseDoc(a[0], 1, "json_keys"));
  std::vector<const json*> found;
  TETRADB_SQL_ASSIGN_OR_RETURN(const json* at, AtPath(doc, a, 1, &found));
  if (at == nullptr || !at->is_object()) return Value::Null();
  std::vector<std::string> keys;
  for (const auto& item : at->items()) keys.push_back(item.key());
  std::sort(keys.begin(), keys.end(), [](const std::string& x, const std::string& y) {
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  });
  return Value::String(Serialize(json(keys)));
}

bool Contains(const json& target, const json& cand) {
  if (target.is_object()) {
    if (!cand.is_object()) return false;
    for (const auto& item : cand.items()) {
      auto it = target.find(item.key());
      if (it == target.end() || !Contains(*it, item.value())) return false;
    }
    return true;
  }
  if (target.is_array()) {
    if (cand.is_array()) {
      for (const json& c : cand) {
        if (!Contains(target, c)) return false;
      }
      return true;
    }
    for (const json& t : target) {
      if (Contains(t, cand)) return true;
    }
    return false;
  }
  if (target.is_number() && cand.is_number()) return target.get<double>() == cand.get<double>();
  return target == cand;
}

SqlResult<Value> ContainsFn(const Args& a, const FnEnv&) {
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(json doc, ParseDoc(a[0], 1, "json_contains"));
  TETRADB_SQL_ASSIGN_OR_RETURN(json cand, ParseDoc(a[1], 2, "json_contains"));
  std::vector<const json*> found;
  TETRADB_SQL_ASSIGN_OR_RETURN(const json* at, AtPath(doc, a, 2, &found));
  if (at == nullptr) return Value::Null();
  return Value::Bool(Contains(*at, cand));
}

enum class Mode : uint8_t { kSet, kInsert, kReplace };

// Applies one path assignment; paths with wildcards are refused (3149).
SqlStatus Assign(json* doc, const std::vector<Leg>& legs, const json& value, Mode mode) {
  if (HasWildcard(legs)) {
    return SqlError{3149, "42000",
                    "In this situation, path expressions may not contain the * and ** tokens."};
  }
  if (legs.empty()) {
    if (mode != Mode::kInsert) *doc = value;
    return SqlStatus::Ok();
  }
  json* node = doc;
  for (size_t i = 0; i + 1 < legs.size(); ++i) {
    const Leg& leg = legs[i];
    if (leg.kind == Leg::Kind::kKey) {
      if (!node->is_object() || !node->contains(leg.key)) return SqlStatus::Ok();
      node = &(*node)[leg.key];
    } else {
      if (!node->is_array()) {
        if (leg.index != 0 && leg.kind == Leg::Kind::kIndex) return SqlStatus::Ok();
        continue;
      }
      size_t idx = leg.kind == Leg::Kind::kLast ? node->size() - 1 : leg.index;
      if (node->empty() || idx >= node->size()) return SqlStatus::Ok();
      node = &(*node)[idx];
    }
  }
  const Leg& last = legs.back();
  if (last.kind == Leg::Kind::kKey) {
    if (!node->is_object()) return SqlStatus::Ok();
    bool exists = node->contains(last.key);
    if ((exists && mode != Mode::kInsert) || (!exists && mode != Mode::kReplace)) {
      (*node)[last.key] = value;
    }
    return SqlStatus::Ok();
  }
  if (!node->is_array()) {
    // A scalar at [0] is itself; a larger index wraps it into an array.
    if (last.kind == Leg::Kind::kIndex && last.index > 0) {
      if (mode == Mode::kReplace) return SqlStatus::Ok();
      *node = json::array({*node, value});
    } else if (mode != Mode::kInsert) {
      *node = value;
    }
    return SqlStatus::Ok();
  }
  size_t idx = last.kind == Leg::Kind::kLast ? (node->empty() ? 0 : node->size() - 1) : last.index;
  if (idx < node->size()) {
    if (mode != Mode::kInsert) (*node)[idx] = value;
  } else if (mode != Mode::kReplace) {
    node->push_back(value);
  }
  return SqlStatus::Ok();
}

SqlResult<Value> Modify(const Args& a, const FnEnv& env, Mode mode, std::string_view fn) {
  if (a.size() % 2 != 1) return err::ParamCount(fn);
  if (a[0].is_null()) return Value::Null();
  TETRADB_SQL_ASSIGN_OR_RETURN(json doc, ParseDoc(a[0], 1, fn));
  for (size_t i = 1; i + 1 < a.size(); i += 2) {
    if (a[i].is_null()) return Value::Null();
    TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<Leg> legs, ParsePath(ToText(a[i])));
    TETRADB_SQL_RETURN_IF_ERROR(Assign(&doc, legs, ArgJson(a, env, i + 1), mode));
  }
  return Value::String(Serialize(doc));
}
SqlResult<Value> Set(const Args& a, const FnEnv& env) {
  return Modify(a, env, Mode::kSet, "json_set");
}
SqlResult<Value> Insert(const Args& a, const FnEnv& env) {
  return Modify(a, env, Mode::kInsert, "json_insert");
}
SqlResult<Value> ReplaceFn(const Args& a, const FnEnv& env) {
  return Modify(a, env, Mode::kReplace, "json_replace");
}

SqlResult<Value> Remove(const Args& a, const FnEnv&) {
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(json doc, ParseDoc(a[0], 1, "json_remove"));
  for (size_t i = 1; i < a.size(); ++i) {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<Leg> legs, ParsePath(ToText(a[i])));
    if (legs.empty() || HasWildcard(legs)) return InvalidPath(0);
    std::vector<Leg> parent_legs(legs.begin(), legs.end() - 1);
    std::vector<const json*> parents;
    Collect(doc, parent_legs, 0, &parents);
    if (parents.empty()) continue;
    json* parent = const_cast<json*>(parents[0]);
    const Leg& last = legs.back();
    if (last.kind == Leg::Kind::kKey && parent->is_object()) {
      parent->erase(last.key);
    } else if (parent->is_array() && !parent->empty()) {
      size_t idx = last.kind == Leg::Kind::kLast ? parent->size() - 1 : last.index;
      if (last.kind != Leg::Kind::kKey && idx < parent->size()) parent->erase(idx);
    }
  }
  return Value::String(Serialize(doc));
}

}  // namespace

bool JsonTooDeep(std::string_view text) { return Depth(text) > kMaxDepth; }

SqlResult<Value> JsonExtractValue(const Value& doc, const Value& path, bool unquote) {
  if (doc.is_null() || path.is_null()) return Value::Null();
  TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Extract({doc, path}, FnEnv{}));
  if (!unquote || v.is_null()) return v;
  return Unquote({v}, FnEnv{});
}

const std::vector<FunctionDef>& JsonFunctions() {
  static const std::vector<FunctionDef> kFns = {
      {"JSON_EXTRACT", 2, -1, Extract},    {"JSON_UNQUOTE", 1, 1, Unquote},
      {"JSON_OBJECT", 0, -1, Object},      {"JSON_ARRAY", 0, -1, Array},
      {"JSON_VALID", 1, 1, Valid},         {"JSON_TYPE", 1, 1, Type},
      {"JSON_LENGTH", 1, 2, Length},       {"JSON_KEYS", 1, 2, Keys},
      {"JSON_CONTAINS", 2, 3, ContainsFn}, {"JSON_SET", 3, -1, Set},
      {"JSON_INSERT", 3, -1, Insert},      {"JSON_REPLACE", 3, -1, ReplaceFn},
      {"JSON_REMOVE", 2, -1, Remove},
  };
  return kFns;
}

}  // namespace tetradb::rel::sql

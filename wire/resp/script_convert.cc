// The conversions between command Replies and Lua values, with Redis 7.0's
// rules.
//
// Command reply -> Lua (redis.call, RESP2 unless redis.setresp(3)):
//   integer -> number, bulk -> string, array -> table, status -> {ok=s},
//   error -> {err=s}, nil bulk / nil array -> false; RESP3 adds map -> {map=t},
//   set -> {set=t}, null -> nil, boolean, double -> {double=n},
//   big number -> {big_number=s}, verbatim -> {verbatim_string={format,string}}.
// Lua -> script reply: number -> integer (truncated), string -> bulk,
//   table -> array up to the first nil, {err=} / {ok=} / {double=} / {map=} ...
//   as above, true -> 1, false and nil -> nil.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "wire/resp/script_lua_internal.h"
#include "wire/resp/writer.h"

namespace tetradb::resp::script {

void PushErrorTable(lua_State* L, std::string_view text) {
  std::string code = "ERR";
  std::string msg;
  if (!text.empty() && text[0] == '-') {
    size_t space = text.find(' ');
    if (space == std::string_view::npos) {
      msg = std::string(text.substr(1));
    } else {
      code = std::string(text.substr(1, space - 1));
      msg = std::string(text.substr(space + 1));
    }
  } else {
    msg = std::string(text);
  }
  while (!msg.empty() && (msg.back() == '\r' || msg.back() == '\n')) msg.pop_back();
  size_t lead = 0;
  while (lead < msg.size() && (msg[lead] == '\r' || msg[lead] == '\n')) ++lead;
  std::string full = code + " " + msg.substr(lead);
  lua_newtable(L);
  lua_pushstring(L, "err");
  lua_pushlstring(L, full.data(), full.size());
  lua_rawset(L, -3);
}

namespace {

void PushArray(lua_State* L, const std::vector<Reply>& elements, size_t n, int protocol) {
  lua_createtable(L, static_cast<int>(n), 0);
  for (size_t i = 0; i < n; ++i) {
    PushReply(L, elements[i], protocol);
    lua_rawseti(L, -2, static_cast<int>(i + 1));
  }
}

}  // namespace

void PushReply(lua_State* L, const Reply& r, int protocol) {
  const bool resp3 = protocol == 3;
  if (!lua_checkstack(L, 6)) {
    lua_pushboolean(L, 0);  // Lua's stack is exhausted: deeper levels read as nil
    return;
  }
  const std::vector<Reply>& el = r.elements();
  switch (r.kind()) {
    case Reply::Kind::kSimple:
      lua_newtable(L);
      lua_pushlstring(L, r.str().data(), r.str().size());
      SetField(L, "ok");
      return;
    case Reply::Kind::kError:
      PushErrorTable(L, "-" + r.str());
      lua_pushboolean(L, 1);
      SetField(L, "ignore_error_stats_update");
      return;
    case Reply::Kind::kInteger:
      lua_pushnumber(L, static_cast<lua_Number>(r.integer()));
      return;
    case Reply::Kind::kBulk:
      lua_pushlstring(L, r.str().data(), r.str().size());
      return;
    case Reply::Kind::kNull:
    case Reply::Kind::kNullArray:
      if (resp3) {
        lua_pushnil(L);
      } else {
        lua_pushboolean(L, 0);
      }
      return;
    case Reply::Kind::kArray:
    case Reply::Kind::kPush:
    case Reply::Kind::kSequence:
      PushArray(L, el, el.size(), protocol);
      return;
    case Reply::Kind::kMap:
      if (!resp3) {
        PushArray(L, el, el.size() / 2 * 2, protocol);
        return;
      }
      lua_newtable(L);
      lua_newtable(L);
      for (size_t i = 0; i + 1 < el.size(); i += 2) {
        PushReply(L, el[i], protocol);
        PushReply(L, el[i + 1], protocol);
        if (lua_isnil(L, -2)) {
          lua_pop(L, 2);  // a nil key cannot be stored
          continue;
        }
        lua_rawset(L, -3);
      }
      SetField(L, "map");
      return;
    case Reply::Kind::kSet:
      if (!resp3) {
        PushArray(L, el, el.size(), protocol);
        return;
      }
      lua_newtable(L);
      lua_newtable(L);
      for (const Reply& member : el) {
        PushReply(L, member, protocol);
        if (lua_isnil(L, -1)) {
          lua_pop(L, 1);
          continue;
        }
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
      }
      SetField(L, "set");
      return;
    case Reply::Kind::kDouble:
      if (resp3) {
        lua_newtable(L);
        lua_pushnumber(L, r.double_value());
        SetField(L, "double");
      } else {
        std::string s = FormatDouble(r.double_value());
        lua_pushlstring(L, s.data(), s.size());
      }
      return;
    case Reply::Kind::kBool:
      if (resp3) {
        lua_pushboolean(L, r.boolean() ? 1 : 0);
      } else {
        lua_pushnumber(L, r.boolean() ? 1 : 0);
      }
      return;
    case Reply::Kind::kVerbatim:
      if (resp3) {
        lua_newtable(L);
        lua_newtable(L);
        lua_pushlstring(L, r.str().data(), r.str().size());
        SetField(L, "string");
        lua_pushstring(L, "txt");
        SetField(L, "format");
        SetField(L, "verbatim_string");
      } else {
        lua_pushlstring(L, r.str().data(), r.str().size());
      }
      return;
    case Reply::Kind::kBigNumber:
      if (resp3) {
        lua_newtable(L);
        lua_pushlstring(L, r.str().data(), r.str().size());
        SetField(L, "big_number");
      } else {
        lua_pushlstring(L, r.str().data(), r.str().size());
      }
      return;
  }
  lua_pushboolean(L, 0);
}

namespace {

// Pushes t[name] (raw) and returns its type.
int RawField(lua_State* L, int table, const char* name) {
  lua_pushstring(L, name);
  lua_rawget(L, table < 0 ? table - 1 : table);
  return lua_type(L, -1);
}

// As C's (long long) cast of a double on x86-64: out-of-range and NaN give
// INT64_MIN, which is what Redis answers for them.
int64_t TruncateToInt64(double d) {
  if (std::isnan(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0) {
    return INT64_MIN;
  }
  return static_cast<int64_t>(d);
}

}  // namespace

Reply PopReply(lua_State* L, int protocol) {
  if (!lua_checkstack(L, 4)) {
    lua_pop(L, 1);
    return Reply::Error("ERR reached lua stack limit");
  }
  Reply out = Reply::Null();
  switch (lua_type(L, -1)) {
    case LUA_TSTRING:
      out = Reply::Bulk(ToStdString(L, -1));
      break;
    case LUA_TBOOLEAN:
      if (protocol == 2) {
        out = lua_toboolean(L, -1) ? Reply::Integer(1) : Reply::Null();
      } else {
        out = Reply::Bool(lua_toboolean(L, -1) != 0);
      }
      break;
    case LUA_TNUMBER:
      out = Reply::Integer(TruncateToInt64(lua_tonumber(L, -1)));
      break;
    case LUA_TTABLE: {
      if (RawField(L, -1, "err") == LUA_TSTRING) {
        out = Reply::Error(ToStdString(L, -1));
        lua_pop(L, 1);
        break;
      }
      lua_pop(L, 1);
      if (RawField(L, -1, "ok") == LUA_TSTRING) {
        out = Reply::Simple(ToStdString(L, -1));
        lua_pop(L, 1);
        break;
      }
      lua_pop(L, 1);
      if (RawField(L, -1, "double") == LUA_TNUMBER) {
        out = Reply::Double(lua_tonumber(L, -1));
        lua_pop(L, 1);
        break;
      }
      lua_pop(L, 1);
      if (RawField(L, -1, "big_number") == LUA_TSTRING) {
        std::string digits = ToStdString(L, -1);
        for (char& c : digits) {
          if (c == '\r' || c == '\n') c = ' ';
        }
        out = Reply::BigNumber(std::move(digits));
        lua_pop(L, 1);
        break;
      }
      lua_pop(L, 1);
      if (RawField(L, -1, "verbatim_string") == LUA_TTABLE) {
        bool ok = RawField(L, -1, "format") == LUA_TSTRING;
        lua_pop(L, 1);
        if (ok && RawField(L, -1, "string") == LUA_TSTRING) {
          out = Reply::Verbatim(ToStdString(L, -1));
          lua_pop(L, 2);
          break;
        }
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
      if (RawField(L, -1, "map") == LUA_TTABLE) {
        std::vector<std::pair<Reply, Reply>> pairs;
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {  // stack: map, key, value
          lua_pushvalue(L, -2);
          Reply key = PopReply(L, protocol);
          Reply value = PopReply(L, protocol);
          pairs.emplace_back(std::move(key), std::move(value));
        }
        out = Reply::Map(std::move(pairs));
        lua_pop(L, 1);
        break;
      }
      lua_pop(L, 1);
      if (RawField(L, -1, "set") == LUA_TTABLE) {
        std::vector<Reply> members;
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
          lua_pop(L, 1);
          lua_pushvalue(L, -1);
          members.push_back(PopReply(L, protocol));
        }
        out = Reply::Set(std::move(members));
        lua_pop(L, 1);
        break;
      }
      lua_pop(L, 1);
      std::vector<Reply> elements;
      for (int i = 1;; ++i) {
        lua_rawgeti(L, -1, i);
        if (lua_isnil(L, -1)) {
          lua_pop(L, 1);
          break;
        }
        elements.push_back(PopReply(L, protocol));
      }
      out = Reply::Array(std::move(elements));
      break;
    }
    default:
      break;  // nil, functions, ...: a nil reply
  }
  lua_pop(L, 1);
  return out;
}

}  // namespace tetradb::resp::script

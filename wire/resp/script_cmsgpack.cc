// The `cmsgpack` library Redis scripts have (lua-cmsgpack 0.4.0's interface
// and behaviour), written here over the MessagePack format itself:
//
//   cmsgpack.pack(v1, v2, ...)      the encodings of the arguments, concatenated
//   cmsgpack.unpack(s)              every value in s, as multiple results
//   cmsgpack.unpack_one(s [, off])  next offset (-1 at the end), one value
//   cmsgpack.unpack_limit(s, n [, off])  next offset, then up to n values
//
// Encoding follows Redis: a number equal to an int64 is packed as the
// smallest integer type that holds it, other numbers as float 32 when that
// is exact and float 64 otherwise; a table is an array when its keys are
// exactly 1..n (an empty table is an empty array) and a map otherwise;
// tables nested deeper than 16 levels, nil, functions and userdata are nil.
// Decoding refuses what Redis's library refuses: the bin and ext families
// ("Bad data format in input."). As there, uint 64 is read as a signed
// 64-bit integer (so 2^64-1 decodes as -1), and 64-bit integers become
// (possibly rounded) Lua numbers.
// Offsets count bytes from 0.
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "wire/resp/script_lua_internal.h"

namespace tetradb::resp::script {
namespace {

// Tables at this depth (the arguments are depth 0) are packed as nil.
constexpr int kMaxPackNesting = 16;
// Lua stack slots one more level of packing needs (table walk + key + value).
constexpr int kSlotsPerLevel = 3;

// ---- Encoding --------------------------------------------------------------

void PutByte(std::string& out, unsigned b) { out.push_back(static_cast<char>(b & 0xff)); }

// `v` in `bytes` bytes, big endian, after the type byte `type`.
void PutTyped(std::string& out, unsigned type, uint64_t v, int bytes) {
  PutByte(out, type);
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) PutByte(out, (v >> shift) & 0xff);
}

void PutInteger(std::string& out, int64_t n) {
  if (n >= 0) {
    uint64_t u = static_cast<uint64_t>(n);
    if (u <= 0x7f) {
      PutByte(out, static_cast<unsigned>(u));
    } else if (u <= 0xff) {
      PutTyped(out, 0xcc, u, 1);
    } else if (u <= 0xffff) {
      PutTyped(out, 0xcd, u, 2);
    } else if (u <= 0xffffffffULL) {
      PutTyped(out, 0xce, u, 4);
    } else {
      PutTyped(out, 0xcf, u, 8);
    }
    return;
  }
  uint64_t bits = static_cast<uint64_t>(n);
  if (n >= -32) {
    PutByte(out, static_cast<unsigned>(bits & 0xff));  // negative fixint 0xe0..0xff
  } else if (n >= INT8_MIN) {
    PutTyped(out, 0xd0, bits, 1);
  } else if (n >= INT16_MIN) {
    PutTyped(out, 0xd1, bits, 2);
  } else if (n >= INT32_MIN) {
    PutTyped(out, 0xd2, bits, 4);
  } else {
    PutTyped(out, 0xd3, bits, 8);
  }
}

void PutNumber(std::string& out, double d) {
  if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 &&
      static_cast<double>(static_cast<int64_t>(d)) == d) {
    PutInteger(out, static_cast<int64_t>(d));
    return;
  }
  bool exact_float =
      std::isinf(d) || (std::fabs(d) <= FLT_MAX && static_cast<double>(static_cast<float>(d)) == d);
  if (exact_float) {
    float f = static_cast<float>(d);
    uint32_t bits;
    std::memcpy(&bits, &f, sizeof(bits));
    PutTyped(out, 0xca, bits, 4);
    return;
  }
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof(bits));
  PutTyped(out, 0xcb, bits, 8);
}

void PutString(std::string& out, const char* s, size_t len) {
  if (len < 32) {
    PutByte(out, 0xa0 | static_cast<unsigned>(len));
  } else if (len <= 0xff) {
    PutTyped(out, 0xd9, len, 1);
  } else if (len <= 0xffff) {
    PutTyped(out, 0xda, len, 2);
  } else {
    PutTyped(out, 0xdb, len, 4);
  }
  out.append(s, len);
}

// Array, map: fix (up to 15 entries), 16-bit or 32-bit count.
void PutContainer(std::string& out, size_t n, unsigned fix, unsigned type16) {
  if (n <= 15) {
    PutByte(out, fix | static_cast<unsigned>(n));
  } else if (n <= 0xffff) {
    PutTyped(out, type16, n, 2);
  } else {
    PutTyped(out, type16 + 1, n, 4);
  }
}

// The array length of the table on top if its keys are exactly 1..n, else -1.
int64_t ArrayLength(lua_State* L) {
  int64_t count = 0;
  double max = 0;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    double k = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : 0;
    if (!(k >= 1 && k <= INT_MAX && std::floor(k) == k)) {
      lua_pop(L, 1);
      return -1;
    }
    ++count;
    if (k > max) max = k;
  }
  return static_cast<double>(count) == max ? count : -1;
}

// Appends the value on top of the stack (left there). Never raises: the
// caller has made room on the Lua stack for kMaxPackNesting levels.
void Pack(lua_State* L, std::string& out, int level) {
  switch (lua_type(L, -1)) {
    case LUA_TBOOLEAN:
      PutByte(out, lua_toboolean(L, -1) ? 0xc3 : 0xc2);
      return;
    case LUA_TNUMBER:
      PutNumber(out, lua_tonumber(L, -1));
      return;
    case LUA_TSTRING: {
      size_t len = 0;
      const char* s = lua_tolstring(L, -1, &len);
      PutString(out, s, len);
      return;
    }
    case LUA_TTABLE:
      if (level < kMaxPackNesting) break;
      [[fallthrough]];
    default:
      PutByte(out, 0xc0);
      return;
  }
  int64_t n = ArrayLength(L);
  if (n >= 0) {
    PutContainer(out, static_cast<size_t>(n), 0x90, 0xdc);
    for (int64_t i = 1; i <= n; ++i) {
      lua_rawgeti(L, -1, static_cast<int>(i));
      Pack(L, out, level + 1);
      lua_pop(L, 1);
    }
    return;
  }
  size_t pairs = 0;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    ++pairs;
  }
  PutContainer(out, pairs, 0x80, 0xde);
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {  // table, key, value
    lua_pushvalue(L, -2);
    Pack(L, out, level + 1);
    lua_pop(L, 1);
    Pack(L, out, level + 1);
    lua_pop(L, 1);
  }
}

// Builds the packed string in a helper so it is destroyed before any error.
bool PackArguments(lua_State* L, int nargs) {
  if (!lua_checkstack(L, kSlotsPerLevel * (kMaxPackNesting + 1) + 2)) return false;
  std::string out;
  for (int i = 1; i <= nargs; ++i) {
    lua_pushvalue(L, i);
    Pack(L, out, 0);
    lua_pop(L, 1);
  }
  lua_pushlstring(L, out.data(), out.size());
  return true;
}

int LuaPack(lua_State* L) {
  int nargs = lua_gettop(L);
  if (nargs == 0) return luaL_argerror(L, 0, "MessagePack pack needs input.");
  // Redis's library asks for `nargs` more stack slots and gives up here.
  if (!lua_checkstack(L, nargs)) {
    return luaL_argerror(L, 0, "Too many arguments for MessagePack pack.");
  }
  if (!PackArguments(L, nargs)) return luaL_error(L, "stack overflow (in cmsgpack.pack)");
  return 1;
}

// ---- Decoding --------------------------------------------------------------

enum class DecodeError { kNone, kMissingBytes, kBadFormat, kTooDeep };

struct Cursor {
  const unsigned char* p;
  size_t left;
  DecodeError err = DecodeError::kNone;

  bool Need(size_t n) {
    if (left >= n) return true;
    err = DecodeError::kMissingBytes;
    return false;
  }
  // The next `bytes` bytes as a big-endian unsigned number; Need() first.
  uint64_t Take(int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
    p += bytes;
    left -= static_cast<size_t>(bytes);
    return v;
  }
};

void Decode(lua_State* L, Cursor& c);

// Pushes a string of `len` bytes.
void DecodeString(lua_State* L, Cursor& c, uint64_t len) {
  if (!c.Need(len)) return;
  lua_pushlstring(L, reinterpret_cast<const char*>(c.p), static_cast<size_t>(len));
  c.p += len;
  c.left -= static_cast<size_t>(len);
}

// Pushes a table of `n` elements (pairs when `map`).
void DecodeContainer(lua_State* L, Cursor& c, uint64_t n, bool map) {
  // No up-front check of `n` against the input: Redis reports the first
  // problem in element order (bad data may come before the input runs out).
  // Every element takes a byte, so a huge count stops at the input's end.
  if (!lua_checkstack(L, kSlotsPerLevel)) {
    c.err = DecodeError::kTooDeep;
    return;
  }
  lua_newtable(L);
  for (uint64_t i = 1; i <= n; ++i) {
    if (map) {
      Decode(L, c);
      if (c.err != DecodeError::kNone) return;
    } else {
      lua_pushnumber(L, static_cast<lua_Number>(i));
    }
    Decode(L, c);
    if (c.err != DecodeError::kNone) return;
    lua_rawset(L, -3);  // a nil or NaN map key raises, as in Redis
  }
}

// Pushes the next value, or sets c.err (the stack is then left as it is).
void Decode(lua_State* L, Cursor& c) {
  if (!c.Need(1)) return;
  unsigned t = static_cast<unsigned>(c.Take(1));
  if (t <= 0x7f) {
    lua_pushnumber(L, t);
    return;
  }
  if (t >= 0xe0) {
    lua_pushnumber(L, static_cast<int>(t) - 256);
    return;
  }
  if ((t & 0xe0) == 0xa0) return DecodeString(L, c, t & 0x1f);
  if ((t & 0xf0) == 0x90) return DecodeContainer(L, c, t & 0x0f, false);
  if ((t & 0xf0) == 0x80) return DecodeContainer(L, c, t & 0x0f, true);
  // The rest carry a fixed-size payload or length.
  int bytes = 0;
  // clang-format off
  switch (t) {
    case 0xc0: lua_pushnil(L); return;
    case 0xc2: lua_pushboolean(L, 0); return;
    case 0xc3: lua_pushboolean(L, 1); return;
    case 0xcc: case 0xd0: case 0xd9: bytes = 1; break;
    case 0xcd: case 0xd1: case 0xda: case 0xdc: case 0xde: bytes = 2; break;
    case 0xca: case 0xce: case 0xd2: case 0xdb: case 0xdd: case 0xdf: bytes = 4; break;
    case 0xcb: case 0xcf: case 0xd3: bytes = 8; break;
    default:  // 0xc1 (never used), bin and ext
      c.err = DecodeError::kBadFormat;
      return;
  }
  // clang-format on
  if (!c.Need(static_cast<size_t>(bytes))) return;
  uint64_t v = c.Take(bytes);
  switch (t) {
    case 0xd9:
    case 0xda:
    case 0xdb:
      return DecodeString(L, c, v);
    case 0xdc:
    case 0xdd:
      return DecodeContainer(L, c, v, false);
    case 0xde:
    case 0xdf:
      return DecodeContainer(L, c, v, true);
    case 0xca: {
      uint32_t bits = static_cast<uint32_t>(v);
      float f;
      std::memcpy(&f, &bits, sizeof(f));
      lua_pushnumber(L, static_cast<lua_Number>(f));
      return;
    }
    case 0xcb: {
      double d;
      std::memcpy(&d, &v, sizeof(d));
      lua_pushnumber(L, d);
      return;
    }
    case 0xcc:
    case 0xcd:
    case 0xce:
      lua_pushnumber(L, static_cast<lua_Number>(v));
      return;
    case 0xd0:
      lua_pushnumber(L, static_cast<int8_t>(v));
      return;
    case 0xd1:
      lua_pushnumber(L, static_cast<int16_t>(v));
      return;
    case 0xd2:
      lua_pushnumber(L, static_cast<int32_t>(v));
      return;
    default:  // 0xd3, and 0xcf read as signed (see the top)
      lua_pushnumber(L, static_cast<lua_Number>(static_cast<int64_t>(v)));
      return;
  }
}

// Decodes up to `limit` values from byte `offset` of argument 1. With
// neither a limit nor an offset it decodes everything and returns just the
// values; otherwise the next offset (-1 when the input is used up) comes
// first. No C++ objects live here, so raising errors directly is safe.
int Unpack(lua_State* L, lua_Integer limit, lua_Integer offset) {
  size_t len = 0;
  const char* s = luaL_checklstring(L, 1, &len);
  bool all = limit == 0 && offset == 0;
  if (offset < 0 || limit < 0) {
    // Redis reports the input length as the "limit" here.
    return luaL_error(L, "Invalid request to unpack with offset of %d and limit of %d.",
                      static_cast<int>(offset), static_cast<int>(len));
  }
  if (static_cast<uint64_t>(offset) > len) {
    return luaL_error(L, "Start offset %d greater than input length %d.", static_cast<int>(offset),
                      static_cast<int>(len));
  }
  if (all) limit = INT_MAX;
  Cursor c{reinterpret_cast<const unsigned char*>(s) + offset, len - static_cast<size_t>(offset)};
  int count = 0;
  for (; c.left > 0 && count < limit; ++count) {
    luaL_checkstack(L, kSlotsPerLevel, "too many values to unpack");
    Decode(L, c);
    switch (c.err) {
      case DecodeError::kNone:
        break;
      case DecodeError::kMissingBytes:
        return luaL_error(L, "Missing bytes in input.");
      case DecodeError::kBadFormat:
        return luaL_error(L, "Bad data format in input.");
      case DecodeError::kTooDeep:  // Redis's wording
        return luaL_error(L, "stack overflow (in function mp_decode_to_lua_array)");
    }
  }
  if (all) return count;
  luaL_checkstack(L, 1, "too many values to unpack");
  lua_pushinteger(L, c.left == 0 ? -1 : static_cast<lua_Integer>(len - c.left));
  lua_insert(L, -(count + 1));
  return count + 1;
}

int LuaUnpack(lua_State* L) { return Unpack(L, 0, 0); }

int LuaUnpackOne(lua_State* L) {
  lua_Integer offset = luaL_optinteger(L, 2, 0);
  lua_settop(L, 1);
  return Unpack(L, 1, offset);
}

int LuaUnpackLimit(lua_State* L) {
  lua_Integer limit = luaL_checkinteger(L, 2);
  lua_Integer offset = luaL_optinteger(L, 3, 0);
  lua_settop(L, 1);
  return Unpack(L, limit, offset);
}

}  // namespace

void PushCmsgpackLibrary(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"pack", LuaPack},
      {"unpack", LuaUnpack},
      {"unpack_one", LuaUnpackOne},
      {"unpack_limit", LuaUnpackLimit},
      {nullptr, nullptr},
  };
  lua_newtable(L);
  for (const luaL_Reg* f = kFunctions; f->name != nullptr; ++f) {
    lua_pushcfunction(L, f->func);
    lua_setfield(L, -2, f->name);
  }
  // The same descriptive fields as Redis's library.
  lua_pushstring(L, "cmsgpack");
  lua_setfield(L, -2, "_NAME");
  lua_pushstring(L, "lua-cmsgpack 0.4.0");
  lua_setfield(L, -2, "_VERSION");
  lua_pushstring(L, "Copyright (C) 2012, Salvatore Sanfilippo");
  lua_setfield(L, -2, "_COPYRIGHT");
  lua_pushstring(L, "MessagePack C implementation for Lua");
  lua_setfield(L, -2, "_DESCRIPTION");
}

}  // namespace tetradb::resp::script

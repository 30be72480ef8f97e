// The `bit` library Redis scripts have (LuaBitOp's interface): 32-bit
// operations on Lua numbers. Arguments are taken modulo 2^32 after rounding
// to the nearest integer; results are signed 32-bit numbers, so
// bit.tobit(0xffffffff) == -1 and bit.band(-1, 0xff) == 255.
#include <cstdint>
#include <cstring>

#include "wire/resp/script_lua_internal.h"

namespace tetradb::resp::script {
namespace {

uint32_t Arg(lua_State* L, int idx) {
  lua_Number n = luaL_checknumber(L, idx);
  // Adding 2^52 + 2^51 leaves the integer nearest to n (ties to even) in the
  // low bits of the double's mantissa, wrapped modulo 2^32 for any |n| < 2^51.
  double shifted = static_cast<double>(n) + 6755399441055744.0;
  uint64_t bits;
  std::memcpy(&bits, &shifted, sizeof(bits));
  return static_cast<uint32_t>(bits);
}

int Push(lua_State* L, uint32_t v) {
  lua_pushnumber(L, static_cast<lua_Number>(static_cast<int32_t>(v)));
  return 1;
}

int ToBit(lua_State* L) { return Push(L, Arg(L, 1)); }
int BNot(lua_State* L) { return Push(L, ~Arg(L, 1)); }

template <typename Op>
int Fold(lua_State* L, Op op) {
  uint32_t acc = Arg(L, 1);
  for (int i = lua_gettop(L); i > 1; --i) acc = op(acc, Arg(L, i));
  return Push(L, acc);
}
int BAnd(lua_State* L) { return Fold(L, [](uint32_t a, uint32_t b) { return a & b; }); }
int BOr(lua_State* L) { return Fold(L, [](uint32_t a, uint32_t b) { return a | b; }); }
int BXor(lua_State* L) { return Fold(L, [](uint32_t a, uint32_t b) { return a ^ b; }); }

int LShift(lua_State* L) { return Push(L, Arg(L, 1) << (Arg(L, 2) & 31)); }
int RShift(lua_State* L) { return Push(L, Arg(L, 1) >> (Arg(L, 2) & 31)); }
int ARShift(lua_State* L) {
  return Push(L, static_cast<uint32_t>(static_cast<int32_t>(Arg(L, 1)) >> (Arg(L, 2) & 31)));
}
int Rol(lua_State* L) {
  uint32_t v = Arg(L, 1), n = Arg(L, 2) & 31;
  return Push(L, n == 0 ? v : (v << n) | (v >> (32 - n)));
}
int Ror(lua_State* L) {
  uint32_t v = Arg(L, 1), n = Arg(L, 2) & 31;
  return Push(L, n == 0 ? v : (v >> n) | (v << (32 - n)));
}
int BSwap(lua_State* L) {
  uint32_t v = Arg(L, 1);
  return Push(L, (v >> 24) | ((v >> 8) & 0xff00) | ((v & 0xff00) << 8) | (v << 24));
}

// bit.tohex(x [, n]): the low |n| hex digits (default 8), upper case when
// n is negative.
int ToHex(lua_State* L) {
  uint32_t v = Arg(L, 1);
  int32_t n = lua_isnoneornil(L, 2) ? 8 : static_cast<int32_t>(Arg(L, 2));
  const char* digits = "0123456789abcdef";
  if (n < 0) {
    n = -n;
    digits = "0123456789ABCDEF";
  }
  if (n > 8) n = 8;
  char buf[8];
  for (int i = n - 1; i >= 0; --i) {
    buf[i] = digits[v & 15];
    v >>= 4;
  }
  lua_pushlstring(L, buf, static_cast<size_t>(n));
  return 1;
}

}  // namespace

void PushBitLibrary(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"tobit", ToBit},   {"bnot", BNot},     {"band", BAnd},       {"bor", BOr},
      {"bxor", BXor},     {"lshift", LShift}, {"rshift", RShift},   {"arshift", ARShift},
      {"rol", Rol},       {"ror", Ror},       {"bswap", BSwap},     {"tohex", ToHex},
      {nullptr, nullptr},
  };
  lua_newtable(L);
  for (const luaL_Reg* f = kFunctions; f->name != nullptr; ++f) {
    lua_pushcfunction(L, f->func);
    lua_setfield(L, -2, f->name);
  }
}

}  // namespace tetradb::resp::script

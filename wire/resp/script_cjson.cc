// The `cjson` library Redis scripts have: Debian's lua-cjson (the Lua 5.1
// build of the same 2.1.0 code Redis bundles), opened once per VM. Its
// encode_* / decode_* settings live in the library's own state, so a script
// that changes them changes them for later scripts on the same VM, as in
// Redis; SCRIPT FLUSH builds a new VM with the defaults.
#include "wire/resp/script_lua_internal.h"

// The packaged header declares luaopen_cjson without C linkage.
extern "C" {
#include <lua-cjson.h>
}

namespace tetradb::resp::script {

void PushCjsonLibrary(lua_State* L) {
  lua_pushcfunction(L, luaopen_cjson);
  lua_call(L, 0, 1);
}

}  // namespace tetradb::resp::script

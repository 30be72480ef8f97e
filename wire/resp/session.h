// The state of one RESP connection that commands read and change.
// Owned by the connection; touched only by the thread serving it.
#pragma once

#include <cstdint>
#include <string>

namespace tetradb::resp {

struct Session {
  uint64_t id = 0;
  int protocol = 2;          // 2 or 3, switched by HELLO
  int db = 0;                // SELECTed logical database
  bool authenticated = false;
  bool close_after_reply = false;  // QUIT, protocol errors
  std::string name;          // CLIENT SETNAME
  std::string peer;          // "127.0.0.1:51234"
  std::string local;         // "127.0.0.1:6379"
  int64_t created_ms = 0;
  int64_t last_command_ms = 0;
  std::string last_command;  // lower-case name, for CLIENT LIST
};

}  // namespace tetradb::resp

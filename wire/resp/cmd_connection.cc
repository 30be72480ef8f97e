// Connection commands: PING ECHO QUIT HELLO AUTH SELECT.
#include <charconv>

#include "wire/resp/command_table.h"

namespace tetradb::resp {
namespace {

constexpr int kDatabases = 16;

Reply Ping(CommandContext& ctx) {
  if (ctx.args.size() > 2) return Reply::ErrorWrongArity("ping");
  if (ctx.args.size() == 2) return Reply::Bulk(ctx.args[1]);
  return Reply::Simple("PONG");
}

Reply Echo(CommandContext& ctx) { return Reply::Bulk(ctx.args[1]); }

Reply Quit(CommandContext& ctx) {
  ctx.session.close_after_reply = true;
  return Reply::Ok();
}

const char* kWrongPass = "WRONGPASS invalid username-password pair or user is disabled.";

// Checks a password (and the user, which must be "default": tetradb has no
// ACL users). Returns an empty reply kind on success.
bool CheckPassword(CommandContext& ctx, std::string_view user, std::string_view pass) {
  const std::string want = ctx.service.RequirePass();
  return user == "default" && !want.empty() && pass == want;
}

Reply Auth(CommandContext& ctx) {
  const auto& a = ctx.args;
  if (a.size() > 3) return Reply::Error("ERR syntax error");
  if (ctx.service.RequirePass().empty()) {
    if (a.size() == 2) {
      return Reply::Error(
          "ERR AUTH <password> called without any password configured for the default user. "
          "Are you sure your configuration is correct?");
    }
    // AUTH default <anything> succeeds when no password is set (nopass user).
    if (a[1] == "default") return Reply::Ok();
    return Reply::Error(kWrongPass);
  }
  std::string_view user = a.size() == 3 ? std::string_view(a[1]) : "default";
  if (!CheckPassword(ctx, user, a.back())) return Reply::Error(kWrongPass);
  ctx.session.authenticated = true;
  return Reply::Ok();
}

bool ParseInt(std::string_view s, int64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

Reply Hello(CommandContext& ctx) {
  const auto& a = ctx.args;
  int protocol = ctx.session.protocol;
  size_t i = 1;
  if (a.size() >= 2) {
    int64_t v;
    if (!ParseInt(a[1], &v)) return Reply::Error("ERR Protocol version is not an integer or out of range");
    if (v != 2 && v != 3) return Reply::Error("NOPROTO unsupported protocol version");
    protocol = static_cast<int>(v);
    i = 2;
  }
  std::string setname;
  bool has_setname = false;
  for (; i < a.size(); ++i) {
    bool more = i + 1 < a.size();
    if (EqualsIgnoreCase(a[i], "auth") && i + 2 < a.size()) {
      if (!CheckPassword(ctx, a[i + 1], a[i + 2])) return Reply::Error(kWrongPass);
      ctx.session.authenticated = true;
      i += 2;
    } else if (EqualsIgnoreCase(a[i], "setname") && more) {
      setname = a[i + 1];
      has_setname = true;
      ++i;
    } else {
      return Reply::Error("ERR Syntax error in HELLO option '" + a[i] + "'");
    }
  }
  if (!ctx.session.authenticated && !ctx.service.RequirePass().empty()) {
    return Reply::Error(
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the "
        "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and "
        "select the RESP protocol version at the same time");
  }
  if (has_setname) {
    if (setname.find_first_of(" \n") != std::string::npos) {
      return Reply::Error("ERR Client names cannot contain spaces, newlines or special characters.");
    }
    std::lock_guard<std::mutex> lock(ctx.session.mu);
    ctx.session.name = setname;
  }
  {
    std::lock_guard<std::mutex> lock(ctx.session.mu);
    ctx.session.protocol = protocol;
  }
  std::vector<std::pair<Reply, Reply>> fields;
  fields.emplace_back(Reply::Bulk("server"), Reply::Bulk("redis"));
  fields.emplace_back(Reply::Bulk("version"), Reply::Bulk(ctx.service.info.redis_version));
  fields.emplace_back(Reply::Bulk("proto"), Reply::Integer(protocol));
  fields.emplace_back(Reply::Bulk("id"), Reply::Integer(static_cast<int64_t>(ctx.session.id)));
  fields.emplace_back(Reply::Bulk("mode"), Reply::Bulk("standalone"));
  fields.emplace_back(Reply::Bulk("role"), Reply::Bulk("master"));
  fields.emplace_back(Reply::Bulk("modules"), Reply::Array({}));
  return Reply::Map(std::move(fields));
}

Reply Select(CommandContext& ctx) {
  int64_t db;
  if (!ParseInt(ctx.args[1], &db)) return Reply::Error("ERR value is not an integer or out of range");
  if (db < 0 || db >= kDatabases) return Reply::Error("ERR DB index is out of range");
  ctx.session.SetDb(static_cast<int>(db));
  return Reply::Ok();
}

}  // namespace

void RegisterConnectionCommands(CommandTable& t) {
  t.Add({"ping", -1, kFast, 0, 0, 0, Ping, "connection", "Returns the server's liveliness response.", "1.0.0", "O(1)"});
  t.Add({"echo", 2, kFast, 0, 0, 0, Echo, "connection", "Returns the given string.", "1.0.0", "O(1)"});
  t.Add({"quit", -1, kNoAuth | kFast, 0, 0, 0, Quit, "connection", "Closes the connection.", "1.0.0", "O(1)"});
  t.Add({"hello", -1, kNoAuth | kFast, 0, 0, 0, Hello, "connection", "Handshakes with the Redis server.", "6.0.0", "O(1)"});
  t.Add({"auth", -2, kNoAuth | kFast, 0, 0, 0, Auth, "connection", "Authenticates the connection.", "1.0.0", "O(N) where N is the number of passwords defined for the user"});
  t.Add({"select", 2, kFast, 0, 0, 0, Select, "connection", "Changes the selected database.", "1.0.0", "O(1)"});
}

}  // namespace tetradb::resp

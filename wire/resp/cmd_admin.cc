// Server administration: DBSIZE FLUSHDB FLUSHALL SWAPDB SAVE BGSAVE LASTSAVE
// SHUTDOWN INFO CONFIG CLIENT.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "engine/allocator.h"
#include "engine/settle.h"
#include "models/kv/keys.h"
#include "wire/resp/hub.h"
#include "wire/resp/kv_exec.h"

namespace tetradb::resp {
namespace {

Reply DbSize(CommandContext& ctx) { return Reply::Integer(ctx.service.kv->KeyCount(ctx.session.db)); }

bool FlushArgsOk(const std::vector<std::string>& a) {
  return a.size() == 1 || (a.size() == 2 && (EqualsIgnoreCase(a[1], "sync") || EqualsIgnoreCase(a[1], "async")));
}

Reply FlushDb(CommandContext& ctx) {
  if (!FlushArgsOk(ctx.args)) return Reply::ErrorSyntax();
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    TETRADB_RETURN_IF_ERROR(kv::FlushDb(t, ctx.session.db).status());
    return Reply::Ok();
  });
}

Reply FlushAll(CommandContext& ctx) {
  if (!FlushArgsOk(ctx.args)) return Reply::ErrorSyntax();
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    for (int db = 0; db < kv::kDatabases; ++db) TETRADB_RETURN_IF_ERROR(kv::FlushDb(t, db).status());
    return Reply::Ok();
  });
}

Reply SwapDb(CommandContext& ctx) {
  int64_t a, b;
  if (!ParseInt64(ctx.args[1], &a)) return Reply::Error("ERR invalid first DB index");
  if (!ParseInt64(ctx.args[2], &b)) return Reply::Error("ERR invalid second DB index");
  if (a < 0 || a >= kv::kDatabases || b < 0 || b >= kv::kDatabases) {
    return Reply::Error("ERR DB index is out of range");
  }
  return RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    TETRADB_RETURN_IF_ERROR(kv::SwapDb(t, static_cast<int>(a), static_cast<int>(b)));
    return Reply::Ok();
  });
}

// Every write is already in RocksDB's log when its command returns; SAVE
// also writes the memtables to table files, which is what makes the next
// start fast (nothing to replay), as an RDB file does for Redis.
int64_t LastSaveSeconds(const Service& svc) {
  int64_t ms = svc.last_save_ms.load(std::memory_order_relaxed);
  return (ms != 0 ? ms : svc.info.start_ms) / 1000;
}

Reply LastSave(CommandContext& ctx) { return Reply::Integer(LastSaveSeconds(ctx.service)); }

Reply Save(CommandContext& ctx) {
  Status s = ctx.service.kv->engine().Flush();
  if (!s.ok()) return Reply::Error("ERR " + s.message());
  ctx.service.last_save_ms.store(ctx.service.clock->NowMs(), std::memory_order_relaxed);
  return Reply::Ok();
}

// BGSAVE [SCHEDULE]: the flush runs on the engine's background threads.
Reply BgSave(CommandContext& ctx) {
  if (ctx.args.size() > 2 || (ctx.args.size() == 2 && !EqualsIgnoreCase(ctx.args[1], "schedule"))) {
    return Reply::ErrorSyntax();
  }
  Status s = ctx.service.kv->engine().Flush(/*wait=*/false);
  if (!s.ok()) return Reply::Error("ERR " + s.message());
  ctx.service.last_save_ms.store(ctx.service.clock->NowMs(), std::memory_order_relaxed);
  return Reply::Simple("Background saving started");
}

// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: the same orderly stop as
// SIGTERM (which the main thread waits for). Data is durable either way, so
// NOSAVE and SAVE differ in nothing; a shutdown is never left pending, so
// ABORT has nothing to abort. On success the client gets no reply: its
// connection closes, as with Redis.
Reply Shutdown(CommandContext& ctx) {
  bool nosave = false, save = false, abort = false, other = false;
  for (size_t i = 1; i < ctx.args.size(); ++i) {
    const std::string& a = ctx.args[i];
    if (EqualsIgnoreCase(a, "nosave")) {
      nosave = true;
    } else if (EqualsIgnoreCase(a, "save")) {
      save = true;
    } else if (EqualsIgnoreCase(a, "abort")) {
      abort = true;
    } else if (EqualsIgnoreCase(a, "now") || EqualsIgnoreCase(a, "force")) {
      other = true;
    } else {
      return Reply::ErrorSyntax();
    }
  }
  if ((nosave && save) || (abort && (nosave || save || other))) return Reply::ErrorSyntax();
  if (abort) return Reply::Error("ERR No shutdown in progress.");
  if (::kill(::getpid(), SIGTERM) != 0) return Reply::Error("ERR Errors trying to SHUTDOWN. Check logs.");
  ctx.session.close_after_reply = true;
  return Reply::Sequence({});
}

// ---- INFO ----

std::string Human(uint64_t bytes) {
  char buf[32];
  const char* units[] = {"B", "K", "M", "G", "T"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f%s" : "%.2f%s", v, units[u]);
  return buf;
}

uint64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

void Line(std::string* out, std::string_view k, const std::string& v) {
  out->append(k);
  out->push_back(':');
  out->append(v);
  out->append("\r\n");
}
template <typename T>
void Line(std::string* out, std::string_view k, T v) {
  Line(out, k, std::to_string(v));
}

std::string InfoSection(CommandContext& ctx, std::string_view name) {
  Service& svc = ctx.service;
  const Metrics& m = svc.metrics;
  std::string s;
  if (name == "server") {
    s = "# Server\r\n";
    Line(&s, "redis_version", svc.info.redis_version);
    Line(&s, "redis_git_sha1", std::string("00000000"));
    Line(&s, "redis_mode", std::string("standalone"));
    Line(&s, "tetradb_version", svc.info.version);
    Line(&s, "os", std::string("Linux"));
    Line(&s, "arch_bits", 64);
    Line(&s, "multiplexing_api", std::string("epoll"));
    Line(&s, "process_id", svc.info.pid);
    Line(&s, "tcp_port", svc.info.resp_port);
    Line(&s, "uptime_in_seconds", svc.UptimeSeconds());
    Line(&s, "uptime_in_days", svc.UptimeSeconds() / 86400);
    Line(&s, "hz", 10);
    Line(&s, "io_threads_active", 0);
  } else if (name == "clients") {
    s = "# Clients\r\n";
    Line(&s, "connected_clients", m.connected_clients.load());
    Line(&s, "maxclients", 10000);
    Line(&s, "blocked_clients", svc.hub->blocked_count());
    Line(&s, "pubsub_clients", 0);
  } else if (name == "memory") {
    // As Redis: used_memory is what the allocator has handed out, rss what
    // the process occupies.
    uint64_t rss = ResidentBytes();
    uint64_t used = AllocatedBytes().value_or(rss);
    char ratio[32];
    std::snprintf(ratio, sizeof(ratio), "%.2f",
                  used == 0 ? 0.0 : static_cast<double>(rss) / static_cast<double>(used));
    s = "# Memory\r\n";
    Line(&s, "used_memory", used);
    Line(&s, "used_memory_human", Human(used));
    Line(&s, "used_memory_rss", rss);
    Line(&s, "used_memory_rss_human", Human(rss));
    Line(&s, "mem_fragmentation_ratio", std::string(ratio));
    Line(&s, "mem_allocator", AllocatorName());
    Line(&s, "maxmemory", svc.hub->config.Value("maxmemory"));
    Line(&s, "maxmemory_policy", svc.hub->config.Value("maxmemory-policy"));
  } else if (name == "persistence") {
    s = "# Persistence\r\n";
    Line(&s, "loading", 0);
    Line(&s, "durability", svc.info.durability);
    Line(&s, "rdb_changes_since_last_save", 0);
    Line(&s, "rdb_bgsave_in_progress", 0);
    Line(&s, "rdb_last_save_time", LastSaveSeconds(svc));
    Line(&s, "aof_enabled", 0);
    if (svc.kv) {
      // tetradb's own: column families flushed and merged by settling.
      Settler& settler = svc.kv->engine().settler();
      Line(&s, "settle_flushes", settler.flushes());
      Line(&s, "settle_merges", settler.merges());
    }
  } else if (name == "stats") {
    s = "# Stats\r\n";
    Line(&s, "total_connections_received", m.connections_received.load());
    Line(&s, "total_commands_processed", m.commands_processed.load());
    Line(&s, "total_net_input_bytes", m.net_input_bytes.load());
    Line(&s, "total_net_output_bytes", m.net_output_bytes.load());
    Line(&s, "rejected_connections", m.rejected_connections.load());
    Line(&s, "expired_keys", svc.kv ? svc.kv->expired_keys() : 0);
    Line(&s, "evicted_keys", 0);
    Line(&s, "keyspace_hits", svc.kv ? svc.kv->keyspace_hits().load() : 0);
    Line(&s, "keyspace_misses", svc.kv ? svc.kv->keyspace_misses().load() : 0);
    Line(&s, "pubsub_channels", svc.hub->ActiveChannels("").size());
    Line(&s, "pubsub_patterns", svc.hub->NumPat());
    Line(&s, "total_error_replies", 0);
    Line(&s, "client_migrations", m.client_migrations.load());
  } else if (name == "replication") {
    s = "# Replication\r\n";
    Line(&s, "role", std::string("master"));
    Line(&s, "connected_slaves", 0);
  } else if (name == "cpu") {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    char buf[64];
    s = "# CPU\r\n";
    std::snprintf(buf, sizeof(buf), "%ld.%06ld", ru.ru_stime.tv_sec, static_cast<long>(ru.ru_stime.tv_usec));
    Line(&s, "used_cpu_sys", std::string(buf));
    std::snprintf(buf, sizeof(buf), "%ld.%06ld", ru.ru_utime.tv_sec, static_cast<long>(ru.ru_utime.tv_usec));
    Line(&s, "used_cpu_user", std::string(buf));
  } else if (name == "keyspace") {
    s = "# Keyspace\r\n";
    for (int db = 0; svc.kv && db < kv::kDatabases; ++db) {
      int64_t keys = svc.kv->KeyCount(db);
      if (keys <= 0) continue;
      Line(&s, "db" + std::to_string(db),
           "keys=" + std::to_string(keys) + ",expires=" + std::to_string(svc.kv->ExpiresCount(db)) +
               ",avg_ttl=0");
    }
  } else if (name == "commandstats") {
    s = "# Commandstats\r\n";
    auto emit = [&](const std::string& full, const CommandSpec& spec) {
      uint64_t calls = spec.stat->calls.load();
      if (calls == 0) return;
      uint64_t usec = spec.stat->usec.load();
      char per[32];
      std::snprintf(per, sizeof(per), "%.2f", static_cast<double>(usec) / static_cast<double>(calls));
      Line(&s, "cmdstat_" + full,
           "calls=" + std::to_string(calls) + ",usec=" + std::to_string(usec) +
               ",usec_per_call=" + per + ",rejected_calls=0,failed_calls=" +
               std::to_string(spec.stat->failed.load()));
    };
    for (const auto& spec : CommandTable::Get().all()) {
      emit(std::string(spec.name), spec);
      for (const auto& sub : spec.subcommands) emit(std::string(spec.name) + "|" + std::string(sub.name), sub);
    }
  }
  return s;
}

Reply Info(CommandContext& ctx) {
  static const char* kDefault[] = {"server", "clients", "memory", "persistence", "stats",
                                   "replication", "cpu", "keyspace"};
  std::vector<std::string> sections;
  bool all = false;
  for (size_t i = 1; i < ctx.args.size(); ++i) {
    std::string a = Lower(ctx.args[i]);
    if (a == "all" || a == "everything") {
      all = true;
    } else if (a == "default") {
      sections.insert(sections.end(), std::begin(kDefault), std::end(kDefault));
    } else {
      sections.push_back(a);
    }
  }
  if (ctx.args.size() == 1) sections.assign(std::begin(kDefault), std::end(kDefault));
  if (all) {
    sections.assign(std::begin(kDefault), std::end(kDefault));
    sections.push_back("commandstats");
  }
  std::string out;
  for (const auto& sec : sections) {
    std::string text = InfoSection(ctx, sec);
    if (text.empty()) continue;
    if (!out.empty()) out += "\r\n";
    out += text;
  }
  return Reply::Verbatim(std::move(out));
}

// ---- CONFIG ----

Reply ConfigGet(CommandContext& ctx) {
  std::vector<std::pair<Reply, Reply>> out;
  std::set<std::string> seen;
  for (size_t i = 2; i < ctx.args.size(); ++i) {
    for (auto& [k, v] : ctx.service.hub->config.Get(ctx.args[i])) {
      if (seen.insert(k).second) out.emplace_back(Reply::Bulk(k), Reply::Bulk(v));
    }
  }
  return Reply::Map(std::move(out));
}

Reply ConfigSet(CommandContext& ctx) {
  const auto& a = ctx.args;
  if (a.size() % 2 != 0) return Reply::ErrorWrongArity("config|set");
  // Validate every pair first: CONFIG SET is all or nothing.
  ConfigStore probe;
  for (size_t i = 2; i < a.size(); i += 2) {
    Status s = probe.Set(a[i], a[i + 1]);
    if (!s.ok()) return Reply::Error(s.message());
  }
  for (size_t i = 2; i < a.size(); i += 2) {
    ctx.service.hub->config.Set(a[i], a[i + 1]).IgnoreError();
    // Takes effect at once: later AUTHs need it, and clients that connect
    // from now on start unauthenticated. Connected clients keep their state.
    if (EqualsIgnoreCase(a[i], "requirepass")) ctx.service.SetRequirePass(a[i + 1]);
  }
  return Reply::Ok();
}

Reply ConfigResetStat(CommandContext& ctx) {
  for (const auto& spec : CommandTable::Get().all()) {
    spec.stat->calls = 0;
    spec.stat->usec = 0;
    spec.stat->failed = 0;
    for (const auto& sub : spec.subcommands) {
      sub.stat->calls = 0;
      sub.stat->usec = 0;
      sub.stat->failed = 0;
    }
  }
  return Reply::Ok();
}

Reply ConfigRewrite(CommandContext& ctx) {
  return Reply::Error("ERR The server is running without a config file");
}

Reply ConfigHelp(CommandContext& ctx) {
  return Reply::HelpLines({"CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                          "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                          "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                          "RESETSTAT", "    Reset statistics reported by the INFO command.",
                          "REWRITE", "    Rewrite the configuration file.",
                          "HELP", "    Print this help."});
}

// ---- CLIENT ----

std::string ClientLine(const Session& s, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(s.mu);
  std::string cmd = s.last_command.empty() ? "NULL" : s.last_command;
  return "id=" + std::to_string(s.id) + " addr=" + s.peer + " laddr=" + s.local +
         " fd=8 name=" + s.name + " age=" + std::to_string((now_ms - s.created_ms) / 1000) +
         " idle=" + std::to_string((now_ms - std::max(s.last_command_ms, s.created_ms)) / 1000) +
         " flags=N db=" + std::to_string(s.db) +
         " sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 "
         "oll=0 omem=0 tot-mem=0 events=r cmd=" + cmd + " user=default redir=-1 resp=" +
         std::to_string(s.protocol) + " io-thread=" + std::to_string(s.io_thread) + "\n";
}

Reply ClientId(CommandContext& ctx) { return Reply::Integer(static_cast<int64_t>(ctx.session.id)); }

Reply ClientSetName(CommandContext& ctx) {
  const std::string& n = ctx.args[2];
  for (char c : n) {
    if (c < '!' || c > '~') {
      return Reply::Error("ERR Client names cannot contain spaces, newlines or special characters.");
    }
  }
  std::lock_guard<std::mutex> lock(ctx.session.mu);
  ctx.session.name = n;
  return Reply::Ok();
}

Reply ClientGetName(CommandContext& ctx) {
  std::lock_guard<std::mutex> lock(ctx.session.mu);
  return ctx.session.name.empty() ? Reply::Null() : Reply::Bulk(ctx.session.name);
}

Reply ClientInfo(CommandContext& ctx) {
  return Reply::Verbatim(ClientLine(ctx.session, ctx.service.clock->NowMs()));
}

Reply ClientList(CommandContext& ctx) {
  std::string out;
  int64_t now = ctx.service.clock->NowMs();
  ctx.service.hub->ForEachClient([&](const Session& s) { out += ClientLine(s, now); });
  return Reply::Verbatim(std::move(out));
}

Reply ClientKill(CommandContext& ctx) {
  const auto& a = ctx.args;
  Hub& hub = *ctx.service.hub;
  if (a.size() == 3) {  // old form: CLIENT KILL addr:port
    const std::string addr = a[2];
    int n = hub.KillClients([&](const Session& s) { return s.peer == addr; });
    return n > 0 ? Reply::Ok() : Reply::Error("ERR No such client");
  }
  if (a.size() % 2 != 0) return Reply::ErrorSyntax();
  std::optional<uint64_t> id;
  std::optional<std::string> addr, laddr;
  bool skipme = true;
  for (size_t i = 2; i < a.size(); i += 2) {
    if (EqualsIgnoreCase(a[i], "id")) {
      int64_t v;
      if (!ParseInt64(a[i + 1], &v) || v <= 0) return Reply::Error("ERR client-id should be greater than 0");
      id = static_cast<uint64_t>(v);
    } else if (EqualsIgnoreCase(a[i], "addr")) {
      addr = a[i + 1];
    } else if (EqualsIgnoreCase(a[i], "laddr")) {
      laddr = a[i + 1];
    } else if (EqualsIgnoreCase(a[i], "skipme")) {
      if (EqualsIgnoreCase(a[i + 1], "yes")) skipme = true;
      else if (EqualsIgnoreCase(a[i + 1], "no")) skipme = false;
      else return Reply::ErrorSyntax();
    } else if (EqualsIgnoreCase(a[i], "user") || EqualsIgnoreCase(a[i], "type")) {
      // Every client is the default user of type normal.
    } else {
      return Reply::ErrorSyntax();
    }
  }
  uint64_t me = ctx.session.id;
  int n = hub.KillClients([&](const Session& s) {
    if (skipme && s.id == me) return false;
    if (id && s.id != *id) return false;
    if (addr && s.peer != *addr) return false;
    if (laddr && s.local != *laddr) return false;
    return true;
  });
  return Reply::Integer(n);
}

Reply ClientOnOff(CommandContext& ctx) {
  if (!EqualsIgnoreCase(ctx.args[2], "on") && !EqualsIgnoreCase(ctx.args[2], "off")) {
    return Reply::ErrorSyntax();
  }
  return Reply::Ok();  // accepted; tetradb neither evicts nor tracks access time
}

Reply ClientSetInfo(CommandContext& ctx) {
  if (!EqualsIgnoreCase(ctx.args[2], "lib-name") && !EqualsIgnoreCase(ctx.args[2], "lib-ver")) {
    return Reply::Error("ERR Unrecognized option '" + ctx.args[2] + "'");
  }
  return Reply::Ok();
}

Reply ClientHelp(CommandContext& ctx) {
  return Reply::HelpLines({"CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                          "GETNAME", "    Return the name of the current connection.",
                          "ID", "    Return the ID of the current connection.",
                          "INFO", "    Return information about the current client connection.",
                          "KILL <ip:port>", "    Kill connection made from <ip:port>.",
                          "KILL <option> <value> [<option> <value> [...]]", "    Kill connections. Options are: ID, ADDR, LADDR, SKIPME.",
                          "LIST", "    Return information about client connections.",
                          "NO-EVICT (ON|OFF)", "    Protect current client connection from eviction.",
                          "SETNAME <name>", "    Assign the name <name> to the current connection.",
                          "HELP", "    Print this help."});
}

}  // namespace

void RegisterAdminCommands(CommandTable& t) {
  t.Add({"dbsize", 1, kReadOnly | kFast, 0, 0, 0, DbSize, "server", "Returns the number of keys in the database.", "1.0.0", "O(1)"});
  t.Add({"flushdb", -1, kWrite, 0, 0, 0, FlushDb, "server", "Remove all keys from the current database.", "1.0.0", "O(N) where N is the number of keys in the selected database"});
  t.Add({"flushall", -1, kWrite, 0, 0, 0, FlushAll, "server", "Removes all keys from all databases.", "1.0.0", "O(N) where N is the total number of keys in all databases"});
  t.Add({"swapdb", 3, kWrite | kFast, 0, 0, 0, SwapDb, "server", "Swaps two Redis databases.", "4.0.0", "O(N) where N is the count of clients watching or blocking on keys from both databases."});
  t.Add({"save", 1, kAdmin | kNoScript | kNoMulti | kMayWait, 0, 0, 0, Save, "server", "Synchronously saves the database(s) to disk.", "1.0.0", "O(N) where N is the total number of keys in all databases"});
  t.Add({"bgsave", -1, kAdmin | kNoScript | kNoMulti, 0, 0, 0, BgSave, "server", "Asynchronously saves the database(s) to disk.", "1.0.0", "O(1)"});
  t.Add({"shutdown", -1, kAdmin | kNoScript | kLoading | kStale | kNoMulti, 0, 0, 0, Shutdown, "server", "Synchronously saves the database(s) to disk and shuts down the Redis server.", "1.0.0", "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)"});
  t.Add({"lastsave", 1, kLoading | kStale | kFast, 0, 0, 0, LastSave, "server", "Returns the Unix timestamp of the last successful save to disk.", "1.0.0", "O(1)"});
  t.Add({"info", -1, kLoading | kStale, 0, 0, 0, Info, "server", "Returns information and statistics about the server.", "1.0.0", "O(1)"});
  CommandSpec config{"config", -2, kAdmin | kNoScript | kLoading | kStale, 0, 0, 0, ConfigHelp, "server", "A container for server configuration commands.", "2.0.0", "Depends on subcommand."};
  config.subcommands = {
      {"get", -3, kAdmin | kNoScript | kLoading | kStale, 0, 0, 0, ConfigGet, "server", "Returns the effective values of configuration parameters.", "2.0.0", "O(N) when N is the number of configuration parameters provided"},
      {"help", 2, kLoading | kStale, 0, 0, 0, ConfigHelp, "server", "Returns helpful text about the different subcommands.", "5.0.0", "O(1)"},
      {"resetstat", 2, kAdmin | kNoScript | kLoading | kStale, 0, 0, 0, ConfigResetStat, "server", "Resets the server's statistics.", "2.0.0", "O(1)"},
      {"rewrite", 2, kAdmin | kNoScript | kLoading | kStale, 0, 0, 0, ConfigRewrite, "server", "Persists the effective configuration to file.", "2.8.0", "O(1)"},
      {"set", -4, kAdmin | kNoScript | kLoading | kStale, 0, 0, 0, ConfigSet, "server", "Sets configuration parameters in-flight.", "2.0.0", "O(N) when N is the number of configuration parameters provided"},
  };
  t.Add(std::move(config));
  CommandSpec client{"client", -2, kNoScript | kLoading | kStale, 0, 0, 0, ClientHelp, "connection", "A container for client connection commands.", "2.4.0", "Depends on subcommand."};
  client.subcommands = {
      {"getname", 2, kNoScript | kLoading | kStale, 0, 0, 0, ClientGetName, "connection", "Returns the name of the connection.", "2.6.9", "O(1)"},
      {"help", 2, kLoading | kStale, 0, 0, 0, ClientHelp, "connection", "Returns helpful text about the different subcommands.", "5.0.0", "O(1)"},
      {"id", 2, kNoScript | kLoading | kStale, 0, 0, 0, ClientId, "connection", "Returns the unique client ID of the connection.", "5.0.0", "O(1)"},
      {"info", 2, kNoScript | kLoading | kStale, 0, 0, 0, ClientInfo, "connection", "Returns information about the connection.", "6.2.0", "O(1)"},
      {"kill", -3, kAdmin | kNoScript | kLoading | kStale, 0, 0, 0, ClientKill, "connection", "Terminates open connections.", "2.4.0", "O(N) where N is the number of client connections"},
      {"list", -2, kAdmin | kNoScript | kLoading | kStale, 0, 0, 0, ClientList, "connection", "Lists open connections.", "2.4.0", "O(N) where N is the number of client connections"},
      {"no-evict", 3, kAdmin | kNoScript | kLoading | kStale, 0, 0, 0, ClientOnOff, "connection", "Sets the client eviction mode of the connection.", "7.0.0", "O(1)"},
      {"no-touch", 3, kNoScript | kLoading | kStale, 0, 0, 0, ClientOnOff, "connection", "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.", "7.2.0", "O(1)"},
      {"setinfo", 4, kNoScript | kLoading | kStale, 0, 0, 0, ClientSetInfo, "connection", "Sets information specific to the client or connection.", "7.2.0", "O(1)"},
      {"setname", 3, kNoScript | kLoading | kStale, 0, 0, 0, ClientSetName, "connection", "Sets the connection name.", "2.6.9", "O(1)"},
  };
  t.Add(std::move(client));
}

}  // namespace tetradb::resp

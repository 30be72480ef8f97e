#include "wire/resp/dispatcher.h"

#include <chrono>

namespace tetradb::resp {
namespace {

bool ArityOk(int arity, size_t argc) {
  return arity > 0 ? argc == static_cast<size_t>(arity) : argc >= static_cast<size_t>(-arity);
}

// Redis quotes up to ~128 bytes of the arguments in its unknown-command error.
Reply UnknownCommand(const std::vector<std::string>& args) {
  std::string quoted;
  for (size_t i = 1; i < args.size() && quoted.size() < 128; ++i) {
    quoted += '\'';
    quoted.append(args[i], 0, 128 - quoted.size());
    quoted += "' ";
  }
  return Reply::Error("ERR unknown command '" + args[0].substr(0, 128) +
                      "', with args beginning with: " + quoted);
}

// Commands a RESP2 client may send while subscribed.
bool AllowedWhileSubscribed(std::string_view name) {
  return name == "subscribe" || name == "psubscribe" || name == "unsubscribe" ||
         name == "punsubscribe" || name == "ping" || name == "quit" || name == "reset";
}

// Commands that act at once inside MULTI instead of being queued.
bool RunsInsideMulti(std::string_view name) {
  return name == "exec" || name == "discard" || name == "multi" || name == "watch" ||
         name == "quit" || name == "reset";
}

}  // namespace

const CommandSpec* Resolve(const std::vector<std::string>& args, Reply* error,
                           std::string* full_name) {
  const CommandSpec* spec = CommandTable::Get().Find(args[0]);
  if (spec == nullptr) {
    *error = UnknownCommand(args);
    return nullptr;
  }
  full_name->assign(spec->name);
  if (!spec->subcommands.empty() && args.size() >= 2) {
    const CommandSpec* sub = nullptr;
    for (const auto& s : spec->subcommands) {
      if (EqualsIgnoreCase(s.name, args[1])) sub = &s;
    }
    if (sub == nullptr) {
      std::string upper(spec->name);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      *error = Reply::Error("ERR unknown subcommand '" + args[1].substr(0, 128) + "'. Try " +
                            upper + " HELP.");
      return nullptr;
    }
    *full_name += '|';
    *full_name += sub->name;
    spec = sub;
  }
  if (!ArityOk(spec->arity, args.size())) {
    *error = Reply::ErrorWrongArity(*full_name);
    return nullptr;
  }
  return spec;
}

void CommandClock::Start(const Service& service) {
  if (started) return;
  start = last = std::chrono::steady_clock::now();
  now_ms = service.clock->NowMs();
  started = true;
}

Reply Execute(Service& service, Session& session, const CommandSpec& spec,
              const std::string& full_name, const std::vector<std::string>& args,
              kv::KvTxn* kv_txn, bool* kv_conflict, CommandClock* clock, CommandCount* batch) {
  CommandClock own;
  if (clock == nullptr) clock = &own;
  clock->Start(service);
  const auto start = clock->last;
  // Only this thread writes them, so it may read them without the lock; a
  // client's commands in one batch mostly change neither.
  if (session.last_command_ms != clock->now_ms || session.last_command != full_name) {
    std::lock_guard<std::mutex> lock(session.mu);
    if (session.last_command != full_name) session.last_command = full_name;
    session.last_command_ms = clock->now_ms;
  }
  CommandContext ctx{service, session, args, kv_txn};
  ctx.kv_batch = batch != nullptr;
  Reply reply = spec.handler(ctx);
  if (kv_conflict != nullptr && ctx.kv_conflict) *kv_conflict = true;
  clock->last = std::chrono::steady_clock::now();
  // A command handed back to run again elsewhere (never a batched one) is
  // counted there.
  if (session.offload_requested && batch == nullptr) return reply;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(clock->last - start).count();
  CommandCount own_count;
  CommandCount& count = batch != nullptr ? *batch : own_count;
  count = {&spec, static_cast<uint64_t>(us), reply.kind() == Reply::Kind::kError};
  if (batch == nullptr) AddCommandCounts(service, &count, 1);
  return reply;
}

void AddCommandCounts(Service& service, const CommandCount* counts, size_t n) {
  if (n == 0) return;
  service.metrics.Add(service.metrics.commands_processed, n);
  for (size_t i = 0; i < n;) {
    const CommandSpec* spec = counts[i].spec;
    uint64_t calls = 0, usec = 0, failed = 0;
    for (; i < n && counts[i].spec == spec; ++i) {
      ++calls;
      usec += counts[i].usec;
      failed += counts[i].failed ? 1 : 0;
    }
    spec->stat->calls.fetch_add(calls, std::memory_order_relaxed);
    spec->stat->usec.fetch_add(usec, std::memory_order_relaxed);
    if (failed > 0) spec->stat->failed.fetch_add(failed, std::memory_order_relaxed);
  }
}

const CommandSpec* BatchableSpec(const Service& service, const Session& session,
                                 const std::vector<std::string>& args, std::string* full_name) {
  if (args.empty() || session.in_multi || (session.protocol == 2 && session.subscribed())) {
    return nullptr;
  }
  if (!session.authenticated && !service.RequirePass().empty()) return nullptr;
  Reply error;
  const CommandSpec* spec = Resolve(args, &error, full_name);
  return spec != nullptr && (spec->flags & kBatchable) ? spec : nullptr;
}

Reply Dispatch(Service& service, Session& session, const std::vector<std::string>& args) {
  if (args.empty()) return Reply::Error("ERR empty command");
  Reply error = Reply::Null();
  std::string full_name;
  const CommandSpec* spec = Resolve(args, &error, &full_name);
  if (spec != nullptr && !session.authenticated && !service.RequirePass().empty() &&
      !(spec->flags & kNoAuth)) {
    spec = nullptr;
    error = Reply::Error("NOAUTH Authentication required.");
  }
  if (spec == nullptr) {
    if (session.in_multi) session.multi_error = true;
    return error;
  }
  std::string_view base = full_name;
  base = base.substr(0, base.find('|'));
  if (session.protocol == 2 && session.subscribed() && !AllowedWhileSubscribed(base)) {
    return Reply::Error("ERR Can't execute '" + full_name +
                        "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are "
                        "allowed in this context");
  }
  if (session.in_multi && (spec->flags & kNoMulti)) {
    session.multi_error = true;  // as in Redis: EXEC then aborts
    return Reply::Error("ERR Command not allowed inside a transaction");
  }
  if (session.in_multi && !RunsInsideMulti(base)) {
    session.queued.push_back(args);
    return Reply::Simple("QUEUED");
  }
  return Execute(service, session, *spec, full_name, args, nullptr, nullptr);
}

bool MayWait(const Session& session, const std::vector<std::string>& args) {
  if (args.empty()) return false;
  const CommandTable& table = CommandTable::Get();
  const CommandSpec* spec = table.Find(args[0]);
  if (spec == nullptr) return false;
  if (session.in_multi) {
    // Inside MULTI a command is only queued (or refused); EXEC runs the
    // queue, and leaves the network thread when it holds a script (which
    // runs in EXEC's transaction, with no time budget).
    if (spec->name != "exec") return false;
    for (const auto& q : session.queued) {
      const CommandSpec* queued = q.empty() ? nullptr : table.Find(q[0]);
      if (queued != nullptr && (queued->flags & (kMayWait | kScript)) != 0) return true;
    }
    return false;
  }
  return (spec->flags & kMayWait) != 0;
}

}  // namespace tetradb::resp

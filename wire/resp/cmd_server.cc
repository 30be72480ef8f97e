// Server introspection commands: COMMAND (COUNT INFO LIST DOCS) and TIME.
#include <chrono>

#include "wire/resp/command_args.h"
#include "wire/resp/command_table.h"

namespace tetradb::resp {
namespace {

Reply FlagSet(uint32_t flags) {
  static const std::pair<uint32_t, const char*> kNames[] = {
      {kWrite, "write"},       {kReadOnly, "readonly"}, {kDenyOom, "denyoom"},
      {kAdmin, "admin"},       {kPubSub, "pubsub"},     {kNoScript, "noscript"},
      {kBlocking, "blocking"}, {kLoading, "loading"},   {kStale, "stale"},
      {kSkipMonitor, "skip_monitor"}, {kFast, "fast"},  {kNoAuth, "no_auth"},
      {kNoMulti, "no_multi"},
  };
  std::vector<Reply> out;
  for (const auto& [bit, name] : kNames) {
    if (flags & bit) out.push_back(Reply::Simple(name));
  }
  return Reply::Set(std::move(out));
}

std::string FullName(const CommandSpec& parent, const CommandSpec* sub) {
  if (sub == nullptr) return std::string(parent.name);
  return std::string(parent.name) + "|" + std::string(sub->name);
}

Reply Info(const CommandSpec& spec, const std::string& name) {
  std::vector<Reply> subs;
  for (const auto& s : spec.subcommands) subs.push_back(Info(s, name + "|" + std::string(s.name)));
  std::vector<Reply> r;
  r.push_back(Reply::Bulk(name));
  r.push_back(Reply::Integer(spec.arity));
  r.push_back(FlagSet(spec.flags));
  r.push_back(Reply::Integer(spec.first_key));
  r.push_back(Reply::Integer(spec.last_key));
  r.push_back(Reply::Integer(spec.key_step));
  r.push_back(Reply::Set({}));    // ACL categories
  r.push_back(Reply::Array({}));  // tips
  r.push_back(Reply::Array({}));  // key specifications
  r.push_back(Reply::Array(std::move(subs)));
  return Reply::Array(std::move(r));
}

Reply Docs(const CommandSpec& spec, const std::string& name) {
  std::vector<std::pair<Reply, Reply>> d;
  d.emplace_back(Reply::Bulk("summary"), Reply::Bulk(std::string(spec.summary)));
  d.emplace_back(Reply::Bulk("since"), Reply::Bulk(std::string(spec.since)));
  d.emplace_back(Reply::Bulk("group"), Reply::Bulk(std::string(spec.group)));
  d.emplace_back(Reply::Bulk("complexity"), Reply::Bulk(std::string(spec.complexity)));
  if (Reply args = CommandArguments(name); !args.elements().empty()) {
    d.emplace_back(Reply::Bulk("arguments"), std::move(args));
  }
  if (!spec.subcommands.empty()) {
    std::vector<std::pair<Reply, Reply>> subs;
    for (const auto& s : spec.subcommands) {
      std::string sub_name = name + "|" + std::string(s.name);
      subs.emplace_back(Reply::Bulk(sub_name), Docs(s, sub_name));
    }
    d.emplace_back(Reply::Bulk("subcommands"), Reply::Map(std::move(subs)));
  }
  return Reply::Map(std::move(d));
}

// Resolves "name" or "parent|sub" to a spec; nullptr if unknown.
const CommandSpec* Resolve(std::string_view name, std::string* full) {
  const CommandTable& table = CommandTable::Get();
  size_t bar = name.find('|');
  const CommandSpec* parent = table.Find(name.substr(0, bar));
  if (parent == nullptr) return nullptr;
  if (bar == std::string_view::npos) {
    *full = std::string(parent->name);
    return parent;
  }
  for (const auto& s : parent->subcommands) {
    if (EqualsIgnoreCase(s.name, name.substr(bar + 1))) {
      *full = FullName(*parent, &s);
      return &s;
    }
  }
  return nullptr;
}

Reply CommandAll(CommandContext& ctx) {
  std::vector<Reply> out;
  for (const auto& spec : CommandTable::Get().all()) out.push_back(Info(spec, std::string(spec.name)));
  return Reply::Array(std::move(out));
}

Reply CommandCount(CommandContext& ctx) {
  return Reply::Integer(static_cast<int64_t>(CommandTable::Get().all().size()));
}

Reply CommandInfo(CommandContext& ctx) {
  if (ctx.args.size() == 2) return CommandAll(ctx);
  std::vector<Reply> out;
  for (size_t i = 2; i < ctx.args.size(); ++i) {
    std::string full;
    const CommandSpec* spec = Resolve(ctx.args[i], &full);
    out.push_back(spec ? Info(*spec, full) : Reply::NullArray());
  }
  return Reply::Array(std::move(out));
}

Reply CommandList(CommandContext& ctx) {
  if (ctx.args.size() != 2) return Reply::Error("ERR syntax error");
  std::vector<Reply> out;
  for (const auto& spec : CommandTable::Get().all()) {
    out.push_back(Reply::Bulk(std::string(spec.name)));
    for (const auto& s : spec.subcommands) out.push_back(Reply::Bulk(FullName(spec, &s)));
  }
  return Reply::Array(std::move(out));
}

Reply CommandDocs(CommandContext& ctx) {
  std::vector<std::pair<Reply, Reply>> out;
  if (ctx.args.size() == 2) {
    for (const auto& spec : CommandTable::Get().all()) {
      out.emplace_back(Reply::Bulk(std::string(spec.name)), Docs(spec, std::string(spec.name)));
    }
  } else {
    for (size_t i = 2; i < ctx.args.size(); ++i) {
      std::string full;
      if (const CommandSpec* spec = Resolve(ctx.args[i], &full)) {
        out.emplace_back(Reply::Bulk(full), Docs(*spec, full));
      }
    }
  }
  return Reply::Map(std::move(out));
}

Reply CommandHelp(CommandContext& ctx) {
  return Reply::HelpLines({
      "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "(no subcommand)",
      "    Return details about all Redis commands.",
      "COUNT",
      "    Return the total number of commands in this Redis server.",
      "LIST",
      "    Return a list of all commands in this Redis server.",
      "INFO [<command-name> ...]",
      "    Return details about multiple Redis commands.",
      "DOCS [<command-name> ...]",
      "    Return documentation details about multiple Redis commands.",
      "HELP",
      "    Print this help.",
  });
}

Reply Time(CommandContext& ctx) {
  using namespace std::chrono;
  auto us = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  return Reply::Array({Reply::Bulk(std::to_string(us / 1000000)),
                       Reply::Bulk(std::to_string(us % 1000000))});
}

}  // namespace

void RegisterServerCommands(CommandTable& t) {
  CommandSpec command{"command", -1, kLoading | kStale, 0, 0, 0, CommandAll, "server",
                      "Returns detailed information about all commands.", "2.8.13", "O(N) where N is the total number of Redis commands"};
  command.subcommands = {
      {"count", 2, kLoading | kStale, 0, 0, 0, CommandCount, "server", "Returns a count of commands.", "2.8.13", "O(1)"},
      {"docs", -2, kLoading | kStale, 0, 0, 0, CommandDocs, "server", "Returns documentary information about one, multiple or all commands.", "7.0.0", "O(N) where N is the number of commands to look up"},
      {"help", 2, kLoading | kStale, 0, 0, 0, CommandHelp, "server", "Returns helpful text about the different subcommands.", "5.0.0", "O(1)"},
      {"info", -2, kLoading | kStale, 0, 0, 0, CommandInfo, "server", "Returns information about one, multiple or all commands.", "2.8.13", "O(N) where N is the number of commands to look up"},
      {"list", -2, kLoading | kStale, 0, 0, 0, CommandList, "server", "Returns a list of command names.", "7.0.0", "O(N) where N is the total number of Redis commands"},
  };
  t.Add(std::move(command));
  t.Add({"time", 1, kLoading | kStale | kFast, 0, 0, 0, Time, "server", "Returns the server time.", "2.6.0", "O(1)"});
}

}  // namespace tetradb::resp

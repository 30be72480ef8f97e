#include "wire/resp/dispatcher.h"

#include "wire/resp/command_table.h"

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

}  // namespace

Reply Dispatch(Service& service, Session& session, const std::vector<std::string>& args) {
  if (args.empty()) return Reply::Error("ERR empty command");
  const CommandSpec* spec = CommandTable::Get().Find(args[0]);
  if (spec == nullptr) return UnknownCommand(args);

  if (!session.authenticated && !service.info.requirepass.empty() && !(spec->flags & kNoAuth)) {
    return Reply::Error("NOAUTH Authentication required.");
  }

  std::string full_name(spec->name);
  if (!spec->subcommands.empty() && args.size() >= 2) {
    const CommandSpec* sub = nullptr;
    for (const auto& s : spec->subcommands) {
      if (EqualsIgnoreCase(s.name, args[1])) sub = &s;
    }
    if (sub == nullptr) {
      std::string upper(spec->name);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return Reply::Error("ERR unknown subcommand '" + args[1].substr(0, 128) + "'. Try " +
                          upper + " HELP.");
    }
    full_name += '|';
    full_name += sub->name;
    spec = sub;
  }
  if (!ArityOk(spec->arity, args.size())) return Reply::ErrorWrongArity(full_name);

  service.metrics.Add(service.metrics.commands_processed);
  session.last_command = full_name;
  session.last_command_ms = service.clock->NowMs();
  CommandContext ctx{service, session, args};
  return spec->handler(ctx);
}

}  // namespace tetradb::resp

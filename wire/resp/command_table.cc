#include "wire/resp/command_table.h"

#include <algorithm>

namespace tetradb::resp {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

const CommandTable& CommandTable::Get() {
  static const CommandTable* table = [] {
    auto* t = new CommandTable();
    RegisterConnectionCommands(*t);
    RegisterServerCommands(*t);
    RegisterKeyCommands(*t);
    RegisterStringCommands(*t);
    RegisterHashCommands(*t);
    RegisterSetCommands(*t);
    RegisterListCommands(*t);
    RegisterZsetCommands(*t);
    RegisterTransactionCommands(*t);
    RegisterPubSubCommands(*t);
    RegisterAdminCommands(*t);
    RegisterBlockingCommands(*t);
    RegisterSqlCommands(*t);
    RegisterScriptCommands(*t);
    t->Index();
    return t;
  }();
  return *table;
}

void CommandTable::Add(CommandSpec spec) { commands_.push_back(std::move(spec)); }

namespace {

// Key-value families run every handler through RunKv; blocking commands
// must wait on their own.
void MarkBatchable(CommandSpec& spec) {
  static const std::string_view kKvGroups[] = {"string", "bitmap", "generic", "hash",
                                               "list",   "set",    "sorted-set"};
  bool kv = false;
  for (auto g : kKvGroups) kv |= spec.group == g;
  if (kv && !(spec.flags & kBlocking)) spec.flags |= kBatchable;
  for (auto& sub : spec.subcommands) MarkBatchable(sub);
}

}  // namespace

void CommandTable::Index() {
  for (auto& spec : commands_) MarkBatchable(spec);
  std::sort(commands_.begin(), commands_.end(),
            [](const CommandSpec& a, const CommandSpec& b) { return a.name < b.name; });
  for (size_t i = 0; i < commands_.size(); ++i) by_name_[std::string(commands_[i].name)] = i;
}

const CommandSpec* CommandTable::Find(std::string_view name) const {
  // Command names are short; lower-casing into a small buffer avoids a heap
  // allocation on every command.
  char buf[32];
  if (name.size() > sizeof(buf)) return nullptr;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  auto it = by_name_.find(std::string(buf, name.size()));
  return it == by_name_.end() ? nullptr : &commands_[it->second];
}

std::vector<std::string_view> CommandKeys(const CommandSpec& spec,
                                          const std::vector<std::string>& args) {
  std::vector<std::string_view> keys;
  if (spec.first_key <= 0) return keys;
  int n = static_cast<int>(args.size());
  int last = spec.last_key >= 0 ? spec.last_key : n + spec.last_key;
  int step = spec.key_step > 0 ? spec.key_step : 1;
  for (int i = spec.first_key; i <= last && i < n; i += step) keys.push_back(args[i]);
  return keys;
}

}  // namespace tetradb::resp

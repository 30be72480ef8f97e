// List commands.
#include "wire/resp/command_table.h"

namespace tetradb::resp {

void RegisterListCommands(CommandTable& t) {}

}  // namespace tetradb::resp

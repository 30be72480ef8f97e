// Set commands.
#include "wire/resp/command_table.h"

namespace tetradb::resp {

void RegisterSetCommands(CommandTable& t) {}

}  // namespace tetradb::resp

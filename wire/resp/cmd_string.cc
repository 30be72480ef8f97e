// String commands.
#include "wire/resp/command_table.h"

namespace tetradb::resp {

void RegisterStringCommands(CommandTable& t) {}

}  // namespace tetradb::resp

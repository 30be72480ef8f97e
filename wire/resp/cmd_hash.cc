// Hash commands.
#include "wire/resp/command_table.h"

namespace tetradb::resp {

void RegisterHashCommands(CommandTable& t) {}

}  // namespace tetradb::resp

// Key commands.
#include "wire/resp/command_table.h"

namespace tetradb::resp {

void RegisterKeyCommands(CommandTable& t) {}

}  // namespace tetradb::resp

// Zset commands.
#include "wire/resp/command_table.h"

namespace tetradb::resp {

void RegisterZsetCommands(CommandTable& t) {}

}  // namespace tetradb::resp

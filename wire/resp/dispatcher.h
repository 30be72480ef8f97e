// Runs one parsed command: finds it in the command table, checks arity and
// authentication, calls its handler and counts it. The connection turns the
// returned Reply into bytes.
#pragma once

#include <string>
#include <vector>

#include "wire/resp/reply.h"
#include "wire/resp/session.h"
#include "wire/service.h"

namespace tetradb::resp {

Reply Dispatch(Service& service, Session& session, const std::vector<std::string>& args);

}  // namespace tetradb::resp

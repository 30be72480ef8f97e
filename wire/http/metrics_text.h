// The Prometheus text exposition of the server's counters (GET /metrics).
#pragma once

#include <string>

#include "wire/service.h"

namespace tetradb::http {

std::string MetricsText(const Service& service);

}  // namespace tetradb::http

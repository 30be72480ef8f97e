#include "wire/http/metrics_text.h"

#include <atomic>

namespace tetradb::http {
namespace {

template <typename T>
void Emit(std::string* out, const char* name, const char* type, const char* help, T value) {
  *out += "# HELP ";
  *out += name;
  *out += ' ';
  *out += help;
  *out += "\n# TYPE ";
  *out += name;
  *out += ' ';
  *out += type;
  *out += '\n';
  *out += name;
  *out += ' ';
  *out += std::to_string(value);
  *out += '\n';
}

}  // namespace

std::string MetricsText(const Service& service) {
  const Metrics& m = service.metrics;
  auto v = [](const auto& a) { return a.load(std::memory_order_relaxed); };
  std::string out;
  Emit(&out, "tetradb_uptime_seconds", "gauge", "Seconds since the server started.",
       service.UptimeSeconds());
  Emit(&out, "tetradb_connected_clients", "gauge", "RESP connections open now.",
       v(m.connected_clients));
  Emit(&out, "tetradb_connections_received_total", "counter",
       "RESP connections accepted since start.", v(m.connections_received));
  Emit(&out, "tetradb_rejected_connections_total", "counter",
       "RESP connections refused (maxclients).", v(m.rejected_connections));
  Emit(&out, "tetradb_commands_processed_total", "counter", "RESP commands executed.",
       v(m.commands_processed));
  Emit(&out, "tetradb_protocol_errors_total", "counter",
       "RESP connections closed for a protocol error.", v(m.protocol_errors));
  Emit(&out, "tetradb_http_requests_total", "counter", "HTTP requests served.",
       v(m.http_requests));
  Emit(&out, "tetradb_net_input_bytes_total", "counter", "Bytes read from RESP clients.",
       v(m.net_input_bytes));
  Emit(&out, "tetradb_net_output_bytes_total", "counter", "Bytes written to RESP clients.",
       v(m.net_output_bytes));
  return out;
}

}  // namespace tetradb::http

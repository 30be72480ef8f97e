#include "wire/http/router.h"

#include <nlohmann/json.hpp>

#include "wire/http/metrics_text.h"
#include "wire/http/sql_route.h"

namespace tetradb::http {
namespace {

Response Health(Service& service) {
  const ServerInfo& info = service.info;
  nlohmann::json j = {
      {"status", "ok"},
      {"version", info.version},
      {"uptime_seconds", service.UptimeSeconds()},
      {"data_dir", info.in_memory ? "" : info.data_dir},
      {"in_memory", info.in_memory},
      {"durability", info.durability},
      {"resp_port", info.resp_port},
      {"http_port", info.http_port},
  };
  return Response{200, "application/json", j.dump()};
}

}  // namespace

Response ErrorResponse(int status, std::string_view code, std::string_view message) {
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  return Response{status, "application/json", j.dump()};
}

Response Handle(Service& service, const Request& request) {
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (path == "/health" || path == "/metrics") {
    if (request.method != "GET" && request.method != "HEAD") {
      return ErrorResponse(405, "method_not_allowed",
                           request.method + " is not allowed on " + std::string(path));
    }
    if (path == "/health") return Health(service);
    return Response{200, "text/plain; version=0.0.4; charset=utf-8", MetricsText(service)};
  }
  if (path == "/sql") return HandleSql(service, request);
  if (path == "/sql/script") return HandleSqlScript(service, request);
  return ErrorResponse(404, "not_found", "no route for " + request.method + " " + std::string(path));
}

}  // namespace tetradb::http

#include "wire/http/router.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tetradb::http {
namespace {

TEST(HttpRouterTest, HealthIsJsonWithVersionAndDirectory) {
  Service s;
  s.info.version = "1.2.3";
  s.info.data_dir = "/tmp/x";
  s.info.durability = "os";
  s.info.start_ms = s.clock->NowMs();
  Response r = Handle(s, {"GET", "/health", ""});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["version"], "1.2.3");
  EXPECT_EQ(j["data_dir"], "/tmp/x");
  EXPECT_EQ(j["durability"], "os");
  EXPECT_GE(j["uptime_seconds"].get<int64_t>(), 0);
}

TEST(HttpRouterTest, MetricsArePrometheusText) {
  Service s;
  s.metrics.commands_processed = 42;
  Response r = Handle(s, {"GET", "/metrics?x=1", ""});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.content_type.find("text/plain"), std::string::npos);
  EXPECT_NE(r.body.find("# TYPE tetradb_commands_processed_total counter\n"
                        "tetradb_commands_processed_total 42\n"),
            std::string::npos);
}

TEST(HttpRouterTest, UnknownPathAndWrongMethodAreJsonErrors) {
  Service s;
  Response r = Handle(s, {"GET", "/nope", ""});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "not_found");
  r = Handle(s, {"POST", "/health", "{}"});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "method_not_allowed");
}

}  // namespace
}  // namespace tetradb::http

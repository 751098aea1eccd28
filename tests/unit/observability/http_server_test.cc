#include "observability/http_server.h"

#include <arpa/inet.h>
#include <civetweb.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <prometheus/counter.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>

#include "observability/readiness.h"

namespace newsflow {
namespace {

struct HttpResponse {
  int status = 0;
  std::string head;
  std::string body;
};

// Minimal HTTP/1.0 client: one request, read to EOF.
HttpResponse Request(int port, const std::string& method, const std::string& path) {
  HttpResponse response;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return response;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return response;
  }
  const std::string request = method + " " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n";
  if (write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    close(fd);
    return response;
  }
  std::string raw;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof(buf))) > 0;) raw.append(buf, static_cast<size_t>(n));
  close(fd);
  const auto split = raw.find("\r\n\r\n");
  if (split == std::string::npos || raw.compare(0, 9, "HTTP/1.1 ") != 0) return response;
  response.status = std::stoi(raw.substr(9, 3));
  response.head = raw.substr(0, split);
  response.body = raw.substr(split + 4);
  return response;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    readiness_.SetGroupState(GroupState::kAssigned);
    readiness_.SetProducerConnected(true);
    ASSERT_TRUE(server_.Start(&error_)) << error_;
    ASSERT_GT(server_.port(), 0);
  }

  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  Readiness readiness_{std::chrono::seconds(300)};
  HttpServer server_{"127.0.0.1:0", registry_, readiness_};
  std::string error_;
};

TEST_F(HttpServerTest, HealthzIsOk) {
  const HttpResponse response = Request(server_.port(), "GET", "/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ok\n");
}

TEST_F(HttpServerTest, MetricsServesTheRegistryInTextFormat) {
  auto& counter = prometheus::BuildCounter()
                      .Name("newsflow_test_total")
                      .Help("test counter")
                      .Register(*registry_)
                      .Add({{"k", "v"}});
  counter.Increment(41);
  counter.Increment();
  const HttpResponse response = Request(server_.port(), "GET", "/metrics");
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.head.find("Content-Type: text/plain; version=0.0.4; charset=utf-8"),
            std::string::npos)
      << response.head;
  EXPECT_NE(response.body.find("# TYPE newsflow_test_total counter"), std::string::npos);
  EXPECT_NE(response.body.find("newsflow_test_total{k=\"v\"} 42\n"), std::string::npos)
      << response.body;
}

TEST_F(HttpServerTest, ReadyzFollowsReadiness) {
  HttpResponse response = Request(server_.port(), "GET", "/readyz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ready\n");

  readiness_.SetProducerConnected(false);
  response = Request(server_.port(), "GET", "/readyz");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body, "producer is not connected to any broker\n");

  readiness_.SetProducerConnected(true);
  EXPECT_EQ(Request(server_.port(), "GET", "/readyz").status, 200);
}

TEST_F(HttpServerTest, ReadyzReportsAStalledPartition) {
  // Stalled since long before now: the handler uses the real steady clock.
  const auto long_ago = std::chrono::steady_clock::now() - std::chrono::seconds(1000);
  readiness_.OnPartitionProgress("articles.raw", 3, 10, 120, long_ago);
  const HttpResponse response = Request(server_.port(), "GET", "/readyz");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body.rfind("articles.raw[3] has lag 120 and no progress for ", 0), 0u)
      << response.body;
}

TEST_F(HttpServerTest, UnknownPathsAre404) {
  for (const char* path : {"/", "/metricsx", "/metrics/extra", "/index.html", "/healthz/"}) {
    EXPECT_EQ(Request(server_.port(), "GET", path).status, 404) << path;
  }
}

TEST_F(HttpServerTest, OtherMethodsAre405AndHeadHasNoBody) {
  const HttpResponse post = Request(server_.port(), "POST", "/metrics");
  EXPECT_EQ(post.status, 405);
  EXPECT_NE(post.head.find("Allow: GET, HEAD"), std::string::npos);
  const HttpResponse head = Request(server_.port(), "HEAD", "/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
}

TEST_F(HttpServerTest, StartTwiceIsHarmlessAndStopIsIdempotent) {
  const int port = server_.port();
  EXPECT_TRUE(server_.Start(&error_));
  EXPECT_EQ(server_.port(), port);
  server_.Stop();
  EXPECT_EQ(server_.port(), 0);
  EXPECT_EQ(Request(port, "GET", "/healthz").status, 0) << "nothing listens any more";
  server_.Stop();
}

TEST_F(HttpServerTest, StartFailsWhenThePortIsInUse) {
  HttpServer second("127.0.0.1:" + std::to_string(server_.port()), registry_, readiness_);
  std::string error;
  EXPECT_FALSE(second.Start(&error));
  EXPECT_NE(error.find("cannot serve HTTP on 127.0.0.1:"), std::string::npos) << error;
  EXPECT_NE(error.find("Address already in use"), std::string::npos) << error;
  EXPECT_EQ(second.port(), 0);
  EXPECT_EQ(Request(server_.port(), "GET", "/healthz").status, 200) << "first one unaffected";
}

TEST(HttpServerStartTest, StartFailsOnAnInvalidAddress) {
  auto registry = std::make_shared<prometheus::Registry>();
  Readiness readiness(std::chrono::seconds(1));
  HttpServer server("127.0.0.1", registry, readiness);
  std::string error;
  EXPECT_FALSE(server.Start(&error));
  EXPECT_NE(error.find("expected host:port"), std::string::npos) << error;
}

TEST(HttpServerStartTest, Ipv6NeedsACivetwebBuiltWithIt) {
  auto registry = std::make_shared<prometheus::Registry>();
  Readiness readiness(std::chrono::seconds(1));
  HttpServer server("[::1]:0", registry, readiness);
  std::string error;
  if (mg_check_feature(MG_FEATURES_IPV6) == 0) {
    EXPECT_FALSE(server.Start(&error));
    EXPECT_NE(error.find("no IPv6 support"), std::string::npos) << error;
  } else {
    EXPECT_TRUE(server.Start(&error)) << error;
    EXPECT_GT(server.port(), 0);
  }
}

TEST(HttpServerStartTest, ServesOnAResolvedHostName) {
  auto registry = std::make_shared<prometheus::Registry>();
  Readiness readiness(std::chrono::seconds(1));
  std::string listening;
  std::string error;
  ASSERT_TRUE(ToListeningPorts("localhost:0", &listening, &error)) << error;
  if (listening.front() == '[') GTEST_SKIP() << "localhost resolves to IPv6 first here";
  HttpServer server("localhost:0", registry, readiness);
  ASSERT_TRUE(server.Start(&error)) << error;
  EXPECT_EQ(Request(server.port(), "GET", "/healthz").status, 200);
}

TEST(ToListeningPortsTest, TranslatesAddressForms) {
  std::string out;
  std::string error;
  ASSERT_TRUE(ToListeningPorts("127.0.0.1:9464", &out, &error)) << error;
  EXPECT_EQ(out, "127.0.0.1:9464");
  ASSERT_TRUE(ToListeningPorts("[::1]:9464", &out, &error)) << error;
  EXPECT_EQ(out, "[::1]:9464");
  ASSERT_TRUE(ToListeningPorts("[::]:0", &out, &error)) << error;
  EXPECT_EQ(out, "[::]:0");
  ASSERT_TRUE(ToListeningPorts("*:80", &out, &error)) << error;
  EXPECT_EQ(out, "0.0.0.0:80");
  ASSERT_TRUE(ToListeningPorts(":80", &out, &error)) << error;
  EXPECT_EQ(out, "0.0.0.0:80");
  ASSERT_TRUE(ToListeningPorts("localhost:65535", &out, &error)) << error;
  EXPECT_TRUE(out == "127.0.0.1:65535" || out == "[::1]:65535") << out;
}

TEST(ToListeningPortsTest, RejectsMalformedAddresses) {
  std::string out;
  for (const char* bad :
       {"", "9464", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:80x", "::1:9464",
        "[::1]", "[::1]9464", "[]:9464", "no-such-host.invalid:9464"}) {
    std::string error;
    EXPECT_FALSE(ToListeningPorts(bad, &out, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

}  // namespace
}  // namespace newsflow

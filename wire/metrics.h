// Counters shared by the listeners and reported by INFO and /metrics.
// Plain relaxed atomics: each is exact, their sum at one instant is not.
#pragma once

#include <atomic>
#include <cstdint>

namespace tetradb {

struct Metrics {
  std::atomic<uint64_t> connections_received{0};   // RESP connections accepted since start
  std::atomic<int64_t> connected_clients{0};       // RESP connections open now
  std::atomic<uint64_t> rejected_connections{0};
  std::atomic<uint64_t> commands_processed{0};     // RESP commands executed
  std::atomic<uint64_t> protocol_errors{0};
  std::atomic<uint64_t> http_requests{0};
  std::atomic<uint64_t> net_input_bytes{0};
  std::atomic<uint64_t> net_output_bytes{0};
  // RESP connections moved to the worker thread owning the keys they write
  // (tetradb's own INFO stats field).
  std::atomic<uint64_t> client_migrations{0};

  static void Add(std::atomic<uint64_t>& c, uint64_t n = 1) {
    c.fetch_add(n, std::memory_order_relaxed);
  }
};

}  // namespace tetradb

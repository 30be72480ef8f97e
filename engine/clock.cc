#include "engine/clock.h"

#include <chrono>

namespace tetradb {
namespace {

class WallClock final : public Clock {
 public:
  int64_t NowMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

}  // namespace

Clock* SystemClock() {
  static WallClock* clock = new WallClock();
  return clock;
}

}  // namespace tetradb

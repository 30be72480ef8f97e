#include "wire/resp/dispatcher.h"

#include <gtest/gtest.h>

#include "wire/resp/command_table.h"
#include "wire/resp/writer.h"

namespace tetradb::resp {
namespace {

class DispatcherTest : public ::testing::Test {
 protected:
  std::string Run(std::vector<std::string> args) {
    Reply r = Dispatch(service_, session_, args);
    return EncodeReply(r, session_.protocol);  // HELLO's reply uses the new protocol
  }

  Service service_;
  Session session_;
};

TEST_F(DispatcherTest, PingEchoAndArity) {
  EXPECT_EQ(Run({"PING"}), "+PONG\r\n");
  EXPECT_EQ(Run({"ping", "hi"}), "$2\r\nhi\r\n");
  EXPECT_EQ(Run({"PING", "a", "b"}), "-ERR wrong number of arguments for 'ping' command\r\n");
  EXPECT_EQ(Run({"EcHo", "x"}), "$1\r\nx\r\n");
  EXPECT_EQ(Run({"ECHO"}), "-ERR wrong number of arguments for 'echo' command\r\n");
}

TEST_F(DispatcherTest, UnknownCommandQuotesItsArguments) {
  EXPECT_EQ(Run({"FOO", "bar", "baz"}),
            "-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' \r\n");
  EXPECT_EQ(Run({"FOO"}), "-ERR unknown command 'FOO', with args beginning with: \r\n");
}

// A batch's commands take their time from the steady clock: the wall time
// read at the start plus the steady time since.
TEST_F(DispatcherTest, CommandClockDerivesWallTimeFromTheSteadyClock) {
  ManualClock wall(1'000'000);
  service_.clock = &wall;
  CommandClock clock;
  clock.Start(service_);
  EXPECT_EQ(clock.LastMs(), 1'000'000);
  wall.Advance(5000);
  clock.Start(service_);  // started already: reads nothing
  EXPECT_EQ(clock.now_ms, 1'000'000);
  clock.last = clock.start + std::chrono::microseconds(2'500'700);
  EXPECT_EQ(clock.LastMs(), 1'002'500);
  clock.started = false;
  clock.Start(service_);
  EXPECT_EQ(clock.LastMs(), 1'005'000);
}

// Inside MULTI, commands are queued on the network thread; EXEC leaves it
// when a queued command may run long (a script). Outside, a script starts
// on the network thread (within its time budget), SQL does not.
TEST_F(DispatcherTest, MayWaitInsideMultiIsExecWithAScriptQueued) {
  EXPECT_FALSE(MayWait(session_, {"EVAL", "return 1", "0"}));
  EXPECT_TRUE(MayWait(session_, {"SQL", "SELECT 1"}));
  EXPECT_FALSE(MayWait(session_, {"GET", "k"}));
  EXPECT_EQ(Run({"MULTI"}), "+OK\r\n");
  EXPECT_FALSE(MayWait(session_, {"EVAL", "return 1", "0"}));
  EXPECT_FALSE(MayWait(session_, {"EXEC"}));
  EXPECT_EQ(Run({"EVAL", "return 1", "0"}), "+QUEUED\r\n");
  EXPECT_TRUE(MayWait(session_, {"exec"}));
  EXPECT_FALSE(MayWait(session_, {"DISCARD"}));
}

TEST_F(DispatcherTest, QuitRepliesOkAndMarksClose) {
  EXPECT_EQ(Run({"QUIT"}), "+OK\r\n");
  EXPECT_TRUE(session_.close_after_reply);
}

TEST_F(DispatcherTest, HelloSwitchesProtocolAndRepliesWithAMap) {
  std::string r2 = Run({"HELLO"});
  EXPECT_EQ(r2.substr(0, 4), "*14\r");
  std::string r3 = Run({"HELLO", "3"});
  EXPECT_EQ(session_.protocol, 3);
  EXPECT_EQ(r3.substr(0, 4), "%7\r\n");
  EXPECT_NE(r3.find("$5\r\nproto\r\n:3\r\n"), std::string::npos);
  EXPECT_EQ(Run({"HELLO", "4"}), "-NOPROTO unsupported protocol version\r\n");
  EXPECT_EQ(Run({"HELLO", "x"}), "-ERR Protocol version is not an integer or out of range\r\n");
  EXPECT_EQ(Run({"HELLO", "2", "SETNAME", "app"}).substr(0, 4), "*14\r");
  EXPECT_EQ(session_.name, "app");
  EXPECT_EQ(Run({"HELLO", "2", "BOGUS"}), "-ERR Syntax error in HELLO option 'BOGUS'\r\n");
}

TEST_F(DispatcherTest, RequirePassGatesCommandsUntilAuth) {
  service_.info.requirepass = "secret";
  EXPECT_EQ(Run({"PING"}), "-NOAUTH Authentication required.\r\n");
  EXPECT_EQ(Run({"AUTH", "wrong"}),
            "-WRONGPASS invalid username-password pair or user is disabled.\r\n");
  EXPECT_EQ(Run({"HELLO", "3"}).substr(0, 7), "-NOAUTH");
  EXPECT_EQ(Run({"AUTH", "secret"}), "+OK\r\n");
  EXPECT_EQ(Run({"PING"}), "+PONG\r\n");
}

TEST_F(DispatcherTest, HelloCanAuthenticate) {
  service_.info.requirepass = "secret";
  EXPECT_EQ(Run({"HELLO", "3", "AUTH", "default", "secret"}).substr(0, 2), "%7");
  EXPECT_TRUE(session_.authenticated);
}

TEST_F(DispatcherTest, AuthWithoutPasswordConfigured) {
  EXPECT_EQ(Run({"AUTH", "x"}).substr(0, 48),
            "-ERR AUTH <password> called without any password");
}

TEST_F(DispatcherTest, CommandCountInfoAndSubcommandErrors) {
  int64_t count = static_cast<int64_t>(CommandTable::Get().all().size());
  EXPECT_EQ(Run({"COMMAND", "COUNT"}), ":" + std::to_string(count) + "\r\n");
  EXPECT_EQ(Run({"COMMAND", "NOPE"}), "-ERR unknown subcommand 'NOPE'. Try COMMAND HELP.\r\n");
  EXPECT_EQ(Run({"COMMAND", "COUNT", "x"}),
            "-ERR wrong number of arguments for 'command|count' command\r\n");
  std::string info = Run({"COMMAND", "INFO", "get-not-a-command", "echo"});
  EXPECT_EQ(info.substr(0, 9), "*2\r\n*-1\r\n");
  EXPECT_NE(info.find("$4\r\necho\r\n:2\r\n"), std::string::npos);
}

TEST_F(DispatcherTest, SelectChecksRange) {
  EXPECT_EQ(Run({"SELECT", "15"}), "+OK\r\n");
  EXPECT_EQ(session_.db, 15);
  EXPECT_EQ(Run({"SELECT", "16"}), "-ERR DB index is out of range\r\n");
  EXPECT_EQ(Run({"SELECT", "x"}), "-ERR value is not an integer or out of range\r\n");
}

TEST_F(DispatcherTest, CountsCommands) {
  uint64_t before = service_.metrics.commands_processed.load();
  ASSERT_EQ(Run({"PING"}), "+PONG\r\n");
  EXPECT_EQ(service_.metrics.commands_processed.load(), before + 1);
}

}  // namespace
}  // namespace tetradb::resp

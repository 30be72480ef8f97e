// resp::CommandBatch with several clients in one batch, as a network thread
// runs the commands of all its connections in one pass of its loop.
#include "wire/resp/command_batch.h"

#include <chrono>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "tests/models/kv/kv_fixture.h"
#include "models/kv/string.h"
#include "wire/resp/kv_exec.h"
#include "wire/resp/writer.h"

namespace tetradb::resp {
namespace {

class FakeClient final : public BatchClient {
 public:
  Session& batch_session() override { return session; }
  void OnBatchReply(Reply reply) override { replies.push_back(EncodeReply(reply, 2)); }

  Session session;
  std::vector<std::string> replies;
};

class CommandBatchTest : public kv::KvFixture {
 protected:
  CommandBatchTest() : kv::KvFixture(ClockKind::kManual) {}

  void SetUp() override {
    kv::KvFixture::SetUp();
    service_.kv = store_.get();
    a_->session.authenticated = b_->session.authenticated = true;
  }

  void Add(const std::shared_ptr<FakeClient>& c, std::vector<std::string> args) {
    std::string name;
    const CommandSpec* spec = BatchableSpec(service_, c->session, args, &name);
    ASSERT_NE(spec, nullptr) << args[0];
    batch_.Add(c, *spec, name, std::move(args));
  }
  std::string Run(std::vector<std::string> args) {
    Session s;
    s.authenticated = true;
    return EncodeReply(Dispatch(service_, s, args), 2);
  }

  Service service_;
  CommandBatch batch_{service_};
  std::shared_ptr<FakeClient> a_ = std::make_shared<FakeClient>();
  std::shared_ptr<FakeClient> b_ = std::make_shared<FakeClient>();
};

TEST_F(CommandBatchTest, ClientsShareOneCommitAndSeeEachOthersWrites) {
  Add(a_, {"SET", "k", "1"});
  Add(b_, {"INCR", "k"});
  Add(a_, {"GET", "k"});
  Add(b_, {"RPUSH", "l", "x", "y"});
  // Nothing is answered, nor visible outside, before the commit.
  EXPECT_TRUE(a_->replies.empty());
  EXPECT_TRUE(b_->replies.empty());
  EXPECT_EQ(Run({"GET", "k"}), "$-1\r\n");  // a read takes no lock
  batch_.Finish();
  EXPECT_EQ(a_->replies, (std::vector<std::string>{"+OK\r\n", "$1\r\n2\r\n"}));
  EXPECT_EQ(b_->replies, (std::vector<std::string>{":2\r\n", ":2\r\n"}));
  EXPECT_EQ(Run({"GET", "k"}), "$1\r\n2\r\n");
  EXPECT_EQ(Run({"LLEN", "l"}), ":2\r\n");
  EXPECT_TRUE(batch_.empty());
}

TEST_F(CommandBatchTest, EachClientKeepsItsOwnDatabase) {
  b_->session.db = 3;
  Add(a_, {"SET", "k", "a"});
  Add(b_, {"GET", "k"});
  Add(b_, {"SET", "k", "b"});
  batch_.Finish();
  EXPECT_EQ(b_->replies, (std::vector<std::string>{"$-1\r\n", "+OK\r\n"}));
  EXPECT_EQ(Run({"GET", "k"}), "$1\r\na\r\n");
  Session s3;
  s3.authenticated = true;
  s3.db = 3;
  EXPECT_EQ(EncodeReply(Dispatch(service_, s3, {"GET", "k"}), 2), "$1\r\nb\r\n");
}

TEST_F(CommandBatchTest, AFailingCommandUndoesOnlyItsOwnWrites) {
  Add(a_, {"SET", "s", "x"});
  Add(b_, {"LPUSH", "s", "y"});        // WRONGTYPE
  Add(b_, {"HSET", "h", "f", "v"});
  Add(a_, {"INCR", "s"});              // not an integer
  Add(a_, {"APPEND", "s", "z"});
  batch_.Finish();
  EXPECT_EQ(b_->replies[0], "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
  EXPECT_EQ(b_->replies[1], ":1\r\n");
  EXPECT_EQ(a_->replies[1], "-ERR value is not an integer or out of range\r\n");
  EXPECT_EQ(a_->replies[2], ":2\r\n");
  EXPECT_EQ(Run({"GET", "s"}), "$2\r\nxz\r\n");
  EXPECT_EQ(Run({"HGET", "h", "f"}), "$1\r\nv\r\n");
}

// A command that fails after it wrote (an I/O error, say) cannot be undone
// alone, as batched commands set no savepoints: it ends the batch, whose
// commands run again one by one. Its half-done write is never committed.
TEST_F(CommandBatchTest, ACommandFailingAfterItWroteReplaysTheBatch) {
  CommandSpec half{"halfwrite", 1, kWrite | kBatchable, 0, 0, 0,
                   +[](CommandContext& ctx) {
                     return RunKv(ctx, [](kv::KvTxn& t) -> Result<Reply> {
                       TETRADB_RETURN_IF_ERROR(kv::StringSet(t, 0, "half", "written").status());
                       return Status::IOError("disk gone");
                     });
                   },
                   "test", "writes, then fails", "0", "O(1)"};
  Add(a_, {"SET", "k", "1"});
  batch_.Add(b_, half, "halfwrite", {"HALFWRITE"});
  EXPECT_TRUE(batch_.empty());  // ended at once
  EXPECT_EQ(a_->replies, (std::vector<std::string>{"+OK\r\n"}));
  // Replayed through the command table, which does not know it.
  ASSERT_EQ(b_->replies.size(), 1u);
  EXPECT_EQ(b_->replies[0].rfind("-ERR unknown command 'HALFWRITE'", 0), 0u) << b_->replies[0];
  EXPECT_EQ(Run({"GET", "k"}), "$1\r\n1\r\n");
  EXPECT_EQ(Run({"EXISTS", "half"}), ":0\r\n");
}

// In a batch, a command that fails before it changes anything just answers
// its error (no savepoint needed); one that fails after asks for a replay.
TEST_F(CommandBatchTest, RunKvInABatchTellsFailuresByWhetherTheyWrote) {
  auto txn = store_->Begin();
  Session s;
  std::vector<std::string> args{"X"};
  CommandContext ctx{service_, s, args, txn.get()};
  ctx.kv_batch = true;
  Reply r = RunKv(ctx, [](kv::KvTxn& t) -> Result<Reply> {
    TETRADB_RETURN_IF_ERROR(t.Load(0, "a").status());  // a locked read changes nothing
    return Status::WrongType();
  });
  EXPECT_FALSE(ctx.kv_conflict);
  EXPECT_EQ(EncodeReply(r, 2), "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
  r = RunKv(ctx, [](kv::KvTxn& t) -> Result<Reply> {
    TETRADB_RETURN_IF_ERROR(kv::StringSet(t, 0, "a", "1").status());
    return Status::InvalidArgument("ERR late");
  });
  EXPECT_TRUE(ctx.kv_conflict);
  EXPECT_EQ(EncodeReply(r, 2), "-ERR late\r\n");
}

// A command that cannot take its key's lock ends the batch: every command in
// it runs again on its own, in order, and each client still gets its replies
// in the order it sent the commands.
TEST_F(CommandBatchTest, ALockConflictReplaysTheBatchInOrder) {
  auto holder = store_->Begin();
  ASSERT_OK(holder->Load(0, "busy").status());  // locks "busy"
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // past the batch's 500 ms wait
    ASSERT_OK(holder->Commit());
  });
  const CommandStat& incr = *CommandTable::Get().Find("incr")->stat;
  const uint64_t incr_calls = incr.calls, processed = service_.metrics.commands_processed;
  Add(a_, {"SET", "k", "1"});
  Add(b_, {"INCR", "k"});
  Add(a_, {"INCR", "busy"});  // waits, times out: the batch is replayed
  Add(b_, {"GET", "k"});
  release.join();
  batch_.Finish();
  EXPECT_EQ(a_->replies, (std::vector<std::string>{"+OK\r\n", ":1\r\n"}));
  EXPECT_EQ(b_->replies, (std::vector<std::string>{":2\r\n", "$1\r\n2\r\n"}));
  EXPECT_EQ(Run({"GET", "busy"}), "$1\r\n1\r\n");
  // INFO counts each command once, not once per run.
  EXPECT_EQ(incr.calls - incr_calls, 2u);
  EXPECT_EQ(service_.metrics.commands_processed - processed, 5u);  // with the GET above
}

// Each command of a batch sees the time it runs at, as in Redis, not the
// time the batch began.
TEST_F(CommandBatchTest, EachCommandSeesItsOwnTime) {
  Add(a_, {"SET", "k", "v", "PX", "100"});
  clock_.Advance(200);
  Add(b_, {"GET", "k"});
  Add(b_, {"SET", "n", "1", "PX", "100"});
  batch_.Finish();
  EXPECT_EQ(b_->replies[0], "$-1\r\n");  // expired by the time GET ran
  clock_.Advance(50);
  EXPECT_EQ(Run({"GET", "n"}), "$1\r\n1\r\n");  // its 100 ms count from its own start
}

TEST_F(CommandBatchTest, ALongBatchCommitsEveryMaxCommands) {
  const uint64_t incr_calls = CommandTable::Get().Find("incr")->stat->calls;
  for (size_t i = 0; i < CommandBatch::kMaxCommands; ++i) Add(i % 2 ? a_ : b_, {"INCR", "n"});
  EXPECT_EQ(CommandTable::Get().Find("incr")->stat->calls - incr_calls, CommandBatch::kMaxCommands);
  // The last Add committed the batch and answered everyone.
  EXPECT_TRUE(batch_.empty());
  EXPECT_EQ(a_->replies.size() + b_->replies.size(), CommandBatch::kMaxCommands);
  EXPECT_EQ(a_->replies.back(), ":" + std::to_string(CommandBatch::kMaxCommands) + "\r\n");
  EXPECT_EQ(Run({"GET", "n"}), "$3\r\n256\r\n");
}

}  // namespace
}  // namespace tetradb::resp

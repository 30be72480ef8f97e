// Pub/sub: SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB.
// Confirmations and messages are pushes: arrays in RESP2, '>' in RESP3.
#include "wire/resp/hub.h"
#include "wire/resp/kv_exec.h"

namespace tetradb::resp {
namespace {

int64_t Count(const Session& s) {
  return static_cast<int64_t>(s.channels.size() + s.patterns.size());
}

Reply Confirm(const char* kind, const std::string& name, int64_t count) {
  return Reply::Push({Reply::Bulk(kind), Reply::Bulk(name), Reply::Integer(count)});
}

Reply Subscribe(CommandContext& ctx) {
  std::vector<Reply> out;
  for (size_t i = 1; i < ctx.args.size(); ++i) {
    ctx.service.hub->Subscribe(&ctx.session, ctx.args[i]);
    out.push_back(Confirm("subscribe", ctx.args[i], Count(ctx.session)));
  }
  return Reply::Sequence(std::move(out));
}

Reply PSubscribe(CommandContext& ctx) {
  std::vector<Reply> out;
  for (size_t i = 1; i < ctx.args.size(); ++i) {
    ctx.service.hub->PSubscribe(&ctx.session, ctx.args[i]);
    out.push_back(Confirm("psubscribe", ctx.args[i], Count(ctx.session)));
  }
  return Reply::Sequence(std::move(out));
}

// With no arguments: from everything subscribed; with none subscribed, one
// confirmation with a null name.
Reply UnsubscribeGeneric(CommandContext& ctx, bool pattern) {
  Session& s = ctx.session;
  std::vector<std::string> names(ctx.args.begin() + 1, ctx.args.end());
  const auto& current = pattern ? s.patterns : s.channels;
  if (names.empty()) names.assign(current.begin(), current.end());
  const char* kind = pattern ? "punsubscribe" : "unsubscribe";
  std::vector<Reply> out;
  if (names.empty()) {
    out.push_back(Reply::Push({Reply::Bulk(kind), Reply::Null(), Reply::Integer(Count(s))}));
  }
  for (const auto& n : names) {
    if (pattern) {
      ctx.service.hub->PUnsubscribe(&s, n);
    } else {
      ctx.service.hub->Unsubscribe(&s, n);
    }
    out.push_back(Confirm(kind, n, Count(s)));
  }
  return Reply::Sequence(std::move(out));
}
Reply Unsubscribe(CommandContext& ctx) { return UnsubscribeGeneric(ctx, false); }
Reply PUnsubscribe(CommandContext& ctx) { return UnsubscribeGeneric(ctx, true); }

Reply Publish(CommandContext& ctx) {
  Hub& hub = *ctx.service.hub;
  if (ctx.kv_txn == nullptr) return Reply::Integer(hub.Publish(ctx.args[1], ctx.args[2]));
  // Inside a script or EXEC: the message goes out when their transaction
  // commits (before their reply, as in Redis), so a run that is rolled
  // back or run again (a lock conflict, a script moved off its network
  // thread) sends nothing, or nothing twice.
  ctx.kv_txn->AfterCommit(
      [hub = ctx.service.hub, channel = ctx.args[1], message = ctx.args[2]] {
        hub->Publish(channel, message);
      });
  return Reply::Integer(hub.Receivers(ctx.args[1]));
}

Reply PubsubChannels(CommandContext& ctx) {
  if (ctx.args.size() > 3) return Reply::ErrorWrongArity("pubsub|channels");
  std::vector<Reply> out;
  for (auto& c : ctx.service.hub->ActiveChannels(ctx.args.size() == 3 ? ctx.args[2] : "")) {
    out.push_back(Reply::Bulk(std::move(c)));
  }
  return Reply::Array(std::move(out));
}

Reply PubsubNumSub(CommandContext& ctx) {
  std::vector<Reply> out;
  for (size_t i = 2; i < ctx.args.size(); ++i) {
    out.push_back(Reply::Bulk(ctx.args[i]));
    out.push_back(Reply::Integer(ctx.service.hub->NumSub(ctx.args[i])));
  }
  return Reply::FlatMap(std::move(out));
}

Reply PubsubNumPat(CommandContext& ctx) { return Reply::Integer(ctx.service.hub->NumPat()); }

Reply PubsubHelp(CommandContext& ctx) {
  return Reply::HelpLines({"PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                          "CHANNELS [<pattern>]", "    Return the currently active channels matching a <pattern> (default: '*').",
                          "NUMPAT", "    Return number of subscriptions to patterns.",
                          "NUMSUB [<channel> ...]", "    Return the number of subscribers for the specified channels, excluding", "    pattern subscriptions(default: no channels).",
                          "HELP", "    Print this help."});
}

}  // namespace

void RegisterPubSubCommands(CommandTable& t) {
  constexpr uint32_t kF = kPubSub | kNoScript | kLoading | kStale;
  t.Add({"subscribe", -2, kF, 0, 0, 0, Subscribe, "pubsub", "Listens for messages published to channels.", "2.0.0", "O(N) where N is the number of channels to subscribe to."});
  t.Add({"psubscribe", -2, kF, 0, 0, 0, PSubscribe, "pubsub", "Listens for messages published to channels that match one or more patterns.", "2.0.0", "O(N) where N is the number of patterns to subscribe to."});
  t.Add({"unsubscribe", -1, kF, 0, 0, 0, Unsubscribe, "pubsub", "Stops listening to messages posted to channels.", "2.0.0", "O(N) where N is the number of channels to unsubscribe."});
  t.Add({"punsubscribe", -1, kF, 0, 0, 0, PUnsubscribe, "pubsub", "Stops listening to messages published to channels that match one or more patterns.", "2.0.0", "O(N) where N is the number of patterns to unsubscribe."});
  t.Add({"publish", 3, kPubSub | kLoading | kStale | kFast, 0, 0, 0, Publish, "pubsub", "Posts a message to a channel.", "2.0.0", "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client)."});
  CommandSpec pubsub{"pubsub", -2, kPubSub | kLoading | kStale, 0, 0, 0, PubsubHelp, "pubsub", "A container for Pub/Sub commands.", "2.8.0", "Depends on subcommand."};
  pubsub.subcommands = {
      {"channels", -2, kPubSub | kLoading | kStale, 0, 0, 0, PubsubChannels, "pubsub", "Returns the active channels.", "2.8.0", "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)"},
      {"help", 2, kLoading | kStale, 0, 0, 0, PubsubHelp, "pubsub", "Returns helpful text about the different subcommands.", "6.2.0", "O(1)"},
      {"numpat", 2, kPubSub | kLoading | kStale, 0, 0, 0, PubsubNumPat, "pubsub", "Returns a count of unique pattern subscriptions.", "2.8.0", "O(1)"},
      {"numsub", -2, kPubSub | kLoading | kStale, 0, 0, 0, PubsubNumSub, "pubsub", "Returns a count of subscribers to channels.", "2.8.0", "O(N) for the NUMSUB subcommand, where N is the number of requested channels"},
  };
  t.Add(std::move(pubsub));
}

}  // namespace tetradb::resp

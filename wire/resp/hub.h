// What RESP clients share with each other: the client list, WATCHed keys,
// clients blocked on keys, pub/sub channels and CONFIG values. One Hub per server; thread-safe.
//
// Every Session that registers must call Drop before it is destroyed.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/kv/kv_store.h"
#include "wire/config.h"
#include "wire/resp/session.h"

namespace tetradb::resp {

class Hub {
 public:
  ConfigStore config;

  // Clients.
  void AddClient(Session* s);
  void Drop(Session* s);  // removes s from everything
  void ForEachClient(const std::function<void(const Session&)>& fn) const;
  size_t client_count() const;
  // Kills clients matching the filter; returns how many.
  int KillClients(const std::function<bool(const Session&)>& match);

  // WATCH: a later write to a watched key sets the session's watch_dirty.
  void Watch(Session* s, int db, const std::string& key);
  void Unwatch(Session* s);

  // Blocking: the session's channel is woken when one of its keys is written.
  void Block(Session* s);
  void Unblock(Session* s);
  size_t blocked_count() const;

  // Called by the kv model: before commit (WATCH) and after commit (wakes).
  void KeysTouchedBeforeCommit(const std::vector<kv::TouchedKey>& keys);
  void KeysTouchedAfterCommit(const std::vector<kv::TouchedKey>& keys);

  // Pub/sub. Subscribe returns the session's subscription count after.
  void Subscribe(Session* s, const std::string& channel);
  void Unsubscribe(Session* s, const std::string& channel);
  void PSubscribe(Session* s, const std::string& pattern);
  void PUnsubscribe(Session* s, const std::string& pattern);
  // Delivers to channel subscribers and matching patterns; returns receivers.
  int64_t Publish(const std::string& channel, const std::string& message);
  // How many Publish would deliver to now.
  int64_t Receivers(const std::string& channel) const;
  std::vector<std::string> ActiveChannels(std::string_view pattern) const;
  int64_t NumSub(const std::string& channel) const;
  int64_t NumPat() const;

 private:
  // Publish's work; with `message` null it only counts.
  int64_t Deliver(const std::string& channel, const std::string* message) const;
  using KeyRef = std::pair<int, std::string>;

  mutable std::mutex clients_mu_;
  std::map<uint64_t, Session*> clients_;

  mutable std::mutex watch_mu_;
  std::map<KeyRef, std::set<Session*>> watchers_;
  std::atomic<size_t> watch_count_{0};

  mutable std::mutex block_mu_;
  std::map<KeyRef, std::set<Session*>> blocked_;
  std::atomic<size_t> blocked_count_{0};

  mutable std::mutex pubsub_mu_;
  std::map<std::string, std::set<Session*>> channels_;
  std::map<std::string, std::set<Session*>> patterns_;
};

}  // namespace tetradb::resp

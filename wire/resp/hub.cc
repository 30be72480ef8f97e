#include "wire/resp/hub.h"

#include "models/kv/glob.h"

namespace tetradb::resp {

void Hub::AddClient(Session* s) {
  std::lock_guard<std::mutex> lock(clients_mu_);
  clients_[s->id] = s;
}

void Hub::Drop(Session* s) {
  Unwatch(s);
  Unblock(s);
  for (const auto& c : std::set<std::string>(s->channels)) Unsubscribe(s, c);
  for (const auto& p : std::set<std::string>(s->patterns)) PUnsubscribe(s, p);
  std::lock_guard<std::mutex> lock(clients_mu_);
  clients_.erase(s->id);
}

void Hub::ForEachClient(const std::function<void(const Session&)>& fn) const {
  std::lock_guard<std::mutex> lock(clients_mu_);
  for (const auto& [id, s] : clients_) fn(*s);
}

size_t Hub::client_count() const {
  std::lock_guard<std::mutex> lock(clients_mu_);
  return clients_.size();
}

int Hub::KillClients(const std::function<bool(const Session&)>& match) {
  std::vector<std::shared_ptr<ClientChannel>> victims;
  {
    std::lock_guard<std::mutex> lock(clients_mu_);
    for (const auto& [id, s] : clients_) {
      if (match(*s) && s->channel) victims.push_back(s->channel);
    }
  }
  // Outside the lock: Kill() may drop the last reference to a connection,
  // whose destructor leaves the client list (Drop) and takes the lock.
  for (const auto& channel : victims) channel->Kill();
  return static_cast<int>(victims.size());
}

void Hub::Watch(Session* s, int db, const std::string& key) {
  std::lock_guard<std::mutex> lock(watch_mu_);
  if (watchers_[{db, key}].insert(s).second) {
    s->watched.emplace_back(db, key);
    watch_count_.fetch_add(1, std::memory_order_relaxed);
  }
}

void Hub::Unwatch(Session* s) {
  std::lock_guard<std::mutex> lock(watch_mu_);
  for (const auto& k : s->watched) {
    auto it = watchers_.find(k);
    if (it == watchers_.end()) continue;
    if (it->second.erase(s)) watch_count_.fetch_sub(1, std::memory_order_relaxed);
    if (it->second.empty()) watchers_.erase(it);
  }
  s->watched.clear();
  s->watch_dirty.store(false);
}

void Hub::Block(Session* s) {
  std::lock_guard<std::mutex> lock(block_mu_);
  for (const auto& k : s->block_keys) {
    if (blocked_[k].insert(s).second) blocked_count_.fetch_add(1, std::memory_order_relaxed);
  }
}

void Hub::Unblock(Session* s) {
  std::lock_guard<std::mutex> lock(block_mu_);
  for (const auto& k : s->block_keys) {
    auto it = blocked_.find(k);
    if (it == blocked_.end()) continue;
    if (it->second.erase(s)) blocked_count_.fetch_sub(1, std::memory_order_relaxed);
    if (it->second.empty()) blocked_.erase(it);
  }
}

size_t Hub::blocked_count() const {
  std::lock_guard<std::mutex> lock(block_mu_);
  std::set<Session*> distinct;
  for (const auto& [k, set] : blocked_) distinct.insert(set.begin(), set.end());
  return distinct.size();
}

void Hub::KeysTouchedBeforeCommit(const std::vector<kv::TouchedKey>& keys) {
  if (watch_count_.load(std::memory_order_relaxed) == 0) return;
  std::lock_guard<std::mutex> lock(watch_mu_);
  for (const auto& k : keys) {
    auto it = watchers_.find({k.db, k.key});
    if (it == watchers_.end()) continue;
    for (Session* s : it->second) s->watch_dirty.store(true);
  }
}

void Hub::KeysTouchedAfterCommit(const std::vector<kv::TouchedKey>& keys) {
  if (blocked_count_.load(std::memory_order_relaxed) == 0) return;
  std::set<Session*> wake;
  {
    std::lock_guard<std::mutex> lock(block_mu_);
    for (const auto& k : keys) {
      auto it = blocked_.find({k.db, k.key});
      if (it != blocked_.end()) wake.insert(it->second.begin(), it->second.end());
    }
    // Wake while holding the lock: a session cannot be dropped meanwhile.
    for (Session* s : wake) {
      if (s->channel) s->channel->Wake();
    }
  }
}

void Hub::Subscribe(Session* s, const std::string& channel) {
  std::lock_guard<std::mutex> lock(pubsub_mu_);
  channels_[channel].insert(s);
  s->channels.insert(channel);
}

void Hub::Unsubscribe(Session* s, const std::string& channel) {
  std::lock_guard<std::mutex> lock(pubsub_mu_);
  auto it = channels_.find(channel);
  if (it != channels_.end()) {
    it->second.erase(s);
    if (it->second.empty()) channels_.erase(it);
  }
  s->channels.erase(channel);
}

void Hub::PSubscribe(Session* s, const std::string& pattern) {
  std::lock_guard<std::mutex> lock(pubsub_mu_);
  patterns_[pattern].insert(s);
  s->patterns.insert(pattern);
}

void Hub::PUnsubscribe(Session* s, const std::string& pattern) {
  std::lock_guard<std::mutex> lock(pubsub_mu_);
  auto it = patterns_.find(pattern);
  if (it != patterns_.end()) {
    it->second.erase(s);
    if (it->second.empty()) patterns_.erase(it);
  }
  s->patterns.erase(pattern);
}

int64_t Hub::Publish(const std::string& channel, const std::string& message) {
  return Deliver(channel, &message);
}

int64_t Hub::Receivers(const std::string& channel) const { return Deliver(channel, nullptr); }

int64_t Hub::Deliver(const std::string& channel, const std::string* message) const {
  std::lock_guard<std::mutex> lock(pubsub_mu_);
  int64_t n = 0;
  auto it = channels_.find(channel);
  if (it != channels_.end()) {
    for (Session* s : it->second) {
      if (!s->channel) continue;
      if (message != nullptr) {
        s->channel->Push(
            Reply::Push({Reply::Bulk("message"), Reply::Bulk(channel), Reply::Bulk(*message)}));
      }
      ++n;
    }
  }
  for (const auto& [pattern, sessions] : patterns_) {
    if (!kv::GlobMatch(pattern, channel)) continue;
    for (Session* s : sessions) {
      if (!s->channel) continue;
      if (message != nullptr) {
        s->channel->Push(Reply::Push({Reply::Bulk("pmessage"), Reply::Bulk(pattern),
                                      Reply::Bulk(channel), Reply::Bulk(*message)}));
      }
      ++n;
    }
  }
  return n;
}

std::vector<std::string> Hub::ActiveChannels(std::string_view pattern) const {
  std::lock_guard<std::mutex> lock(pubsub_mu_);
  std::vector<std::string> out;
  for (const auto& [c, s] : channels_) {
    if (pattern.empty() || kv::GlobMatch(pattern, c)) out.push_back(c);
  }
  return out;
}

int64_t Hub::NumSub(const std::string& channel) const {
  std::lock_guard<std::mutex> lock(pubsub_mu_);
  auto it = channels_.find(channel);
  return it == channels_.end() ? 0 : static_cast<int64_t>(it->second.size());
}

int64_t Hub::NumPat() const {
  std::lock_guard<std::mutex> lock(pubsub_mu_);
  return static_cast<int64_t>(patterns_.size());
}

std::shared_ptr<Hub> MakeHub() { return std::make_shared<Hub>(); }

}  // namespace tetradb::resp

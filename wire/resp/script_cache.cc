#include "wire/resp/script_cache.h"

#include <boost/uuid/detail/sha1.hpp>
#include <cstdio>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tetradb::resp::script {

std::string Sha1Hex(std::string_view data) {
  boost::uuids::detail::sha1 h;
  h.process_bytes(data.data(), data.size());
  boost::uuids::detail::sha1::digest_type digest;
  h.get_digest(digest);
  char out[41];
  for (int i = 0; i < 5; ++i) std::snprintf(out + i * 8, 9, "%08x", digest[i]);
  return std::string(out, 40);
}

namespace {

std::string LowerHex(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The flags Redis 7.0 knows; only no-writes changes anything here (memory,
// staleness and cluster slots do not apply to tetradb).
bool KnownFlag(std::string_view f) {
  return f == "no-writes" || f == "allow-oom" || f == "allow-stale" || f == "no-cluster" ||
         f == "allow-cross-slot-keys";
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

std::optional<std::string> ParseScript(std::string_view source, Script* out) {
  out->sha = Sha1Hex(source);
  out->source = std::string(source);
  out->shebang = false;
  out->no_writes = false;
  if (source.substr(0, 2) != "#!") {
    out->body = out->source;
    return std::nullopt;
  }
  size_t eol = source.find('\n');
  if (eol == std::string_view::npos) return "ERR Invalid script shebang";
  std::string_view line = source.substr(0, eol);
  std::vector<std::string_view> words;
  for (std::string_view w : Split(line, ' ')) {
    if (!w.empty()) words.push_back(w);
  }
  if (words.empty() || words[0] != "#!lua") {
    return "ERR Unexpected engine in script shebang: " +
           std::string(words.empty() ? line : words[0]);
  }
  for (size_t i = 1; i < words.size(); ++i) {
    std::string_view w = words[i];
    if (w.substr(0, 6) != "flags=") return "ERR Unknown lua shebang option: " + std::string(w);
    std::string_view list = w.substr(6);
    if (list.empty()) continue;
    for (std::string_view f : Split(list, ',')) {
      if (!KnownFlag(f)) return "ERR Unexpected flag in script shebang: " + std::string(f);
      if (f == "no-writes") out->no_writes = true;
    }
  }
  out->shebang = true;
  out->body = std::string(source.substr(eol));
  return std::nullopt;
}

struct ScriptCache::Impl {
  mutable std::mutex mu;
  std::unordered_map<std::string, std::shared_ptr<const Script>> by_sha;
};

ScriptCache& ScriptCache::Get() {
  static ScriptCache* cache = new ScriptCache();
  return *cache;
}

ScriptCache::Impl& ScriptCache::impl() const {
  static Impl* impl = new Impl();
  return *impl;
}

std::shared_ptr<const Script> ScriptCache::Find(std::string_view sha) const {
  if (sha.size() != 40) return nullptr;
  std::string key = LowerHex(sha);
  Impl& m = impl();
  std::lock_guard<std::mutex> lock(m.mu);
  auto it = m.by_sha.find(key);
  return it == m.by_sha.end() ? nullptr : it->second;
}

void ScriptCache::Add(std::shared_ptr<const Script> script) {
  Impl& m = impl();
  std::lock_guard<std::mutex> lock(m.mu);
  m.by_sha.emplace(script->sha, std::move(script));
}

void ScriptCache::Flush() {
  Impl& m = impl();
  std::lock_guard<std::mutex> lock(m.mu);
  m.by_sha.clear();
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

size_t ScriptCache::size() const {
  Impl& m = impl();
  std::lock_guard<std::mutex> lock(m.mu);
  return m.by_sha.size();
}

namespace {
std::mutex running_mu;
std::unordered_set<std::atomic<bool>*>& Running() {
  static auto* set = new std::unordered_set<std::atomic<bool>*>();
  return *set;
}
}  // namespace

RunningScripts& RunningScripts::Get() {
  static RunningScripts r;
  return r;
}

void RunningScripts::Add(std::atomic<bool>* kill_flag) {
  std::lock_guard<std::mutex> lock(running_mu);
  Running().insert(kill_flag);
}

void RunningScripts::Remove(std::atomic<bool>* kill_flag) {
  std::lock_guard<std::mutex> lock(running_mu);
  Running().erase(kill_flag);
}

size_t RunningScripts::KillAll() {
  std::lock_guard<std::mutex> lock(running_mu);
  for (auto* flag : Running()) flag->store(true, std::memory_order_relaxed);
  return Running().size();
}

}  // namespace tetradb::resp::script

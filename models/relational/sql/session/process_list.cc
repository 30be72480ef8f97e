#include "models/relational/sql/session/process_list.h"

namespace tetradb::rel::sql {

ProcessList& ProcessList::Global() {
  static ProcessList* list = new ProcessList();  // never destroyed: sessions may outlive statics
  return *list;
}

void ProcessList::Add(const void* owner, const Database* db, StatementInterrupt* interrupt) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_[owner] = Entry{db, 0, interrupt};
}

void ProcessList::SetId(const void* owner, uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(owner);
  if (it != entries_.end()) it->second.id = id;
}

void ProcessList::Remove(const void* owner) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(owner);
}

bool ProcessList::Interrupt(const Database* db, uint64_t id, InterruptReason reason) {
  if (id == 0) return false;
  std::lock_guard<std::mutex> lock(mu_);
  bool found = false;
  for (auto& [owner, e] : entries_) {
    if (e.db != db || e.id != id) continue;
    e.interrupt->Raise(reason);
    found = true;
  }
  return found;
}

int ProcessList::InterruptAll(const Database* db, InterruptReason reason) {
  std::lock_guard<std::mutex> lock(mu_);
  int running = 0;
  for (auto& [owner, e] : entries_) {
    if (e.db == db && e.interrupt->Raise(reason)) ++running;
  }
  return running;
}

bool InterruptConnection(const Database* db, uint64_t id, InterruptReason reason) {
  return ProcessList::Global().Interrupt(db, id, reason);
}

int InterruptAll(const Database* db, InterruptReason reason) {
  return ProcessList::Global().InterruptAll(db, reason);
}

}  // namespace tetradb::rel::sql

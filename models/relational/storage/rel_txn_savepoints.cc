// RelTxn: named savepoints (SAVEPOINT, ROLLBACK TO SAVEPOINT, RELEASE
// SAVEPOINT), laid over the engine's nested savepoints.

#include <fmt/format.h>

#include "engine/transaction.h"
#include "models/relational/storage/database.h"
#include "models/relational/storage/storage_util.h"

namespace tetradb::rel {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

SqlResult<size_t> RelTxn::FindSavepoint(std::string_view name) const {
  const std::string key = LowerAscii(name);
  for (size_t i = savepoint_names_.size(); i-- > 0;) {
    if (savepoint_names_[i] == key) return i;
  }
  return SqlError{1305, "42000", fmt::format("SAVEPOINT {} does not exist", name)};
}

SqlStatus RelTxn::SetNamedSavepoint(std::string_view name) {
  if (finished_) return err::Unknown("transaction already finished");
  std::string key = LowerAscii(name);
  // The older savepoint of that name goes; its engine savepoint stays (only
  // the latest can be removed), unnamed, and changes nothing.
  for (std::string& old : savepoint_names_) {
    if (old == key) old.clear();
  }
  TETRADB_SQL_RETURN_IF_ERROR(SetSavePoint());
  savepoint_names_.push_back(std::move(key));
  return SqlStatus::Ok();
}

SqlStatus RelTxn::RollbackToNamedSavepoint(std::string_view name) {
  TETRADB_SQL_ASSIGN_OR_RETURN(size_t index, FindSavepoint(name));
  // Undo level by level down to and including the named savepoint, then set
  // it again where it was: nothing is written in between. The row locks
  // stay (the engine keeps them until the transaction ends, as InnoDB does).
  while (savepoint_names_.size() > index) {
    TETRADB_SQL_RETURN_IF_ERROR(RollbackToSavePoint());
    savepoint_names_.pop_back();
  }
  TETRADB_SQL_RETURN_IF_ERROR(SetSavePoint());
  savepoint_names_.push_back(LowerAscii(name));
  return SqlStatus::Ok();
}

SqlStatus RelTxn::ReleaseNamedSavepoint(std::string_view name) {
  TETRADB_SQL_ASSIGN_OR_RETURN(size_t index, FindSavepoint(name));
  while (savepoint_names_.size() > index) {
    TETRADB_SQL_RETURN_IF_ERROR(PopSavePoint());
    savepoint_names_.pop_back();
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel

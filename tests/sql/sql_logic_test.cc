// Runs the data-driven SQL test files in tests/sql/*.test, each against a
// fresh in-memory database. The format, in the spirit of sqllogictest:
//
//   # a comment (whole line)
//   statement ok                 the statement must succeed
//   CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(10))
//
//   statement count 2            ... and affect exactly 2 rows
//   INSERT INTO t VALUES (1, 'x'), (2, NULL)
//
//   statement error 1062         ... must fail with this MySQL code; text after
//   INSERT INTO t VALUES (1, 'y')  the code, if any, must equal the message:
//                                statement error 1062 Duplicate entry '1' for key 't.PRIMARY'
//
//   query                        rows in order, values joined by '|',
//   SELECT a, b FROM t ORDER BY a   NULL as NULL; `query rowsort` sorts
//   ----                         both sides first; `query header` expects
//   1|x                          the column names as the first line
//   2|NULL
//
//   query columns=table,type,key  compares only the named result columns
//                                (for EXPLAIN, whose row estimates vary)
//
//   connection other             later statements run in session "other"
//                                (sessions are created on first use; the
//                                first is "default")
//   load docs/ecommerce-schema.sql   runs a script (path from the repo root)
//
// A statement or query text runs up to "----" or a blank line; records are
// separated by blank lines. Statement parameters: a line "params: a|b|NULL"
// right after the text binds `?` values (strings, NULL as NULL).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "models/relational/sql/session/session.h"
#include "models/relational/storage/database.h"
#include "tests/sql/memory_database.h"

namespace tetradb::rel::sql {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string RowText(const std::vector<Value>& row) {
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) out += '|';
    out += row[i].is_null() ? "NULL" : ToText(row[i]);
  }
  return out;
}

std::vector<Value> ParseParams(const std::string& spec) {
  std::vector<Value> params;
  size_t start = 0;
  while (true) {
    size_t bar = spec.find('|', start);
    std::string p = spec.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    params.push_back(p == "NULL" ? Value::Null() : Value::String(p));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return params;
}

class SqlFileRunner {
 public:
  explicit SqlFileRunner(const fs::path& file) : file_(file) {}

  ~SqlFileRunner() { sessions_.clear(); }

  void Run() {
    ASSERT_TRUE(mem_.ok());
    std::vector<std::string> lines = SplitLines(ReadFile(file_));
    size_t i = 0;
    while (i < lines.size()) {
      const std::string& line = lines[i];
      if (line.empty() || line[0] == '#') {
        ++i;
        continue;
      }
      size_t record_line = i + 1;
      std::string where = file_.filename().string() + ":" + std::to_string(record_line);
      if (line.rfind("connection ", 0) == 0) {
        current_ = line.substr(11);
        ++i;
        continue;
      }
      if (line.rfind("load ", 0) == 0) {
        std::string script = ReadFile(fs::path(TETRADB_SOURCE_DIR) / line.substr(5));
        ASSERT_FALSE(script.empty()) << where << ": cannot read " << line.substr(5);
        auto r = session().ExecuteScript(script);
        ASSERT_TRUE(r.ok()) << where << ": " << r.error().ToString();
        ++i;
        continue;
      }
      bool is_query = line.rfind("query", 0) == 0;
      bool is_statement = line.rfind("statement", 0) == 0;
      ASSERT_TRUE(is_query || is_statement) << where << ": unknown directive: " << line;
      std::string header = line;
      ++i;
      std::string sql;
      std::vector<Value> params;
      while (i < lines.size() && !lines[i].empty() && lines[i] != "----") {
        if (lines[i].rfind("params: ", 0) == 0) {
          params = ParseParams(lines[i].substr(8));
        } else {
          if (!sql.empty()) sql += '\n';
          sql += lines[i];
        }
        ++i;
      }
      std::vector<std::string> expected;
      if (i < lines.size() && lines[i] == "----") {
        ++i;
        while (i < lines.size() && !lines[i].empty()) expected.push_back(lines[i++]);
      }
      ++records_;
      if (is_statement) {
        CheckStatement(where, header, sql, params);
      } else {
        CheckQuery(where, header, sql, params, expected);
      }
    }
  }

  int records() const { return records_; }

 private:
  Session& session() {
    auto& s = sessions_[current_];
    if (!s) s = std::make_unique<Session>(mem_.db.get());
    return *s;
  }

  void CheckStatement(const std::string& where, const std::string& header, const std::string& sql,
                      const std::vector<Value>& params) {
    std::istringstream words(header);
    std::string directive, mode;
    words >> directive >> mode;
    auto r = session().Execute(sql, params);
    if (mode == "ok" || mode == "count") {
      ASSERT_TRUE(r.ok()) << where << ": " << sql << "\n  failed: " << r.error().ToString();
      if (mode == "count") {
        uint64_t want = 0;
        words >> want;
        EXPECT_EQ(r->rows_affected, want) << where << ": rows affected by " << sql;
      }
      return;
    }
    ASSERT_EQ(mode, "error") << where << ": statement ok|count N|error CODE [message]";
    int code = 0;
    words >> code;
    std::string message;
    std::getline(words, message);
    if (!message.empty() && message[0] == ' ') message.erase(0, 1);
    ASSERT_FALSE(r.ok()) << where << ": expected error " << code << " from " << sql;
    EXPECT_EQ(r.error().code, code) << where << ": " << r.error().ToString();
    if (!message.empty()) {
      EXPECT_EQ(r.error().message, message) << where;
    }
  }

  void CheckQuery(const std::string& where, const std::string& header, const std::string& sql,
                  const std::vector<Value>& params, std::vector<std::string> expected) {
    bool rowsort = header.find("rowsort") != std::string::npos;
    bool with_header = header.find("header") != std::string::npos;
    auto r = session().Execute(sql, params);
    ASSERT_TRUE(r.ok()) << where << ": " << sql << "\n  failed: " << r.error().ToString();
    std::vector<size_t> keep;  // all columns unless columns= names some
    for (size_t c = 0; c < r->columns.size(); ++c) keep.push_back(c);
    if (size_t at = header.find("columns="); at != std::string::npos) {
      keep.clear();
      std::string names = header.substr(at + 8);
      names = names.substr(0, names.find(' '));
      std::istringstream list(names);
      std::string name;
      while (std::getline(list, name, ',')) {
        auto it = std::find(r->columns.begin(), r->columns.end(), name);
        ASSERT_NE(it, r->columns.end()) << where << ": no result column " << name;
        keep.push_back(static_cast<size_t>(it - r->columns.begin()));
      }
    }
    std::vector<std::string> got;
    for (const auto& row : r->rows) {
      std::vector<Value> kept;
      for (size_t c : keep) kept.push_back(c < row.size() ? row[c] : Value::Null());
      got.push_back(RowText(kept));
    }
    if (with_header) {
      std::string names;
      for (size_t c : keep) names += (names.empty() ? "" : "|") + r->columns[c];
      got.insert(got.begin(), names);
    }
    if (rowsort) {
      auto first = with_header ? 1 : 0;
      std::sort(got.begin() + first, got.end());
      if (expected.size() > static_cast<size_t>(first)) {
        std::sort(expected.begin() + first, expected.end());
      }
    }
    std::string got_text, want_text;
    for (const auto& g : got) got_text += g + "\n";
    for (const auto& e : expected) want_text += e + "\n";
    EXPECT_EQ(got_text, want_text) << where << ": " << sql;
  }

  fs::path file_;
  MemoryDatabase mem_;
  std::map<std::string, std::unique_ptr<Session>> sessions_;
  std::string current_ = "default";
  int records_ = 0;
};

std::vector<std::string> TestFiles() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(TETRADB_SOURCE_DIR) / "tests" / "sql")) {
    if (e.path().extension() == ".test") files.push_back(e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class SqlLogicTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SqlLogicTest, File) {
  SqlFileRunner runner(fs::path(TETRADB_SOURCE_DIR) / "tests" / "sql" / GetParam());
  runner.Run();
  EXPECT_GT(runner.records(), 0);
}

INSTANTIATE_TEST_SUITE_P(Files, SqlLogicTest, ::testing::ValuesIn(TestFiles()),
                         [](const auto& info) {
                           std::string name = info.param.substr(0, info.param.size() - 5);
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace tetradb::rel::sql

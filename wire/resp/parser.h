// Incremental parser for client requests, matching Redis 7.0's reading of
// the two request forms:
//   multibulk := '*' count CR LF { '$' length CR LF bytes CR LF }
//   inline    := words separated by blanks, ending at LF (an optional CR
//                before the LF is dropped); quoting as in sdssplitargs.
// A request whose first byte is '*' is a multibulk; anything else is inline.
//
// USE: a connection keeps one parser and one input buffer. After each read
// it calls Parse() on the whole unconsumed buffer, erases `*consumed` bytes
// from the front, runs the command if one was returned, and repeats until
// kNeedMore. The parser keeps what it has already taken (finished and
// partial bulk arguments) and remembers how far it searched a line that has
// no terminator yet, so any split of the input into chunks gives the same
// commands and no byte is scanned twice; a bulk argument is appended to its
// string as it arrives.
//
// CONTRACT: every Parse() call must pass the bytes that follow the ones
// already consumed (the unconsumed remainder, possibly extended). Passing
// anything else is only allowed after Reset().
//
// DEVIATIONS from Redis, deliberate: a NUL byte in a header line does not
// stall the parser (Redis searches lines with strchr and waits for more
// data); the "unauthenticated multibulk/bulk length" limits are left to the
// connection. As in Redis, the two bytes after a bulk's payload are skipped
// without checking that they are CR LF.
//
// Not thread-safe; one parser per connection.

#ifndef TETRADB_WIRE_RESP_PARSER_H_
#define TETRADB_WIRE_RESP_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace tetradb::resp {

struct ParserLimits {
  // proto-max-bulk-len: longest accepted bulk argument.
  int64_t max_bulk_len = 512LL * 1024 * 1024;
  // Largest accepted multibulk count.
  int64_t max_multibulk_len = std::numeric_limits<int32_t>::max();
  // PROTO_INLINE_MAX_SIZE: longest unterminated inline request, multibulk
  // count line or bulk length line before the request is refused.
  size_t max_inline_len = 64 * 1024;
};

class RequestParser {
 public:
  enum class Result {
    kNeedMore,  // every byte given was used or kept pending; read more
    kCommand,   // *args holds one command; call Parse again for the rest
    kError,     // error() says why; send it, then close the connection
  };

  explicit RequestParser(ParserLimits limits = {});

  // Consumes a prefix of `data` and sets *consumed to its length (bytes the
  // caller must drop; they may be fewer than data.size() even on kNeedMore,
  // when a line is still unterminated). *args is cleared; on kCommand it
  // holds the arguments, never empty: empty inline lines and multibulk
  // counts <= 0 are skipped, as Redis skips them. After kError every later
  // call returns kError, consuming nothing, until Reset().
  Result Parse(std::string_view data, size_t* consumed, std::vector<std::string>* args);

  // The error text exactly as Redis sends it after '-', e.g.
  // "Protocol error: invalid bulk length". Empty unless Parse failed.
  const std::string& error() const { return error_; }

  // Forgets any partial request and error, as for a fresh connection.
  void Reset();

 private:
  enum class State { kRequestStart, kBulkHeader, kBulkPayload };
  enum class Step { kContinue, kNeedMore, kCommand, kError };

  Step ParseMultibulkHeader(std::string_view data, size_t* pos);
  Step ParseBulkHeader(std::string_view data, size_t* pos);
  Step ParseBulkPayload(std::string_view data, size_t* pos, std::vector<std::string>* args);
  Step ParseInline(std::string_view data, size_t* pos, std::vector<std::string>* args);
  // Position of `terminator` in `line` (the unconsumed bytes of the current
  // line), resuming after the part searched by earlier calls; npos if absent.
  size_t FindInLine(std::string_view line, char terminator);
  Step Fail(std::string message);

  const ParserLimits limits_;
  State state_ = State::kRequestStart;
  bool failed_ = false;
  // Bytes of the current unterminated line already known to hold no
  // terminator.
  size_t scanned_ = 0;
  int64_t elements_left_ = 0;  // bulk arguments still expected
  int64_t payload_left_ = 0;   // bytes of the current bulk still expected
  int trailer_left_ = 0;       // CR LF bytes after the payload still expected
  std::vector<std::string> pending_args_;
  std::string error_;
};

// Splits an inline request line into arguments as Redis's sdssplitargs does:
// blank-separated words; "double quotes" understand \n \r \t \b \a \xHH and
// a backslash before any other character; 'single quotes' understand only
// \'; a closing quote must be followed by a blank or the end of the line; a
// NUL byte ends the line. Returns false (and clears *args) on unbalanced or
// badly closed quotes.
bool SplitArgs(std::string_view line, std::vector<std::string>* args);

}  // namespace tetradb::resp

#endif  // TETRADB_WIRE_RESP_PARSER_H_

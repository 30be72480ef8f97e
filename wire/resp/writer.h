// Turns typed replies into RESP bytes, byte-for-byte as Redis 7.0 does.
//
// RESP3 has a type for every Reply kind. Under RESP2 the richer kinds
// degrade the way Redis degrades them:
//   null array -> *-1         map        -> flat array of 2n elements
//   set, push  -> array       double     -> bulk string of FormatDouble()
//   bool       -> :1 / :0     verbatim   -> bulk string of the content
//   big number -> bulk string of the digits
// Under RESP3 both null kinds are "_".
//
// Simple strings and errors are one line by definition; any '\r' or '\n' in
// them is written as a space (Redis does the same for formatted errors) so a
// careless message can never desynchronise the client.

#ifndef TETRADB_WIRE_RESP_WRITER_H_
#define TETRADB_WIRE_RESP_WRITER_H_

#include <string>

#include "wire/resp/reply.h"

namespace tetradb::resp {

// Appends the encoding of `reply` to *out. `protocol` is 2 or 3 (as set by
// HELLO); any value other than 3 means RESP2.
void AppendReply(const Reply& reply, int protocol, std::string* out);

// Convenience wrapper around AppendReply.
std::string EncodeReply(const Reply& reply, int protocol);

// A double as Redis 7.0 prints it in replies: "inf", "-inf", otherwise
// printf("%.17g"): 1.1 -> "1.1000000000000001", 3 -> "3", 0.5 -> "0.5".
std::string FormatDouble(double value);

// A long double as INCRBYFLOAT / HINCRBYFLOAT store it (Redis's
// "human friendly" form): "inf" / "-inf", otherwise fixed-point
// printf("%.17Lf") with trailing zeros after the '.' removed, then the '.'
// itself if nothing follows it, and "-0" written as "0".
// 10.5 -> "10.5", 3.0e3 -> "3000", 1e20 -> "100000000000000000000".
// The digits depend on the platform's long double (80-bit on x86-64, as for
// the Redis builds clients usually meet).
std::string FormatLongDouble(long double value);

}  // namespace tetradb::resp

#endif  // TETRADB_WIRE_RESP_WRITER_H_

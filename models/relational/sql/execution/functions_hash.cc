// Digest and checksum functions: MD5, SHA1 / SHA, SHA2 and CRC32, as in
// MySQL 8.0. The digests come from OpenSSL's libcrypto and the checksum from
// zlib; nothing here hashes by hand.
//
// Promises (MySQL's):
// - the argument is hashed as its text (numbers as written by CAST AS CHAR,
//   dates as 'YYYY-MM-DD[ hh:mm:ss]'); NULL gives NULL;
// - MD5 / SHA1 / SHA2 return lowercase hexadecimal strings (32, 40, 56 / 64
//   / 96 / 128 characters); SHA2's length is 224, 256, 384, 512 or 0 (= 256),
//   anything else gives NULL with warning 1583 (a NULL length: NULL alone);
// - CRC32 returns an unsigned integer (0 .. 4294967295).
#include <openssl/evp.h>
#include <zlib.h>

#include <string>

#include "models/relational/sql/execution/functions.h"

namespace tetradb::rel::sql {
namespace {

using Args = std::vector<Value>;

std::string Hex(const unsigned char* data, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 0xF];
  }
  return out;
}

// The hex digest of `text` under `md`; 1105 if libcrypto fails (it does not
// for these digests, but its API can).
SqlResult<Value> Digest(const EVP_MD* md, const std::string& text) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (md == nullptr || EVP_Digest(text.data(), text.size(), out, &len, md, nullptr) != 1) {
    return SqlError{1105, "HY000", "Unknown error: digest computation failed"};
  }
  return Value::String(Hex(out, len));
}

SqlResult<Value> Md5(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  return Digest(EVP_md5(), ToText(a[0]));
}

SqlResult<Value> Sha1(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  return Digest(EVP_sha1(), ToText(a[0]));
}

SqlResult<Value> Sha2(const Args& a, const FnEnv& env) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null();
  std::optional<int64_t> bits = ToInt64(a[1]);
  if (!bits) return Value::Null();
  const EVP_MD* md = nullptr;
  switch (*bits) {
    case 0:
    case 256:
      md = EVP_sha256();
      break;
    case 224:
      md = EVP_sha224();
      break;
    case 384:
      md = EVP_sha384();
      break;
    case 512:
      md = EVP_sha512();
      break;
    default:
      // MySQL: NULL, and a warning naming the function.
      if (env.ctx != nullptr) {
        env.ctx->Warn(SqlError{1583, "42000",
                               "Incorrect parameters in the call to native function 'sha2'"});
      }
      return Value::Null();
  }
  return Digest(md, ToText(a[0]));
}

SqlResult<Value> Crc32(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  std::string text = ToText(a[0]);
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes lengths as uInt: feed long strings in pieces.
  size_t done = 0;
  while (done < text.size()) {
    size_t n = std::min<size_t>(text.size() - done, 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(text.data() + done), static_cast<uInt>(n));
    done += n;
  }
  return Value::UInt(static_cast<uint64_t>(crc & 0xFFFFFFFFu));
}

}  // namespace

const std::vector<FunctionDef>& HashFunctions() {
  static const std::vector<FunctionDef> kFns = {
      {"MD5", 1, 1, Md5},   {"SHA1", 1, 1, Sha1},   {"SHA", 1, 1, Sha1},
      {"SHA2", 2, 2, Sha2}, {"CRC32", 1, 1, Crc32},
  };
  return kFns;
}

}  // namespace tetradb::rel::sql

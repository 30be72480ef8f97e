#include "models/kv/kv_format.h"

#include <bit>
#include <cmath>

namespace tetradb::kv {

std::string_view TypeName(Type t) {
  switch (t) {
    case Type::kString: return "string";
    case Type::kHash: return "hash";
    case Type::kList: return "list";
    case Type::kSet: return "set";
    case Type::kZset: return "zset";
  }
  return "none";
}

std::string EncodeMetaKey(int db, std::string_view key) {
  std::string out;
  out.reserve(1 + key.size());
  out.push_back(static_cast<char>(db));
  out.append(key);
  return out;
}

Status DecodeMetaKey(std::string_view meta_key, int* db, std::string_view* key) {
  if (meta_key.empty()) return Status::Corruption("empty kv key");
  *db = static_cast<uint8_t>(meta_key[0]);
  if (*db >= kDatabases) return Status::Corruption("kv key with a bad database number");
  *key = meta_key.substr(1);
  return Status::Ok();
}

std::string EncodeMetadata(const Metadata& m) {
  std::string out;
  out.reserve(10 + (m.type == Type::kString ? m.value.size() : 48));
  out.push_back(static_cast<char>(m.type));
  out.push_back(static_cast<char>(m.flags));
  PutBE64(&out, static_cast<uint64_t>(m.expire_at_ms));
  if (m.type == Type::kString) {
    out.append(m.value);
    return out;
  }
  PutBE64(&out, m.version);
  PutBE64(&out, m.size);
  if (m.type == Type::kList) {
    PutBE64(&out, m.list_head);
    PutBE64(&out, m.list_tail);
    if (m.list_chunked()) {
      PutBE64(&out, m.list_head_chunk);
      PutBE64(&out, m.list_tail_chunk);
    }
  }
  return out;
}

Status DecodeMetadata(std::string_view in, Metadata* m) {
  if (in.size() < 10) return Status::Corruption("kv metadata too short");
  uint8_t type = static_cast<uint8_t>(in[0]);
  if (type < 1 || type > 5) return Status::Corruption("kv metadata with an unknown type");
  m->type = static_cast<Type>(type);
  m->flags = static_cast<uint8_t>(in[1]);
  m->expire_at_ms = static_cast<int64_t>(GetBE64(in.data() + 2));
  in.remove_prefix(10);
  if (m->type == Type::kString) {
    m->value.assign(in);
    return Status::Ok();
  }
  if (in.size() < 16) return Status::Corruption("kv collection metadata too short");
  m->version = GetBE64(in.data());
  m->size = GetBE64(in.data() + 8);
  if (m->type == Type::kList) {
    if (in.size() < 32) return Status::Corruption("kv list metadata too short");
    m->list_head = GetBE64(in.data() + 16);
    m->list_tail = GetBE64(in.data() + 24);
    if (m->list_chunked()) {
      if (in.size() < 48) return Status::Corruption("kv chunked list metadata too short");
      m->list_head_chunk = GetBE64(in.data() + 32);
      m->list_tail_chunk = GetBE64(in.data() + 40);
    }
  }
  return Status::Ok();
}

void AppendMemberPrefix(std::string* out, int db, std::string_view key, uint64_t version) {
  out->push_back(static_cast<char>(db));
  uint32_t n = static_cast<uint32_t>(key.size());
  char len[4] = {static_cast<char>(n >> 24), static_cast<char>(n >> 16),
                 static_cast<char>(n >> 8), static_cast<char>(n)};
  out->append(len, 4);
  out->append(key);
  PutBE64(out, version);
}

std::string MemberPrefix(int db, std::string_view key, uint64_t version) {
  std::string out;
  out.reserve(13 + key.size() + 16);
  AppendMemberPrefix(&out, db, key, version);
  return out;
}

Status DecodeMemberPrefix(std::string_view member_key, int* db, std::string_view* key,
                          uint64_t* version, std::string_view* rest) {
  if (member_key.size() < 13) return Status::Corruption("kv member key too short");
  *db = static_cast<uint8_t>(member_key[0]);
  uint32_t n = (static_cast<uint32_t>(static_cast<uint8_t>(member_key[1])) << 24) |
               (static_cast<uint32_t>(static_cast<uint8_t>(member_key[2])) << 16) |
               (static_cast<uint32_t>(static_cast<uint8_t>(member_key[3])) << 8) |
               static_cast<uint32_t>(static_cast<uint8_t>(member_key[4]));
  if (member_key.size() < 13 + static_cast<size_t>(n)) {
    return Status::Corruption("kv member key shorter than its key length");
  }
  *key = member_key.substr(5, n);
  *version = GetBE64(member_key.data() + 5 + n);
  *rest = member_key.substr(13 + n);
  return Status::Ok();
}

}  // namespace tetradb::kv

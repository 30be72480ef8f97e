// MD5, SHA1 / SHA, SHA2 and CRC32: MySQL's results (known digests of
// 'abc', the CRC32 example of MySQL's manual), NULL handling and types.
#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

using HashFunctionsTest = ExecFixture;

TEST_F(HashFunctionsTest, Md5AndSha1) {
  EXPECT_EQ(Q("SELECT MD5('abc'), MD5(''), MD5(1), MD5(NULL)"),
            "900150983cd24fb0d6963f7d28e17f72,d41d8cd98f00b204e9800998ecf8427e,"
            "c4ca4238a0b923820dcc509a6f75849b,NULL");
  EXPECT_EQ(Q("SELECT SHA1('abc'), SHA('abc'), SHA1(NULL)"),
            "a9993e364706816aba3e25717850c26c9cd0d89d,"
            "a9993e364706816aba3e25717850c26c9cd0d89d,NULL");
  ResultSet rs = Ok("SELECT MD5('x') AS m");
  EXPECT_EQ(Columns(rs), "m");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0][0].kind(), ValueKind::kString);
}

TEST_F(HashFunctionsTest, Sha2Lengths) {
  EXPECT_EQ(Q("SELECT SHA2('abc', 224)"),
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(Q("SELECT SHA2('abc', 256), SHA2('abc', 0) = SHA2('abc', 256)"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad,1");
  EXPECT_EQ(Q("SELECT SHA2('abc', 384)"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baec"
            "a134c825a7");
  EXPECT_EQ(Q("SELECT SHA2('abc', 512)"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c"
            "23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  // A length MySQL does not know, or NULL anywhere: NULL.
  EXPECT_EQ(Q("SELECT SHA2('abc', 128), SHA2('abc', 1), SHA2('abc', NULL), SHA2(NULL, 256)"),
            "NULL,NULL,NULL,NULL");
  EXPECT_EQ(Q("SELECT SHA2('abc', '256') = SHA2('abc', 256), LENGTH(SHA2('x', 512))"), "1,128");
}

TEST_F(HashFunctionsTest, Crc32IsAnUnsignedInteger) {
  ResultSet rs = Ok("SELECT CRC32('MySQL'), CRC32('mysql'), CRC32(''), CRC32(NULL)");
  EXPECT_EQ(Flat(rs), "3259397556,2501908538,0,NULL");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0][0].kind(), ValueKind::kUInt);
  EXPECT_EQ(Q("SELECT CRC32(123) = CRC32('123'), CRC32('MySQL') > 2147483647"), "1,1");
}

TEST_F(HashFunctionsTest, OverTableRowsAndInPredicates) {
  Create("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(64))");
  Ok("INSERT INTO u VALUES (1, 'ann@x.io'), (2, 'bob@x.io'), (3, NULL)");
  EXPECT_EQ(Q("SELECT id, LEFT(MD5(email), 8) FROM u ORDER BY id"), "1,820de57c|2,44f2682b|3,NULL");
  EXPECT_EQ(Q("SELECT id FROM u WHERE SHA2(email, 256) = SHA2('bob@x.io', 256)"), "2");
  EXPECT_EQ(Fail("SELECT MD5()").code, 1582);
  EXPECT_EQ(Fail("SELECT SHA2('a')").code, 1582);
}

}  // namespace
}  // namespace tetradb::rel::sql

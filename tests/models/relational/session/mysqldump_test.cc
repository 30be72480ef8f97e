// What mysqldump writes around its data: executable comments (/*!NNNNN
// ... */, SQL for versions up to 8.0.36, comments beyond), the session
// variables it saves and restores, LOCK TABLES / UNLOCK TABLES and
// ALTER TABLE ... DISABLE KEYS / ENABLE KEYS.
#include <gtest/gtest.h>

#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

class MysqldumpTest : public SessionFixture {};

TEST_F(MysqldumpTest, ADumpLoadsAsInMySql) {
  for (const char* sql : {
           "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
           "/*!50503 SET NAMES utf8mb4 */",
           "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */",
           "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */",
           "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */",
           "/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */",
           "DROP TABLE IF EXISTS `users`",
           "CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, `email` varchar(255) NOT "
           "NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4",
           "LOCK TABLES `users` WRITE",
           "/*!40000 ALTER TABLE `users` DISABLE KEYS */",
           "INSERT INTO `users` VALUES (1,'a@x.com'),(2,'b@x.com')",
           "/*!40000 ALTER TABLE `users` ENABLE KEYS */",
           "UNLOCK TABLES",
           "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */",
           "/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */",
           "/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */",
       }) {
    Ok(sql);
  }
  EXPECT_EQ(Query("SELECT id, email FROM users ORDER BY id"),
            (Rows{{"1", "a@x.com"}, {"2", "b@x.com"}}));
  EXPECT_EQ(Query("SELECT @@foreign_key_checks, @@sql_notes"), (Rows{{"1", "1"}}));
}

TEST_F(MysqldumpTest, ExecutableCommentsFollowTheVersion) {
  EXPECT_EQ(Query("SELECT 1 /*! + 1 */, 2 /*!80036 + 1 */, 3 /*!80037 + 1 */"),
            (Rows{{"2", "3", "3"}}));
  EXPECT_EQ(Fail("/*!99999 SELECT 1 */").code, 1065);  // only a comment: empty
  EXPECT_EQ(Fail("SELECT 1 /*!40101 + 1").code, 1064);  // unterminated
}

TEST_F(MysqldumpTest, LockTablesEndsTheTransactionAndNamesExistingTables) {
  Ok("CREATE TABLE t (id INT PRIMARY KEY)");
  Ok("BEGIN");
  Ok("INSERT INTO t VALUES (1)");
  Ok("LOCK TABLES t READ, t AS u WRITE");  // commits, as in MySQL
  Ok("ROLLBACK");
  EXPECT_EQ(Query("SELECT COUNT(*) FROM t"), (Rows{{"1"}}));
  EXPECT_EQ(Fail("LOCK TABLES missing WRITE").code, 1146);
  EXPECT_EQ(Fail("LOCK TABLES t").code, 1064);
  EXPECT_EQ(Fail("LOCK INSTANCE FOR BACKUP").code, 1235);
  Ok("UNLOCK TABLES");
  Ok("UNLOCK TABLE");
}

}  // namespace
}  // namespace tetradb::rel::sql

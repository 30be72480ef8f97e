#!/usr/bin/env bash
# A file as mysqldump writes it (executable comments, saved and restored
# session variables, LOCK TABLES, DISABLE KEYS, a `;` inside a string) loads
# through POST /sql/script, and the data reads back over RESP and HTTP.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start_tetradb "$WORK/data"
cat >"$WORK/dump.sql" <<'SQL'
-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
DROP TABLE IF EXISTS `users`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `users` (
  `id` int NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
LOCK TABLES `users` WRITE;
/*!40000 ALTER TABLE `users` DISABLE KEYS */;
INSERT INTO `users` VALUES (1,'a@x.com'),(2,'b;c@x.com');
/*!40000 ALTER TABLE `users` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;
-- Dump completed on 2026-11-22 10:00:00
SQL
status=$(timeout 10 curl -s -o "$WORK/out" -w '%{http_code}' --data-binary @"$WORK/dump.sql" \
  "http://127.0.0.1:$TD_HTTP/sql/script")
expect_eq "dump loads" "$status $(cat "$WORK/out")" \
  '200 {"columns":[],"last_insert_id":0,"rows":[],"rows_affected":0}'
read -r status body <<<"$(http POST /sql '{"sql": "SELECT id, email FROM users ORDER BY id"}')"
expect_eq "rows over HTTP" "$body" \
  '{"columns":["id","email"],"last_insert_id":0,"rows":[[1,"a@x.com"],[2,"b;c@x.com"]],"rows_affected":0}'
# AUTO_INCREMENT goes on after the dump's rows.
rcli SQL "INSERT INTO users (email) VALUES ('c@x.com')" >/dev/null
expect_eq "next id" "$(rcli SQL "SELECT MAX(id) FROM users" | sed -n 4p)" "3"
stop_tetradb
echo "PASS sql_dump_test"

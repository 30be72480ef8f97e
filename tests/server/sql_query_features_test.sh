#!/usr/bin/env bash
# MySQL query features from outside, over RESP (redis-cli) and POST /sql
# (curl): NATURAL [LEFT | RIGHT] JOIN with coalesced columns, GROUP BY ...
# WITH ROLLUP with GROUPING(), the REGEXP family (RE2) and the digest
# functions (libcrypto, zlib), with MySQL's results and error codes.
source "$(dirname "$0")/lib.sh"

start_tetradb "$WORK/data"

# sql JSON_BODY: POST /sql, prints "STATUS BODY".
sql() { http POST /sql "$1"; }

got=$(http POST /sql/script "$(cat <<'SQL'
CREATE TABLE customer (cid INT PRIMARY KEY, name VARCHAR(20), city VARCHAR(20));
CREATE TABLE purchase (pid INT PRIMARY KEY, cid INT, year INT, amount INT);
INSERT INTO customer VALUES (1, 'Ann', 'Oslo'), (2, 'Bob', 'Rome'), (3, 'Cid', 'Oslo');
INSERT INTO purchase VALUES (10, 1, 2024, 100), (11, 1, 2025, 50), (12, 2, 2024, 70), (13, 4, 2025, 5);
SQL
)")
expect_contains "schema" "$got" "200 "

# --- NATURAL JOIN ----------------------------------------------------------
got=$(sql '{"sql": "SELECT * FROM customer NATURAL JOIN purchase ORDER BY pid"}')
expect_eq "natural join" "$got" \
  '200 {"columns":["cid","name","city","pid","year","amount"],"last_insert_id":0,"rows":[[1,"Ann","Oslo",10,2024,100],[1,"Ann","Oslo",11,2025,50],[2,"Bob","Rome",12,2024,70]],"rows_affected":0}'
got=$(sql '{"sql": "SELECT cid, name, pid FROM customer NATURAL LEFT JOIN purchase ORDER BY cid, pid"}')
expect_eq "natural left join" "$got" \
  '200 {"columns":["cid","name","pid"],"last_insert_id":0,"rows":[[1,"Ann",10],[1,"Ann",11],[2,"Bob",12],[3,"Cid",null]],"rows_affected":0}'
# RIGHT: the right table's columns first, its cid answers.
got=$(sql '{"sql": "SELECT * FROM customer NATURAL RIGHT JOIN purchase WHERE pid = 13"}')
expect_eq "natural right join" "$got" \
  '200 {"columns":["cid","pid","year","amount","name","city"],"last_insert_id":0,"rows":[[4,13,2025,5,null,null]],"rows_affected":0}'
got=$(rcli SQL "SELECT * FROM customer c JOIN purchase p ON c.cid = p.cid NATURAL JOIN customer")
expect_contains "ambiguous natural column" "$got" "ERR 1052 (23000): Column 'cid' in from clause is ambiguous"

# --- WITH ROLLUP -----------------------------------------------------------
got=$(sql '{"sql": "SELECT year, SUM(amount) AS total, GROUPING(year) AS g FROM purchase GROUP BY year WITH ROLLUP"}')
expect_eq "rollup" "$got" \
  '200 {"columns":["year","total","g"],"last_insert_id":0,"rows":[[2024,"170",0],[2025,"55",0],[null,"225",1]],"rows_affected":0}'
got=$(sql '{"sql": "SELECT city, name, COUNT(*) FROM customer GROUP BY city, name WITH ROLLUP HAVING GROUPING(name) = 1 ORDER BY city DESC"}')
expect_eq "rollup having order" "$got" \
  '200 {"columns":["city","name","COUNT(*)"],"last_insert_id":0,"rows":[["Rome",null,1],["Oslo",null,2],[null,null,3]],"rows_affected":0}'
got=$(rcli SQL "SELECT city, GROUPING(name) FROM customer GROUP BY city WITH ROLLUP")
expect_contains "grouping argument" "$got" "ERR 3602 (HY000): Argument #1 of GROUPING function is not in GROUP BY"
got=$(rcli SQL "SELECT city, GROUPING(city) FROM customer GROUP BY city")
expect_contains "grouping without rollup" "$got" "ERR 1111 (HY000): Invalid use of group function"

# --- Regular expressions ----------------------------------------------------
got=$(sql '{"sql": "SELECT name FROM customer WHERE name REGEXP ? ORDER BY cid", "params": ["^[ab]"]}')
expect_eq "regexp, case-insensitive" "$got" \
  '200 {"columns":["name"],"last_insert_id":0,"rows":[["Ann"],["Bob"]],"rows_affected":0}'
got=$(sql '{"sql": "SELECT REGEXP_REPLACE(city, \"[aeiou]\", \"*\"), REGEXP_INSTR(city, \"o\", 1, 2), REGEXP_SUBSTR(name, \"[a-z]+$\", 1, 1, \"c\"), REGEXP_LIKE(name, \"ANN\", \"c\") FROM customer WHERE cid = 1"}')
expect_eq "regexp functions" "$got" \
  '200 {"columns":["REGEXP_REPLACE(city, \"[aeiou]\", \"*\")","REGEXP_INSTR(city, \"o\", 1, 2)","REGEXP_SUBSTR(name, \"[a-z]+$\", 1, 1, \"c\")","REGEXP_LIKE(name, \"ANN\", \"c\")"],"last_insert_id":0,"rows":[["*sl*",4,"nn",0]],"rows_affected":0}'
got=$(rcli SQL "SELECT 'aa' REGEXP '(a)\\\\1'")  # the SQL text is '(a)\\1'
expect_contains "backreference refused" "$got" "ERR 3690 (HY000): The regular expression contains a feature that is not implemented in this library."
got=$(rcli SQL "SELECT REGEXP_LIKE('a', '(a')")
expect_contains "mismatched paren" "$got" "ERR 3691 (HY000): Mismatched parenthesis in regular expression."
got=$(sql '{"sql": "SELECT REGEXP_LIKE(\"a\", \"\")"}')
expect_eq "empty pattern over HTTP" "$got" \
  '400 {"error":{"code":3685,"message":"Illegal argument to a regular expression.","sqlstate":"HY000"}}'

# --- Digests ------------------------------------------------------------------
got=$(rcli SQL "SELECT MD5('abc'), SHA1('abc'), SHA2('abc', 256), SHA2('abc', 7), CRC32('MySQL')")
expect_eq "digests over RESP" "$got" \
  $'columns\nMD5(\'abc\')\nSHA1(\'abc\')\nSHA2(\'abc\', 256)\nSHA2(\'abc\', 7)\nCRC32(\'MySQL\')\nrows\n900150983cd24fb0d6963f7d28e17f72\na9993e364706816aba3e25717850c26c9cd0d89d\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n\n3259397556\nrows_affected\n0\nlast_insert_id\n0'
got=$(sql '{"sql": "SELECT CRC32(name), LEFT(SHA2(name, 512), 16) FROM customer WHERE cid = ?", "params": [2]}')
expect_eq "digests over HTTP" "$got" \
  '200 {"columns":["CRC32(name)","LEFT(SHA2(name, 512), 16)"],"last_insert_id":0,"rows":[[3448174496,"0c3e99453b4ae505"]],"rows_affected":0}'

stop_tetradb
echo "PASS: sql_query_features_test"

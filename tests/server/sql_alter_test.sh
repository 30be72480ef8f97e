#!/usr/bin/env bash
# ALTER TABLE DROP/CHANGE/MODIFY/RENAME and RENAME TABLE against the real
# binary over RESP and HTTP: results, MySQL's errors, definitions surviving
# a restart, and a table intact after the server is killed in the middle of
# an ALTER that rewrites it.
source "$(dirname "$0")/lib.sh"

start_tetradb "$WORK/data"

# The rows of a query, one value per line turned into spaces ("" for NULL).
rows() { rcli SQL "$@" | awk '/^rows$/{f=1;next} /^rows_affected$/{f=0} f' | tr '\n' ' '; }
ok() {
  local got
  got=$(rcli SQL "$@")
  [[ "$got" != ERR* ]] || fail "$1: $got"
}

ok "CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(10) NOT NULL UNIQUE, price DECIMAL(8,2), stock INT, note VARCHAR(20), KEY idx_stock (stock, note))"
ok "INSERT INTO item (sku, price, stock, note) VALUES ('A', 1.25, 3, 'x'), ('B', 2.50, NULL, NULL), ('C', 10.75, 300, 'long note')"

# --- DROP COLUMN ---------------------------------------------------------------
ok "ALTER TABLE item DROP COLUMN note"
expect_eq "drop column" "$(rows "SELECT * FROM item ORDER BY id")" "1 A 1.25 3 2 B 2.50  3 C 10.75 300 "
got=$(rcli SQL "SHOW CREATE TABLE item")
expect_contains "index lost the column" "$got" 'KEY `idx_stock` (`stock`)'
got=$(rcli SQL "ALTER TABLE item DROP nope")
expect_contains "drop unknown" "$got" "ERR 1091 (42000): Can't DROP 'nope'; check that column/key exists"
ok "CREATE TABLE single (a INT)"
got=$(rcli SQL "ALTER TABLE single DROP a")
expect_contains "drop last" "$got" "ERR 1090 (42000): You can't delete all columns with ALTER TABLE; use DROP TABLE instead"

# --- MODIFY / CHANGE / RENAME COLUMN -------------------------------------------
got=$(rcli SQL "ALTER TABLE item MODIFY stock TINYINT")
expect_contains "out of range" "$got" "ERR 1264 (22003): Out of range value for column 'stock' at row 3"
got=$(rcli SQL "ALTER TABLE item MODIFY stock INT NOT NULL")
expect_contains "null" "$got" "ERR 1138 (22004): Invalid use of NULL value"
got=$(rcli SQL "ALTER TABLE item MODIFY price INT, MODIFY sku VARCHAR(0)")
expect_contains "truncated" "$got" "ERR 1265 (01000): Data truncated for column 'sku' at row 1"
expect_eq "unchanged after failures" "$(rows "SELECT price, stock FROM item ORDER BY id")" "1.25 3 2.50  10.75 300 "

ok "ALTER TABLE item MODIFY price INT NOT NULL, CHANGE COLUMN stock qty BIGINT AFTER id, RENAME COLUMN sku TO code"
expect_eq "converted" "$(rows "SELECT * FROM item ORDER BY id")" "1 3 A 1 2  B 3 3 300 C 11 "
expect_eq "unique index rebuilt" "$(rows "SELECT id FROM item WHERE code = 'C'")" "3 "
got=$(rcli SQL "INSERT INTO item (code, price) VALUES ('A', 1)")
expect_contains "unique still enforced" "$got" "ERR 1062 (23000): Duplicate entry 'A' for key 'item.sku'"
got=$(rcli SQL "SELECT sku FROM item")
expect_contains "old name gone" "$got" "ERR 1054"

# --- RENAME TO / RENAME TABLE ---------------------------------------------------
ok "ALTER TABLE item RENAME TO product"
got=$(rcli SQL "SELECT * FROM item")
expect_contains "renamed away" "$got" "ERR 1146 (42S02): Table 'tetradb.item' doesn't exist"
got=$(rcli SQL "ALTER TABLE product RENAME AS single")
expect_contains "rename onto existing" "$got" "ERR 1050 (42S01): Table 'single' already exists"
got=$(rcli SQL "RENAME TABLE product TO tmp, single TO product, tmp TO single")
[[ "$got" != ERR* ]] || fail "rename swap: $got"
got=$(rcli SQL "RENAME TABLE nope TO x")
expect_contains "rename missing" "$got" "ERR 1146 (42S02): Table 'tetradb.nope' doesn't exist"
expect_eq "swapped" "$(rows "SELECT code FROM single ORDER BY id")" "A B C "

# Over HTTP, with a foreign key following the renames.
got=$(http POST /sql '{"statements": [{"sql": "CREATE TABLE orders (id INT PRIMARY KEY, item_id INT, FOREIGN KEY (item_id) REFERENCES single (id))"}, {"sql": "INSERT INTO orders VALUES (1, 3)"}, {"sql": "ALTER TABLE single RENAME COLUMN id TO item_no, RENAME TO goods"}]}')
expect_contains "http alter" "$got" '200 '
got=$(http POST /sql '{"sql": "SHOW CREATE TABLE orders"}')
expect_contains "fk follows" "$got" 'REFERENCES `goods` (`item_no`)'
got=$(http POST /sql '{"sql": "ALTER TABLE goods DROP item_no"}')
expect_contains "fk blocks drop" "$got" '"code":1829'

# --- definitions survive a restart ------------------------------------------------
stop_tetradb
start_tetradb "$WORK/data"
expect_eq "after restart" "$(rows "SELECT item_no, qty, code, price FROM goods ORDER BY item_no")" "1 3 A 1 2  B 3 3 300 C 11 "
ok "INSERT INTO goods (code, price) VALUES ('D', 4)"
# 4 went to the INSERT refused with 1062 (as in InnoDB): the counter goes on.
expect_eq "auto increment kept" "$(rows "SELECT item_no FROM goods WHERE code = 'D'")" "5 "
got=$(rcli SQL "INSERT INTO orders VALUES (2, 99)")
expect_contains "fk after restart" "$got" "ERR 1452"

# --- a crash in the middle of a rewriting ALTER ----------------------------------
ok "CREATE TABLE big (id INT AUTO_INCREMENT PRIMARY KEY, v INT, w VARCHAR(20), KEY kv (v))"
ok "CREATE TABLE seq (n INT PRIMARY KEY)"
ok "INSERT INTO seq (n) WITH RECURSIVE s (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 200) SELECT n FROM s"
ok "INSERT INTO big (v, w) SELECT (a.n - 1) * 200 + b.n, CONCAT('w', (a.n - 1) * 200 + b.n) FROM seq a CROSS JOIN seq b WHERE b.n <= 200"
want=$(rows "SELECT COUNT(*), SUM(v) FROM big")
expect_eq "big loaded" "$want" "40000 800020000 "
rcli SQL "ALTER TABLE big MODIFY v BIGINT UNSIGNED, MODIFY w VARCHAR(30) NOT NULL" >/dev/null 2>&1 &
alter_pid=$!
# The copy takes about 0.1 s: kill it somewhere in the middle (or not).
sleep "0.0$((RANDOM % 9 + 1))"
kill -KILL "$TD_PID"
wait "$TD_PID" 2>/dev/null || true
TD_PID=""
wait "$alter_pid" 2>/dev/null || true
start_tetradb "$WORK/data"
expect_eq "big intact" "$(rows "SELECT COUNT(*), SUM(v) FROM big")" "$want"
if rcli SQL "SHOW CREATE TABLE big" | grep -q 'bigint unsigned'; then
  echo "crash came after the ALTER's commit"
else
  echo "crash came before the ALTER's commit"
fi
expect_eq "index intact" "$(rows "SELECT COUNT(*) FROM big WHERE v BETWEEN 100 AND 199")" "100 "
# Whichever definition won, the ALTER can run (again) to its end.
ok "ALTER TABLE big MODIFY v BIGINT UNSIGNED, MODIFY w VARCHAR(30) NOT NULL"
expect_eq "big altered" "$(rows "SELECT COUNT(*), SUM(v), MAX(w) FROM big")" "40000 800020000 w9999 "
got=$(rcli SQL "SHOW CREATE TABLE big")
expect_contains "big definition" "$got" '`v` bigint unsigned DEFAULT NULL'

stop_tetradb
echo "PASS sql_alter_test"

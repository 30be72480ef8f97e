#!/usr/bin/env bash
# The relational model from outside: SQL over redis-cli and POST /sql over
# curl, transactions on a connection, MySQL errors, restart, and the seeds'
# e-commerce schema loaded from its DDL file.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

start_tetradb "$WORK/data"

# --- RESP ---------------------------------------------------------------
got=$(rcli SQL "CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(10) NOT NULL UNIQUE, price DECIMAL(8,2), stock INT NOT NULL DEFAULT 0)")
# (redis-cli prints an empty array as an empty line when not on a terminal)
expect_eq "create over RESP" "$got" $'columns\n\nrows\n\nrows_affected\n0\nlast_insert_id\n0'

got=$(rcli SQL "INSERT INTO item (sku, price, stock) VALUES (?, ?, ?), ('B', 2.50, 5)" A 1.25 3)
expect_eq "insert with params" "$got" $'columns\n\nrows\n\nrows_affected\n2\nlast_insert_id\n1'

got=$(rcli SQL "SELECT id, sku, price, stock FROM item WHERE price > ? ORDER BY id" 1)
expect_eq "select" "$got" $'columns\nid\nsku\nprice\nstock\nrows\n1\nA\n1.25\n3\n2\nB\n2.50\n5\nrows_affected\n0\nlast_insert_id\n0'

got=$(rcli SQL "SELECT sku, NULL FROM item WHERE id = 1")
expect_eq "NULL is nil" "$got" $'columns\nsku\nNULL\nrows\nA\n\nrows_affected\n0\nlast_insert_id\n0'

got=$(rcli SQL "INSERT INTO item (sku) VALUES ('A')")
expect_contains "duplicate" "$got" "ERR 1062 (23000): Duplicate entry 'A' for key 'item.sku'"
got=$(rcli SQL "SELEC 1")
expect_contains "syntax" "$got" "ERR 1064 (42000): You have an error in your SQL syntax"
got=$(rcli SQL "SELECT * FROM nope")
expect_contains "no table" "$got" "ERR 1146 (42S02): Table 'tetradb.nope' doesn't exist"
got=$(rcli SQL)
expect_contains "arity" "$got" "ERR wrong number of arguments for 'sql' command"

# RESP3 renders the reply as a map.
got=$(rcli -3 SQL "SELECT COUNT(*) FROM item")
expect_contains "resp3 map" "$got" "rows"

# A transaction lives on its connection: one redis-cli session runs all of
# these on one connection.
got=$(printf '%s\n' 'SQL BEGIN' "SQL \"UPDATE item SET stock = stock - 1 WHERE sku = 'A'\"" \
  'SQL "SELECT stock FROM item WHERE sku = '"'A'"'"' 'SQL ROLLBACK' \
  'SQL "SELECT stock FROM item WHERE sku = '"'A'"'"' | rcli | grep -A1 '^rows$' | grep -v -e '^rows$' -e '^--$' -e '^$')
expect_eq "rollback on the connection" "$got" $'2\n3'

# last_insert_id in a reply is the statement's own (0 when it generated
# none); LAST_INSERT_ID() keeps the connection's latest.
rcli SQL "CREATE TABLE seqt (id INT AUTO_INCREMENT PRIMARY KEY, v INT)" >/dev/null
got=$(printf '%s\n' 'SQL "INSERT INTO seqt (v) VALUES (1), (2)"' 'SQL "SELECT LAST_INSERT_ID()"' \
  'SQL "DELETE FROM seqt WHERE v = 2"' | rcli | grep -A1 -e '^last_insert_id$' -e '^rows$' |
  grep -v -e '^last_insert_id$' -e '^rows$' -e '^--$' -e '^$' | tr '\n' ' ')
expect_eq "per-statement last_insert_id" "$got" "1 1 0 0 "

# A connection that goes away with an open transaction leaves nothing.
printf '%s\n' 'SQL BEGIN' "SQL \"UPDATE item SET stock = 100 WHERE sku = 'A'\"" | rcli >/dev/null
got=$(rcli SQL "SELECT stock FROM item WHERE sku = 'A'" | sed -n 4p)
expect_eq "closed connection rolled back" "$got" "3"

# SQL cannot be queued in MULTI: it has its own transactions.
got=$(printf '%s\n' MULTI 'SQL "SELECT 1"' EXEC | rcli)
expect_contains "sql in multi" "$got" "ERR"

# --- HTTP ---------------------------------------------------------------
got=$(http POST /sql '{"sql": "SELECT id, sku, price FROM item WHERE id = ?", "params": [2]}')
expect_eq "http select" "$got" '200 {"columns":["id","sku","price"],"last_insert_id":0,"rows":[[2,"B","2.50"]],"rows_affected":0}'

got=$(http POST /sql '{"sql": "INSERT INTO item (sku, price) VALUES (?, ?)", "params": ["C", 9.99]}')
# 4, not 3: the failed duplicate insert above used up 3, as InnoDB does.
expect_eq "http insert" "$got" '200 {"columns":[],"last_insert_id":4,"rows":[],"rows_affected":1}'

got=$(http POST /sql '{"sql": "INSERT INTO item (sku) VALUES (\"C\")"}')
expect_eq "http duplicate" "$got" '409 {"error":{"code":1062,"message":"Duplicate entry '"'C'"' for key '"'item.sku'"'","sqlstate":"23000"}}'

got=$(http POST /sql '{"sql": "SELECT FROM"}')
expect_contains "http syntax" "$got" '400 {"error":{"code":1064'
got=$(http POST /sql '{"nope": 1}')
expect_contains "http bad body" "$got" '400 {"error":{"code":"bad_request"'
got=$(http POST /sql 'not json')
expect_contains "http not json" "$got" '400 '
got=$(http GET /sql)
expect_contains "http method" "$got" '405 '

# Statements of one request share a session: a transaction can span them,
# and a failure stops the request (and rolls back what it left open).
got=$(http POST /sql '{"statements": [{"sql": "BEGIN"}, {"sql": "UPDATE item SET stock = 42 WHERE id = 1"}, {"sql": "INSERT INTO item (sku) VALUES (\"A\")"}]}')
expect_contains "statements error" "$got" '"statement":2'
got=$(http POST /sql '{"sql": "SELECT stock FROM item WHERE id = 1"}')
expect_contains "statements rolled back" "$got" '"rows":[[3]]'

# --- Restart keeps rows, indexes and the AUTO_INCREMENT counter ----------
stop_tetradb
start_tetradb "$WORK/data"
got=$(rcli SQL "INSERT INTO item (sku) VALUES ('D')" | sed -n 8p)
# 7: ids 3, 5 and 6 went to inserts that failed, and are not handed out
# again after the restart either (as in MySQL 8).
expect_eq "auto increment after restart" "$got" "7"
got=$(rcli SQL "SELECT COUNT(*) FROM item" | sed -n 4p)
expect_eq "rows after restart" "$got" "4"
# Not even a crash hands out an id again: delete the newest row, kill -9.
rcli SQL "DELETE FROM item WHERE id = 7" >/dev/null
kill -KILL "$TD_PID"; wait "$TD_PID" 2>/dev/null || true; TD_PID=""
start_tetradb "$WORK/data"
got=$(rcli SQL "INSERT INTO item (sku) VALUES ('E')" | sed -n 8p)
[ "$got" -gt 7 ] || fail "id $got handed out again after a crash"
got=$(rcli SQL "INSERT INTO item (sku) VALUES ('B')")
expect_contains "unique index after restart" "$got" "ERR 1062"

# --- The e-commerce schema from its DDL file, over HTTP -----------------
got=$(timeout 30 curl -s -w ' %{http_code}' --data-binary @"$ROOT/docs/ecommerce-schema.sql" \
  "http://127.0.0.1:$TD_HTTP/sql/script")
expect_contains "schema loads" "$got" " 200"
got=$(rcli SQL "SHOW TABLES" | grep -c -E '^(User|Address|Item|Category|ItemCategory|ItemAttribute|ItemVariation|VariationTrait|Order|OrderItem|ShippingOption|TaxRate|OrderTax|PaymentType|PaymentMethod|ReturnItem)$')
expect_eq "16 tables" "$got" "16"

# Everyday queries on it: sign-up over RESP, checkout in one HTTP request,
# order history over both.
rcli SQL "INSERT INTO Address (AddressLine1, City, PostalCode, Country) VALUES (?, ?, ?, ?)" \
  "1 Main St" Springfield 62701 US >/dev/null
got=$(rcli SQL "INSERT INTO User (FirstName, LastName, Email, Username, PasswordHash, PrimaryAddressID) VALUES (?, ?, ?, ?, ?, ?)" \
  Ada Lovelace ada@example.com ada hash 1 | sed -n 8p)
expect_eq "user id" "$got" "1"
got=$(rcli SQL "INSERT INTO User (FirstName, LastName, Email, Username, PasswordHash) VALUES ('B', 'C', 'ada@example.com', 'b', 'h')")
expect_contains "unique email" "$got" "ERR 1062 (23000): Duplicate entry 'ada@example.com' for key 'User.Email'"
got=$(http POST /sql '{"statements": [
  {"sql": "INSERT INTO Item (Name, BasePrice, TotalStockQuantity) VALUES (?, ?, ?)", "params": ["Lamp", "24.90", 10]},
  {"sql": "INSERT INTO ShippingOption (Name, Rate) VALUES (\"Standard\", 4.99)"},
  {"sql": "INSERT INTO PaymentType (TypeName) VALUES (\"Card\")"},
  {"sql": "INSERT INTO PaymentMethod (UserID, PaymentTypeID, AccountNumberLast4, AccountHolderName, BillingAddressID) VALUES (1, 1, \"4242\", \"Ada\", 1)"},
  {"sql": "BEGIN"},
  {"sql": "SELECT TotalStockQuantity FROM Item WHERE ItemID = 1 FOR UPDATE"},
  {"sql": "INSERT INTO `Order` (UserID, OrderNumber, SubtotalAmount, TotalAmount, ShippingAddressID, ShippingOptionID, PaymentMethodID, ExpectedShipDate, ExpectedDeliveryDate) VALUES (1, \"ORD-1\", 49.80, 54.79, 1, 1, 1, \"2026-11-22\", \"2026-11-25\")"},
  {"sql": "INSERT INTO OrderItem (OrderID, ItemID, Quantity, UnitPrice, LineTotal, ItemNameSnapshot) VALUES (LAST_INSERT_ID(), 1, 2, 24.90, 49.80, \"Lamp\")"},
  {"sql": "UPDATE Item SET TotalStockQuantity = TotalStockQuantity - 2 WHERE ItemID = 1"},
  {"sql": "COMMIT"}]}')
expect_contains "checkout over HTTP" "$got" '"rows":[[10]]'
got=$(http POST /sql '{"sql": "SELECT o.OrderNumber, oi.ItemNameSnapshot, oi.Quantity, oi.LineTotal, i.TotalStockQuantity FROM `Order` o JOIN OrderItem oi ON oi.OrderID = o.OrderID JOIN Item i ON i.ItemID = oi.ItemID WHERE o.UserID = ?", "params": [1]}')
expect_contains "order history over HTTP" "$got" '"rows":[["ORD-1","Lamp",2,"49.80",8]]'
got=$(rcli SQL "SELECT Status, COUNT(*), SUM(TotalAmount) FROM \`Order\` GROUP BY Status" | sed -n 6,8p | tr '\n' ' ')
expect_eq "revenue by status over RESP" "$got" "pending 1 54.79 "

stop_tetradb
echo "PASS sql_test"

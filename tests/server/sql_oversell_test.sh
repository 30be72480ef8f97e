#!/usr/bin/env bash
# No overselling: 20 connections run checkout transactions against one stock
# level at the same time. Each locks the variation row (SELECT ... FOR
# UPDATE), records the sale only if stock is left, and decrements the stock.
# The stock never goes negative and the units sold equal the stock removed.
source "$(dirname "$0")/lib.sh"

start_tetradb "$WORK/data"
rcli SQL "CREATE TABLE ItemVariation (ItemVariationID INT PRIMARY KEY, StockQuantity INT NOT NULL)" >/dev/null
rcli SQL "CREATE TABLE Sale (SaleID INT AUTO_INCREMENT PRIMARY KEY, ItemVariationID INT NOT NULL, Quantity INT NOT NULL, FOREIGN KEY (ItemVariationID) REFERENCES ItemVariation (ItemVariationID))" >/dev/null
rcli SQL "INSERT INTO ItemVariation VALUES (1, 150), (2, 1000)" >/dev/null

clients=20
per_client=20  # 400 attempts at 1 unit each for 150 units of stock
for c in $(seq 1 $clients); do
  for i in $(seq 1 $per_client); do
    printf '%s\n' 'SQL BEGIN' \
      'SQL "SELECT StockQuantity FROM ItemVariation WHERE ItemVariationID = 1 FOR UPDATE"' \
      'SQL "INSERT INTO Sale (ItemVariationID, Quantity) SELECT ItemVariationID, 1 FROM ItemVariation WHERE ItemVariationID = 1 AND StockQuantity >= 1"' \
      'SQL "UPDATE ItemVariation SET StockQuantity = StockQuantity - 1 WHERE ItemVariationID = 1 AND StockQuantity >= 1"' \
      'SQL "UPDATE ItemVariation SET StockQuantity = StockQuantity - 1 WHERE ItemVariationID = 2"' \
      'SQL COMMIT'
  done >"$WORK/client$c.txt"
done

pids=()
for c in $(seq 1 $clients); do
  timeout 120 redis-cli -h 127.0.0.1 -p "$TD_PORT" <"$WORK/client$c.txt" >"$WORK/out$c.txt" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a client failed"; done

errors=$(cat "$WORK"/out*.txt | grep -c '^ERR' || true)
expect_eq "no statement failed" "$errors" "0"
stock=$(rcli SQL "SELECT StockQuantity FROM ItemVariation WHERE ItemVariationID = 1" | sed -n 4p)
sold=$(rcli SQL "SELECT COALESCE(SUM(Quantity), 0) FROM Sale" | sed -n 4p)
other=$(rcli SQL "SELECT StockQuantity FROM ItemVariation WHERE ItemVariationID = 2" | sed -n 4p)
expect_eq "stock never negative, all sold" "$stock" "0"
expect_eq "units sold equal stock removed" "$sold" "150"
expect_eq "every decrement of the other row applied" "$other" "$((1000 - clients * per_client))"

stop_tetradb
echo "PASS sql_oversell_test"

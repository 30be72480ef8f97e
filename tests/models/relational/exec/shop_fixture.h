// A small shop schema (users, orders, order_items, products) shared by the
// join, aggregate and subquery tests.
#pragma once

#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {

class ShopFixture : public ExecFixture {
 protected:
  void SetUp() override {
    ExecFixture::SetUp();
    Create(
        "CREATE TABLE users (id INT PRIMARY KEY AUTO_INCREMENT, email VARCHAR(100) NOT NULL, "
        "name VARCHAR(50), city VARCHAR(30), UNIQUE KEY uk_email (email))");
    Create(
        "CREATE TABLE products (id INT PRIMARY KEY, title VARCHAR(50), price DECIMAL(10,2), "
        "category VARCHAR(20), INDEX idx_category (category))");
    Create(
        "CREATE TABLE orders (id INT PRIMARY KEY AUTO_INCREMENT, user_id INT NOT NULL, "
        "status VARCHAR(20), total DECIMAL(10,2), created DATE, INDEX idx_user (user_id), "
        "INDEX idx_status_created (status, created))");
    Create(
        "CREATE TABLE order_items (order_id INT NOT NULL, product_id INT NOT NULL, qty INT, "
        "price DECIMAL(10,2), PRIMARY KEY (order_id, product_id))");
    Ok("INSERT INTO users (email, name, city) VALUES ('ann@x.io', 'Ann', 'Oslo'), "
       "('bob@x.io', 'Bob', 'Rome'), ('cid@x.io', 'Cid', 'Oslo'), ('dee@x.io', 'Dee', NULL)");
    Ok("INSERT INTO products VALUES (1, 'pen', 1.50, 'office'), (2, 'book', 12.00, 'media'), "
       "(3, 'lamp', 30.25, 'home'), (4, 'mug', 6.00, 'home')");
    Ok("INSERT INTO orders (user_id, status, total, created) VALUES "
       "(1, 'paid', 13.50, '2026-01-10'), (1, 'new', 30.25, '2026-02-01'), "
       "(2, 'paid', 6.00, '2026-01-15'), (3, 'cancelled', 1.50, '2026-03-01'), "
       "(2, 'paid', 24.00, '2026-03-05')");
    Ok("INSERT INTO order_items VALUES (1, 1, 1, 1.50), (1, 2, 1, 12.00), (2, 3, 1, 30.25), "
       "(3, 4, 1, 6.00), (4, 1, 1, 1.50), (5, 2, 2, 12.00)");
  }
};

}  // namespace tetradb::rel::sql

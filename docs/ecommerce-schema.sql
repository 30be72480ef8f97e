-- The relational core of the e-commerce backend: the 16 MySQL tables of the
-- seed ER diagram (seeds/001), as a MySQL 8 schema. It runs unchanged on
-- MySQL 8 and on tetradb (SQL over RESP, or Session::ExecuteScript).
--
-- Tables are created in an order that satisfies every reference: Address
-- before User (a user points at a primary address), Item and Category before
-- the tables that link them, and so on. Order is a reserved word and is
-- always written with backticks.
--
-- Delete actions: rows owned by a parent go with it (an order takes its
-- lines, taxes and returns; an item its categories, attributes and
-- variations); optional references become NULL (a parent category, a
-- primary address, an ordered variation, a return shipping option);
-- everything else is protected from deletion while referenced (RESTRICT).

CREATE TABLE Address (
  AddressID     INT AUTO_INCREMENT PRIMARY KEY,
  AddressLine1  VARCHAR(255) NOT NULL,
  AddressLine2  VARCHAR(255),
  City          VARCHAR(100) NOT NULL,
  StateProvince VARCHAR(100),
  PostalCode    VARCHAR(20) NOT NULL,
  Country       VARCHAR(100) NOT NULL,
  CreatedAt     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE User (
  UserID           INT AUTO_INCREMENT PRIMARY KEY,
  FirstName        VARCHAR(100) NOT NULL,
  LastName         VARCHAR(100) NOT NULL,
  Email            VARCHAR(255) NOT NULL UNIQUE,
  Username         VARCHAR(50) NOT NULL UNIQUE,
  PasswordHash     VARCHAR(255) NOT NULL,
  PrimaryAddressID INT,
  CreatedAt        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_user_primary_address FOREIGN KEY (PrimaryAddressID)
    REFERENCES Address (AddressID) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE Category (
  CategoryID       INT AUTO_INCREMENT PRIMARY KEY,
  CategoryName     VARCHAR(100) NOT NULL UNIQUE,
  Description      TEXT,
  ParentCategoryID INT,
  CreatedAt        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_category_parent FOREIGN KEY (ParentCategoryID)
    REFERENCES Category (CategoryID) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE Item (
  ItemID             INT AUTO_INCREMENT PRIMARY KEY,
  Name               VARCHAR(255) NOT NULL,
  Description        TEXT,
  BasePrice          DECIMAL(10,2) NOT NULL,
  TotalStockQuantity INT NOT NULL DEFAULT 0,
  ImageURL           VARCHAR(500),
  IsActive           BOOLEAN NOT NULL DEFAULT TRUE,
  CreatedAt          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY idx_item_name (Name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per (item, category); the unique key also serves the ItemID
-- foreign key.
CREATE TABLE ItemCategory (
  ItemCategoryID    INT AUTO_INCREMENT PRIMARY KEY,
  ItemID            INT NOT NULL,
  CategoryID        INT NOT NULL,
  IsPrimaryCategory BOOLEAN NOT NULL DEFAULT FALSE,
  CreatedAt         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_item_category (ItemID, CategoryID),
  CONSTRAINT fk_itemcategory_item FOREIGN KEY (ItemID)
    REFERENCES Item (ItemID) ON DELETE CASCADE,
  CONSTRAINT fk_itemcategory_category FOREIGN KEY (CategoryID)
    REFERENCES Category (CategoryID) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE ItemAttribute (
  AttributeID    INT AUTO_INCREMENT PRIMARY KEY,
  ItemID         INT NOT NULL,
  AttributeName  VARCHAR(100) NOT NULL,
  AttributeValue VARCHAR(255) NOT NULL,
  AttributeUnit  VARCHAR(50),
  CreatedAt      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_itemattribute_item FOREIGN KEY (ItemID)
    REFERENCES Item (ItemID) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE ItemVariation (
  ItemVariationID INT AUTO_INCREMENT PRIMARY KEY,
  ItemID          INT NOT NULL,
  VariationSKU    VARCHAR(64) NOT NULL UNIQUE,
  StockQuantity   INT NOT NULL DEFAULT 0,
  PriceAdjustment DECIMAL(10,2),
  IsAvailable     BOOLEAN NOT NULL DEFAULT TRUE,
  CreatedAt       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_itemvariation_item FOREIGN KEY (ItemID)
    REFERENCES Item (ItemID) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Size, Color, Material ... of one variation.
CREATE TABLE VariationTrait (
  VariationTraitID INT AUTO_INCREMENT PRIMARY KEY,
  ItemVariationID  INT NOT NULL,
  TraitType        VARCHAR(50) NOT NULL,
  TraitValue       VARCHAR(100) NOT NULL,
  CreatedAt        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_variationtrait_variation FOREIGN KEY (ItemVariationID)
    REFERENCES ItemVariation (ItemVariationID) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Standard, Express, Overnight.
CREATE TABLE ShippingOption (
  ShippingOptionID INT AUTO_INCREMENT PRIMARY KEY,
  Name             VARCHAR(100) NOT NULL,
  Description      VARCHAR(255),
  EstimatedDays    VARCHAR(50),
  Rate             DECIMAL(10,2) NOT NULL,
  IsActive         BOOLEAN NOT NULL DEFAULT TRUE,
  CreatedAt        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- CreditCard, BankAccount, PayPal.
CREATE TABLE PaymentType (
  PaymentTypeID INT AUTO_INCREMENT PRIMARY KEY,
  TypeName      VARCHAR(50) NOT NULL,
  Description   VARCHAR(255),
  IsActive      BOOLEAN NOT NULL DEFAULT TRUE,
  CreatedAt     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Only the last four digits of an account are stored.
CREATE TABLE PaymentMethod (
  PaymentMethodID    INT AUTO_INCREMENT PRIMARY KEY,
  UserID             INT NOT NULL,
  PaymentTypeID      INT NOT NULL,
  AccountNumberLast4 CHAR(4) NOT NULL,
  CardType           VARCHAR(20),
  ExpirationMonth    CHAR(2),
  ExpirationYear     CHAR(4),
  AccountHolderName  VARCHAR(200) NOT NULL,
  BillingAddressID   INT NOT NULL,
  IsDefault          BOOLEAN NOT NULL DEFAULT FALSE,
  IsActive           BOOLEAN NOT NULL DEFAULT TRUE,
  CreatedAt          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_paymentmethod_user FOREIGN KEY (UserID)
    REFERENCES User (UserID) ON DELETE CASCADE,
  CONSTRAINT fk_paymentmethod_type FOREIGN KEY (PaymentTypeID)
    REFERENCES PaymentType (PaymentTypeID) ON DELETE RESTRICT,
  CONSTRAINT fk_paymentmethod_billing_address FOREIGN KEY (BillingAddressID)
    REFERENCES Address (AddressID) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Sales Tax, VAT ...; Rate is a percentage (8.2500 = 8.25%).
CREATE TABLE TaxRate (
  TaxRateID        INT AUTO_INCREMENT PRIMARY KEY,
  TaxName          VARCHAR(100) NOT NULL,
  Rate             DECIMAL(6,4) NOT NULL,
  ApplicableRegion VARCHAR(100) NOT NULL,
  IsActive         BOOLEAN NOT NULL DEFAULT TRUE,
  EffectiveFrom    DATETIME NOT NULL,
  EffectiveTo      DATETIME,
  CreatedAt        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Orders are kept while anything they reference exists: deleting a user,
-- address, shipping option or payment method with orders is refused.
CREATE TABLE `Order` (
  OrderID              INT AUTO_INCREMENT PRIMARY KEY,
  UserID               INT NOT NULL,
  OrderNumber          VARCHAR(32) NOT NULL UNIQUE,
  Status               ENUM('pending','processing','shipped','delivered','cancelled')
                         NOT NULL DEFAULT 'pending',
  SubtotalAmount       DECIMAL(10,2) NOT NULL,
  TaxAmount            DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  ShippingAmount       DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  TotalAmount          DECIMAL(10,2) NOT NULL,
  ShippingAddressID    INT NOT NULL,
  ShippingOptionID     INT NOT NULL,
  PaymentMethodID      INT NOT NULL,
  OrderDate            DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ExpectedShipDate     DATETIME NOT NULL,
  ActualShipDate       DATETIME,
  ExpectedDeliveryDate DATETIME NOT NULL,
  ActualDeliveryDate   DATETIME,
  OrderNotes           TEXT,
  CreatedAt            DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt            DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY idx_order_user_date (UserID, OrderDate),
  KEY idx_order_status (Status),
  CONSTRAINT fk_order_user FOREIGN KEY (UserID)
    REFERENCES User (UserID) ON DELETE RESTRICT,
  CONSTRAINT fk_order_shipping_address FOREIGN KEY (ShippingAddressID)
    REFERENCES Address (AddressID) ON DELETE RESTRICT,
  CONSTRAINT fk_order_shipping_option FOREIGN KEY (ShippingOptionID)
    REFERENCES ShippingOption (ShippingOptionID) ON DELETE RESTRICT,
  CONSTRAINT fk_order_payment_method FOREIGN KEY (PaymentMethodID)
    REFERENCES PaymentMethod (PaymentMethodID) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Price and names are copied at purchase time, so later catalog edits do
-- not rewrite past orders.
CREATE TABLE OrderItem (
  OrderItemID          INT AUTO_INCREMENT PRIMARY KEY,
  OrderID              INT NOT NULL,
  ItemID               INT NOT NULL,
  ItemVariationID      INT,
  Quantity             INT NOT NULL,
  UnitPrice            DECIMAL(10,2) NOT NULL,
  LineTotal            DECIMAL(10,2) NOT NULL,
  ItemNameSnapshot     VARCHAR(255) NOT NULL,
  VariationDescription VARCHAR(255),
  CreatedAt            DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_orderitem_order FOREIGN KEY (OrderID)
    REFERENCES `Order` (OrderID) ON DELETE CASCADE,
  CONSTRAINT fk_orderitem_item FOREIGN KEY (ItemID)
    REFERENCES Item (ItemID) ON DELETE RESTRICT,
  CONSTRAINT fk_orderitem_variation FOREIGN KEY (ItemVariationID)
    REFERENCES ItemVariation (ItemVariationID) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE OrderTax (
  OrderTaxID    INT AUTO_INCREMENT PRIMARY KEY,
  OrderID       INT NOT NULL,
  TaxRateID     INT NOT NULL,
  TaxableAmount DECIMAL(10,2) NOT NULL,
  TaxAmount     DECIMAL(10,2) NOT NULL,
  CreatedAt     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_ordertax_order FOREIGN KEY (OrderID)
    REFERENCES `Order` (OrderID) ON DELETE CASCADE,
  CONSTRAINT fk_ordertax_taxrate FOREIGN KEY (TaxRateID)
    REFERENCES TaxRate (TaxRateID) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE ReturnItem (
  ReturnID               INT AUTO_INCREMENT PRIMARY KEY,
  OrderID                INT NOT NULL,
  OrderItemID            INT NOT NULL,
  ItemID                 INT NOT NULL,
  ReturnReason           VARCHAR(255) NOT NULL,
  ReturnNotes            TEXT,
  Status                 ENUM('requested','approved','in_transit','received','refunded',
                              'rejected') NOT NULL DEFAULT 'requested',
  Quantity               INT NOT NULL,
  RefundAmount           DECIMAL(10,2) NOT NULL,
  RestockingFee          DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  RefundStatus           ENUM('pending','processed','completed') NOT NULL DEFAULT 'pending',
  ReturnShippingOptionID INT,
  RequestedAt            DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ApprovedAt             DATETIME,
  ReceivedAt             DATETIME,
  RefundedAt             DATETIME,
  CreatedAt              DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt              DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_returnitem_order FOREIGN KEY (OrderID)
    REFERENCES `Order` (OrderID) ON DELETE CASCADE,
  CONSTRAINT fk_returnitem_orderitem FOREIGN KEY (OrderItemID)
    REFERENCES OrderItem (OrderItemID) ON DELETE CASCADE,
  CONSTRAINT fk_returnitem_item FOREIGN KEY (ItemID)
    REFERENCES Item (ItemID) ON DELETE RESTRICT,
  CONSTRAINT fk_returnitem_shipping_option FOREIGN KEY (ReturnShippingOptionID)
    REFERENCES ShippingOption (ShippingOptionID) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

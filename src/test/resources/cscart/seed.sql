-- cscart-xero test fixture: minimal reference rows (project's own data; {prefix} = table prefix).
-- Every INSERT names its columns and sets every NOT NULL column without a default: it must work in strict mode.

-- two languages, so that per-language rows (descriptions) are exercised
INSERT INTO {prefix}languages (lang_id, lang_code, name, status, country_code) VALUES
  (1, 'en', 'English', 'A', 'US'),
  (2, 'fr', 'Français', 'A', 'FR');

-- the store (ULT storefront company 1) and two Multi-Vendor vendors (children of MV parent orders carry their ids)
INSERT INTO {prefix}companies (company_id, status, company, lang_code, address, city, state, country, zipcode, email,
                               phone, url, storefront, secure_storefront, timestamp) VALUES
  (1, 'A', 'Fixture Store', 'en', '44 Harbour Road', 'Boston', 'MA', 'US', '02110', 'store@fixture.example.com',
   '+1 617 555 0100', 'https://fixture.example.com', 'fixture.example.com', 'fixture.example.com', 1672531200),
  (2, 'A', 'Nordic Outfitters AB', 'en', 'Drottninggatan 12', 'Stockholm', 'AB', 'SE', '111 51',
   'vendor2@vendor.example.com', '+46 8 555 012 34', 'https://nordic.vendor.example.com', '', '', 1672617600),
  (3, 'A', 'Müller Küchen GmbH', 'en', 'Schloßallee 7', 'München', 'BAY', 'DE', '80331',
   'vendor3@vendor.example.com', '+49 89 2333 0147', 'https://mueller.vendor.example.com', '', '', 1672704000);

-- primary currency USD; EUR is a display currency (coefficient = value of 1 EUR in USD)
INSERT INTO {prefix}currencies (currency_id, currency_code, after, symbol, coefficient, is_primary, position,
                                decimals_separator, thousands_separator, decimals, status) VALUES
  (1, 'USD', 'N', '$', 1.00000, 'Y', 10, '.', ',', 2, 'A'),
  (2, 'EUR', 'Y', '€', 1.10000, 'N', 20, ',', '.', 2, 'A');

-- order statuses, with the status_id numbering of a fresh CS-Cart install
INSERT INTO {prefix}statuses (status_id, status, type, is_default, position) VALUES
  (1, 'P', 'O', 'Y', 0),
  (2, 'C', 'O', 'Y', 0),
  (3, 'O', 'O', 'Y', 0),
  (4, 'F', 'O', 'Y', 0),
  (5, 'D', 'O', 'Y', 0),
  (6, 'B', 'O', 'Y', 0),
  (7, 'I', 'O', 'Y', 0);

INSERT INTO {prefix}status_descriptions (status_id, lang_code, description, email_subj, email_header) VALUES
  (1, 'en', 'Paid', 'has been paid', ''),
  (2, 'en', 'Complete', 'has been completed', ''),
  (3, 'en', 'Open', 'has been placed', ''),
  (4, 'en', 'Failed', 'has failed', ''),
  (5, 'en', 'Declined', 'has been declined', ''),
  (6, 'en', 'Backordered', 'has been backordered', ''),
  (7, 'en', 'Canceled', 'has been canceled', ''),
  (1, 'fr', 'Payée', 'a été payée', ''),
  (2, 'fr', 'Terminée', 'est terminée', ''),
  (3, 'fr', 'Ouverte', 'a été passée', ''),
  (4, 'fr', 'Échouée', 'a échoué', ''),
  (5, 'fr', 'Refusée', 'a été refusée', ''),
  (6, 'fr', 'En rupture', 'est en rupture de stock', ''),
  (7, 'fr', 'Annulée', 'a été annulée', '');

-- payment_received: P and C; inventory: D (decrease stock) on P/C/O, I (increase) on F/D/B/I
INSERT INTO {prefix}status_data (status_id, param, value) VALUES
  (1, 'payment_received', 'Y'), (1, 'inventory', 'D'),
  (2, 'payment_received', 'Y'), (2, 'inventory', 'D'),
  (3, 'inventory', 'D'),
  (4, 'inventory', 'I'),
  (5, 'inventory', 'I'),
  (6, 'inventory', 'I'),
  (7, 'inventory', 'I');

-- category tree of company 1: "Catalog" with five subcategories (products get one 'M' link, some 'A' links)
INSERT INTO {prefix}categories (category_id, parent_id, id_path, level, company_id, storefront_id, usergroup_ids,
                                status, product_count, position, timestamp) VALUES
  (1, 0, '1', 1, 1, 0, '0', 'A', 0, 10, 1672531200),
  (2, 1, '1/2', 2, 1, 0, '0', 'A', 0, 10, 1672531200),
  (3, 1, '1/3', 2, 1, 0, '0', 'A', 0, 20, 1672531200),
  (4, 1, '1/4', 2, 1, 0, '0', 'A', 0, 30, 1672531200),
  (5, 1, '1/5', 2, 1, 0, '0', 'A', 0, 40, 1672531200),
  (6, 1, '1/6', 2, 1, 0, '0', 'A', 0, 50, 1672531200);

INSERT INTO {prefix}category_descriptions (category_id, lang_code, category, description) VALUES
  (1, 'en', 'Catalog', ''),
  (1, 'fr', 'Catalogue', ''),
  (2, 'en', 'Electronics', ''),
  (2, 'fr', 'Électronique', ''),
  (3, 'en', 'Home & Kitchen', '<p>Everything for the home &amp; kitchen</p>'),
  (3, 'fr', 'Maison & Cuisine', '<p>Tout pour la maison &amp; la cuisine</p>'),
  (4, 'en', 'Apparel', ''),
  (4, 'fr', 'Vêtements', ''),
  (5, 'en', 'Food & Drink', ''),
  (5, 'fr', 'Épicerie & Boissons', ''),
  (6, 'en', 'Books & Media', ''),
  (6, 'fr', 'Livres & Médias', '');

-- taxes (ids as in CS-Cart, whose install has tax 6 "VAT"): two included in prices, two added to prices.
-- StoreGenerator's orders use exactly these ids, names and rates in their order_data 'T' rows.
INSERT INTO {prefix}taxes (tax_id, address_type, status, price_includes_tax, display_including_tax, display_info,
                           regnumber, priority) VALUES
  (6, 'S', 'A', 'Y', 'N', '', 'GB123456789', 0),
  (7, 'S', 'A', 'Y', 'N', '', 'NZ 123-456-789', 0),
  (8, 'S', 'A', 'N', 'N', '', '', 0),
  (9, 'S', 'A', 'N', 'N', '', '', 0);

INSERT INTO {prefix}tax_descriptions (tax_id, lang_code, tax) VALUES
  (6, 'en', 'VAT'),
  (6, 'fr', 'TVA'),
  (7, 'en', 'GST'),
  (7, 'fr', 'TPS'),
  (8, 'en', 'Sales tax'),
  (8, 'fr', 'Taxe de vente'),
  (9, 'en', 'City tax'),
  (9, 'fr', 'Taxe municipale');

-- one percentage rate per tax (destination 1)
INSERT INTO {prefix}tax_rates (rate_id, tax_id, destination_id, rate_value, rate_type) VALUES
  (1, 6, 1, 10.000, 'P'),
  (2, 7, 1, 15.000, 'P'),
  (3, 8, 1, 8.250, 'P'),
  (4, 9, 1, 1.500, 'P');

-- settings read by the connector (StoreSettingsService: default language, time zone; CS-Cart's install has
-- timezone America/Los_Angeles, the fixture keeps UTC so that dates in tests are plain)
INSERT INTO {prefix}settings_objects (edition_type, name, section_id, section_tab_id, type, value, position,
                                      is_global) VALUES
  ('ROOT', 'backend_default_language', 4, 0, 'S', 'en', 15, 'Y'),
  ('ROOT,STOREFRONT', 'frontend_default_language', 4, 0, 'S', 'en', 80, 'Y'),
  ('ROOT', 'timezone', 4, 0, 'S', 'UTC', 220, 'Y'),
  ('ROOT,ULT:VENDOR', 'log_type_orders', 12, 0, 'N', '#M#create=Y&delete=Y&update=Y&status=Y', 10, 'Y'),
  ('ROOT,ULT:VENDOR', 'log_type_users', 12, 0, 'N', '#M#create=Y&delete=Y&update=Y&session=Y&failed_login=Y', 10, 'Y'),
  ('ROOT,ULT:VENDOR', 'log_type_products', 12, 0, 'N', '#M#create=Y&delete=Y&update=Y&low_stock=Y', 10, 'Y'),
  ('ROOT,ULT:VENDOR', 'log_type_categories', 12, 0, 'N', '#M#create=Y&delete=Y&update=Y', 10, 'Y');

-- ---------------------------------------------------------------- payment methods (paymentExportJob)
-- the ids orders use (1, 2, 3, 4, 6): card and phone as in a fresh install, a PayPal-like gateway, a bank transfer
-- (offline, usually left unmapped) and cash on delivery; 5 is a disabled method no order uses
INSERT INTO {prefix}payments (payment_id, company_id, usergroup_ids, position, status, template, processor_id,
                              processor_params, a_surcharge, p_surcharge, tax_ids, localization, payment_category) VALUES
  (1, 1, '0', 10, 'A', 'views/orders/components/payments/cc.tpl', 0, '', 0.000, 0.000, '', '', 'tab1'),
  (2, 1, '0', 40, 'A', 'views/orders/components/payments/phone.tpl', 0, '', 0.000, 0.000, '', '', 'tab3'),
  (3, 1, '0', 20, 'A', '', 0, 'a:1:{s:7:"account";s:20:"fixture@example.com";}', 0.000, 0.000, '', '', 'tab1'),
  (4, 1, '0', 30, 'A', 'views/orders/components/payments/money.tpl', 0, '', 0.000, 0.000, '', '', 'tab3'),
  (5, 1, '0', 50, 'D', 'views/orders/components/payments/money.tpl', 0, '', 0.000, 0.000, '', '', 'tab3'),
  (6, 1, '0', 60, 'A', 'views/orders/components/payments/cod.tpl', 0, '', 0.000, 0.000, '', '', 'tab3');

INSERT INTO {prefix}payment_descriptions (payment_id, payment, description, instructions, surcharge_title, lang_code) VALUES
  (1, 'Credit card', 'Visa, Mastercard, etc...', '', '', 'en'),
  (1, 'Carte bancaire', 'Visa, Mastercard, etc...', '', '', 'fr'),
  (2, 'Phone ordering', 'Call +16175550123', '', '', 'en'),
  (2, 'Commande par téléphone', 'Appelez le +16175550123', '', '', 'fr'),
  (3, 'PayPal', '', '', '', 'en'),
  (3, 'PayPal', '', '', '', 'fr'),
  (4, 'Bank transfer', 'Pay to our bank account', 'IBAN in the order confirmation', '', 'en'),
  (4, 'Virement bancaire', 'Payez sur notre compte', 'IBAN dans la confirmation', '', 'fr'),
  (5, 'Money Order', 'US Banks Only', '', '', 'en'),
  (5, 'Mandat', 'Banques US uniquement', '', '', 'fr'),
  (6, 'C.O.D', 'Cashiers Check or Cash Only', '', '', 'en'),
  (6, 'Contre remboursement', 'Chèque ou espèces', '', '', 'fr');

-- cscart-xero test fixture: the CS-Cart tables the connector reads or writes.
--
-- Written for this project (not CS-Cart's install SQL). Column types, NOT NULL, defaults, keys, engine and charset
-- follow CS-Cart Ultimate 4.20 / Multi-Vendor 4.18 as in CS-Cart's install SQL (install/database/scheme.sql); FixtureFidelityTest checks
-- every column against the real install schema when ../shared/cscart is available.
--
-- Rules:
--  * {prefix} is replaced by the table prefix (CS-Cart's default is cscart_).
--  * A column may be left out only if it has a default, so that CS-Cart's own INSERTs still work. Every NOT NULL
--    column without a default is here (e.g. orders.localization_id, order_details.extra, currencies.position,
--    companies.*, and the add-on columns products.buy_now_url / products.facebook_obj_type).
--  * Columns keep CS-Cart's order; add-on columns come last, in the order the add-ons add them.
--  * Columns that exist only in one edition (ULT products.show_videos_before_images / autoplay_videos, MVE
--    users.storefront_id, MVE companies.tax_number ...) are left out: all have defaults.
--  * MyISAM and utf8 (= utf8mb3) like CS-Cart: no transactions, no foreign keys, no 4-byte characters.

-- ---------------------------------------------------------------- customers

CREATE TABLE {prefix}users (
  user_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  status char(1) NOT NULL DEFAULT 'A',
  user_type char(1) NOT NULL DEFAULT 'C',
  user_login varchar(255) NOT NULL DEFAULT '',
  referer varchar(255) NOT NULL DEFAULT '',
  is_root char(1) NOT NULL DEFAULT 'N',
  company_id int(11) unsigned NOT NULL DEFAULT 0,
  last_login int(11) unsigned NOT NULL DEFAULT 0,
  last_activity int(11) unsigned NOT NULL DEFAULT 0,
  timestamp int(11) unsigned NOT NULL DEFAULT 0,
  password varchar(255) NOT NULL DEFAULT '',
  salt varchar(10) NOT NULL DEFAULT '',
  firstname varchar(128) NOT NULL DEFAULT '',
  lastname varchar(128) NOT NULL DEFAULT '',
  company varchar(255) NOT NULL DEFAULT '',
  email varchar(128) NOT NULL DEFAULT '',
  phone varchar(128) NOT NULL DEFAULT '',
  fax varchar(128) NOT NULL DEFAULT '',
  url varchar(128) NOT NULL DEFAULT '',
  tax_exempt char(1) NOT NULL DEFAULT 'N',
  lang_code char(2) NOT NULL DEFAULT '',
  birthday int(11) NOT NULL DEFAULT 0,
  purchase_timestamp_from int(11) NOT NULL DEFAULT 0,
  purchase_timestamp_to int(11) NOT NULL DEFAULT 0,
  responsible_email varchar(80) NOT NULL DEFAULT '',
  password_change_timestamp int(11) unsigned NOT NULL DEFAULT 0,
  api_key varchar(255) NOT NULL DEFAULT '',
  helpdesk_user_id int(11) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id),
  KEY user_login (user_login),
  KEY uname (firstname, lastname),
  KEY idx_email (email),
  KEY idx_last_activity (last_activity)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}user_profiles (
  profile_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  user_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  profile_type char(1) NOT NULL DEFAULT 'P',
  b_firstname varchar(128) NOT NULL DEFAULT '',
  b_lastname varchar(128) NOT NULL DEFAULT '',
  b_address varchar(255) NOT NULL DEFAULT '',
  b_address_2 varchar(255) NOT NULL DEFAULT '',
  b_city varchar(64) NOT NULL DEFAULT '',
  b_county varchar(32) NOT NULL DEFAULT '',
  b_state varchar(32) NOT NULL DEFAULT '',
  b_country char(2) NOT NULL DEFAULT '',
  b_zipcode varchar(16) NOT NULL DEFAULT '',
  b_phone varchar(128) NOT NULL DEFAULT '',
  s_firstname varchar(128) NOT NULL DEFAULT '',
  s_lastname varchar(128) NOT NULL DEFAULT '',
  s_address varchar(255) NOT NULL DEFAULT '',
  s_address_2 varchar(255) NOT NULL DEFAULT '',
  s_city varchar(64) NOT NULL DEFAULT '',
  s_county varchar(32) NOT NULL DEFAULT '',
  s_state varchar(32) NOT NULL DEFAULT '',
  s_country char(2) NOT NULL DEFAULT '',
  s_zipcode varchar(16) NOT NULL DEFAULT '',
  s_phone varchar(128) NOT NULL DEFAULT '',
  s_address_type varchar(255) NOT NULL DEFAULT '',
  profile_name varchar(32) NOT NULL DEFAULT '',
  profile_update_timestamp int(11) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (profile_id),
  KEY uid_p (user_id, profile_type),
  KEY profile_type (profile_type)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- custom profile / checkout fields; object_type U user, P profile, O order, S seller
CREATE TABLE {prefix}profile_fields_data (
  object_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  object_type char(1) NOT NULL DEFAULT 'U',
  field_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  value varchar(255) NOT NULL DEFAULT '0',
  PRIMARY KEY (object_id, object_type, field_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------- catalog

-- left out (defaults): show_videos_before_images, autoplay_videos (ULT only), units_in_product,
-- show_price_per_x_units (price_per_unit add-on)
CREATE TABLE {prefix}products (
  product_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  product_code varchar(64) NOT NULL DEFAULT '',
  product_type char(1) NOT NULL DEFAULT 'P',
  status char(1) NOT NULL DEFAULT 'A',
  company_id int(11) unsigned NOT NULL DEFAULT 0,
  list_price decimal(12,2) NOT NULL DEFAULT 0.00,
  amount mediumint(8) NOT NULL DEFAULT 0,
  weight decimal(13,3) NOT NULL DEFAULT 0.000,
  length mediumint(8) unsigned NOT NULL DEFAULT 0,
  width mediumint(8) unsigned NOT NULL DEFAULT 0,
  height mediumint(8) unsigned NOT NULL DEFAULT 0,
  shipping_freight decimal(12,2) NOT NULL DEFAULT 0.00,
  low_avail_limit mediumint(8) unsigned NOT NULL DEFAULT 0,
  timestamp int(11) unsigned NOT NULL DEFAULT 0,
  updated_timestamp int(11) unsigned NOT NULL DEFAULT 0,
  usergroup_ids varchar(255) NOT NULL DEFAULT '0',
  is_edp char(1) NOT NULL DEFAULT 'N',
  edp_shipping char(1) NOT NULL DEFAULT 'N',
  unlimited_download char(1) NOT NULL DEFAULT 'N',
  tracking char(1) DEFAULT NULL,
  free_shipping char(1) NOT NULL DEFAULT 'N',
  zero_price_action char(1) DEFAULT NULL,
  is_pbp char(1) NOT NULL DEFAULT 'N',
  is_op char(1) NOT NULL DEFAULT 'N',
  is_oper char(1) NOT NULL DEFAULT 'N',
  is_returnable char(1) NOT NULL DEFAULT 'Y',
  return_period int(11) unsigned NOT NULL DEFAULT 10,
  avail_since int(11) unsigned NOT NULL DEFAULT 0,
  out_of_stock_actions char(1) NOT NULL DEFAULT 'N',
  localization varchar(255) NOT NULL DEFAULT '',
  min_qty smallint(5) unsigned DEFAULT NULL,
  max_qty smallint(5) unsigned DEFAULT NULL,
  qty_step smallint(5) unsigned DEFAULT NULL,
  list_qty_count smallint(5) unsigned DEFAULT NULL,
  tax_ids varchar(255) NOT NULL DEFAULT '',
  age_verification char(1) NOT NULL DEFAULT 'N',
  age_limit tinyint(4) NOT NULL DEFAULT 0,
  options_type char(1) DEFAULT NULL,
  exceptions_type char(1) DEFAULT NULL,
  details_layout varchar(50) NOT NULL DEFAULT '',
  shipping_params varchar(255) NOT NULL DEFAULT '',
  -- add-on columns; the social_buttons and catalog_mode add-ons declare theirs without a default
  facebook_obj_type varchar(64) NOT NULL,
  parent_product_id int(11) unsigned NOT NULL DEFAULT 0,
  buy_now_url varchar(255) NOT NULL,
  PRIMARY KEY (product_id),
  KEY age_verification (age_verification, age_limit),
  KEY status (status)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- left out: unit_name (price_per_unit add-on, nullable)
CREATE TABLE {prefix}product_descriptions (
  product_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  lang_code char(2) NOT NULL DEFAULT '',
  product varchar(255) NOT NULL DEFAULT '',
  shortname varchar(255) NOT NULL DEFAULT '',
  short_description mediumtext,
  full_description mediumtext,
  meta_keywords varchar(255) NOT NULL DEFAULT '',
  meta_description varchar(255) NOT NULL DEFAULT '',
  search_words text,
  page_title varchar(255) NOT NULL DEFAULT '',
  age_warning_message text,
  promo_text mediumtext,
  PRIMARY KEY (product_id, lang_code),
  KEY product_id (product_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- selling price: lower_limit = 1 AND usergroup_id = 0; other rows are quantity / usergroup tiers
CREATE TABLE {prefix}product_prices (
  product_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  price decimal(12,2) NOT NULL DEFAULT 0.00,
  percentage_discount decimal(5,2) NOT NULL DEFAULT 0.00,
  lower_limit mediumint(8) unsigned NOT NULL DEFAULT 0,
  usergroup_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  UNIQUE KEY usergroup (product_id, usergroup_id, lower_limit),
  KEY product_id (product_id),
  KEY lower_limit (lower_limit),
  KEY usergroup_id (usergroup_id, product_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- exactly one link_type 'M' (main) row per product, others 'A'
CREATE TABLE {prefix}products_categories (
  product_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  category_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  link_type char(1) NOT NULL DEFAULT 'M',
  position smallint(5) unsigned NOT NULL DEFAULT 0,
  category_position smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (category_id, product_id),
  KEY link_type (link_type),
  KEY pt (product_id, link_type)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- minimal: the tree, company and status; view/age/localization columns left out
CREATE TABLE {prefix}categories (
  category_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  parent_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  id_path varchar(255) NOT NULL DEFAULT '',
  level int(11) unsigned NOT NULL DEFAULT 1,
  company_id int(11) unsigned NOT NULL DEFAULT 0,
  storefront_id int(11) unsigned NOT NULL DEFAULT 0,
  usergroup_ids varchar(255) NOT NULL DEFAULT '0',
  status char(1) NOT NULL DEFAULT 'A',
  product_count mediumint(8) unsigned NOT NULL DEFAULT 0,
  position smallint(5) unsigned NOT NULL DEFAULT 0,
  timestamp int(11) unsigned NOT NULL DEFAULT 0,
  is_trash char(1) NOT NULL DEFAULT 'N',
  is_default char(1) NOT NULL DEFAULT 'N',
  PRIMARY KEY (category_id),
  KEY c_status (usergroup_ids, status, parent_id),
  KEY position (position),
  KEY parent (parent_id),
  KEY id_path (id_path),
  KEY p_category_id (category_id, usergroup_ids, status)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}category_descriptions (
  category_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  lang_code char(2) NOT NULL DEFAULT '',
  category varchar(255) NOT NULL DEFAULT '',
  description mediumtext,
  PRIMARY KEY (category_id, lang_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- ULT storefronts / MV vendors. Minimal, but with every NOT NULL column that has no default.
CREATE TABLE {prefix}companies (
  company_id int(11) unsigned NOT NULL AUTO_INCREMENT,
  status char(1) NOT NULL DEFAULT 'A',
  company varchar(255) NOT NULL,
  lang_code char(2) NOT NULL DEFAULT '',
  address varchar(255) NOT NULL,
  city varchar(64) NOT NULL,
  state varchar(32) NOT NULL,
  country char(2) NOT NULL,
  zipcode varchar(16) NOT NULL,
  email varchar(128) NOT NULL,
  phone varchar(128) NOT NULL,
  url varchar(128) NOT NULL,
  storefront varchar(255) NOT NULL DEFAULT '',
  secure_storefront varchar(255) NOT NULL DEFAULT '',
  timestamp int(11) NOT NULL,
  PRIMARY KEY (company_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------- orders

CREATE TABLE {prefix}orders (
  order_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  is_parent_order char(1) NOT NULL DEFAULT 'N',
  parent_order_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  company_id int(11) unsigned NOT NULL DEFAULT 0,
  issuer_id mediumint(8) unsigned DEFAULT NULL,
  user_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  total decimal(12,2) NOT NULL DEFAULT 0.00,
  subtotal decimal(12,2) NOT NULL DEFAULT 0.00,
  discount decimal(12,2) NOT NULL DEFAULT 0.00,
  subtotal_discount decimal(12,2) NOT NULL DEFAULT 0.00,
  payment_surcharge decimal(12,2) NOT NULL DEFAULT 0.00,
  shipping_ids varchar(255) NOT NULL DEFAULT '',
  shipping_cost decimal(12,2) NOT NULL DEFAULT 0.00,
  timestamp int(11) unsigned NOT NULL DEFAULT 0,
  status char(1) NOT NULL DEFAULT 'O',
  notes text,
  details text,
  promotions text,
  promotion_ids varchar(255) NOT NULL DEFAULT '',
  firstname varchar(32) NOT NULL DEFAULT '',
  lastname varchar(32) NOT NULL DEFAULT '',
  company varchar(255) NOT NULL DEFAULT '',
  b_firstname varchar(128) NOT NULL DEFAULT '',
  b_lastname varchar(128) NOT NULL DEFAULT '',
  b_address varchar(255) NOT NULL DEFAULT '',
  b_address_2 varchar(255) NOT NULL DEFAULT '',
  b_city varchar(64) NOT NULL DEFAULT '',
  b_county varchar(32) NOT NULL DEFAULT '',
  b_state varchar(32) NOT NULL DEFAULT '',
  b_country char(2) NOT NULL DEFAULT '',
  b_zipcode varchar(32) NOT NULL DEFAULT '',
  b_phone varchar(128) NOT NULL DEFAULT '',
  s_firstname varchar(128) NOT NULL DEFAULT '',
  s_lastname varchar(128) NOT NULL DEFAULT '',
  s_address varchar(255) NOT NULL DEFAULT '',
  s_address_2 varchar(255) NOT NULL DEFAULT '',
  s_city varchar(64) NOT NULL DEFAULT '',
  s_county varchar(32) NOT NULL DEFAULT '',
  s_state varchar(32) NOT NULL DEFAULT '',
  s_country char(2) NOT NULL DEFAULT '',
  s_zipcode varchar(32) NOT NULL DEFAULT '',
  s_phone varchar(128) NOT NULL DEFAULT '',
  s_address_type varchar(32) NOT NULL DEFAULT '',
  phone varchar(128) NOT NULL DEFAULT '',
  fax varchar(128) NOT NULL DEFAULT '',
  url varchar(32) NOT NULL DEFAULT '',
  email varchar(128) NOT NULL DEFAULT '',
  payment_id mediumint(8) NOT NULL DEFAULT 0,
  tax_exempt char(1) NOT NULL DEFAULT 'N',
  lang_code char(2) NOT NULL DEFAULT '',
  ip_address varbinary(40) NOT NULL DEFAULT '',
  repaid int(11) NOT NULL DEFAULT 0,
  validation_code varchar(20) NOT NULL DEFAULT '',
  localization_id mediumint(8) NOT NULL,
  profile_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  storefront_id int(11) unsigned NOT NULL DEFAULT 0,
  updated_at int(11) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id),
  KEY timestamp (timestamp),
  KEY user_id (user_id),
  KEY promotion_ids (promotion_ids),
  KEY status (status),
  KEY shipping_ids (shipping_ids),
  KEY company_id (company_id),
  KEY idx_updated_at (updated_at)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- item_id is a cart hash; extra is PHP serialize() output
CREATE TABLE {prefix}order_details (
  item_id int(11) unsigned NOT NULL DEFAULT 0,
  order_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  product_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  product_code varchar(64) NOT NULL DEFAULT '',
  price decimal(12,2) NOT NULL DEFAULT 0.00,
  amount mediumint(8) unsigned NOT NULL DEFAULT 0,
  extra longblob NOT NULL,
  PRIMARY KEY (item_id, order_id),
  KEY o_k (order_id, product_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- one row per (order, type); data is PHP serialize() output (T taxes, L shipping, C coupons, U gift certificates ...)
CREATE TABLE {prefix}order_data (
  order_data_id int(11) unsigned NOT NULL AUTO_INCREMENT,
  order_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  type char(1) NOT NULL DEFAULT '',
  data longblob NOT NULL,
  PRIMARY KEY (order_data_id),
  UNIQUE KEY idx_order_id_type (order_id, type)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}statuses (
  status_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  status char(1) NOT NULL DEFAULT '',
  type char(1) NOT NULL DEFAULT 'O',
  is_default char(1) NOT NULL DEFAULT 'N',
  position smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (status_id),
  UNIQUE KEY status (status, type),
  KEY position (position)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}status_descriptions (
  status_id mediumint(8) unsigned NOT NULL,
  description varchar(255) NOT NULL DEFAULT '',
  email_subj varchar(255) NOT NULL DEFAULT '',
  email_header text,
  lang_code char(2) NOT NULL DEFAULT '',
  PRIMARY KEY (status_id, lang_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- params such as payment_received (Y/N) and inventory (D decrease / I increase)
CREATE TABLE {prefix}status_data (
  status_id mediumint(8) unsigned NOT NULL,
  param char(255) NOT NULL DEFAULT '',
  value char(255) NOT NULL DEFAULT 'Y',
  PRIMARY KEY (status_id, param),
  KEY inventory (value)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------- reference data

CREATE TABLE {prefix}currencies (
  currency_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  currency_code varchar(10) NOT NULL DEFAULT '',
  after char(1) NOT NULL DEFAULT 'N',
  symbol tinytext,
  coefficient double(12,5) NOT NULL DEFAULT 1.00000,
  is_primary char(1) NOT NULL DEFAULT 'N',
  position smallint(5) NOT NULL,
  decimals_separator varchar(6) NOT NULL DEFAULT '.',
  thousands_separator varchar(6) NOT NULL DEFAULT ',',
  decimals smallint(5) NOT NULL DEFAULT 2,
  status char(1) NOT NULL DEFAULT 'A',
  PRIMARY KEY (currency_id),
  UNIQUE KEY currency_code (currency_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}languages (
  lang_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  lang_code char(2) NOT NULL DEFAULT '',
  name varchar(64) NOT NULL DEFAULT '',
  status char(1) NOT NULL DEFAULT 'A',
  country_code char(2) NOT NULL DEFAULT '',
  PRIMARY KEY (lang_id),
  UNIQUE KEY lang_code (lang_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- minimal: enough for backend_default_language, timezone and log_type_* lookups
CREATE TABLE {prefix}settings_objects (
  object_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  edition_type set('NONE','ROOT','VENDOR','STOREFRONT','MVE:NONE','MVE:ROOT','MVE:STOREFRONT','ULT:NONE','ULT:ROOT','ULT:VENDOR','ULT:VENDORONLY','ULT:STOREFRONT') NOT NULL DEFAULT 'ROOT',
  name varchar(128) NOT NULL DEFAULT '',
  section_id int(11) unsigned NOT NULL,
  section_tab_id int(11) unsigned NOT NULL,
  type char(1) NOT NULL DEFAULT 'I',
  value text,
  position smallint(5) unsigned NOT NULL DEFAULT 0,
  is_global char(1) NOT NULL DEFAULT 'Y',
  PRIMARY KEY (object_id),
  KEY name (name),
  KEY is_global (is_global),
  KEY position (position),
  KEY section_id (section_id, section_tab_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}taxes (
  tax_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  address_type char(1) NOT NULL DEFAULT 'S',
  status char(1) NOT NULL DEFAULT 'D',
  price_includes_tax char(1) NOT NULL DEFAULT 'N',
  display_including_tax char(1) NOT NULL DEFAULT 'N',
  display_info char(1) NOT NULL DEFAULT '',
  regnumber varchar(255) NOT NULL DEFAULT '',
  priority mediumint(8) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (tax_id),
  KEY c_status (status)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}tax_descriptions (
  tax_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  lang_code char(2) NOT NULL DEFAULT '',
  tax varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (tax_id, lang_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- rate per tax and destination (location zone); rate_type P percent / F fixed
CREATE TABLE {prefix}tax_rates (
  rate_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  tax_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  destination_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  rate_value decimal(13,3) NOT NULL DEFAULT 0.000,
  rate_type char(1) NOT NULL DEFAULT '',
  PRIMARY KEY (rate_id),
  UNIQUE KEY tax_rate (tax_id, destination_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- one row per logged event: type orders/users/products/categories, action create/update/status/delete
CREATE TABLE {prefix}logs (
  log_id int(11) unsigned NOT NULL AUTO_INCREMENT,
  user_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  timestamp int(11) unsigned NOT NULL DEFAULT 0,
  type varchar(16) NOT NULL DEFAULT '',
  event_type char(1) NOT NULL DEFAULT 'N',
  action varchar(16) NOT NULL DEFAULT '',
  object char(1) NOT NULL DEFAULT '',
  content text,
  backtrace text,
  company_id int(11) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (log_id),
  KEY object (object),
  KEY type (type, action),
  KEY idx_timestamp (timestamp)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------- payment methods (paymentExportJob)
-- payments.processor_params holds gateway settings (credentials): the connector never reads this table, only
-- orders.payment_id and payment_descriptions (the method's name); the table is here for fidelity
CREATE TABLE {prefix}payments (
  payment_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  company_id int(11) unsigned NOT NULL DEFAULT 0,
  usergroup_ids varchar(255) NOT NULL DEFAULT '0',
  position smallint(5) unsigned NOT NULL DEFAULT 0,
  status char(1) NOT NULL DEFAULT 'A',
  template varchar(128) NOT NULL DEFAULT '',
  processor_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  processor_params text,
  a_surcharge decimal(13,3) NOT NULL DEFAULT 0.000,
  p_surcharge decimal(13,3) NOT NULL DEFAULT 0.000,
  tax_ids varchar(255) NOT NULL DEFAULT '',
  localization varchar(255) NOT NULL DEFAULT '',
  payment_category varchar(20) NOT NULL DEFAULT 'tab1',
  PRIMARY KEY (payment_id),
  KEY c_status (usergroup_ids, status),
  KEY position (position),
  KEY localization (localization)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}payment_descriptions (
  payment_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  payment varchar(128) NOT NULL DEFAULT '',
  description varchar(255) NOT NULL DEFAULT '',
  instructions mediumtext,
  surcharge_title varchar(255) NOT NULL DEFAULT '',
  lang_code char(2) NOT NULL DEFAULT '',
  PRIMARY KEY (payment_id, lang_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------- RMA add-on (returns and refunds)
-- as the rma add-on creates them (addons_install.sql); rma_returns.total_amount is a quantity (items returned), not
-- money; return statuses are statuses of type 'R' with their status_data; an action (rma_properties type 'A') with
-- update_totals_and_inventory = 'Y' (the default "Refund") changes the order when the return is completed
CREATE TABLE {prefix}rma_properties (
  property_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  position smallint(5) unsigned NOT NULL DEFAULT 0,
  status char(1) NOT NULL DEFAULT '',
  type char(1) NOT NULL DEFAULT 'R',
  update_totals_and_inventory char(1) NOT NULL DEFAULT 'N',
  PRIMARY KEY (property_id),
  KEY c_status (property_id, status),
  KEY status (status, type)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}rma_property_descriptions (
  property_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  lang_code char(2) NOT NULL DEFAULT '',
  property varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (property_id, lang_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}rma_return_products (
  return_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  item_id int(11) unsigned NOT NULL DEFAULT 0,
  product_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  reason mediumint(8) unsigned NOT NULL DEFAULT 0,
  amount mediumint(8) unsigned NOT NULL DEFAULT 0,
  type char(1) NOT NULL DEFAULT 'A',
  price decimal(12,2) NOT NULL DEFAULT 0.00,
  product_options text,
  product varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (return_id, item_id, type),
  KEY reason (reason)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE {prefix}rma_returns (
  return_id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  order_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  user_id mediumint(8) unsigned NOT NULL DEFAULT 0,
  timestamp int(11) unsigned NOT NULL DEFAULT 0,
  action mediumint(8) unsigned NOT NULL DEFAULT 0,
  status char(1) NOT NULL DEFAULT 'O',
  total_amount mediumint(8) unsigned NOT NULL DEFAULT 0,
  comment text,
  extra text,
  PRIMARY KEY (return_id),
  KEY order_id (order_id),
  KEY timestamp (timestamp),
  KEY user_id (user_id),
  KEY status (status)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

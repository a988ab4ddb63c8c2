BEGIN TRANSACTION;
CREATE TABLE activity (
	id INTEGER NOT NULL, 
	order_id VARCHAR NOT NULL, 
	action VARCHAR NOT NULL, 
	detail TEXT NOT NULL, 
	operator VARCHAR NOT NULL, 
	workstation VARCHAR NOT NULL, 
	at VARCHAR(26), 
	origin VARCHAR NOT NULL, 
	CONSTRAINT pk_activity PRIMARY KEY (id)
);
INSERT INTO "activity" VALUES(1,'1','status','5.1 → 6','ann','Стол-1','2026-11-30 14:53:15.364886','local');
INSERT INTO "activity" VALUES(2,'2','status','5.1 → 5.3: Street missing — улица?','ann','Стол-1','2026-11-30 14:53:15.373289','local');
INSERT INTO "activity" VALUES(3,'3','shipment','Parcels: 1Z999AA10123456784, 1Z999AA10123456795','ann','Стол-1','2026-11-30 14:53:15.377809','local');
INSERT INTO "activity" VALUES(4,'3','status','6.4 → 7.1','ann','Стол-1','2026-11-30 14:53:15.378063','local');
INSERT INTO "activity" VALUES(5,'4','services','POLYBAG × 2, FNSKU_LABEL × 1','ann','Стол-1','2026-11-30 14:53:15.382038','local');
INSERT INTO "activity" VALUES(6,'4','retry_push','1Z999AA10123456784','ann','Стол-1','2026-11-30 14:53:15.386258','local');
INSERT INTO "activity" VALUES(7,'4','dismiss_push','1Z999AA10123456795','ann','Стол-1','2026-11-30 14:53:15.389994','local');
INSERT INTO "activity" VALUES(8,'5','alias','Code “Supplier 0042” taught for CABLE-USB-C.','ann','Стол-1','2026-11-30 14:53:15.400436','local');
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0007');
CREATE TABLE lines (
	order_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	line_id VARCHAR NOT NULL, 
	sku VARCHAR NOT NULL, 
	title TEXT NOT NULL, 
	quantity INTEGER NOT NULL, 
	fnsku VARCHAR NOT NULL, 
	ean VARCHAR NOT NULL, 
	asin VARCHAR NOT NULL, 
	vendor VARCHAR NOT NULL, 
	configuration VARCHAR NOT NULL, 
	weight_g INTEGER, 
	price VARCHAR, 
	currency VARCHAR NOT NULL, 
	photo_url VARCHAR NOT NULL, 
	bin_location VARCHAR NOT NULL, 
	CONSTRAINT pk_lines PRIMARY KEY (order_id, position), 
	CONSTRAINT fk_lines_order_id_orders FOREIGN KEY(order_id) REFERENCES orders (id) ON DELETE CASCADE
);
INSERT INTO "lines" VALUES('1',0,'1-1','SKU-1','Mug',2,'','4006381333931','','','',NULL,'4.99','','','');
INSERT INTO "lines" VALUES('1',1,'1-2','CABLE-USB-C','Cable',1,'X001ABCDEF','','','','',NULL,NULL,'','','');
INSERT INTO "lines" VALUES('2',0,'2-1','SKU-2','Mug',2,'','4006381333931','','','',NULL,'4.99','','','');
INSERT INTO "lines" VALUES('2',1,'2-2','CABLE-USB-C','Cable',1,'X001ABCDEF','','','','',NULL,NULL,'','','');
INSERT INTO "lines" VALUES('3',0,'3-1','SKU-3','Mug',2,'','4006381333931','','','',NULL,'4.99','','','');
INSERT INTO "lines" VALUES('3',1,'3-2','CABLE-USB-C','Cable',1,'X001ABCDEF','','','','',NULL,NULL,'','','');
INSERT INTO "lines" VALUES('4',0,'4-1','SKU-4','Mug',2,'','4006381333931','','','',NULL,'4.99','','','');
INSERT INTO "lines" VALUES('4',1,'4-2','CABLE-USB-C','Cable',1,'X001ABCDEF','','','','',NULL,NULL,'','','');
INSERT INTO "lines" VALUES('5',0,'5-1','SKU-5','Mug',2,'','4006381333931','','','',NULL,'4.99','','','');
INSERT INTO "lines" VALUES('5',1,'5-2','CABLE-USB-C','Cable',1,'X001ABCDEF','','','','',NULL,NULL,'','','');
CREATE TABLE order_bodies (
	order_id VARCHAR NOT NULL, 
	data TEXT NOT NULL, 
	server_data TEXT, 
	CONSTRAINT pk_order_bodies PRIMARY KEY (order_id), 
	CONSTRAINT fk_order_bodies_order_id_orders FOREIGN KEY(order_id) REFERENCES orders (id) ON DELETE CASCADE
);
INSERT INTO "order_bodies" VALUES('1','{"id":"1","number":"100001","status":"6","status_reason":"","marketplace":"ebay","marketplace_order_id":"","seller":"globex","ship_by":"2026-11-21T08:00:00+00:00","shipping_service":"","carrier_label":"","recipient":{"name":"Buyer 1","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"1-1","sku":"SKU-1","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"1-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:01:00+00:00","version":1}','{"id":"1","number":"100001","status":"5.1","status_reason":"","marketplace":"ebay","marketplace_order_id":"","seller":"globex","ship_by":"2026-11-21T08:00:00+00:00","shipping_service":"","carrier_label":"","recipient":{"name":"Buyer 1","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"1-1","sku":"SKU-1","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"1-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:01:00+00:00","version":1}');
INSERT INTO "order_bodies" VALUES('2','{"id":"2","number":"100002","status":"5.3","status_reason":"Street missing — улица?","marketplace":"bol","marketplace_order_id":"","seller":"acme","ship_by":"2026-11-22T08:00:00+00:00","shipping_service":"","carrier_label":"","recipient":{"name":"Buyer 2","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"2-1","sku":"SKU-2","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"2-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:02:00+00:00","version":1}','{"id":"2","number":"100002","status":"5.1","status_reason":"","marketplace":"bol","marketplace_order_id":"","seller":"acme","ship_by":"2026-11-22T08:00:00+00:00","shipping_service":"","carrier_label":"","recipient":{"name":"Buyer 2","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"2-1","sku":"SKU-2","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"2-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:02:00+00:00","version":1}');
INSERT INTO "order_bodies" VALUES('3','{"id":"3","number":"100003","status":"7.1","status_reason":"","marketplace":"amazon","marketplace_order_id":"","seller":"globex","ship_by":"2026-11-23T08:00:00+00:00","shipping_service":"UPS Ground","carrier_label":"","recipient":{"name":"Buyer 3","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"3-1","sku":"SKU-3","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"3-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[{"id":"","tracking_number":"1Z999AA10123456784","carrier":"ups","weight_g":900,"parcel_no":1,"push_state":"pending","push_reason":"","created_at":"2026-11-30T14:53:15.376933+00:00"},{"id":"","tracking_number":"1Z999AA10123456795","carrier":"UPS","weight_g":null,"parcel_no":2,"push_state":"pending","push_reason":"","created_at":"2026-11-30T14:53:15.376933+00:00"}],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:03:00+00:00","version":1}','{"id":"3","number":"100003","status":"6.4","status_reason":"","marketplace":"amazon","marketplace_order_id":"","seller":"globex","ship_by":"2026-11-23T08:00:00+00:00","shipping_service":"UPS Ground","carrier_label":"","recipient":{"name":"Buyer 3","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"3-1","sku":"SKU-3","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"3-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:03:00+00:00","version":1}');
INSERT INTO "order_bodies" VALUES('4','{"id":"4","number":"100004","status":"7.1","status_reason":"","marketplace":"ebay","marketplace_order_id":"","seller":"acme","ship_by":"2026-11-24T08:00:00+00:00","shipping_service":"","carrier_label":"","recipient":{"name":"Buyer 4","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"4-1","sku":"SKU-4","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"4-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[{"id":"s-1Z999AA10123456784","tracking_number":"1Z999AA10123456784","carrier":"ups","weight_g":null,"parcel_no":1,"push_state":"pending","push_reason":"marketplace said no","created_at":null},{"id":"s-1Z999AA10123456795","tracking_number":"1Z999AA10123456795","carrier":"ups","weight_g":null,"parcel_no":1,"push_state":"dismissed","push_reason":"marketplace said no","created_at":null}],"services":[{"code":"POLYBAG","quantity":2,"name":"POLYBAG","unit_price":null,"currency":"","operator":"ann","done_at":"2026-11-30T14:53:15.381690+00:00"},{"code":"FNSKU_LABEL","quantity":1,"name":"FNSKU_LABEL","unit_price":null,"currency":"","operator":"ann","done_at":"2026-11-30T14:53:15.381690+00:00"}],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:04:00+00:00","version":1}','{"id":"4","number":"100004","status":"7.1","status_reason":"","marketplace":"ebay","marketplace_order_id":"","seller":"acme","ship_by":"2026-11-24T08:00:00+00:00","shipping_service":"","carrier_label":"","recipient":{"name":"Buyer 4","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"4-1","sku":"SKU-4","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"4-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[{"id":"s-1Z999AA10123456784","tracking_number":"1Z999AA10123456784","carrier":"ups","weight_g":null,"parcel_no":1,"push_state":"failed","push_reason":"marketplace said no","created_at":null},{"id":"s-1Z999AA10123456795","tracking_number":"1Z999AA10123456795","carrier":"ups","weight_g":null,"parcel_no":1,"push_state":"failed","push_reason":"marketplace said no","created_at":null}],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:04:00+00:00","version":1}');
INSERT INTO "order_bodies" VALUES('5','{"id":"5","number":"100005","status":"6","status_reason":"","marketplace":"bol","marketplace_order_id":"","seller":"globex","ship_by":"2026-11-20T08:00:00+00:00","shipping_service":"","carrier_label":"","recipient":{"name":"Анна Ковалёва","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"5-1","sku":"SKU-5","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"5-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:05:00+00:00","version":1}','{"id":"5","number":"100005","status":"6","status_reason":"","marketplace":"bol","marketplace_order_id":"","seller":"globex","ship_by":"2026-11-20T08:00:00+00:00","shipping_service":"","carrier_label":"","recipient":{"name":"Анна Ковалёва","company":"","street1":"","street2":"","city":"Utrecht","region":"","postcode":"","country":"NL","phone":"","email":""},"lines":[{"id":"5-1","sku":"SKU-5","title":"Mug","quantity":2,"fnsku":"","ean":"4006381333931","asin":"","vendor":"","configuration":"","weight_g":null,"price":"4.99","currency":"","photo_url":"","bin_location":""},{"id":"5-2","sku":"CABLE-USB-C","title":"Cable","quantity":1,"fnsku":"X001ABCDEF","ean":"","asin":"","vendor":"","configuration":"","weight_g":null,"price":null,"currency":"","photo_url":"","bin_location":""}],"shipments":[],"services":[],"activity":[],"claim":null,"created_at":null,"updated_at":"2026-11-20T08:05:00+00:00","version":1}');
CREATE TABLE order_flags (
	order_id VARCHAR NOT NULL, 
	refused_reason TEXT NOT NULL, 
	refused_code VARCHAR NOT NULL, 
	refused_at VARCHAR(26), 
	cancelled_notice TEXT NOT NULL, 
	cancelled_at VARCHAR(26), 
	acknowledged_at VARCHAR(26), 
	CONSTRAINT pk_order_flags PRIMARY KEY (order_id)
);
CREATE TABLE "orders" (
	id VARCHAR NOT NULL, 
	unsent_changes INTEGER DEFAULT '0' NOT NULL, 
	number VARCHAR NOT NULL, 
	status VARCHAR(4) NOT NULL, 
	status_reason TEXT NOT NULL, 
	marketplace VARCHAR NOT NULL, 
	seller VARCHAR NOT NULL, 
	ship_by VARCHAR(26), 
	carrier VARCHAR NOT NULL, 
	recipient_name VARCHAR NOT NULL, 
	search_text TEXT NOT NULL, 
	units INTEGER NOT NULL, 
	line_count INTEGER NOT NULL, 
	failed_pushes INTEGER NOT NULL, 
	shipped_at VARCHAR(26), 
	claim_workstation VARCHAR NOT NULL, 
	claim_operator VARCHAR NOT NULL, 
	claim_expires_at VARCHAR(26), 
	updated_at VARCHAR(26), 
	version INTEGER NOT NULL, 
	CONSTRAINT pk_orders PRIMARY KEY (id)
);
INSERT INTO "orders" VALUES('1',1,'100001','6','','ebay','globex','2026-11-21 08:00:00.000000','','Buyer 1','100001buyer 1sku-14006381333931cable-usb-cx001abcdef',3,2,0,NULL,'','',NULL,'2026-11-20 08:01:00.000000',1);
INSERT INTO "orders" VALUES('2',1,'100002','5.3','Street missing — улица?','bol','acme','2026-11-22 08:00:00.000000','','Buyer 2','100002buyer 2sku-24006381333931cable-usb-cx001abcdef',3,2,0,NULL,'','',NULL,'2026-11-20 08:02:00.000000',1);
INSERT INTO "orders" VALUES('3',1,'100003','7.1','','amazon','globex','2026-11-23 08:00:00.000000','ups','Buyer 3','100003buyer 3sku-34006381333931cable-usb-cx001abcdef1z999aa101234567841z999aa10123456795',3,2,0,'2026-11-30 14:53:15.376933','','',NULL,'2026-11-20 08:03:00.000000',1);
INSERT INTO "orders" VALUES('4',1,'100004','7.1','','ebay','acme','2026-11-24 08:00:00.000000','ups','Buyer 4','100004buyer 4sku-44006381333931cable-usb-cx001abcdef1z999aa101234567841z999aa10123456795',3,2,0,'2026-11-20 08:04:00.000000','','',NULL,'2026-11-20 08:04:00.000000',1);
INSERT INTO "orders" VALUES('5',1,'100005','6','','bol','globex','2026-11-20 08:00:00.000000','','Анна Ковалёва','100005анна ковалёваsku-54006381333931cable-usb-cx001abcdef',3,2,0,NULL,'','',NULL,'2026-11-20 08:05:00.000000',1);
CREATE TABLE outbox (
	id INTEGER NOT NULL, 
	idempotency_key VARCHAR NOT NULL, 
	order_id VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	path VARCHAR NOT NULL, 
	body TEXT NOT NULL, 
	operator VARCHAR NOT NULL, 
	workstation VARCHAR NOT NULL, 
	created_at VARCHAR(26) NOT NULL, 
	attempts INTEGER NOT NULL, 
	last_error TEXT NOT NULL, 
	CONSTRAINT pk_outbox PRIMARY KEY (id), 
	CONSTRAINT uq_outbox_idempotency_key UNIQUE (idempotency_key)
);
INSERT INTO "outbox" VALUES(1,'e518fc53-0d32-4522-892d-6b23ceab4b75','1','status','orders/1/status','{"status": "6"}','ann','Стол-1','2026-11-30 14:53:15.362574',0,'');
INSERT INTO "outbox" VALUES(2,'b1630a1f-e47b-445d-8aef-dcd2a64ca80e','2','status','orders/2/status','{"status": "5.3", "reason": "Street missing — улица?"}','ann','Стол-1','2026-11-30 14:53:15.372817',0,'');
INSERT INTO "outbox" VALUES(3,'604cbdfa-c199-4ecb-8e28-10c8132c7181','3','shipments','orders/3/shipments','{"parcels": [{"tracking_number": "1Z999AA10123456784", "carrier": "ups", "weight_g": 900}, {"tracking_number": "1Z999AA10123456795", "carrier": "UPS", "weight_g": null}]}','ann','Стол-1','2026-11-30 14:53:15.376933',0,'');
INSERT INTO "outbox" VALUES(4,'5403c691-7888-4fb5-bf39-80a881408039','3','status','orders/3/status','{"status": "7.1"}','ann','Стол-1','2026-11-30 14:53:15.377368',0,'');
INSERT INTO "outbox" VALUES(5,'46b95e87-523f-4fe3-b380-4532358f0a7e','4','services','orders/4/services','{"services": [{"code": "POLYBAG", "quantity": 2}, {"code": "FNSKU_LABEL", "quantity": 1}]}','ann','Стол-1','2026-11-30 14:53:15.381690',0,'');
INSERT INTO "outbox" VALUES(6,'153e39e2-125b-49e2-ac57-d3adb1f381f9','4','retry_push','orders/4/shipments/s-1Z999AA10123456784/retry','{}','ann','Стол-1','2026-11-30 14:53:15.385829',0,'');
INSERT INTO "outbox" VALUES(7,'1cf6f184-776a-42d1-9606-2b4a9a85dc79','4','dismiss_push','orders/4/shipments/s-1Z999AA10123456795/dismiss','{}','ann','Стол-1','2026-11-30 14:53:15.389661',0,'');
INSERT INTO "outbox" VALUES(8,'7e99087d-cc46-4a6c-9319-d1f79506df1c','5','alias','products/aliases','{"seller": "globex", "sku": "CABLE-USB-C", "code": "Supplier 0042"}','ann','Стол-1','2026-11-30 14:53:15.400040',0,'');
CREATE TABLE print_jobs (
	id INTEGER NOT NULL, 
	job_key VARCHAR NOT NULL, 
	order_id VARCHAR, 
	role VARCHAR NOT NULL, 
	printer_uri VARCHAR NOT NULL, 
	document VARCHAR NOT NULL, 
	format VARCHAR NOT NULL, 
	payload BLOB NOT NULL, 
	copies INTEGER NOT NULL, 
	state VARCHAR NOT NULL, 
	reason TEXT NOT NULL, 
	attempts INTEGER NOT NULL, 
	created_at VARCHAR(26) NOT NULL, 
	updated_at VARCHAR(26) NOT NULL, 
	CONSTRAINT pk_print_jobs PRIMARY KEY (id), 
	CONSTRAINT uq_print_jobs_job_key UNIQUE (job_key)
);
CREATE TABLE product_aliases (
	seller VARCHAR NOT NULL, 
	code VARCHAR NOT NULL, 
	sku VARCHAR NOT NULL, 
	taught_by VARCHAR NOT NULL, 
	workstation VARCHAR NOT NULL, 
	at VARCHAR(26), 
	CONSTRAINT pk_product_aliases PRIMARY KEY (seller, code)
);
INSERT INTO "product_aliases" VALUES('globex','Supplier 0042','CABLE-USB-C','ann','Стол-1','2026-11-30 14:53:15.398616');
CREATE TABLE scan_journal (
	id INTEGER NOT NULL, 
	at VARCHAR(26) NOT NULL, 
	raw TEXT NOT NULL, 
	meaning_kind VARCHAR NOT NULL, 
	order_id VARCHAR, 
	verdict VARCHAR NOT NULL, 
	operator VARCHAR NOT NULL, 
	workstation VARCHAR NOT NULL, station VARCHAR DEFAULT '' NOT NULL, line_position INTEGER, units INTEGER DEFAULT '0' NOT NULL, 
	CONSTRAINT pk_scan_journal PRIMARY KEY (id)
);
CREATE TABLE services (
	order_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	quantity INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	unit_price VARCHAR, 
	currency VARCHAR NOT NULL, 
	operator VARCHAR NOT NULL, 
	done_at VARCHAR(26), 
	CONSTRAINT pk_services PRIMARY KEY (order_id, position), 
	CONSTRAINT fk_services_order_id_orders FOREIGN KEY(order_id) REFERENCES orders (id) ON DELETE CASCADE
);
INSERT INTO "services" VALUES('4',0,'POLYBAG',2,'POLYBAG',NULL,'','ann','2026-11-30 14:53:15.381690');
INSERT INTO "services" VALUES('4',1,'FNSKU_LABEL',1,'FNSKU_LABEL',NULL,'','ann','2026-11-30 14:53:15.381690');
CREATE TABLE settings (
	"key" VARCHAR NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_settings PRIMARY KEY ("key")
);
CREATE TABLE shipments (
	order_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	shipment_id VARCHAR NOT NULL, 
	tracking_number VARCHAR NOT NULL, 
	carrier VARCHAR NOT NULL, 
	weight_g INTEGER, 
	parcel_no INTEGER NOT NULL, 
	push_state VARCHAR NOT NULL, 
	push_reason TEXT NOT NULL, 
	created_at VARCHAR(26), 
	CONSTRAINT pk_shipments PRIMARY KEY (order_id, position), 
	CONSTRAINT fk_shipments_order_id_orders FOREIGN KEY(order_id) REFERENCES orders (id) ON DELETE CASCADE
);
INSERT INTO "shipments" VALUES('3',0,'','1Z999AA10123456784','ups',900,1,'pending','','2026-11-30 14:53:15.376933');
INSERT INTO "shipments" VALUES('3',1,'','1Z999AA10123456795','UPS',NULL,2,'pending','','2026-11-30 14:53:15.376933');
INSERT INTO "shipments" VALUES('4',0,'s-1Z999AA10123456784','1Z999AA10123456784','ups',NULL,1,'pending','marketplace said no',NULL);
INSERT INTO "shipments" VALUES('4',1,'s-1Z999AA10123456795','1Z999AA10123456795','ups',NULL,1,'dismissed','marketplace said no',NULL);
CREATE TABLE sync_cursor (
	name VARCHAR NOT NULL, 
	cursor VARCHAR NOT NULL, 
	updated_at VARCHAR(26), 
	CONSTRAINT pk_sync_cursor PRIMARY KEY (name)
);
CREATE INDEX ix_activity_order_id ON activity (order_id);
CREATE INDEX ix_outbox_order_id ON outbox (order_id);
CREATE INDEX ix_print_jobs_order_id ON print_jobs (order_id);
CREATE INDEX ix_print_jobs_state ON print_jobs (state);
CREATE INDEX ix_scan_journal_order_id ON scan_journal (order_id);
CREATE INDEX ix_lines_ean ON lines (ean);
CREATE INDEX ix_lines_fnsku ON lines (fnsku);
CREATE INDEX ix_lines_sku ON lines (sku);
CREATE INDEX ix_shipments_tracking_number ON shipments (tracking_number);
CREATE INDEX ix_orders_shipped_at ON orders (shipped_at);
CREATE INDEX ix_orders_marketplace ON orders (marketplace);
CREATE INDEX ix_orders_status_updated_at ON orders (status, updated_at);
CREATE INDEX ix_orders_number ON orders (number);
CREATE INDEX ix_orders_seller ON orders (seller);
CREATE INDEX ix_orders_updated_at ON orders (updated_at);
CREATE INDEX ix_orders_carrier ON orders (carrier);
CREATE INDEX ix_orders_status_ship_by ON orders (status, ship_by);
CREATE INDEX ix_orders_ship_by ON orders (ship_by);
CREATE INDEX ix_orders_status_number ON orders (status, number);
CREATE INDEX ix_orders_failed_pushes ON orders (failed_pushes);
CREATE INDEX ix_activity_at ON activity (at);
COMMIT;

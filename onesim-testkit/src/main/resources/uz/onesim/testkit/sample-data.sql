-- The spec's sample data, plus what the flows need around it. Ids are fixed (see SampleData.java).
insert into auth.users (id, email, raw_app_meta_data) values
  ('550e8400-e29b-41d4-a716-446655440001', 'grandtravel@example.com', '{"provider": "email"}'),
  ('550e8400-e29b-41d4-a716-446655440002', 'silkroad@example.com', '{"provider": "email"}'),
  ('550e8400-e29b-41d4-a716-446655440010', 'dilnoza@example.com', '{"provider": "email"}'),
  ('550e8400-e29b-41d4-a716-446655440099', 'admin@onesim.uz', '{"provider": "email"}');

insert into public.profiles (id, first_name, last_name, phone, user_type) values
  ('550e8400-e29b-41d4-a716-446655440001', 'Grand', 'Travel', '+998901234567', 'partner'),
  ('550e8400-e29b-41d4-a716-446655440002', 'Silk', 'Road', '+998907654321', 'partner'),
  ('550e8400-e29b-41d4-a716-446655440010', 'Dilnoza', 'Rahimova', '+998905555555', 'customer'),
  ('550e8400-e29b-41d4-a716-446655440099', 'OneSIM', 'Admin', null, 'admin');

insert into public.partners (id, user_id, company_name, legal_name, business_email, company_type, custom_discount_rate, status) values
  ('a0000000-0000-4000-8000-000000000001', '550e8400-e29b-41d4-a716-446655440001', 'Grand Travel Tour',
   'MCHJ "Grand Travel"', 'info@grandtravel.uz', 'tour_operator', null, 'active'),
  ('a0000000-0000-4000-8000-000000000002', '550e8400-e29b-41d4-a716-446655440002', 'Silk Road Premium',
   'MCHJ "Silk Road"', 'info@silkroad.uz', 'travel_agency', 10.00, 'active');

insert into public.partner_customers (id, partner_id, first_name, last_name, email, phone) values
  ('c0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'Aziza', 'Karimova',
   'aziza@example.com', '+998901111111'),
  ('c0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000001', 'Jahongir', 'Xasanov',
   'jahongir@example.com', '+998902222222'),
  ('c0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000002', 'Bobur', 'Aliyev',
   'bobur@example.com', '+998903333333');

insert into public.customer_groups (id, partner_id, name, destination_country_code, destination_name,
                                    travel_start_date, travel_end_date) values
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001',
   'Antalya Tour Group - Oct 2024', 'TR', 'Turkiya', '2024-10-05', '2024-10-12');

insert into public.customer_group_members (group_id, customer_id) values
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002');

insert into public.esim_packages (package_code, slug, name, location_code, location_name, package_type,
                                  data_volume_bytes, data_gb, duration, duration_unit, final_price_usd, is_active) values
  ('TR_1GB_7D', 'turkey-1gb-7d', 'Turkey 1GB 7 Days', 'TR', 'Turkey', 'BASE', 1073741824, 1, 7, 'DAY', 15.00, true),
  ('TR_3GB_15D', 'turkey-3gb-15d', 'Turkey 3GB 15 Days', 'TR', 'Turkey', 'BASE', 3221225472, 3, 15, 'DAY', 20.00, true),
  ('TR_5GB_30D', 'turkey-5gb-30d', 'Turkey 5GB 30 Days', 'TR', 'Turkey', 'BASE', 5368709120, 5, 30, 'DAY', 25.00, true),
  ('EU_10GB_30D', 'europe-10gb-30d', 'Europe 10GB 30 Days', 'EU-42', 'Europe (42 countries)', 'BASE', 10737418240, 10, 30, 'DAY', 19.00, true),
  ('AE_1GB_DAY', 'uae-1gb-daily', 'UAE 1GB/day pass', 'AE', 'United Arab Emirates', 'BASE', 1073741824, 1, 1, 'DAY', 0.10, true),
  ('GL_1GB_7D', 'global-1gb-7d', 'Global 1GB 7 Days', 'GL-139', 'Global (139 countries)', 'BASE', 1073741824, 1, 7, 'DAY', 9.99, true),
  ('TR_TOPUP_1GB', 'turkey-topup-1gb', 'Turkey top-up 1GB', 'TR', 'Turkey', 'TOPUP', 1073741824, 1, 7, 'DAY', 6.00, true),
  ('TR_OLD_2GB', 'turkey-old-2gb', 'Turkey 2GB (retired)', 'TR', 'Turkey', 'BASE', 2147483648, 2, 10, 'DAY', 12.00, false);

-- The sample catalogue as the last sync left it: the countries each package covers (sorted) and
-- their networks (in the provider's order).
update public.esim_packages p
set covered_countries = (select pg_catalog.array_agg(x order by x) from pg_catalog.unnest(c.codes) x),
    networks = (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('country', u.code, 'operator', u.code || op.suffix,
                                                                           'network', op.network) order by u.ord, op.n)
                from pg_catalog.unnest(c.codes) with ordinality u(code, ord)
                cross join (values (1, ' Mobile', '4G/5G'), (2, ' Telecom', '4G')) op(n, suffix, network))
from (values ('TR_1GB_7D', array['TR']), ('TR_3GB_15D', array['TR']), ('TR_5GB_30D', array['TR']),
             ('EU_10GB_30D', array['DE', 'FR', 'IT']), ('AE_1GB_DAY', array['AE']), ('GL_1GB_7D', array['TR', 'AE', 'US']),
             ('TR_TOPUP_1GB', array['TR'])) c(code, codes)
where p.package_code = c.code;

-- The provider's data type: the UAE pass is a day pass (periodNum on every order of it), the rest fixed plans.
update public.esim_packages set data_type = case when package_code = 'AE_1GB_DAY' then 2 else 1 end;

-- The top-ups the provider lists for each plan (the simulator's catalogue: TR_TOPUP_1GB fits TR_1GB_7D).
insert into public.topup_offers (base_package_code, topup_package_code) values ('TR_1GB_7D', 'TR_TOPUP_1GB');
update public.esim_packages set topups_refreshed_at = pg_catalog.now() where package_code = 'TR_1GB_7D';

-- The sample partners' prepaid accounts (bank transfers booked by an admin).
insert into public.partner_ledger (partner_id, kind, amount_usd, reference) values
  ('a0000000-0000-4000-8000-000000000001', 'funding', 100000.00, 'sample-bank-transfer-1'),
  ('a0000000-0000-4000-8000-000000000002', 'funding', 100000.00, 'sample-bank-transfer-2');

-- Grand Travel's booking engine signs in with an integration credential (its Auth user; no password here).
insert into auth.users (id, email, raw_app_meta_data) values
  ('550e8400-e29b-41d4-a716-446655440050', 'e0000000-0000-4000-8000-000000000001@integrations.onesim.invalid',
   '{"provider": "email", "kind": "integration"}');
insert into public.partner_credentials (id, partner_id, user_id, label) values
  ('e0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', '550e8400-e29b-41d4-a716-446655440050',
   'booking engine');

-- Silk Road's former webhook endpoint (disabled) and the one event it received.
insert into public.webhook_endpoints (id, partner_id, url, events, active) values
  ('f0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'https://hooks.silkroad.example/onesim',
   array['order.allocated', 'order.failed'], false);
insert into private.webhook_secrets (endpoint_id, secret, expires_at) values
  ('f0000000-0000-4000-8000-000000000001', 'whsec_sample-silk-road-secret-00000000000000000', now());
insert into public.webhook_events (id, partner_id, type, payload) values
  ('f1000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'order.failed',
   '{"id": "f1000000-0000-4000-8000-000000000001", "type": "order.failed", "data": {}}');
insert into public.webhook_deliveries (id, event_id, endpoint_id, partner_id, status, attempts, last_status_code, delivered_at) values
  ('f2000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001',
   'a0000000-0000-4000-8000-000000000002', 'delivered', 1, 200, now());
insert into public.webhook_attempts (delivery_id, partner_id, status_code, duration_ms) values
  ('f2000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 200, 35);

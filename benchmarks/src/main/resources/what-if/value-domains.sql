-- What if single-column value rules were domains? A measurement, never a migration.
--
-- PostgreSQL reads every CHECK constraint of a table back from its node tree at each INSERT and
-- UPDATE statement (ExecRelCheck: stringToNode, then compiled), and a purchase writes four tables
-- whose checks hold 34 000 characters of node trees. A domain's checks are parsed once per session
-- (the type cache) and only for the columns a statement writes. This script gives the purchase path's
-- columns domains by editing pg_attribute directly (the columns' dependent views, policies and
-- triggers would otherwise have to be dropped and recreated), keeps the rules that span columns as
-- table checks, and recreates what holds the old column types (partial indexes, generated columns).
-- Run by PurchaseInstructionsBenchmark in its single-user copy only:
--   ./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.PurchaseInstructionsBenchmark \
--     -Dexec.args=what-if/value-domains.sql
-- Each statement ends with a semicolon and an empty line (single-user mode's -j).

create domain private.usd12 as numeric(12,2) check (value <> 'NaN');

create domain private.uzs18 as numeric(18,0) check (value <> 'NaN');

create domain private.uzs18_2 as numeric(18,2) check (value <> 'NaN');

create domain private.rate52 as numeric(5,2) check (value <@ '[0,100]'::numrange);

create domain private.fx144 as numeric(14,4) check (value <> 'NaN');

create domain private.usd20 as numeric(20,2) check (value <> 'NaN');

create domain private.usd20_nonneg as numeric(20,2) check (value >= 0 and value <> 'NaN');

create domain private.int_nonneg as integer check (value >= 0);

create domain private.rate_exact as numeric check (value = round(value, 2) and value <@ '[0,100]'::numrange);

create domain private.credit_usd as numeric check (value = round(value, 2) and value <@ '[0,1000000000000)'::numrange);

create domain private.threshold_usd as numeric check (value = round(value, 2) and abs(value) < 1000000000000);

create domain private.sell_usd as numeric check (value = round(value, 2) and value <@ '[0,100000000)'::numrange);

create domain private.sell_uzs as numeric check (value = round(value, 0) and value <@ '[0,1000000000000000)'::numrange);

create domain private.ledger_usd as numeric check (value = round(value, 2) and abs(value) < 1000000000000 and value <> 0);

create domain private.json_object as jsonb check (jsonb_typeof(value) = 'object');

create domain private.order_status as varchar(20) check (value = any ('{PENDING,PROCESSING,ALLOCATED,FAILED,CANCELLED}'::text[]));

create domain private.payment_status as varchar(20) check (value = any ('{awaiting_payment,paid,refunded,expired}'::text[]));

create domain private.delivery_method as varchar(20) check (value = any ('{email,sms,whatsapp,manual}'::text[]));

create domain private.source_type as varchar(20) check (value = any ('{b2c,b2b_partner,admin}'::text[]));

create domain private.end_customer_type as varchar(20) check (value = any ('{b2c,b2b_partner_customer}'::text[]));

create domain private.partner_status as varchar(20) check (value = any ('{active,suspended,pending_approval,deactivated,rejected}'::text[]));

create domain private.earning_status as varchar(20) check (value = any ('{pending,completed,cancelled}'::text[]));

create domain private.sell_currency as text check (value = any ('{USD,UZS}'::text[]));

create domain private.ledger_kind as varchar(20) check (value = any ('{funding,purchase,refund,adjustment}'::text[]));

do $$ declare r record; begin for r in select conname from pg_constraint where conrelid = 'public.orders'::regclass and contype = 'c' loop execute format('alter table public.orders drop constraint %I', r.conname); end loop; end $$;

do $$ declare r record; begin for r in select conname from pg_constraint where conrelid = 'public.partners'::regclass and contype = 'c' loop execute format('alter table public.partners drop constraint %I', r.conname); end loop; end $$;

do $$ declare r record; begin for r in select conname from pg_constraint where conrelid = 'public.partner_earnings'::regclass and contype = 'c' loop execute format('alter table public.partner_earnings drop constraint %I', r.conname); end loop; end $$;

do $$ declare r record; begin for r in select conname from pg_constraint where conrelid = 'public.partner_ledger'::regclass and contype = 'c' loop execute format('alter table public.partner_ledger drop constraint %I', r.conname); end loop; end $$;

update pg_attribute set atttypid = 'private.usd12'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'price_usd';

update pg_attribute set atttypid = 'private.uzs18_2'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'price_uzs';

update pg_attribute set atttypid = 'private.rate52'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'discount_rate';

update pg_attribute set atttypid = 'private.usd12'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'discount_amount_usd';

update pg_attribute set atttypid = 'private.uzs18'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'discount_amount_uzs';

update pg_attribute set atttypid = 'private.usd12'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'partner_paid_usd';

update pg_attribute set atttypid = 'private.uzs18'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'partner_paid_uzs';

update pg_attribute set atttypid = 'private.usd12'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'retail_price_override_usd';

update pg_attribute set atttypid = 'private.fx144'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'fx_rate_uzs';

update pg_attribute set atttypid = 'private.order_status'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'order_status';

update pg_attribute set atttypid = 'private.payment_status'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'payment_status';

update pg_attribute set atttypid = 'private.delivery_method'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'delivery_method';

update pg_attribute set atttypid = 'private.source_type'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'source_type';

update pg_attribute set atttypid = 'private.end_customer_type'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'end_customer_type';

update pg_attribute set atttypid = 'private.json_object'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'delivery_status';

update pg_attribute set atttypid = 'private.json_object'::regtype, atttypmod = -1 where attrelid = 'public.orders'::regclass and attname = 'metadata';

update pg_attribute set atttypid = 'private.usd20_nonneg'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'total_spent';

update pg_attribute set atttypid = 'private.usd20_nonneg'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'total_savings';

update pg_attribute set atttypid = 'private.usd20_nonneg'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'total_orders_value_retail';

update pg_attribute set atttypid = 'private.int_nonneg'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'total_orders';

update pg_attribute set atttypid = 'private.int_nonneg'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'total_customers';

update pg_attribute set atttypid = 'private.usd20'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'balance_usd';

update pg_attribute set atttypid = 'private.rate_exact'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'discount_rate';

update pg_attribute set atttypid = 'private.rate_exact'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'custom_discount_rate';

update pg_attribute set atttypid = 'private.threshold_usd'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'low_balance_threshold_usd';

update pg_attribute set atttypid = 'private.credit_usd'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'credit_limit_usd';

update pg_attribute set atttypid = 'private.partner_status'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'status';

update pg_attribute set atttypid = 'private.json_object'::regtype, atttypmod = -1 where attrelid = 'public.partners'::regclass and attname = 'address';

update pg_attribute set atttypid = 'private.usd12'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'retail_price_usd';

update pg_attribute set atttypid = 'private.rate52'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'discount_rate';

update pg_attribute set atttypid = 'private.usd12'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'discount_amount_usd';

update pg_attribute set atttypid = 'private.uzs18'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'discount_amount_uzs';

update pg_attribute set atttypid = 'private.usd12'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'partner_paid_usd';

update pg_attribute set atttypid = 'private.uzs18'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'partner_paid_uzs';

update pg_attribute set atttypid = 'private.fx144'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'fx_rate_uzs';

update pg_attribute set atttypid = 'private.sell_usd'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'partner_sell_price_usd';

update pg_attribute set atttypid = 'private.sell_uzs'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'partner_sell_price_uzs';

update pg_attribute set atttypid = 'private.earning_status'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'status';

update pg_attribute set atttypid = 'private.sell_currency'::regtype, atttypmod = -1 where attrelid = 'public.partner_earnings'::regclass and attname = 'partner_sell_currency';

update pg_attribute set atttypid = 'private.ledger_usd'::regtype, atttypmod = -1 where attrelid = 'public.partner_ledger'::regclass and attname = 'amount_usd';

update pg_attribute set atttypid = 'private.ledger_kind'::regtype, atttypmod = -1 where attrelid = 'public.partner_ledger'::regclass and attname = 'kind';

alter table public.orders add constraint orders_b2b_has_partner_and_customer check (((source_type)::text <> 'b2b_partner'::text) OR ((partner_id IS NOT NULL) AND (end_customer_id IS NOT NULL) AND ((end_customer_type)::text = 'b2b_partner_customer'::text)));

alter table public.orders add constraint orders_b2c_has_no_partner check (((source_type)::text <> 'b2c'::text) OR ((partner_id IS NULL) AND (customer_group_id IS NULL) AND (NOT discount_applicable)));

alter table public.partners add constraint partners_balance_within_credit check (balance_usd >= (- credit_limit_usd));

alter table public.partner_earnings add constraint partner_earnings_adds_up check (retail_price_usd = (partner_paid_usd + discount_amount_usd));

alter table public.partner_ledger add constraint partner_ledger_kind_matches_amount check (CASE (kind)::text WHEN 'purchase'::text THEN ((amount_usd < (0)::numeric) AND ((order_id IS NOT NULL) OR (topup_id IS NOT NULL))) WHEN 'adjustment'::text THEN true ELSE (amount_usd > (0)::numeric) END);

do $$ declare r record; begin for r in select indexrelid::regclass::text as n, pg_get_indexdef(indexrelid) as def from pg_index where indrelid in ('public.orders'::regclass,'public.partners'::regclass,'public.partner_ledger'::regclass) and indpred is not null loop execute 'drop index ' || r.n; execute r.def; end loop; end $$;

alter table public.partner_earnings drop column partner_actual_profit_usd cascade;

alter table public.partner_earnings drop column partner_actual_profit_uzs cascade;

alter table public.partner_earnings add column partner_actual_profit_usd numeric(12,2) generated always as (partner_sell_price_usd - partner_paid_usd) stored;

alter table public.partner_earnings add column partner_actual_profit_uzs numeric(18,0) generated always as (partner_sell_price_uzs - partner_paid_uzs) stored;

alter table public.partners drop column effective_discount_rate cascade;

alter table public.partners add column effective_discount_rate numeric(5,2) generated always as (coalesce(custom_discount_rate, discount_rate)) stored;


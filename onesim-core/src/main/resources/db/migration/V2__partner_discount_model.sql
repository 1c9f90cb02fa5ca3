-- V2: the partner model with DISCOUNTS (docs/money.md: the discount model wins over the first design: partners
-- get a discount at purchase time; nothing is paid to them later, so no commission, balance or
-- payout columns). Defensive throughout: re-running it, or running it where some of it exists,
-- changes nothing.
--
-- Money columns: USD numeric(12,2) (cents), UZS numeric(18,0) (whole som), rates numeric(5,2).
-- A column the API writes is plain numeric with an "exact" check instead (private.exact_numeric):
-- PostgreSQL would round 5.125 into numeric(5,2) before any check or trigger saw it; the check
-- refuses what Java refuses (more decimals than the column keeps) and bounds the digits the same.
-- Partner totals are numeric(20,2): sums of many orders must not overflow where one order fits.
-- orders.price_usd / price_uzs = what the buyer is charged (retail for b2c, the discounted price
-- for partners); orders.retail_price_override_usd = the retail price at order time.

-- FX: the current USD->UZS rate (the newest row) that order pricing snapshots.
create table if not exists public.fx_rates (
  id bigint generated always as identity primary key,
  uzs_per_usd numeric not null constraint fx_rates_positive check (uzs_per_usd > 0),
  source varchar(64) not null,
  as_of timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create index if not exists idx_fx_rates_as_of on public.fx_rates (as_of desc);
insert into public.fx_rates (uzs_per_usd, source, as_of)
select 12650, 'seed', '2026-01-01T00:00:00Z'
where not exists (select 1 from public.fx_rates);

-- Who a user is. Only admins and the backend may change it (guarded in V4).
alter table public.profiles add column if not exists user_type varchar(20) not null default 'customer';
alter table public.profiles add column if not exists is_partner boolean generated always as (user_type = 'partner') stored;
alter table public.profiles add column if not exists is_admin boolean generated always as (user_type = 'admin') stored;
create index if not exists idx_profiles_user_type on public.profiles (user_type);

create table if not exists public.partners (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references auth.users (id) on delete cascade,
  company_name varchar(255) not null,
  legal_name varchar(255),
  company_type varchar(50),
  tax_id varchar(100),
  registration_number varchar(100),
  business_email varchar(255) not null,
  business_phone varchar(50),
  website varchar(255),
  address jsonb,
  discount_rate numeric not null default 5.00,
  custom_discount_rate numeric,
  effective_discount_rate numeric(5, 2) generated always as (coalesce(custom_discount_rate, discount_rate)) stored,
  total_spent numeric(20, 2) not null default 0,
  total_savings numeric(20, 2) not null default 0,
  total_orders_value_retail numeric(20, 2) not null default 0,
  total_orders integer not null default 0,
  total_customers integer not null default 0,
  auto_email_customers boolean not null default true,
  preferred_currency varchar(3) not null default 'USD',
  preferred_locale varchar(10) not null default 'uz',
  status varchar(20) not null default 'active',
  verified boolean not null default false,
  verified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_order_at timestamptz
);
create index if not exists idx_partners_status on public.partners (status) where status = 'active';
create index if not exists idx_partners_company_name on public.partners (company_name);

create table if not exists public.partner_customers (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references public.partners (id) on delete cascade,
  user_id uuid references auth.users (id) on delete set null,
  first_name varchar(100) not null,
  last_name varchar(100) not null,
  email varchar(255) not null,
  phone varchar(50),
  notes text,
  tags jsonb,
  total_orders integer not null default 0,
  total_spent numeric(20, 2) not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_order_at timestamptz
);
-- Same email for the same partner = same customer, case-insensitively.
create unique index if not exists uq_partner_customers_partner_email on public.partner_customers (partner_id, lower(email));
create index if not exists idx_partner_customers_user_id on public.partner_customers (user_id) where user_id is not null;

create table if not exists public.customer_groups (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references public.partners (id) on delete cascade,
  name varchar(255) not null,
  description text,
  destination_country_code varchar(10),
  destination_name varchar(255),
  travel_start_date date,
  travel_end_date date,
  group_size integer not null default 0,
  tags jsonb,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists idx_customer_groups_partner_id on public.customer_groups (partner_id);

create table if not exists public.customer_group_members (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.customer_groups (id) on delete cascade,
  customer_id uuid not null references public.partner_customers (id) on delete cascade,
  added_at timestamptz not null default now(),
  added_by uuid references auth.users (id) on delete set null,
  constraint unique_group_member unique (group_id, customer_id)
);
create index if not exists idx_group_members_customer_id on public.customer_group_members (customer_id);
create index if not exists idx_group_members_added_by on public.customer_group_members (added_by);

-- The orders columns of the discount model (docs/money.md), plus the FX snapshot and an idempotency key.
alter table public.orders
  add column if not exists source_type varchar(20) not null default 'b2c',
  add column if not exists partner_id uuid references public.partners (id) on delete restrict,
  add column if not exists end_customer_id uuid,
  add column if not exists end_customer_type varchar(20),
  add column if not exists customer_first_name varchar(100),
  add column if not exists customer_last_name varchar(100),
  add column if not exists customer_email varchar(255),
  add column if not exists customer_phone varchar(50),
  add column if not exists customer_group_id uuid references public.customer_groups (id) on delete set null,
  add column if not exists discount_applicable boolean not null default false,
  add column if not exists discount_rate numeric(5, 2),
  add column if not exists discount_amount_usd numeric(12, 2),
  add column if not exists discount_amount_uzs numeric(18, 0),
  add column if not exists partner_paid_usd numeric(12, 2),
  add column if not exists partner_paid_uzs numeric(18, 0),
  add column if not exists retail_price_override_usd numeric(12, 2),
  add column if not exists fx_rate_uzs numeric(14, 4),
  add column if not exists delivery_method varchar(20) not null default 'email',
  add column if not exists delivery_status jsonb,
  add column if not exists notes text,
  add column if not exists metadata jsonb,
  add column if not exists idempotency_key varchar(128),
  add column if not exists idempotency_line integer;
create index if not exists idx_orders_partner_id on public.orders (partner_id, created_at desc) where partner_id is not null;
create index if not exists idx_orders_end_customer_id on public.orders (end_customer_id);
create index if not exists idx_orders_customer_group_id on public.orders (customer_group_id) where customer_group_id is not null;
create index if not exists idx_orders_status on public.orders (order_status);
create unique index if not exists uq_orders_idempotency on public.orders (user_id, idempotency_key, idempotency_line)
  where idempotency_key is not null;

-- One ledger row per partner order: the discount the partner got (its "earning").
create table if not exists public.partner_earnings (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references public.partners (id) on delete cascade,
  order_id uuid not null references public.orders (id) on delete cascade,
  retail_price_usd numeric(12, 2) not null,
  discount_rate numeric(5, 2) not null,
  discount_amount_usd numeric(12, 2) not null,
  discount_amount_uzs numeric(18, 0),
  partner_paid_usd numeric(12, 2) not null,
  partner_paid_uzs numeric(18, 0),
  fx_rate_uzs numeric(14, 4),
  partner_sell_price_usd numeric,
  partner_actual_profit_usd numeric(12, 2) generated always as (partner_sell_price_usd - partner_paid_usd) stored,
  status varchar(20) not null default 'pending',
  completed_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint unique_order_earning unique (order_id)
);
create index if not exists idx_partner_earnings_partner_status on public.partner_earnings (partner_id, status, completed_at);

-- Constraints, added only where missing (so re-runs and pre-existing tables are fine).
create schema if not exists private;
create or replace function private.add_constraint_if_missing(p_table regclass, p_name text, p_definition text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if not exists (select 1 from pg_catalog.pg_constraint where conrelid = p_table and conname = p_name) then
    execute pg_catalog.format('alter table %s add constraint %I %s', p_table, p_name, p_definition);
  end if;
end
$$;
revoke all on function private.add_constraint_if_missing(regclass, text, text) from public;

-- A numeric column the API writes: plain numeric (no silent rounding on input) with a check that
-- it has at most p_scale decimals and fewer than p_digits digits before the point.
create or replace function private.exact_numeric(p_table regclass, p_column text, p_scale integer, p_digits integer)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if exists (select 1 from pg_catalog.pg_attribute a
             where a.attrelid = p_table and a.attname = p_column and a.atttypmod <> -1) then
    execute pg_catalog.format('alter table %s alter column %I type numeric', p_table, p_column);
  end if;
  perform private.add_constraint_if_missing(p_table, pg_catalog.left(p_column || '_exact_' || pg_catalog.md5(p_table::text), 63),
    pg_catalog.format('check (%1$I = pg_catalog.round(%1$I, %2$s) and pg_catalog.abs(%1$I) < 1e%3$s)', p_column, p_scale, p_digits));
  -- it refuses NaN and the infinities too (abs(x) < bound is false for them): a finite check on
  -- the column would be read at every write for nothing. The next private.add_finite_checks() (V12,
  -- run by apply_column_decisions) leaves it out of its table's check; this drops its own range test.
  execute pg_catalog.format('alter table %s drop constraint if exists %I', p_table,
    pg_catalog.left(pg_catalog.split_part(p_table::text, '.', 2) || '_' || p_column || '_finite', 63));
end
$$;
revoke all on function private.exact_numeric(regclass, text, integer, integer) from public;
select private.exact_numeric('public.esim_packages', 'final_price_usd', 2, 8);
select private.exact_numeric('public.esim_packages', 'data_gb', 2, 8);
select private.exact_numeric('public.fx_rates', 'uzs_per_usd', 4, 10);
select private.exact_numeric('public.partners', 'discount_rate', 2, 3);
select private.exact_numeric('public.partners', 'custom_discount_rate', 2, 3);
select private.exact_numeric('public.partner_earnings', 'partner_sell_price_usd', 2, 8);

select private.add_constraint_if_missing('public.profiles', 'profiles_user_type_check',
  $c$check (user_type in ('customer', 'partner', 'admin'))$c$);
-- The checks of the tables a purchase writes are written small, because PostgreSQL reads back and
-- compiles every CHECK at each INSERT and UPDATE statement (issue 29): a list of allowed values as
-- one text[] constant (x::text = any ('{...}'); on a varchar column `x in (...)` is stored with a
-- cast per item, twice the size), a range as one operator (x <@ '[0,100]'::numrange), and no
-- `x is null or`: a CHECK that comes out null passes.
select private.add_constraint_if_missing('public.partners', 'partners_status_check',
  $c$check (status::text = any ('{active,suspended,pending_approval,deactivated}'::text[]))$c$);
select private.add_constraint_if_missing('public.partners', 'partners_discount_rate_check',
  $c$check (discount_rate <@ '[0,100]'::numrange)$c$);   -- between 0 and 100, one operator (see above)
select private.add_constraint_if_missing('public.partners', 'partners_custom_discount_rate_check',
  $c$check (custom_discount_rate <@ '[0,100]'::numrange)$c$);   -- null passes a CHECK by itself
select private.add_constraint_if_missing('public.partners', 'partners_totals_non_negative',
  $c$check (total_spent >= 0 and total_savings >= 0 and total_orders_value_retail >= 0 and total_orders >= 0 and total_customers >= 0)$c$);
select private.add_constraint_if_missing('public.partner_customers', 'partner_customers_email_check',
  $c$check (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$')$c$);
select private.add_constraint_if_missing('public.partner_customers', 'partner_customers_phone_check',
  $c$check (phone is null or phone ~ '^\+[1-9][0-9]{1,14}$')$c$);
select private.add_constraint_if_missing('public.partner_customers', 'partner_customers_names_check',
  $c$check (btrim(first_name) <> '' and btrim(last_name) <> '')$c$);
select private.add_constraint_if_missing('public.customer_groups', 'customer_groups_dates_check',
  $c$check (travel_end_date is null or travel_start_date is null or travel_end_date >= travel_start_date)$c$);
select private.add_constraint_if_missing('public.customer_groups', 'customer_groups_size_check',
  $c$check (group_size >= 0)$c$);
select private.add_constraint_if_missing('public.orders', 'orders_source_type_check',
  $c$check (source_type::text = any ('{b2c,b2b_partner,admin}'::text[]))$c$);
select private.add_constraint_if_missing('public.orders', 'orders_end_customer_type_check',
  $c$check (end_customer_type::text = any ('{b2c,b2b_partner_customer}'::text[]))$c$);
select private.add_constraint_if_missing('public.orders', 'orders_order_status_check',
  $c$check (order_status::text = any ('{PENDING,PROCESSING,ALLOCATED,FAILED,CANCELLED}'::text[]))$c$);
select private.add_constraint_if_missing('public.orders', 'orders_delivery_method_check',
  $c$check (delivery_method::text = any ('{email,sms,whatsapp,manual}'::text[]))$c$);
select private.add_constraint_if_missing('public.orders', 'orders_b2c_has_no_partner',
  $c$check (source_type <> 'b2c' or (partner_id is null and customer_group_id is null and not discount_applicable))$c$);
select private.add_constraint_if_missing('public.orders', 'orders_b2b_has_partner_and_customer',
  $c$check (source_type <> 'b2b_partner' or (partner_id is not null and end_customer_id is not null and end_customer_type = 'b2b_partner_customer'))$c$);
select private.add_constraint_if_missing('public.orders', 'orders_discount_rate_check',
  $c$check (discount_rate <@ '[0,100]'::numrange)$c$);
select private.add_constraint_if_missing('public.partner_earnings', 'partner_earnings_status_check',
  $c$check (status::text = any ('{pending,completed,cancelled}'::text[]))$c$);
select private.add_constraint_if_missing('public.partner_earnings', 'partner_earnings_sell_price_check',
  $c$check (partner_sell_price_usd >= 0)$c$);
select private.add_constraint_if_missing('public.partner_earnings', 'partner_earnings_adds_up',
  $c$check (retail_price_usd = partner_paid_usd + discount_amount_usd)$c$);

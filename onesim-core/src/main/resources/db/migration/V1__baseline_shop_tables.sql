-- V1: baseline of the OneSIM Shop tables that already exist in production and that the SDK reads
-- or writes. Every statement is "if not exists", so on the production database (where Flyway
-- baselines at version 1 and skips this file anyway) it would change nothing; on a fresh
-- database it creates the tables as the shop has them.
--
-- Requires Supabase's auth schema (auth.users) and the API roles; see the testkit's
-- supabase-env.sql for plain PostgreSQL.

create table if not exists public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  first_name varchar(100),
  last_name varchar(100),
  phone varchar(50),
  avatar_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.esim_packages (
  id uuid primary key default gen_random_uuid(),
  package_code varchar(64) not null unique,
  slug varchar(128),
  name varchar(255) not null,
  description text,
  location_code varchar(32),
  location_name varchar(255),
  package_type varchar(16) not null default 'BASE',
  data_volume_bytes bigint,
  data_gb numeric(10, 2),
  duration integer,
  duration_unit varchar(16) default 'DAY',
  final_price_usd numeric(12, 2),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.orders (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id) on delete set null,
  transaction_id varchar(128) unique,
  package_code varchar(64),
  price_usd numeric(12, 2),
  price_uzs numeric(18, 2),
  order_status varchar(20) not null default 'PENDING',
  esim_order_no varchar(64),
  iccid varchar(32),
  activation_code text,
  qr_code_url text,
  esim_status varchar(32),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists idx_orders_user_id on public.orders (user_id);
create index if not exists idx_orders_package_code on public.orders (package_code);

create table if not exists public.order_action_logs (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id) on delete cascade,
  action varchar(64) not null,
  details jsonb,
  created_at timestamptz not null default now()
);
create index if not exists idx_order_action_logs_order_id on public.order_action_logs (order_id);

-- V4: the rules the database enforces whatever the client sends.
--
-- * Orders are priced here: retail from esim_packages.final_price_usd, the rate from the partner's
--   effective rate at that moment, FX from the newest fx_rates row. Prices, rates and discounts a
--   client sends are overwritten. Rounding equals onesim-core's (private.price_quote).
-- * Source rules (b2c / b2b_partner / admin) are checked; statuses follow the order state machine.
-- * The earnings ledger follows the order; partner totals are the sums of completed earnings.
-- * Counters (group_size, total_customers) and updated_at are maintained by triggers.
-- * API callers may change only whitelisted columns; admins and the backend may change more.
--
-- Errors: SQLSTATE PT4xx (PostgREST answers HTTP 4xx), a human message, DETAIL = a stable machine
-- code (e.g. partner_not_active), HINT = the field. Privilege refusals use 42501.
-- Every function: search_path = '' and schema-qualified names.

revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

alter table public.order_action_logs
  add column if not exists from_status varchar(20),
  add column if not exists to_status varchar(20),
  add column if not exists actor_id uuid,
  add column if not exists actor_role varchar(32);

-- ---------------------------------------------------------------- helpers
create or replace function private.fail(p_status text, p_code text, p_message text, p_field text default null)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'PT' || p_status, message = p_message, detail = p_code, hint = coalesce(p_field, '');
end
$$;

-- The partner the signed-in user acts for, or null. An integration credential's user (a row in
-- public.partner_credentials, V19) acts for that credential's partner while it is live and for no
-- partner at all once revoked, whatever else it might own; any other user acts for the partner it
-- owns (partners.user_id). Every policy and check that asks "whose partner is this?" asks here.
-- plpgsql, so the body is resolved when it runs (the credentials table comes later in the
-- migrations; no migration runs as a signed-in user).
create or replace function private.current_partner_id() returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
declare
  -- auth.uid() itself, not (select auth.uid()): PL/pgSQL evaluates a plain expression in place,
  -- a subquery runs the executor (a purchase asks this about seven times; issue 29)
  v_user uuid := auth.uid();
begin
  if v_user is null then
    return null;
  end if;
  -- one statement (a purchase asks this about eight times: policies, checks, triggers)
  return (select case when c.user_id is null then (select p.id from public.partners p where p.user_id = v_user)
                      when c.revoked_at is null then c.partner_id end
          from (select v_user as user_id) me left join public.partner_credentials c on c.user_id = me.user_id);
end
$$;

-- Whether the signed-in user is an administrator.
-- The small helpers that triggers call once per row are PL/pgSQL, not SQL: a SQL function with its
-- own search_path is never inlined, and it is parsed and planned again at every call, while
-- PL/pgSQL keeps its plan for the session (issue 29: this halves what each call costs).
create or replace function private.is_admin() returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.profiles p where p.id = (select auth.uid()) and p.user_type = 'admin');
end
$$;

-- Whether the caller is the backend: the service_role, or a direct database session (migrations,
-- psql). API users run as anon or authenticated. Reads the session's role setting, which a
-- SECURITY DEFINER function does not change.
create or replace function private.is_backend() returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
  return coalesce(nullif(pg_catalog.current_setting('role', true), ''), 'none') not in ('anon', 'authenticated');
end
$$;

create or replace function private.is_privileged() returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
  return private.is_backend() or private.is_admin();
end
$$;

-- The one pricing rule (same as onesim-core PriceQuote):
--   discount_usd = round_half_up(retail * rate / 100, 2); paid_usd = retail - discount_usd
--   retail_uzs = round_half_up(retail * fx, 0); paid_uzs = round_half_up(paid_usd * fx, 0)
--   discount_uzs = retail_uzs - paid_uzs
-- numeric round() rounds half away from zero, i.e. half up for these non-negative amounts.
create or replace function private.price_quote(
  p_retail_usd numeric, p_rate numeric, p_fx numeric,
  out discount_usd numeric, out paid_usd numeric,
  out retail_uzs numeric, out paid_uzs numeric, out discount_uzs numeric)
language plpgsql immutable
set search_path = ''
as $$
begin
  discount_usd := pg_catalog.round(p_retail_usd * p_rate / 100, 2);
  paid_usd := p_retail_usd - discount_usd;
  retail_uzs := pg_catalog.round(p_retail_usd * p_fx, 0);
  paid_uzs := pg_catalog.round(paid_usd * p_fx, 0);
  discount_uzs := retail_uzs - paid_uzs;
end
$$;

-- The newest USD->UZS rate.
create or replace function private.current_fx() returns numeric
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (select f.uzs_per_usd from public.fx_rates f order by f.as_of desc, f.id desc limit 1);
end
$$;

-- ---------------------------------------------------------------- generic triggers
create or replace function private.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end
$$;

-- BEFORE UPDATE: an API caller who is not an admin may change only the columns named in the
-- trigger arguments. Updates made by our own triggers (depth > 1) are trusted.
create or replace function private.guard_columns() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_allowed text[] := tg_argv || array['updated_at'];
  v_changed text[];
begin
  if pg_catalog.pg_trigger_depth() > 1 or private.is_privileged() then
    return new;
  end if;
  select pg_catalog.array_agg(n.key order by n.key) into v_changed
  from pg_catalog.jsonb_each(pg_catalog.to_jsonb(new)) n
  join pg_catalog.jsonb_each(pg_catalog.to_jsonb(old)) o using (key)
  where n.value is distinct from o.value and not (n.key = any (v_allowed))
    -- generated columns are not computed yet in a BEFORE trigger; they cannot be written anyway
    and not exists (select 1 from pg_catalog.pg_attribute a
                     where a.attrelid = tg_relid and a.attname = n.key and a.attgenerated <> '');
  if v_changed is not null then
    raise exception using errcode = '42501',
      message = pg_catalog.format('permission denied: %s may not change %s', tg_table_name, pg_catalog.array_to_string(v_changed, ', ')),
      detail = 'column_not_writable',
      hint = pg_catalog.format('writable columns: %s', pg_catalog.array_to_string(tg_argv, ', '));
  end if;
  return new;
end
$$;

-- BEFORE INSERT: for an API caller who is not an admin, force the columns of the JSON argument to
-- its values (counters start at 0, a new profile is a customer, ...).
create or replace function private.force_on_insert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if pg_catalog.pg_trigger_depth() > 1 or private.is_privileged() then
    return new;
  end if;
  new := pg_catalog.jsonb_populate_record(new, tg_argv[0]::jsonb);
  return new;
end
$$;

-- ---------------------------------------------------------------- orders: price and rules
create or replace function private.orders_before_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_backend boolean := private.is_backend();
  v_partner public.partners%rowtype;
  v_customer public.partner_customers%rowtype;
  v_group_partner uuid;
  v_retail numeric;
  v_fx numeric;
  v_rate numeric := 0;
  q record;
begin
  -- What only the backend may set at creation.
  if not v_backend then
    new.order_status := 'PENDING';
    new.esim_order_no := null;
    new.iccid := null;
    new.activation_code := null;
    new.qr_code_url := null;
    new.esim_status := null;
    new.delivery_status := null;
  end if;
  new.transaction_id := coalesce(new.transaction_id, 'onesim-' || new.id::text);

  if new.package_code is null or pg_catalog.btrim(new.package_code) = '' then
    perform private.fail('400', 'required', 'package_code is required', 'package_code');
  end if;
  select p.final_price_usd into v_retail
  from public.esim_packages p where p.package_code = new.package_code and p.is_active;
  if v_retail is null then
    perform private.fail('404', 'unknown_package', pg_catalog.format('no active package %s', new.package_code), 'package_code');
  end if;
  v_fx := private.current_fx();
  if v_fx is null then
    perform private.fail('503', 'fx_rate_missing', 'no USD->UZS rate in fx_rates', 'fx_rate_uzs');
  end if;

  if new.partner_id is null and new.source_type = 'b2b_partner' then
    new.partner_id := private.current_partner_id();
  end if;
  if new.partner_id is not null then
    if new.source_type = 'b2c' then
      perform private.fail('400', 'not_allowed', 'a b2c order has no partner', 'partner_id');
    end if;
    select * into v_partner from public.partners p where p.id = new.partner_id;
    if not found then
      perform private.fail('403', 'not_a_partner', 'the order''s partner does not exist', 'partner_id');
    end if;
    v_rate := v_partner.effective_discount_rate;
    new.discount_applicable := true;
  else
    new.discount_applicable := false;
  end if;

  if new.customer_group_id is not null then
    select g.partner_id into v_group_partner from public.customer_groups g where g.id = new.customer_group_id;
    if v_group_partner is null or v_group_partner is distinct from new.partner_id then
      perform private.fail('403', 'foreign_group', 'the group does not belong to the order''s partner', 'customer_group_id');
    end if;
  end if;

  if new.source_type = 'b2c' then
    new.end_customer_id := new.user_id;
    new.end_customer_type := 'b2c';
    select pr.first_name, pr.last_name, pr.phone into new.customer_first_name, new.customer_last_name, new.customer_phone
    from public.profiles pr where pr.id = new.user_id;
    select u.email into new.customer_email from auth.users u where u.id = new.user_id;

  elsif new.source_type = 'b2b_partner' then
    if v_partner.id is null then
      perform private.fail('403', 'not_a_partner', 'only partners can place b2b_partner orders', 'partner_id');
    end if;
    if v_partner.status <> 'active' then
      perform private.fail('403', 'partner_not_active',
        pg_catalog.format('the partner is %s; only active partners may order', v_partner.status), 'partner_id');
    end if;
    -- that the partner is the caller's own (unless the caller is the backend or an admin) is
    -- trg_01_orders_partner_owner's, which fires before this one (V12)
    new.user_id := coalesce(new.user_id, v_partner.user_id);
    select * into v_customer from public.partner_customers c where c.id = new.end_customer_id;
    if v_customer.id is null or v_customer.partner_id <> v_partner.id then
      perform private.fail('403', 'foreign_customer', 'the customer is not one of the partner''s customers', 'end_customer_id');
    end if;

  elsif new.source_type = 'admin' then
    if not v_backend and not private.is_admin() then
      perform private.fail('403', 'admin_only', 'only administrators can place admin orders', 'source_type');
    end if;
    if v_partner.id is not null and new.end_customer_id is not null then
      select * into v_customer from public.partner_customers c where c.id = new.end_customer_id;
      if v_customer.id is null or v_customer.partner_id <> v_partner.id then
        perform private.fail('403', 'foreign_customer', 'the customer is not one of the partner''s customers', 'end_customer_id');
      end if;
    else
      new.end_customer_type := 'b2c';
      if pg_catalog.btrim(coalesce(new.customer_first_name, '')) = '' or pg_catalog.btrim(coalesce(new.customer_last_name, '')) = ''
         or (new.customer_email is null and new.customer_phone is null) then
        perform private.fail('400', 'customer_details_required',
          'an admin order needs the end customer''s first and last name and an email or phone', 'customer_first_name');
      end if;
    end if;
  else
    perform private.fail('400', 'unknown_value', pg_catalog.format('unknown source_type %s', new.source_type), 'source_type');
  end if;

  if v_customer.id is not null then
    new.end_customer_type := 'b2b_partner_customer';
    new.customer_first_name := v_customer.first_name;
    new.customer_last_name := v_customer.last_name;
    new.customer_email := v_customer.email;
    new.customer_phone := v_customer.phone;
  end if;

  q := private.price_quote(v_retail, v_rate, v_fx);   -- an expression: no query to run
  new.retail_price_override_usd := v_retail;
  new.fx_rate_uzs := v_fx;
  new.discount_rate := v_rate;
  new.discount_amount_usd := q.discount_usd;
  new.discount_amount_uzs := q.discount_uzs;
  new.price_usd := q.paid_usd;
  new.price_uzs := q.paid_uzs;
  if new.discount_applicable then
    new.partner_paid_usd := q.paid_usd;
    new.partner_paid_uzs := q.paid_uzs;
  else
    new.partner_paid_usd := null;
    new.partner_paid_uzs := null;
  end if;
  return new;
end
$$;

-- Order lifecycle: PENDING -> PROCESSING -> ALLOCATED -> CANCELLED; PENDING/PROCESSING -> FAILED.
-- Re-applying the same status is a no-op.
create or replace function private.orders_check_transition() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.order_status is distinct from old.order_status
     and (old.order_status, new.order_status) not in (
       ('PENDING', 'PROCESSING'), ('PROCESSING', 'ALLOCATED'), ('PENDING', 'FAILED'),
       ('PROCESSING', 'FAILED'), ('ALLOCATED', 'CANCELLED')) then
    perform private.fail('409', 'illegal_transition',
      pg_catalog.format('Illegal order status transition: %s -> %s', old.order_status, new.order_status), 'order_status');
  end if;
  return new;
end
$$;

-- ---------------------------------------------------------------- the earnings ledger
-- Adds (p_sign = 1) or removes (p_sign = -1) one completed earning to/from the totals.
create or replace function private.apply_earning_to_totals(p_earning public.partner_earnings, p_customer_id uuid, p_sign integer)
returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.partners
  set total_spent = total_spent + p_sign * p_earning.partner_paid_usd,
      total_savings = total_savings + p_sign * p_earning.discount_amount_usd,
      total_orders_value_retail = total_orders_value_retail + p_sign * p_earning.retail_price_usd,
      total_orders = total_orders + p_sign,
      last_order_at = case when p_sign > 0 then pg_catalog.now() else last_order_at end
  where id = p_earning.partner_id;
  update public.partner_customers
  set total_orders = total_orders + p_sign,
      total_spent = total_spent + p_sign * p_earning.partner_paid_usd,
      last_order_at = case when p_sign > 0 then pg_catalog.now() else last_order_at end
  where id = p_customer_id;
end
$$;

-- pending (order created) -> completed (allocated: added to totals) -> cancelled (reversed);
-- pending -> cancelled. A new order's earning is private.orders_created's (below); this follows
-- the order's status changes (and writes the earning of an order that has none).
create or replace function private.orders_ledger() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_target text;
  v_earning public.partner_earnings%rowtype;
  v_customer uuid := case when new.end_customer_type = 'b2b_partner_customer' then new.end_customer_id end;
begin
  if new.partner_id is null or not new.discount_applicable then
    return null;
  end if;
  if new.order_status is not distinct from old.order_status then
    return null;
  end if;
  v_target := case new.order_status
    when 'ALLOCATED' then 'completed'
    when 'FAILED' then 'cancelled'
    when 'CANCELLED' then 'cancelled'
    else 'pending' end;

  select * into v_earning from public.partner_earnings e where e.order_id = new.id for update;
  if v_earning.id is null then
    insert into public.partner_earnings (
      partner_id, order_id, retail_price_usd, discount_rate, discount_amount_usd, discount_amount_uzs,
      partner_paid_usd, partner_paid_uzs, fx_rate_uzs, status, completed_at, cancelled_at)
    values (
      new.partner_id, new.id, new.retail_price_override_usd, new.discount_rate, new.discount_amount_usd,
      new.discount_amount_uzs, new.partner_paid_usd, new.partner_paid_uzs, new.fx_rate_uzs, v_target,
      case when v_target = 'completed' then pg_catalog.now() end,
      case when v_target = 'cancelled' then pg_catalog.now() end)
    returning * into v_earning;
    if v_target = 'completed' then
      perform private.apply_earning_to_totals(v_earning, v_customer, 1);
    end if;
    return null;
  end if;

  if v_earning.status = v_target then
    return null;
  elsif v_earning.status = 'pending' and v_target = 'completed' then
    update public.partner_earnings set status = 'completed', completed_at = pg_catalog.now()
    where id = v_earning.id returning * into v_earning;
    perform private.apply_earning_to_totals(v_earning, v_customer, 1);
  elsif v_target = 'cancelled' then
    update public.partner_earnings set status = 'cancelled', cancelled_at = pg_catalog.now() where id = v_earning.id;
    if v_earning.status = 'completed' then
      perform private.apply_earning_to_totals(v_earning, v_customer, -1);
    end if;
  else
    perform private.fail('409', 'illegal_transition',
      pg_catalog.format('Illegal earning status transition: %s -> %s', v_earning.status, v_target), 'status');
  end if;
  return null;
end
$$;

-- What every INSERT of orders writes, for the whole statement at once (issue 29: row by row, a
-- purchase of 200 orders ran 400 more statements, and each INSERT statement reads its table's
-- checks back): one order_action_logs row per order ('created'), and each partner order's earning,
-- pending, or completed and added to the totals for an order written ALLOCATED, or cancelled for one
-- written FAILED or CANCELLED (an owner's session records history as it is).
create or replace function private.orders_created() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  r record;
  v_earning public.partner_earnings%rowtype;
begin
  insert into public.order_action_logs (order_id, action, from_status, to_status, actor_id, actor_role, details)
  select n.id, 'created', null, n.order_status, (select auth.uid()),
         coalesce(nullif(pg_catalog.current_setting('role', true), ''), 'none'), null
  from new_rows n;
  -- one statement: the insert runs whole, and only an earning completed at once is read back
  for r in
    with e as (
      insert into public.partner_earnings (
        partner_id, order_id, retail_price_usd, discount_rate, discount_amount_usd, discount_amount_uzs,
        partner_paid_usd, partner_paid_uzs, fx_rate_uzs, status, completed_at, cancelled_at)
      select n.partner_id, n.id, n.retail_price_override_usd, n.discount_rate, n.discount_amount_usd,
             n.discount_amount_uzs, n.partner_paid_usd, n.partner_paid_uzs, n.fx_rate_uzs, t.status,
             case when t.status = 'completed' then pg_catalog.now() end,
             case when t.status = 'cancelled' then pg_catalog.now() end
      from new_rows n
      cross join lateral (select case n.order_status when 'ALLOCATED' then 'completed' when 'FAILED' then 'cancelled'
                                                     when 'CANCELLED' then 'cancelled' else 'pending' end as status) t
      where n.partner_id is not null and n.discount_applicable
      returning *)
    select e.id, case when n.end_customer_type = 'b2b_partner_customer' then n.end_customer_id end as customer
    from e join new_rows n on n.id = e.order_id
    where e.status = 'completed'
  loop
    select * into v_earning from public.partner_earnings e where e.id = r.id;
    perform private.apply_earning_to_totals(v_earning, r.customer, 1);
  end loop;
  return null;
end
$$;

-- One order_action_logs row per status change (the creation's is private.orders_created's).
create or replace function private.orders_audit() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.order_status is not distinct from old.order_status then
    return null;
  end if;
  insert into public.order_action_logs (order_id, action, from_status, to_status, actor_id, actor_role, details)
  values (
    new.id,
    'status_changed',
    old.order_status,
    new.order_status,
    (select auth.uid()),
    coalesce(nullif(pg_catalog.current_setting('role', true), ''), 'none'),
    null);
  return null;
end
$$;

-- ---------------------------------------------------------------- counters
create or replace function private.maintain_group_size() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op in ('DELETE', 'UPDATE') then
    update public.customer_groups set group_size = group_size - 1 where id = old.group_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update public.customer_groups set group_size = group_size + 1 where id = new.group_id;
  end if;
  return null;
end
$$;

create or replace function private.maintain_total_customers() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op in ('DELETE', 'UPDATE') then
    update public.partners set total_customers = total_customers - 1 where id = old.partner_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update public.partners set total_customers = total_customers + 1 where id = new.partner_id;
  end if;
  return null;
end
$$;

-- A group's members are customers of the group's partner.
create or replace function private.check_group_member() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if not exists (
    select 1 from public.customer_groups g join public.partner_customers c on c.partner_id = g.partner_id
    where g.id = new.group_id and c.id = new.customer_id) then
    perform private.fail('403', 'foreign_customer', 'the customer and the group belong to different partners', 'customer_id');
  end if;
  new.added_by := coalesce(new.added_by, (select auth.uid()));
  return new;
end
$$;

-- New partner customers and groups belong to the signed-in partner unless one is named.
create or replace function private.default_partner_id() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.partner_id := coalesce(new.partner_id, private.current_partner_id());
  return new;
end
$$;

revoke all on all functions in schema private from public;
-- What policies, invoker triggers and invoker RPCs call as the API roles:
grant execute on function private.current_partner_id(), private.is_admin(), private.is_backend(),
  private.is_privileged(), private.fail(text, text, text, text) to anon, authenticated, service_role;

-- ---------------------------------------------------------------- wiring
drop trigger if exists trg_orders_before_insert on public.orders;
create trigger trg_orders_before_insert before insert on public.orders
  for each row execute function private.orders_before_insert();
-- BEFORE triggers fire in name order: the column guard (permission) before the transition check.
drop trigger if exists trg_orders_check_transition on public.orders;
drop trigger if exists trg_orders_transition on public.orders;
create trigger trg_orders_transition before update of order_status on public.orders
  for each row execute function private.orders_check_transition();
drop trigger if exists trg_orders_guard on public.orders;
create trigger trg_orders_guard before update on public.orders
  for each row execute function private.guard_columns('notes', 'delivery_method', 'metadata');
drop trigger if exists trg_orders_ledger on public.orders;
create trigger trg_orders_ledger after update of order_status on public.orders
  for each row execute function private.orders_ledger();
drop trigger if exists trg_orders_audit on public.orders;
create trigger trg_orders_audit after update of order_status on public.orders
  for each row execute function private.orders_audit();
drop trigger if exists trg_orders_created on public.orders;
create trigger trg_orders_created after insert on public.orders
  referencing new table as new_rows for each statement execute function private.orders_created();

drop trigger if exists trg_profiles_guard on public.profiles;
create trigger trg_profiles_guard before update on public.profiles
  for each row execute function private.guard_columns('first_name', 'last_name', 'phone', 'avatar_url');
drop trigger if exists trg_profiles_force on public.profiles;
create trigger trg_profiles_force before insert on public.profiles
  for each row execute function private.force_on_insert('{"user_type": "customer"}');

drop trigger if exists trg_partners_guard on public.partners;
create trigger trg_partners_guard before update on public.partners
  for each row execute function private.guard_columns('company_name', 'legal_name', 'company_type', 'business_email',
    'business_phone', 'website', 'address', 'auto_email_customers', 'preferred_currency', 'preferred_locale');

drop trigger if exists trg_partner_customers_default_partner on public.partner_customers;
create trigger trg_partner_customers_default_partner before insert on public.partner_customers
  for each row execute function private.default_partner_id();
drop trigger if exists trg_partner_customers_force on public.partner_customers;
create trigger trg_partner_customers_force before insert on public.partner_customers
  for each row execute function private.force_on_insert('{"total_orders": 0, "total_spent": 0, "last_order_at": null}');
drop trigger if exists trg_partner_customers_guard on public.partner_customers;
create trigger trg_partner_customers_guard before update on public.partner_customers
  for each row execute function private.guard_columns('first_name', 'last_name', 'email', 'phone', 'notes', 'tags');
drop trigger if exists trg_partner_customers_count on public.partner_customers;
create trigger trg_partner_customers_count after insert or delete or update of partner_id on public.partner_customers
  for each row execute function private.maintain_total_customers();

drop trigger if exists trg_customer_groups_default_partner on public.customer_groups;
create trigger trg_customer_groups_default_partner before insert on public.customer_groups
  for each row execute function private.default_partner_id();
drop trigger if exists trg_customer_groups_force on public.customer_groups;
create trigger trg_customer_groups_force before insert on public.customer_groups
  for each row execute function private.force_on_insert('{"group_size": 0}');
drop trigger if exists trg_customer_groups_guard on public.customer_groups;
create trigger trg_customer_groups_guard before update on public.customer_groups
  for each row execute function private.guard_columns('name', 'description', 'destination_country_code',
    'destination_name', 'travel_start_date', 'travel_end_date', 'tags', 'is_active');

drop trigger if exists trg_group_members_check on public.customer_group_members;
create trigger trg_group_members_check before insert or update on public.customer_group_members
  for each row execute function private.check_group_member();
drop trigger if exists trg_group_members_size on public.customer_group_members;
create trigger trg_group_members_size after insert or delete or update of group_id on public.customer_group_members
  for each row execute function private.maintain_group_size();

drop trigger if exists trg_partner_earnings_guard on public.partner_earnings;
create trigger trg_partner_earnings_guard before update on public.partner_earnings
  for each row execute function private.guard_columns('partner_sell_price_usd');

do $$
declare
  t text;
begin
  foreach t in array array['profiles', 'esim_packages', 'orders', 'partners', 'partner_customers',
                           'customer_groups', 'partner_earnings']
  loop
    execute pg_catalog.format('drop trigger if exists trg_%s_updated_at on public.%I', t, t);
    execute pg_catalog.format(
      'create trigger trg_%s_updated_at before update on public.%I for each row execute function private.touch_updated_at()', t, t);
  end loop;
end
$$;

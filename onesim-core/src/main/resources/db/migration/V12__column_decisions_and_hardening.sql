-- V12: one decision per column, enforced on INSERT and UPDATE for every API role; ownership before
-- state in the order insert; no NaN or infinity anywhere; sane prices; orders and earnings are never
-- deleted through the API. (docs/security.md, "Columns")
--
-- private.column_decisions holds, for every column of every table in public, who may write it:
--   client         the owning API user on insert and update (the update whitelist of the
--                  guard triggers must name exactly these)
--   client_insert  the API user on insert; afterwards only admins and the backend
--   fixed          the API user on insert; never changed through the API afterwards
--   admin          admins and the backend only
--   backend        the backend (service role) only
--   computed       the database itself (defaults and our triggers); no API role, not even the
--                  service role, sets or changes it directly
--   definer        written only by our SECURITY DEFINER functions on insert (RLS gives API roles
--                  no write policy on such a table), never changed afterwards
-- On INSERT a value the caller may not set is replaced by the column's default; on UPDATE a change
-- the caller may not make is refused with 42501 (detail column_not_writable). Direct database
-- sessions (migrations, psql as the owner) are not API roles and are not limited. A column added
-- later without a row here fails ColumnDecisionTest.

create table if not exists private.column_decisions (
  table_name text not null,
  column_name text not null,
  decision text not null check (decision in ('client', 'client_insert', 'fixed', 'admin', 'backend', 'computed', 'definer')),
  primary key (table_name, column_name)
);
revoke all on private.column_decisions from public, anon, authenticated, service_role;

-- customer_group_members.added_by: who added the member, set by the database from now on.
alter table public.customer_group_members alter column added_by set default auth.uid();

insert into private.column_decisions (table_name, column_name, decision) values
  ('customer_group_members', 'id', 'fixed'), ('customer_group_members', 'group_id', 'client'),
  ('customer_group_members', 'customer_id', 'client'), ('customer_group_members', 'added_at', 'computed'),
  ('customer_group_members', 'added_by', 'computed'),

  ('customer_groups', 'id', 'fixed'), ('customer_groups', 'partner_id', 'fixed'),
  ('customer_groups', 'name', 'client'), ('customer_groups', 'description', 'client'),
  ('customer_groups', 'destination_country_code', 'client'), ('customer_groups', 'destination_name', 'client'),
  ('customer_groups', 'travel_start_date', 'client'), ('customer_groups', 'travel_end_date', 'client'),
  ('customer_groups', 'tags', 'client'), ('customer_groups', 'is_active', 'client'),
  ('customer_groups', 'group_size', 'computed'), ('customer_groups', 'created_at', 'computed'),
  ('customer_groups', 'updated_at', 'computed'),

  ('esim_packages', 'id', 'fixed'), ('esim_packages', 'package_code', 'admin'), ('esim_packages', 'slug', 'admin'),
  ('esim_packages', 'name', 'admin'), ('esim_packages', 'description', 'admin'), ('esim_packages', 'location_code', 'admin'),
  ('esim_packages', 'location_name', 'admin'), ('esim_packages', 'package_type', 'admin'),
  ('esim_packages', 'data_volume_bytes', 'admin'), ('esim_packages', 'data_gb', 'admin'), ('esim_packages', 'duration', 'admin'),
  ('esim_packages', 'duration_unit', 'admin'), ('esim_packages', 'final_price_usd', 'admin'), ('esim_packages', 'is_active', 'admin'),
  ('esim_packages', 'created_at', 'computed'), ('esim_packages', 'updated_at', 'computed'),

  ('fx_rates', 'id', 'computed'), ('fx_rates', 'uzs_per_usd', 'admin'), ('fx_rates', 'source', 'admin'),
  ('fx_rates', 'as_of', 'admin'), ('fx_rates', 'created_at', 'computed'),

  ('margin_overrides', 'id', 'fixed'), ('margin_overrides', 'scope', 'admin'), ('margin_overrides', 'scope_value', 'admin'),
  ('margin_overrides', 'margin_percent', 'admin'), ('margin_overrides', 'created_at', 'computed'),
  ('margin_overrides', 'updated_at', 'computed'),

  ('order_action_logs', 'id', 'computed'), ('order_action_logs', 'order_id', 'computed'), ('order_action_logs', 'action', 'computed'),
  ('order_action_logs', 'details', 'computed'), ('order_action_logs', 'created_at', 'computed'),
  ('order_action_logs', 'from_status', 'computed'), ('order_action_logs', 'to_status', 'computed'),
  ('order_action_logs', 'actor_id', 'computed'), ('order_action_logs', 'actor_role', 'computed'),

  ('orders', 'id', 'computed'), ('orders', 'user_id', 'fixed'), ('orders', 'transaction_id', 'computed'),
  ('orders', 'package_code', 'fixed'), ('orders', 'price_usd', 'computed'), ('orders', 'price_uzs', 'computed'),
  ('orders', 'order_status', 'backend'), ('orders', 'esim_order_no', 'backend'), ('orders', 'iccid', 'backend'),
  ('orders', 'activation_code', 'backend'), ('orders', 'qr_code_url', 'backend'), ('orders', 'esim_status', 'backend'),
  ('orders', 'created_at', 'computed'), ('orders', 'updated_at', 'computed'), ('orders', 'source_type', 'fixed'),
  ('orders', 'partner_id', 'fixed'), ('orders', 'end_customer_id', 'fixed'), ('orders', 'end_customer_type', 'computed'),
  ('orders', 'customer_first_name', 'fixed'), ('orders', 'customer_last_name', 'fixed'),
  ('orders', 'customer_email', 'fixed'), ('orders', 'customer_phone', 'fixed'), ('orders', 'customer_group_id', 'fixed'),
  ('orders', 'discount_applicable', 'computed'), ('orders', 'discount_rate', 'computed'),
  ('orders', 'discount_amount_usd', 'computed'), ('orders', 'discount_amount_uzs', 'computed'),
  ('orders', 'partner_paid_usd', 'computed'), ('orders', 'partner_paid_uzs', 'computed'),
  ('orders', 'retail_price_override_usd', 'computed'), ('orders', 'fx_rate_uzs', 'computed'),
  ('orders', 'delivery_method', 'client'), ('orders', 'delivery_status', 'backend'), ('orders', 'notes', 'client'),
  ('orders', 'metadata', 'client'), ('orders', 'idempotency_key', 'fixed'), ('orders', 'idempotency_line', 'fixed'),
  ('orders', 'esim_tran_no', 'backend'), ('orders', 'provider_transaction_id', 'backend'),
  ('orders', 'fulfilment_worker', 'backend'), ('orders', 'fulfilment_lease_until', 'backend'),
  ('orders', 'failure_reason', 'backend'),

  ('package_costs', 'package_code', 'admin'), ('package_costs', 'wholesale_price_usd', 'admin'),
  ('package_costs', 'synced_at', 'admin'),

  ('package_price_changes', 'id', 'computed'), ('package_price_changes', 'package_code', 'admin'),
  ('package_price_changes', 'old_price_usd', 'admin'), ('package_price_changes', 'new_price_usd', 'admin'),
  ('package_price_changes', 'sync_id', 'admin'), ('package_price_changes', 'changed_at', 'admin'),

  ('partner_customers', 'id', 'fixed'), ('partner_customers', 'partner_id', 'fixed'), ('partner_customers', 'user_id', 'admin'),
  ('partner_customers', 'first_name', 'client'), ('partner_customers', 'last_name', 'client'),
  ('partner_customers', 'email', 'client'), ('partner_customers', 'phone', 'client'), ('partner_customers', 'notes', 'client'),
  ('partner_customers', 'tags', 'client'), ('partner_customers', 'total_orders', 'computed'),
  ('partner_customers', 'total_spent', 'computed'), ('partner_customers', 'created_at', 'computed'),
  ('partner_customers', 'updated_at', 'computed'), ('partner_customers', 'last_order_at', 'computed'),

  ('partner_earnings', 'id', 'computed'), ('partner_earnings', 'partner_id', 'computed'), ('partner_earnings', 'order_id', 'computed'),
  ('partner_earnings', 'retail_price_usd', 'computed'), ('partner_earnings', 'discount_rate', 'computed'),
  ('partner_earnings', 'discount_amount_usd', 'computed'), ('partner_earnings', 'discount_amount_uzs', 'computed'),
  ('partner_earnings', 'partner_paid_usd', 'computed'), ('partner_earnings', 'partner_paid_uzs', 'computed'),
  ('partner_earnings', 'fx_rate_uzs', 'computed'), ('partner_earnings', 'partner_sell_price_usd', 'client'),
  ('partner_earnings', 'partner_actual_profit_usd', 'computed'), ('partner_earnings', 'status', 'computed'),
  ('partner_earnings', 'completed_at', 'computed'), ('partner_earnings', 'cancelled_at', 'computed'),
  ('partner_earnings', 'created_at', 'computed'), ('partner_earnings', 'updated_at', 'computed'),

  ('partners', 'id', 'fixed'), ('partners', 'user_id', 'fixed'), ('partners', 'company_name', 'client'),
  ('partners', 'legal_name', 'client'), ('partners', 'company_type', 'client'), ('partners', 'tax_id', 'client_insert'),
  ('partners', 'registration_number', 'client_insert'), ('partners', 'business_email', 'client'),
  ('partners', 'business_phone', 'client'), ('partners', 'website', 'client'), ('partners', 'address', 'client'),
  ('partners', 'discount_rate', 'admin'), ('partners', 'custom_discount_rate', 'admin'),
  ('partners', 'effective_discount_rate', 'computed'), ('partners', 'total_spent', 'computed'),
  ('partners', 'total_savings', 'computed'), ('partners', 'total_orders_value_retail', 'computed'),
  ('partners', 'total_orders', 'computed'), ('partners', 'total_customers', 'computed'),
  ('partners', 'auto_email_customers', 'client'), ('partners', 'preferred_currency', 'client'),
  ('partners', 'preferred_locale', 'client'), ('partners', 'status', 'admin'), ('partners', 'verified', 'admin'),
  ('partners', 'verified_at', 'admin'), ('partners', 'created_at', 'computed'), ('partners', 'updated_at', 'computed'),
  ('partners', 'last_order_at', 'computed'),

  ('price_sync_log', 'id', 'computed'), ('price_sync_log', 'started_at', 'admin'), ('price_sync_log', 'finished_at', 'admin'),
  ('price_sync_log', 'status', 'admin'), ('price_sync_log', 'packages_seen', 'admin'),
  ('price_sync_log', 'packages_created', 'admin'), ('price_sync_log', 'packages_updated', 'admin'),
  ('price_sync_log', 'packages_deactivated', 'admin'), ('price_sync_log', 'price_changes', 'admin'),
  ('price_sync_log', 'error', 'admin'),

  ('profiles', 'id', 'fixed'), ('profiles', 'first_name', 'client'), ('profiles', 'last_name', 'client'),
  ('profiles', 'phone', 'client'), ('profiles', 'avatar_url', 'client'), ('profiles', 'created_at', 'computed'),
  ('profiles', 'updated_at', 'computed'), ('profiles', 'user_type', 'admin'), ('profiles', 'is_partner', 'computed'),
  ('profiles', 'is_admin', 'computed')
on conflict (table_name, column_name) do update set decision = excluded.decision;

-- An API role: what PostgREST switches to. Direct database sessions (the owner, migrations) are not.
create or replace function private.is_api_role() returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
  return coalesce(nullif(pg_catalog.current_setting('role', true), ''), 'none') in ('anon', 'authenticated', 'service_role');
end
$$;

-- What a trigger's WHEN asks before it calls a function that judges an API caller's own write:
-- the statement is an API role's (not a trigger's, one level down, nor a direct database session).
-- A call, not the expression itself: PostgreSQL reads every WHEN back from its stored node tree at
-- each INSERT or UPDATE statement, and the expression's tree is ten times the call's (issue 29:
-- 4 % of a purchase). is_api_own_write() also asks that the statement runs as the API role itself,
-- not inside one of OneSIM's SECURITY DEFINER functions (the webhook outbox's tables: see below).
create or replace function private.is_api_write() returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
  return pg_catalog.pg_trigger_depth() < 1 and private.is_api_role();
end
$$;
create or replace function private.is_api_own_write() returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
  return private.is_api_write() and current_user in ('anon', 'authenticated', 'service_role');
end
$$;
-- ... and for the rules that judge only signed-in users and anonymous sessions (not the service role)
create or replace function private.is_user_write() returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
  return pg_catalog.pg_trigger_depth() < 1 and not private.is_backend();   -- is_backend: V4
end
$$;
revoke all on function private.is_api_write(), private.is_api_own_write(), private.is_user_write() from public;
grant execute on function private.is_api_write(), private.is_api_own_write(), private.is_user_write()
  to anon, authenticated, service_role;

-- The decisions a caller may write: on insert what it may set, on update what it may change.
-- p_role: the session's role setting ('none' when unset); p_admin: whether the user is an admin.
create or replace function private.decisions_allowed(p_insert boolean, p_role text, p_admin boolean) returns text[]
language plpgsql immutable
set search_path = ''
as $$
begin
  return case
    when p_role not in ('anon', 'authenticated', 'service_role') then   -- not an API role: the owner, migrations
      array['client', 'client_insert', 'fixed', 'admin', 'backend', 'computed', 'definer']
    when p_role = 'service_role' then                                   -- the backend
      case when p_insert then array['client', 'client_insert', 'fixed', 'admin', 'backend', 'definer']
           else array['client', 'client_insert', 'admin', 'backend'] end
    when p_admin then
      case when p_insert then array['client', 'client_insert', 'fixed', 'admin', 'definer']
           else array['client', 'client_insert', 'admin'] end
    else
      case when p_insert then array['client', 'client_insert', 'fixed', 'definer']
           else array['client'] end
  end;
end
$$;
revoke all on function private.decisions_allowed(boolean, text, boolean) from public;
-- (its earlier form asked is_api_role, is_backend and is_admin itself; the trigger below now does)
drop function if exists private.writable_decisions(boolean);

-- The code that enforces one table's decisions, written out from private.column_decisions and the
-- catalog: on INSERT each column the caller may not set gets its default expression (a column with
-- none gets null; generated and identity columns are left alone); on UPDATE each such column that
-- changed is named in one 42501 (detail column_not_writable; names in alphabetical order). The
-- rule of who may write what stays in decisions_allowed. Written-out code, not one generic trigger
-- that reads the decisions per row: that read and the jsonb round trip cost about 1.7 of the 13
-- million instructions of a partner purchase (issue 29, docs/benchmarks.md).
create or replace function private.column_decisions_source(p_table text) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_resets text := '';
  v_changes text;
  r record;
begin
  for r in
    select d.decision, pg_catalog.string_agg(pg_catalog.format('      new.%I := %s;', a.attname,
             coalesce(pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), 'null')), E'\n' order by a.attnum) as assignments
    from private.column_decisions d
    join pg_catalog.pg_attribute a
      on a.attrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(d.table_name)) and a.attname = d.column_name
         and not a.attisdropped and a.attgenerated = '' and a.attidentity = ''
    left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    where d.table_name = p_table
    group by d.decision order by d.decision
  loop
    v_resets := v_resets || pg_catalog.format(E'    if not (%L = any (v_allowed)) then\n%s\n    end if;\n', r.decision, r.assignments);
  end loop;
  select pg_catalog.string_agg(pg_catalog.format(
           E'      case when not (%L = any (v_allowed)) and new.%I is distinct from old.%I then %L end',
           d.decision, a.attname, a.attname, a.attname), E',\n' order by a.attname)
    into v_changes
  from private.column_decisions d
  join pg_catalog.pg_attribute a
    on a.attrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(d.table_name)) and a.attname = d.column_name
       and not a.attisdropped and a.attgenerated = '' and a.attidentity = ''
  where d.table_name = p_table;
  return pg_catalog.format($f$
declare
  v_role text := coalesce(nullif(pg_catalog.current_setting('role', true), ''), 'none');
  v_allowed text[] := private.decisions_allowed(tg_op = 'INSERT', v_role, %s);
  v_refused text[];
begin
  if tg_op = 'INSERT' then
%s    return new;
  end if;
  v_refused := pg_catalog.array_remove(array[
%s]::text[], null);
  if pg_catalog.cardinality(v_refused) > 0 then
    raise exception using errcode = '42501',
      message = pg_catalog.format('permission denied: %%s may not change %%s', tg_table_name, pg_catalog.array_to_string(v_refused, ', ')),
      detail = 'column_not_writable',
      hint = pg_catalog.array_to_string(v_refused, ', ');
  end if;
  return new;
end
$f$,
    -- whether the user is an admin is asked only where the table has admin columns
    case when exists (select 1 from private.column_decisions d where d.table_name = p_table and d.decision = 'admin')
         then $e$v_role = 'authenticated' and private.is_admin()$e$ else 'false' end,
    v_resets, coalesce(v_changes, '      null'));
end
$$;
revoke all on function private.column_decisions_source(text) from public;

-- No NaN or infinity in any numeric column ('NaN' >= 0 is true in PostgreSQL, and one NaN turns
-- every sum into NaN). The checks are as small as they can be, because PostgreSQL reads back every
-- CHECK at each INSERT and UPDATE statement (issue 29):
-- * none where an exactness check already refuses all three (V2, exact_numeric: round(x) = x and
--   abs(x) < bound);
-- * one check per table, <table>_numbers_finite: 'NaN' <> all (array[the columns]), for the
--   columns whose precision (numeric(p,s)) refuses the infinities itself (a null column passes, as
--   it would its own check; one NaN fails it);
-- * a range test per column for the rest, <table>_<column>_finite (NaN sorts above +Infinity).
-- apply_column_decisions() calls it, so a column added later joins its table's check (rewritten
-- when its columns change); FiniteNumbersTest writes all three values into every numeric column.
create or replace function private.add_finite_checks() returns void
language plpgsql
set search_path = ''
as $$
declare
  r record;
  v_name text;
begin
  for r in
    select c.oid as rel, c.relname as table_name,
           pg_catalog.array_agg(a.attname::text order by a.attnum) filter (where a.atttypmod <> -1) as bounded,
           pg_catalog.array_agg(a.attnum order by a.attnum) filter (where a.atttypmod <> -1) as bounded_keys,
           pg_catalog.array_agg(a.attname::text order by a.attnum) filter (where a.atttypmod = -1) as unbounded
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and a.atttypid = 'pg_catalog.numeric'::pg_catalog.regtype
      and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      and not exists (select 1 from pg_catalog.pg_constraint x
                      where x.conrelid = c.oid and x.contype = 'c' and x.conkey = array[a.attnum]
                        and x.conname like a.attname || '\_exact\_%')
    group by c.oid, c.relname
  loop
    v_name := pg_catalog.left(r.table_name || '_numbers_finite', 63);
    if not exists (select 1 from pg_catalog.pg_constraint x where x.conrelid = r.rel and x.conname = v_name
                     and (select pg_catalog.array_agg(k order by k) from pg_catalog.unnest(x.conkey) k) = r.bounded_keys) then
      execute pg_catalog.format('alter table public.%I drop constraint if exists %I', r.table_name, v_name);
      if r.bounded is not null then
        execute pg_catalog.format('alter table public.%I add constraint %I check (''NaN''::numeric <> all (array[%s])) not valid',
          r.table_name, v_name, (select pg_catalog.string_agg(pg_catalog.quote_ident(x), ', ') from pg_catalog.unnest(r.bounded) x));
      end if;
    end if;
    perform private.add_constraint_if_missing('public.' || pg_catalog.quote_ident(r.table_name),
      pg_catalog.left(r.table_name || '_' || x || '_finite', 63),
      pg_catalog.format('check (%1$I > ''-Infinity''::numeric and %1$I < ''Infinity''::numeric) not valid', x))
    from pg_catalog.unnest(r.unbounded) x;
  end loop;
end
$$;
revoke all on function private.add_finite_checks() from public;

-- The one mechanism every migration that adds a table or a column calls after recording its
-- decisions: adds the finite checks above, (re)writes each table's enforcing function, private.column_decisions_on_<table>, and
-- its trigger (it fires first: its name sorts before the tables' own). A table whose decisions
-- changed without this call fails ColumnDecisionTest (its function's source is not the current one).
create or replace function private.apply_column_decisions() returns void
language plpgsql
set search_path = ''
as $$
declare
  t text;
  v_source text;
  v_when text;
begin
  perform private.add_finite_checks();
  for t in select distinct d.table_name from private.column_decisions d loop
    v_source := private.column_decisions_source(t);
    v_when := case when t in ('webhook_deliveries', 'webhook_attempts') then 'is_api_own_write' else 'is_api_write' end;
    -- a table whose decisions and columns did not change keeps its function and trigger (migrations
    -- call this about twenty times)
    continue when exists (
      select 1 from pg_catalog.pg_trigger g join pg_catalog.pg_proc f on f.oid = g.tgfoid
      where g.tgrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(t))
        and g.tgname = 'trg_00_column_decisions' and f.prosrc = v_source
        and pg_catalog.pg_get_triggerdef(g.oid) like '%WHEN (private.' || v_when || '())%');
    -- SECURITY DEFINER to ask decisions_allowed; the caller's role is still the session's role setting
    execute pg_catalog.format('create or replace function private.%I() returns trigger language plpgsql security definer '
      'set search_path = '''' as %L', 'column_decisions_on_' || t, v_source);
    execute pg_catalog.format('revoke all on function private.%I() from public', 'column_decisions_on_' || t);
    execute pg_catalog.format('drop trigger if exists trg_00_column_decisions on public.%I', t);
    -- The dispatcher's outbox (webhook_deliveries, webhook_attempts) is written only by OneSIM's own
    -- SECURITY DEFINER functions (emit, claim, record, replay: they run as the owner, current_user)
    -- and by an API role directly. Only the direct writes are judged there: judging each row the
    -- dispatcher's claim and record write cost them 0.1-0.2 ms a row, most of a batch's time (issue 29).
    -- Every other table judges every write an API role's session makes, definer functions' included.
    -- The WHEN keeps the writes it never judges (our triggers' writes, one level down, and direct
    -- database sessions) from calling the function at all.
    execute pg_catalog.format(
      'create trigger trg_00_column_decisions before insert or update on public.%I for each row '
      'when (private.%s()) execute function private.%I()', t, v_when, 'column_decisions_on_' || t);
  end loop;
end
$$;
revoke all on function private.apply_column_decisions() from public;
select private.apply_column_decisions();

-- Ownership before state: a partner that is not the caller's gets one answer, whatever its state
-- or whether it exists at all (no oracle).
create or replace function private.orders_check_partner_owner() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- the caller's own partner first: for a partner's order that one lookup settles it
  if new.partner_id is not null and new.partner_id is distinct from private.current_partner_id()
     and not private.is_privileged() then
    perform private.fail('403', 'not_your_partner', 'you can only order for your own partner account', 'partner_id');
  end if;
  return new;
end
$$;
drop trigger if exists trg_01_orders_partner_owner on public.orders;
create trigger trg_01_orders_partner_owner before insert on public.orders
  for each row execute function private.orders_check_partner_owner();

-- Orders and earnings are the ledger: no API role deletes them (cancel an order instead).
create or replace function private.refuse_delete() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_api_role() then
    raise exception using errcode = '42501',
      message = pg_catalog.format('permission denied: %s rows are never deleted', tg_table_name),
      detail = 'not_deletable',
      hint = case tg_table_name when 'orders' then 'cancel the order instead' else 'it follows its order' end;
  end if;
  return old;
end
$$;
drop trigger if exists trg_00_no_delete on public.orders;
create trigger trg_00_no_delete before delete on public.orders for each row execute function private.refuse_delete();
drop trigger if exists trg_00_no_delete on public.partner_earnings;
create trigger trg_00_no_delete before delete on public.partner_earnings for each row execute function private.refuse_delete();

-- JSON columns have the shape the SDK reads: tags are arrays, addresses and metadata objects.
select private.add_constraint_if_missing('public.partners', 'partners_address_is_object',
  $c$check (pg_catalog.jsonb_typeof(address) = 'object')$c$);   -- null passes a CHECK by itself
select private.add_constraint_if_missing('public.partner_customers', 'partner_customers_tags_is_array',
  $c$check (tags is null or pg_catalog.jsonb_typeof(tags) = 'array')$c$);
select private.add_constraint_if_missing('public.customer_groups', 'customer_groups_tags_is_array',
  $c$check (tags is null or pg_catalog.jsonb_typeof(tags) = 'array')$c$);
select private.add_constraint_if_missing('public.orders', 'orders_metadata_is_object',
  $c$check (pg_catalog.jsonb_typeof(metadata) = 'object') not valid$c$);
select private.add_constraint_if_missing('public.orders', 'orders_delivery_status_is_object',
  $c$check (pg_catalog.jsonb_typeof(delivery_status) = 'object') not valid$c$);


-- Sane prices and rates: what Java refuses, the database refuses (NOT VALID: legacy rows are kept
-- as they are, every new write is checked).
select private.add_constraint_if_missing('public.esim_packages', 'esim_packages_final_price_positive',
  $c$check (final_price_usd is null or (final_price_usd > 0 and final_price_usd <= 99999999.99)) not valid$c$);
select private.add_constraint_if_missing('public.fx_rates', 'fx_rates_uzs_per_usd_positive',
  $c$check (uzs_per_usd > 0) not valid$c$);

-- One email rule for Java and SQL (onesim-core ContactRules; RuleParityTest feeds both random input):
-- V2's check accepted addresses Java refuses. NOT VALID keeps legacy rows; new writes are checked.
alter table public.partner_customers drop constraint if exists partner_customers_email_check;
select private.add_constraint_if_missing('public.partner_customers', 'partner_customers_email_rule',
  $c$check (email ~ '^[A-Za-z0-9.!#$%&''*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$') not valid$c$);

-- The 1 000-order cap of the purchase RPCs holds for direct table inserts too: at most 1 000 orders
-- per call (one client statement; statement_timestamp() marks it). Counted row by row before any
-- other trigger, so the 1 001st row is refused at once, not after 1 000 orders' work: a count at the
-- end of the statement could outlast the role's statement timeout and answer 500 for a 400.
create or replace function private.orders_cap_per_call() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_call text := pg_catalog.statement_timestamp()::text || '|';
  v_seen text := pg_catalog.current_setting('onesim.orders_in_call', true);
  v_rows integer := 1;
begin
  if pg_catalog.starts_with(v_seen, v_call) then
    v_rows := pg_catalog.substr(v_seen, pg_catalog.length(v_call) + 1)::integer + 1;
  end if;
  if v_rows > 1000 and private.is_api_role() and not private.is_backend() then
    perform private.fail('400', 'too_many', 'at most 1000 orders per call, got more', 'quantity');
  end if;
  -- an assignment, not PERFORM: PL/pgSQL evaluates it in place, PERFORM runs it as a query
  v_seen := pg_catalog.set_config('onesim.orders_in_call', v_call || v_rows, true);
  return new;
end
$$;
drop trigger if exists trg_00_cap_per_call on public.orders;
create trigger trg_00_cap_per_call before insert on public.orders
  for each row execute function private.orders_cap_per_call();

-- Supabase's anonymous sign-ins (JWT claim is_anonymous) may browse the catalogue; they create or
-- change nothing until they become real users.
-- PL/pgSQL, so a trigger's WHEN calls it: written inline there, auth.jwt() (a SQL function) is
-- inlined, which parses its body again at every INSERT or UPDATE statement (issue 29).
create or replace function private.is_anonymous() returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
  return coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false);
end
$$;
revoke all on function private.is_anonymous() from public;
grant execute on function private.is_anonymous() to anon, authenticated, service_role;

create or replace function private.refuse_anonymous_users() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_anonymous() then
    perform private.fail('403', 'anonymous_user', 'sign up or sign in to do this (anonymous sessions can only browse)', null);
  end if;
  return coalesce(new, old);
end
$$;
do $$
declare
  t text;
begin
  foreach t in array array['profiles', 'orders', 'partners', 'partner_customers', 'customer_groups', 'customer_group_members',
                           'partner_earnings'] loop
    execute pg_catalog.format('drop trigger if exists trg_00_no_anonymous on public.%I', t);
    -- called only for an anonymous session (the WHEN asks what the function asks)
    execute pg_catalog.format(
      'create trigger trg_00_no_anonymous before insert or update or delete on public.%I for each row '
      'when (private.is_anonymous()) execute function private.refuse_anonymous_users()', t);
  end loop;
end
$$;

-- V27: rules the third outside review asked for (docs/decisions/0007-reviews-and-rate-bound.md).
--
-- * An integration credential's user never owns a partner (it acts for its credential's partner
--   only, and for nobody once revoked: private.current_partner_id, V4).
-- * Four eyes: nobody changes the standing or the rate of a partner they own.
-- * A custom discount rate is at most private.max_custom_discount_rate(), whoever sets it through
--   the API (review_partner or a direct PATCH).

-- The highest custom discount an administrator may grant, in percent. Half of retail: beyond it a
-- rate is a typo or a give-away (at 100 % orders cost nothing and write no ledger row), and OneSIM's
-- markups are far below it, so anything near it is a deliberate loss an admin must see.
create or replace function private.max_custom_discount_rate() returns numeric
language sql immutable
set search_path = ''
as $$ select 50.00::numeric $$;
revoke all on function private.max_custom_discount_rate() from public;
grant execute on function private.max_custom_discount_rate() to authenticated, service_role;

create or replace function private.partners_review_rules() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.user_id is not null and (tg_op = 'INSERT' or new.user_id is distinct from old.user_id)
     and exists (select 1 from public.partner_credentials c where c.user_id = new.user_id) then
    perform private.fail('403', 'integration_user', 'an integration credential''s user cannot own a partner', 'user_id');
  end if;
  if not private.is_api_role() then
    return new;
  end if;
  if tg_op = 'UPDATE' and (new.status is distinct from old.status or new.custom_discount_rate is distinct from old.custom_discount_rate)
     and old.user_id = (select auth.uid()) then
    perform private.fail('403', 'own_application', 'another administrator reviews a partner you own (four eyes)', 'partner_id');
  end if;
  if tg_op = 'UPDATE' and new.credit_limit_usd is distinct from old.credit_limit_usd and new.balance_usd < -new.credit_limit_usd then
    perform private.fail('409', 'below_credit_floor',
      pg_catalog.format('the balance is %s USD: a credit limit below %s USD would leave it under the floor', new.balance_usd,
        -new.balance_usd), 'credit_limit_usd');
  end if;
  if new.custom_discount_rate is not null and (tg_op = 'INSERT' or new.custom_discount_rate is distinct from old.custom_discount_rate)
     and new.custom_discount_rate > private.max_custom_discount_rate() then
    perform private.fail('400', 'invalid_rate', pg_catalog.format('a custom rate is at most %s', private.max_custom_discount_rate()),
      'custom_discount_rate');
  end if;
  return new;
end
$$;
revoke all on function private.partners_review_rules() from public;
drop trigger if exists trg_partners_review_rules on public.partners;
-- every rule above is about one of these four columns: a balance move (the ledger's update of
-- balance_usd, at every purchase) never calls it (issue 29)
create trigger trg_partners_review_rules before insert or update of user_id, status, custom_discount_rate, credit_limit_usd
  on public.partners for each row execute function private.partners_review_rules();

-- An order's payment moves one way (docs/state-machines.md): awaiting_payment -> paid | expired,
-- paid -> refunded; refunded and expired are final. A partner order's payment is the balance's:
-- paid by the insert's trigger, refunded by the refund trigger, never by an API role's own write.
create or replace function private.orders_payment_transition() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.payment_status is not distinct from old.payment_status or not private.is_api_role()
     or pg_catalog.pg_trigger_depth() > 1 then
    return new;
  end if;
  if new.partner_id is not null then
    perform private.fail('409', 'illegal_transition', 'a partner order''s payment follows its balance; it is not set by hand',
      'payment_status');
  end if;
  if (old.payment_status, new.payment_status) not in (('awaiting_payment', 'paid'), ('awaiting_payment', 'expired'),
                                                       ('paid', 'refunded')) then
    perform private.fail('409', 'illegal_transition',
      pg_catalog.format('a payment cannot go from %s to %s', old.payment_status, new.payment_status), 'payment_status');
  end if;
  return new;
end
$$;
revoke all on function private.orders_payment_transition() from public;
drop trigger if exists trg_orders_payment_transition on public.orders;
create trigger trg_orders_payment_transition before update of payment_status on public.orders
  for each row execute function private.orders_payment_transition();

-- Reconcile claims stuck PROCESSING batches (claim_processing_orders) without scanning history.
create index if not exists idx_orders_processing on public.orders (created_at) where order_status = 'PROCESSING';

-- "Top-up" meant two things. Money a partner sends OneSIM by bank transfer is now a *funding* of its
-- balance (ledger kind 'funding'); a top-up is only ever data added to an eSIM (public.topups).
alter table public.partner_ledger drop constraint if exists partner_ledger_kind_check;
alter table public.partner_ledger drop constraint if exists partner_ledger_kind_matches_amount;
-- (the trigger is off for the rename: before V27 it silently dropped even the owner's updates)
alter table public.partner_ledger disable trigger trg_partner_ledger_append_only;
update public.partner_ledger set kind = 'funding' where kind = 'top_up';
alter table public.partner_ledger enable trigger trg_partner_ledger_append_only;
select private.add_constraint_if_missing('public.partner_ledger', 'partner_ledger_kind_known',
  $c$check (kind::text = any ('{funding,purchase,refund,adjustment}'::text[]))$c$);   -- as one constant (V2)
-- One rule per kind: a purchase takes money for an order or a top-up, a funding or a refund gives
-- money, an adjustment goes either way. (The rule before compared "is a purchase" with "is a
-- referenced debit", which let a negative funding or refund without a reference through;
-- BalanceLedgerRulesTest.)
select private.add_constraint_if_missing('public.partner_ledger', 'partner_ledger_kind_matches_amount',
  $c$check (case kind::text when 'purchase' then amount_usd < 0 and (order_id is not null or topup_id is not null)
                            when 'adjustment' then true
                            else amount_usd > 0 end)$c$);

-- backend_health() counts failed partner webhooks without scanning the outbox's history.
create index if not exists idx_webhook_deliveries_failed on public.webhook_deliveries (created_at) where status = 'failed';

-- When the provider stated the expiry now on an order (an event's own time, or the time of a fresh
-- query): an older statement that arrives late never overwrites a newer one (apply_esim_states).
alter table public.orders add column if not exists expiry_observed_at timestamptz;
insert into private.column_decisions (table_name, column_name, decision) values ('orders', 'expiry_observed_at', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

-- The partner-webhook outbox records which worker holds a delivery, so only that worker records its
-- outcome (record_webhook_attempt).
alter table public.webhook_deliveries add column if not exists lease_worker varchar(64);
insert into private.column_decisions (table_name, column_name, decision) values ('webhook_deliveries', 'lease_worker', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

-- A top-up whose outcome at the provider cannot be told (docs/lifecycle.md) waits for a person:
-- needs_review, resolved as applied or not applied (resolve_topup), never refunded automatically.
alter table public.topups drop constraint if exists topups_status_check;
select private.add_constraint_if_missing('public.topups', 'topups_status_known',
  $c$check (status in ('pending', 'applied', 'failed', 'needs_review'))$c$);
create index if not exists idx_topups_needs_review on public.topups (created_at) where status = 'needs_review';

-- The eSIM Access account's next free request slot (take_provider_slot): one row for the account.
create table if not exists private.provider_request_slots (
  id integer primary key check (id = 1),
  next_slot timestamptz not null
);
revoke all on private.provider_request_slots from public, anon, authenticated, service_role;

-- Partner webhook endpoints may not point into OneSIM's own network (docs/decisions/0011): https
-- only, never a loopback, private, link-local, carrier-grade NAT or metadata address, checked when
-- an endpoint is registered and again by the dispatcher after DNS. Local development (the testkit)
-- turns this switch on to post to 127.0.0.1; production never does.
create table if not exists private.webhook_settings (
  id integer primary key check (id = 1),
  allow_local_targets boolean not null default false
);
insert into private.webhook_settings (id) values (1) on conflict (id) do nothing;
revoke all on private.webhook_settings from public, anon, authenticated, service_role;

-- A disabled webhook endpoint stays disabled for API roles (disable_webhook_endpoint is one-way; a
-- partner registers a new endpoint instead), whatever grants a later migration adds.
create or replace function private.webhook_endpoints_stay_disabled() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_api_role() and not old.active and new.active then
    perform private.fail('409', 'illegal_transition', 'a disabled endpoint is not re-enabled; register a new one', 'active');
  end if;
  return new;
end
$$;
revoke all on function private.webhook_endpoints_stay_disabled() from public;
drop trigger if exists trg_webhook_endpoints_stay_disabled on public.webhook_endpoints;
create trigger trg_webhook_endpoints_stay_disabled before update of active on public.webhook_endpoints
  for each row execute function private.webhook_endpoints_stay_disabled();

-- An integration credential's user is its partner's server, never a consumer: with a live key it
-- acts for the partner, and once revoked its still-valid token can do nothing as a shopper either
-- (no shop order, no profile of its own, no opt-out).
create or replace function private.is_integration_user() returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.partner_credentials c where c.user_id = (select auth.uid()));
end
$$;
revoke all on function private.is_integration_user() from public;
grant execute on function private.is_integration_user() to anon, authenticated, service_role;

create or replace function private.integration_users_do_not_shop() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_table_name = 'orders' then
    if new.partner_id is not null then   -- an order for its partner (asked first: it needs no query)
      return new;
    end if;
  end if;
  if private.is_api_role() and (select auth.uid()) is not null and private.is_integration_user() then
    perform private.fail('403', 'integration_user', 'an integration credential acts for its partner only', null);
  end if;
  return new;
end
$$;
revoke all on function private.integration_users_do_not_shop() from public;
drop trigger if exists trg_orders_integration_users on public.orders;
create trigger trg_orders_integration_users before insert on public.orders
  for each row execute function private.integration_users_do_not_shop();
drop trigger if exists trg_profiles_integration_users on public.profiles;
create trigger trg_profiles_integration_users before insert or update on public.profiles
  for each row execute function private.integration_users_do_not_shop();

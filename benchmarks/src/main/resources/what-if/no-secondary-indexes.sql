-- What if the tables a purchase writes had only their primary keys and unique indexes? A floor, never a
-- migration: it shows what maintaining the other indexes costs a purchase (PurchaseInstructionsBenchmark,
-- docs/benchmarks.md). Each statement ends with a semicolon and an empty line (single-user mode's -j).

do $$
begin
  execute (select pg_catalog.string_agg(pg_catalog.format('drop index %s', i.indexrelid::regclass), '; ')
           from pg_catalog.pg_index i
           where not i.indisunique and i.indrelid = any (array['public.orders', 'public.partners', 'public.partner_ledger', 'public.partner_earnings', 'public.order_action_logs', 'private.idempotency_keys']::regclass[]));
end
$$;

-- V32: what the eSIM held before a top-up was first sent (issue #27). A lost top-up answer is
-- settled by what the provider shows afterwards: a package line carrying our transaction id, or a
-- total volume above this one (where lines appear late, or carry no id). Never by a blind resend.

alter table public.topups add column if not exists volume_before bigint;

insert into private.column_decisions (table_name, column_name, decision) values ('topups', 'volume_before', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;

-- claim_topups returns it; start_topup records it with the first attempt (R__api_topups.sql).
drop function if exists public.claim_topups(text, integer, integer);
drop function if exists public.start_topup(uuid, text, integer, text);

select private.apply_column_decisions();

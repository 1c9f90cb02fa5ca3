-- The testkit's fast reset: a copy of every table's rows and every sequence's position, taken once
-- (testkit_baseline.mark) and put back before each test (testkit_baseline.restore). Lives in its own
-- schema, which PostgREST does not expose and the schema tests do not count.
create schema if not exists testkit_baseline;
revoke all on schema testkit_baseline from public;

create or replace function testkit_baseline.tables() returns table (schema_name text, table_name text, columns text)
set search_path = ''
language sql stable as $$
  select n.nspname::text, c.relname::text,
         string_agg(quote_ident(a.attname), ', ' order by a.attnum)
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
  where c.relkind in ('r', 'p')
    and n.nspname not in ('pg_catalog', 'information_schema', 'testkit_baseline', 'flyway', 'pg_toast')
    and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
  group by n.nspname, c.relname
$$;

create or replace function testkit_baseline.mark() returns void language plpgsql set search_path = '' as $$
declare
  t record;
begin
  for t in select * from testkit_baseline.tables() loop
    execute format('drop table if exists testkit_baseline.%I', t.schema_name || '.' || t.table_name);
    execute format('create table testkit_baseline.%I as select %s from %I.%I',
                   t.schema_name || '.' || t.table_name, t.columns, t.schema_name, t.table_name);
  end loop;
  drop table if exists testkit_baseline.sequences;
  create table testkit_baseline.sequences as
    select schemaname::text as schema_name, sequencename::text as sequence_name, last_value
    from pg_sequences where schemaname not in ('testkit_baseline', 'flyway');
end $$;

create or replace function testkit_baseline.restore() returns void language plpgsql set search_path = '' as $$
declare
  t record;
  s record;
  all_tables text;
begin
  perform set_config('session_replication_role', 'replica', true);
  select string_agg(format('%I.%I', schema_name, table_name), ', ') into all_tables from testkit_baseline.tables();
  execute 'truncate ' || all_tables || ' restart identity';
  for t in select b.* from testkit_baseline.tables() b
           where to_regclass(format('testkit_baseline.%I', b.schema_name || '.' || b.table_name)) is not null loop
    execute format('insert into %I.%I (%s) overriding system value select %s from testkit_baseline.%I',
                   t.schema_name, t.table_name, t.columns, t.columns, t.schema_name || '.' || t.table_name);
  end loop;
  for s in select * from testkit_baseline.sequences loop
    if s.last_value is null then
      perform setval(format('%I.%I', s.schema_name, s.sequence_name), 1, false);
    else
      perform setval(format('%I.%I', s.schema_name, s.sequence_name), s.last_value, true);
    end if;
  end loop;
  perform set_config('session_replication_role', 'origin', true);
end $$;

package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.OWNER;

import java.util.List;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * No numeric column of any table stores NaN or ±Infinity, whoever writes it: not only what an API
 * role may write (HostileInputTest), but also what our own definer code and the backend write. The
 * checks come in three forms, each the smallest that holds (PostgreSQL reads every CHECK back at each
 * write statement, issue 29): one {@code 'NaN' <> all (array[...])} per table for the columns whose
 * precision refuses the infinities, the exactness check where a column has one (it refuses all
 * three), a range test elsewhere. Each
 * column of a table with a sample row is set to each value by the owner with the tables' triggers
 * off, so only the constraints and the column type can refuse it.
 */
class FiniteNumbersTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  @Test
  void everyNumericColumnRefusesNanAndTheInfinities() {
    // rows for the tables the sample data leaves empty: a partner purchase (order, earning, ledger,
    // audit), its eSIM allocated, and a top-up of it
    java.util.UUID order = Db.partnerOrder(db, Db.GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    Db.setStatus(db, order, "PROCESSING");
    db.update(Db.SERVICE, "update orders set order_status = 'ALLOCATED', esim_tran_no = 'T-FINITE', iccid = '8999000000000000001' where id = ?", order);
    db.value(Db.GRAND, "select id from buy_topup(?, 'TR_TOPUP_1GB')", order);
    db.executeScript("""
        create schema scratch;
        create function scratch.try_non_finite() returns table (verdict text, target text)
        language plpgsql as $$
        declare
          r record;
          v text;
        begin
          for r in
            select c.relname, a.attname
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_class c on c.oid = a.attrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'r' and a.atttypid = 'numeric'::regtype
              and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
            order by 1, 2
          loop
            execute pg_catalog.format('select not exists (select 1 from public.%I)', r.relname) into strict v;
            if v::boolean then
              verdict := 'no sample row'; target := r.relname || '.' || r.attname; return next;
              continue;
            end if;
            foreach v in array array['NaN', 'Infinity', '-Infinity'] loop
              begin
                execute pg_catalog.format('alter table public.%I disable trigger user', r.relname);
                execute pg_catalog.format('update public.%1$I set %2$I = %3$L::numeric where ctid = (select ctid from public.%1$I limit 1)',
                  r.relname, r.attname, v);
                raise exception using errcode = 'P0002', message = 'accepted';
              exception
                when check_violation or numeric_value_out_of_range then
                  verdict := 'refused'; target := r.relname || '.' || r.attname || ' = ' || v; return next;
                when sqlstate 'P0002' then
                  verdict := 'accepted'; target := r.relname || '.' || r.attname || ' = ' || v; return next;
              end;
            end loop;
          end loop;
        end
        $$;""");
    List<String> accepted = targets("accepted");
    List<String> refused = targets("refused");
    assertThat(accepted).as("numeric columns that stored NaN or an infinity").isEmpty();
    // the tables a purchase writes, where the checks were made smaller, are all covered
    for (String column : List.of("orders.price_usd", "orders.discount_rate", "partners.balance_usd", "partners.credit_limit_usd",
        "partners.custom_discount_rate", "partner_earnings.partner_sell_price_usd", "partner_earnings.partner_paid_uzs",
        "partner_ledger.amount_usd", "topups.paid_usd", "topups.discount_rate", "partner_status_changes.custom_discount_rate",
        "esim_packages.final_price_usd", "fx_rates.uzs_per_usd")) {
      for (String value : List.of("NaN", "Infinity", "-Infinity")) {
        assertThat(refused).contains(column + " = " + value);
      }
    }
    assertThat(refused).as("40 of the schema's numeric columns have a row to try here").hasSizeGreaterThanOrEqualTo(3 * 40);
    System.out.printf("non-finite values refused in %d column writes; tables without a row to try: %s%n", refused.size(),
        targets("no sample row"));
  }

  /** The tables no row reaches above are held by the same rule: each numeric column has a finite or an exactness check. */
  @Test
  void everyNumericColumnHasAFiniteOrAnExactnessCheck() {
    assertThat(db.query(OWNER, """
        select c.relname || '.' || a.attname as col
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.atttypid = 'numeric'::regtype
          and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
          and not exists (select 1 from pg_constraint x where x.conrelid = c.oid and x.contype = 'c'
                            and (x.conname like '%\\_finite' and a.attnum = any (x.conkey)
                                 or x.conkey = array[a.attnum] and x.conname like a.attname || '\\_exact\\_%'))"""))
        .as("numeric columns with neither check").isEmpty();
  }

  List<String> targets(String verdict) {
    return db.query(OWNER, "select target from scratch.try_non_finite() where verdict = ?", verdict).stream()
        .map(r -> (String) r.get("target")).toList();
  }
}

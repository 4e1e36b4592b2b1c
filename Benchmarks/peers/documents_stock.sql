-- The four stocks (SPEC §6.3) per product and warehouse from post-documents'
-- ledger: physical and documented take every movement, prior_period those
-- dated before ${period_start}, last_control those dated on or before
-- ${last_control}. Exact DECIMAL(38,10) sums; rows by product, then warehouse
-- (none first).
-- usage: run_sql.py documents_stock.sql ledger=L.csv period_start=D last_control=D out=O.csv
COPY (
  SELECT product, warehouse,
         SUM(qty) AS physical,
         SUM(qty) AS documented,
         COALESCE(SUM(qty) FILTER (WHERE date < CAST(${period_start} AS DATE)), 0) AS prior_period,
         COALESCE(SUM(qty) FILTER (WHERE date <= CAST(${last_control} AS DATE)), 0) AS last_control
  FROM read_csv(${ledger}, header = true, delim = ',', quote = '"',
                columns = {'doc': 'VARCHAR', 'type': 'VARCHAR', 'date': 'DATE', 'journey': 'VARCHAR',
                           'line': 'INTEGER', 'product': 'VARCHAR', 'warehouse': 'VARCHAR',
                           'qty': 'DECIMAL(38,10)', 'source': 'VARCHAR'})
  GROUP BY product, warehouse
  ORDER BY product, warehouse NULLS FIRST
) TO ${out} (HEADER, DELIMITER ',');

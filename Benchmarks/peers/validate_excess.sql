-- Peer for `validate-excess` (SPEC §4.1–4.4, §4.8): the same month in DuckDB.
-- Run as: run_sql.py validate_excess.sql work_orders=… annex=… daily=…
--         production=… out=…
-- Quantities and money are DECIMAL(38,10) (exact, 10 fractional digits, as
-- taller keeps them); amounts are rounded half away from zero to 2 places.
-- Rejected rows (unknown OT or code, outside the family window, day not
-- LABORANDO or without a daily report, negative qty) are left out of the
-- output and do not accumulate. Output rows in input order.
COPY (
  WITH
  wo AS (
    SELECT ot, coalesce(nullif(trim(parent_ot), ''), ot) AS family,
           start_date, end_date
    FROM read_csv(${work_orders}, header = true, auto_detect = false, columns = {
      'ot': 'VARCHAR', 'parent_ot': 'VARCHAR', 'kind': 'VARCHAR',
      'active': 'BOOLEAN', 'front': 'INTEGER', 'site': 'VARCHAR',
      'start_date': 'DATE', 'end_date': 'DATE'})),
  window_ AS (
    SELECT family, min(start_date) AS win_start, max(end_date) AS win_end
    FROM wo GROUP BY family),
  annex AS (
    SELECT * FROM read_csv(${annex}, header = true, auto_detect = false, columns = {
      'ot': 'VARCHAR', 'import_id': 'BIGINT', 'imported_on': 'DATE',
      'active': 'BOOLEAN', 'annex': 'VARCHAR', 'code': 'VARCHAR',
      'description': 'VARCHAR', 'unit': 'VARCHAR',
      'authorized_qty': 'DECIMAL(38,10)', 'unit_price_mxn': 'DECIMAL(38,10)',
      'unit_price_usd': 'DECIMAL(38,10)'})),
  -- §4.2: per family and code, the latest active import of any member.
  auth AS (
    SELECT wo.family, a.code, a.annex, a.description, a.unit, a.authorized_qty,
           a.unit_price_mxn, a.unit_price_usd
    FROM annex a JOIN wo USING (ot)
    WHERE a.active
    QUALIFY row_number() OVER (PARTITION BY wo.family, a.code
                               ORDER BY a.import_id DESC) = 1),
  daily AS (
    SELECT * FROM read_csv(${daily}, header = true, auto_detect = false, columns = {
      'ot': 'VARCHAR', 'date': 'DATE', 'status': 'VARCHAR'})),
  -- Production rows numbered in input order, with their family. MATERIALIZED
  -- keeps DuckDB from joining on code alone first (17.7 million rows, 9 GB).
  prod AS MATERIALIZED (
    SELECT p.*, wo.family
    FROM (SELECT row_number() OVER () AS line, *
          FROM read_csv(${production}, header = true, auto_detect = false, columns = {
            'ot': 'VARCHAR', 'code': 'VARCHAR', 'date': 'DATE',
            'time_type': 'VARCHAR', 'qty': 'DECIMAL(38,10)'})) p
    JOIN wo USING (ot)),
  valid AS (
    SELECT p.*, auth.* EXCLUDE (family, code)
    FROM prod p
    JOIN window_ w ON w.family = p.family
    JOIN daily d ON d.ot = p.ot AND d.date = p.date
    JOIN auth ON auth.family = p.family AND auth.code = p.code
    WHERE p.qty >= 0 AND p.date BETWEEN w.win_start AND w.win_end
      AND d.status = 'LABORANDO'),
  -- §4.4: running total per family and code by date, CMA before TE, OT, input order.
  run AS (
    SELECT *, sum(qty) OVER (
      PARTITION BY family, code
      ORDER BY date, CASE WHEN coalesce(nullif(time_type, ''), 'CMA') = 'CMA' THEN 0 ELSE 1 END,
               ot, line
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_qty
    FROM valid)
  SELECT ot, code, date, coalesce(nullif(time_type, ''), 'CMA') AS time_type, qty,
         family, annex, description, unit, authorized_qty, cumulative_qty,
         authorized_qty - cumulative_qty AS remaining_qty,
         cumulative_qty > authorized_qty AS excess,
         least(qty, greatest(0, cumulative_qty - authorized_qty)) AS excess_qty,
         CASE WHEN cumulative_qty <= 0.90 * authorized_qty THEN 'green'
              WHEN cumulative_qty <= authorized_qty THEN 'yellow'
              ELSE 'red' END AS level,
         unit_price_mxn, unit_price_usd,
         round(qty * unit_price_mxn, 2) AS amount_mxn,
         round(qty * unit_price_usd, 2) AS amount_usd,
         CASE WHEN cumulative_qty > authorized_qty THEN 'EXCEDENTE' ELSE 'PENDIENTE' END
           AS billing_status,
         qty > 0 AND annex IN ('C-2', 'C-3', 'C2EXT', 'C3EXT') AS gpu_required,
         CASE WHEN qty > 0 AND annex IN ('C-2', 'C-3', 'C2EXT', 'C3EXT')
              THEN 'PENDIENTE' ELSE '' END AS gpu_status,
         '' AS supervisor
  FROM run
  ORDER BY line
) TO ${out} (HEADER, DELIMITER ',');

-- Peer for `close-month` (SPEC §4.7–4.8): the month's totals per family and
-- concept, from the same validated file (validate-excess output; no history,
-- so nothing before the month). Run as:
--   run_sql.py close_month.sql validated=… out=…
-- Quantities and money are DECIMAL(38,10) (exact, as taller keeps them); each
-- amount is rounded half away from zero to cents at the concept line (§4.8):
-- authorized, executed (month), accumulated, remaining = authorized − accumulated,
-- billable = (month − excess) × price; the same in USD. Rows by family and code.
COPY (
  WITH
  v AS (
    SELECT * FROM read_csv(${validated}, header = true, auto_detect = false, columns = {
      'ot': 'VARCHAR', 'code': 'VARCHAR', 'date': 'DATE', 'time_type': 'VARCHAR',
      'qty': 'DECIMAL(38,10)', 'family': 'VARCHAR', 'annex': 'VARCHAR',
      'description': 'VARCHAR', 'unit': 'VARCHAR', 'authorized_qty': 'DECIMAL(38,10)',
      'cumulative_qty': 'DECIMAL(38,10)', 'remaining_qty': 'DECIMAL(38,10)',
      'excess': 'VARCHAR', 'excess_qty': 'DECIMAL(38,10)', 'level': 'VARCHAR',
      'unit_price_mxn': 'DECIMAL(38,10)', 'unit_price_usd': 'DECIMAL(38,10)',
      'amount_mxn': 'DECIMAL(38,10)', 'amount_usd': 'DECIMAL(38,10)',
      'billing_status': 'VARCHAR', 'gpu_required': 'VARCHAR', 'gpu_status': 'VARCHAR',
      'supervisor': 'VARCHAR'})),
  line AS (
    SELECT family, code, any_value(annex) AS annex,
           any_value(authorized_qty) AS authorized_qty,
           any_value(unit_price_mxn) AS mxn, any_value(unit_price_usd) AS usd,
           sum(qty) AS month_qty, sum(coalesce(excess_qty, 0)) AS excess_qty
    FROM v GROUP BY family, code)
  SELECT family, code, annex, authorized_qty, month_qty,
         month_qty AS accumulated_qty, authorized_qty - month_qty AS remaining_qty,
         excess_qty,
         round(authorized_qty * mxn, 2) AS authorized_mxn,
         round(month_qty * mxn, 2) AS executed_mxn,
         round(month_qty * mxn, 2) AS accumulated_mxn,
         round(authorized_qty * mxn, 2) - round(month_qty * mxn, 2) AS remaining_mxn,
         round((month_qty - excess_qty) * mxn, 2) AS billable_mxn,
         round(authorized_qty * usd, 2) AS authorized_usd,
         round(month_qty * usd, 2) AS executed_usd,
         round(month_qty * usd, 2) AS accumulated_usd,
         round(authorized_qty * usd, 2) - round(month_qty * usd, 2) AS remaining_usd,
         round((month_qty - excess_qty) * usd, 2) AS billable_usd
  FROM line ORDER BY family, code
) TO ${out} (HEADER, DELIMITER ',');

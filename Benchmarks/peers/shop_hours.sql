-- The peer of track-operations (issue 12): real hours per operation (order,
-- workcenter) from the scanned events, in DuckDB. Each operation's events in time
-- order (ties: file order); a running interval runs from a start or restart to the
-- next event when that is a pause, close or cancel. No state machine: impossible
-- sequences are not rejected here (Benchmarks/check_shop.py compares only the
-- operations track-operations accepted every event of).
COPY (
  WITH e AS (
    SELECT "order", workcenter, event, CAST("at" AS TIMESTAMP) AS t, row_number() OVER () AS n
    FROM read_csv(${events}, header = true, all_varchar = true)
  ),
  s AS (
    SELECT "order", workcenter, event, t,
           lead(event) OVER w AS next_event, lead(t) OVER w AS next_t
    FROM e
    WINDOW w AS (PARTITION BY "order", workcenter ORDER BY t, n)
  )
  SELECT "order", workcenter,
         round(sum(CASE WHEN event IN ('start', 'restart') AND next_event IN ('pause', 'close', 'cancel')
                        THEN epoch(next_t) - epoch(t) ELSE 0 END) / 3600.0, 4) AS real_hours
  FROM s
  GROUP BY "order", workcenter
  ORDER BY "order", workcenter
) TO ${out} (HEADER, DELIMITER ',');

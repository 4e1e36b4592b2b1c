-- Peer for `explode-bom --summary` (SPEC §5.2): the total requirement of every
-- component over all orders, exploded level by level with a recursive CTE that
-- aggregates each level (one row per level and product, never one per path).
-- Run as: run_sql.py explode.sql products=… bom=… orders=… out=…
-- Quantities are exact: HUGEINT counts of 10^-10 units. A line needs
-- parent qty × qty ÷ per, rounded half up at the tenth decimal once per level:
--   q_child = (2·q_parent·qty + per) div (2·per)   in units of 10^-10
-- (q_parent·qty carries 10^-20, ÷ per's 10^-10 leaves 10^-10). The summary sums
-- every requirement row, intermediate products and leaves, by component.
COPY (
  WITH RECURSIVE
  bom AS MATERIALIZED (
    SELECT parent, component,
           (qty * 10000000000::DECIMAL(11, 0))::HUGEINT AS qty,
           (coalesce(per, 1) * 10000000000::DECIMAL(11, 0))::HUGEINT AS per
    FROM read_csv(${bom}, header = true, auto_detect = false, columns = {
      'parent': 'VARCHAR', 'component': 'VARCHAR',
      'qty': 'DECIMAL(38,10)', 'per': 'DECIMAL(38,10)'})),
  orders AS (
    SELECT product, sum((qty * 10000000000::DECIMAL(11, 0))::HUGEINT) AS qty
    FROM read_csv(${orders}, header = true, auto_detect = false, columns = {
      'product': 'VARCHAR', 'qty': 'DECIMAL(38,10)'})
    GROUP BY product),
  need(level, product, qty) AS (
    SELECT 0, product, qty FROM orders
    UNION ALL
    SELECT need.level + 1, bom.component,
           sum((2 * need.qty * bom.qty + bom.per) // (2 * bom.per))
    FROM need JOIN bom ON bom.parent = need.product
    GROUP BY need.level + 1, bom.component),
  total AS (
    SELECT product AS component, sum(qty) AS qty
    FROM need WHERE level > 0 GROUP BY product)
  SELECT t.component, '' AS warehouse,
         t.qty::DECIMAL(38, 0) * 0.0000000001::DECIMAL(11, 10) AS qty,
         p.unit
  FROM total t
  LEFT JOIN read_csv(${products}, header = true, auto_detect = false, columns = {
      'code': 'VARCHAR', 'description': 'VARCHAR', 'type': 'VARCHAR',
      'unit': 'VARCHAR', 'replacement_cost': 'DECIMAL(38,10)'}) p
    ON p.code = t.component
  ORDER BY t.component
) TO ${out} (HEADER, DELIMITER ',');

// Question: Which events took place between two dates, who chaired them, who organised them and where?
// Parameters: from (first day, ISO, e.g. 2024-02-01), to (last day, inclusive, e.g. 2024-03-31).
// Note: a month or a year works as a bound too (from=2024-07, to=2024-07), and events dated only by month or year count when that period overlaps the range.
MATCH (e:Event)
WHERE e.date IS NOT NULL
  AND left(e.date, size($from)) >= left($from, size(e.date))
  AND left(e.date, size($to)) <= left($to, size(e.date))
OPTIONAL MATCH (chair:Person)-[:PRESIDED_OVER]->(e)
WITH e, collect(DISTINCT chair.name) AS chairs
OPTIONAL MATCH (org:Organization)-[:ORGANIZED]->(e)
WITH e, chairs, collect(DISTINCT org.name) AS organizers
OPTIONAL MATCH (e)-[:HELD_IN]->(pl:Place)
WITH e, chairs, organizers, collect(DISTINCT pl.name) AS places
RETURN e.date AS date, e.name AS event, e.kind AS kind, chairs, organizers, places,
       count { (:Person)-[:ATTENDED]->(e) } AS attendance_records
ORDER BY date, event

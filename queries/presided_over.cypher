// Question: Who presided over which event, and when?
// Parameters: none.
MATCH (p:Person)-[r:PRESIDED_OVER]->(e:Event)
RETURN p.name AS person, e.name AS event, e.date AS date, r.sentence AS evidence
ORDER BY date, event, person

// Question: Who are the most central officials: the most distinct events presided over, attended or spoken at, then the most distinct neighbours?
// Parameters: top (how many rows, e.g. 10).
MATCH (p:Person)-[r:PRESIDED_OVER|ATTENDED|SPOKE_AT]->(e:Event)
WITH p, count(DISTINCT e) AS events,
     count(DISTINCT CASE WHEN type(r) = 'PRESIDED_OVER' THEN e END) AS presided,
     count(DISTINCT CASE WHEN type(r) = 'SPOKE_AT' THEN e END) AS spoke
OPTIONAL MATCH (p)-[h:HOLDS_POSITION]->(o:Organization)
WITH p, events, presided, spoke, collect(DISTINCT h.title + '@' + o.name) AS posts
OPTIONAL MATCH (p)-[:HOLDS_POSITION|PRESIDED_OVER|ATTENDED|SPOKE_AT|ISSUED]->(n)
WITH p, events, presided, spoke, posts, count(DISTINCT n) AS degree
RETURN p.name AS person, events, presided, spoke, degree, posts
ORDER BY events DESC, presided DESC, degree DESC, person
LIMIT toInteger($top)

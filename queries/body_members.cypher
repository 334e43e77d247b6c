// Question: Who are the members and officers of a body (and of its sub-bodies), with their titles and when that was reported?
// Parameters: body (the organization's canonical name or an alias, e.g. 全国人大常委会).
MATCH (o:Organization)
WHERE o.name = $body OR $body IN o.aliases
MATCH (o)<-[:PART_OF*0..2]-(unit:Organization)<-[r:HOLDS_POSITION]-(p:Person)
WITH unit, p, r.title AS title, r
ORDER BY r.as_of
WITH unit, p, title,
     min(r.as_of) AS first_reported, max(r.as_of) AS last_reported,
     collect(DISTINCT r.change) AS changes, collect(r.sentence)[0] AS evidence, count(r) AS sources
RETURN unit.name AS body, title, p.name AS person, first_reported, last_reported, changes, sources, evidence
ORDER BY body, title, person

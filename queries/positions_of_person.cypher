// Every post a person holds, with the date it was reported and the sentence that says so.
// Parameters: name (the person's canonical name or an alias, e.g. 赵乐际).
MATCH (p:Person)-[r:HOLDS_POSITION]->(o:Organization)
WHERE p.name = $name OR $name IN p.aliases
RETURN p.name AS person, r.title AS title, o.name AS organization, r.as_of AS as_of, r.sentence AS evidence
ORDER BY as_of, organization, title

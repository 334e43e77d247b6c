// Question: What posts does a person hold, when was each reported, and which sentence says so?
// Parameters: name (the person's canonical name or an alias, e.g. 赵乐际).
MATCH (p:Person)-[r:HOLDS_POSITION]->(o:Organization)
WHERE p.name = $name OR $name IN p.aliases
RETURN p.name AS person, r.title AS title, o.name AS organization, r.as_of AS as_of, r.change AS change,
       r.sentence AS evidence, r.doc_id AS doc_id
ORDER BY as_of, organization, title

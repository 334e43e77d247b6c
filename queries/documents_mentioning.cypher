// Question: Which articles mention an entity, how often, and when were they published?
// Parameters: name (the entity's name or alias, any label, e.g. 赵乐际).
MATCH (x) WHERE x.name = $name OR $name IN x.aliases
MATCH (d:Document)-[m:MENTIONS]->(x)
RETURN x.name AS entity, d.date AS date, d.title AS title, m.count AS mentions, d.source AS source, d.id AS doc_id
ORDER BY date, title

// Question: Which entity does a name stand for — its label, canonical name and every alias it is known by (look up by any alias)?
// Parameters: name (any surface form, e.g. 全国人大常委会).
MATCH (x) WHERE x.name = $name OR $name IN x.aliases
RETURN labels(x)[0] AS type, x.id AS id, x.name AS name, x.aliases AS aliases, x.kind AS kind
ORDER BY type, name

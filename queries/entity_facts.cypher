// Question: What are all the facts about an entity, in both directions, with the sentence, article, extractor and confidence behind each? (MENTIONS are left out: see documents_mentioning.)
// Parameters: name (the entity's name or alias, any label, e.g. 骆源).
MATCH (x) WHERE x.name = $name OR $name IN x.aliases
MATCH (x)-[r]-(y)
WHERE type(r) <> 'MENTIONS'
RETURN x.name AS entity, type(r) AS relationship,
       CASE WHEN startNode(r) = x THEN 'out' ELSE 'in' END AS direction,
       labels(y)[0] AS other_type, y.name AS other,
       properties(r) AS props, r.sentence AS sentence, r.doc_id AS doc_id, r.start AS sentence_start, r.end AS sentence_end,
       r.extractor AS extractor, r.confidence AS confidence
ORDER BY relationship, other, doc_id, sentence_start

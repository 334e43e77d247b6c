// Question: What did a body issue or adopt (directly, or at the sessions it organised), by date?
// Parameters: body (the organization's canonical name or an alias, e.g. 国家网信办).
MATCH (o:Organization)
WHERE o.name = $body OR $body IN o.aliases
CALL {
  WITH o
  MATCH (o)-[r:ISSUED|ADOPTED]->(p:Policy)
  RETURN p, r, CASE type(r) WHEN 'ISSUED' THEN 'issued' ELSE 'adopted' END AS action, null AS via
  UNION
  WITH o
  MATCH (o)-[:ORGANIZED]->(e:Event)-[r:ADOPTED]->(p:Policy)
  RETURN p, r, 'adopted' AS action, e.name AS via
}
WITH o, p, action, via, r
ORDER BY r.confidence DESC
WITH o, p, action, via, min(r.date) AS date, collect(r.sentence)[0] AS evidence, collect(DISTINCT r.doc_id) AS doc_ids
RETURN o.name AS body, date, action, p.name AS policy, p.kind AS kind, via, evidence, doc_ids
ORDER BY date, policy

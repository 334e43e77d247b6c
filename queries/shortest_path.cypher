// Question: How are two entities connected — the shortest chain of facts between them (articles' MENTIONS left out)?
// Parameters: from (an entity's name or alias, any label, e.g. 赵乐际), to (another entity's name or alias, e.g. 习近平).
MATCH (a) WHERE a.name = $from OR $from IN a.aliases
MATCH (b) WHERE (b.name = $to OR $to IN b.aliases) AND b <> a
MATCH path = shortestPath((a)-[:HOLDS_POSITION|PRESIDED_OVER|ATTENDED|SPOKE_AT|REVIEWED|ADOPTED|ISSUED|ORGANIZED|HELD_IN|PART_OF|MEASURES*..8]-(b))
RETURN length(path) AS hops,
       [n IN nodes(path) | labels(n)[0] + ':' + n.name] AS nodes,
       [r IN relationships(path) | type(r)] AS relationships,
       [r IN relationships(path) | r.sentence] AS evidence
ORDER BY hops

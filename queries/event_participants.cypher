// Question: Who presided over, attended or spoke at a given event, in which capacity, and on what evidence?
// Parameters: event (the event's canonical name or an alias, e.g. 十四届全国人大常委会第八次会议).
MATCH (e:Event)
WHERE e.name = $event OR $event IN e.aliases
MATCH (x)-[r:PRESIDED_OVER|ATTENDED|SPOKE_AT]->(e)
WITH e, x, r, CASE type(r) WHEN 'PRESIDED_OVER' THEN 'presided' WHEN 'SPOKE_AT' THEN 'spoke' ELSE 'attended' END AS how
ORDER BY r.confidence DESC
WITH e, x, how,
     collect(DISTINCT coalesce(r.role, r.about)) AS details,
     collect(r.sentence)[0] AS evidence,
     collect(DISTINCT r.doc_id) AS doc_ids
RETURN e.name AS event, e.date AS date, how AS part, x.name AS participant, labels(x)[0] AS type, details, evidence, doc_ids
ORDER BY CASE part WHEN 'presided' THEN 0 WHEN 'spoke' THEN 1 ELSE 2 END, participant

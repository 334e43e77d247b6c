// Question: What was on an event's agenda: the documents it reviewed and adopted, and the reports delivered at it?
// Parameters: event (the event's canonical name or an alias, e.g. 十四届全国人大二次会议).
MATCH (e:Event) WHERE e.name = $event OR $event IN e.aliases
CALL {
  WITH e
  MATCH (e)-[r:REVIEWED|ADOPTED]->(p:Policy)
  RETURN CASE type(r) WHEN 'REVIEWED' THEN 'reviewed' ELSE 'adopted' END AS item, p.name AS document, p.kind AS kind,
         null AS speaker, r.date AS date, r.sentence AS evidence
  UNION
  WITH e
  MATCH (s:Person)-[r:SPOKE_AT]->(e)
  WHERE r.about IS NOT NULL
  RETURN 'report' AS item, r.about AS document, null AS kind, s.name AS speaker, null AS date, r.sentence AS evidence
}
RETURN e.name AS event, e.date AS event_date, item, document, kind, speaker, date, evidence
ORDER BY CASE item WHEN 'report' THEN 0 WHEN 'reviewed' THEN 1 ELSE 2 END, document

// Question: Which figures (numbers with unit and measure) are reported about a subject — a place, body, event or policy?
// Parameters: subject (the subject's name or alias, e.g. 中国).
MATCH (s) WHERE s.name = $subject OR $subject IN s.aliases
MATCH (f:Figure)-[r:MEASURES]->(s)
RETURN s.name AS subject, labels(s)[0] AS type, f.name AS figure, f.value AS value, f.unit AS unit, f.measure AS measure,
       coalesce(f.date, r.date) AS date, r.sentence AS evidence, r.doc_id AS doc_id
ORDER BY date, measure, figure

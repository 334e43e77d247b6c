// Question: What is the history of a law — drafts, reviews, reports on it, adoption, promulgation, effective date — in date order?
// Parameters: law (the law's canonical name or an alias, e.g. 国务院组织法).
MATCH (law:Policy)
WHERE law.name = $law OR $law IN law.aliases
// the names the law goes by, also without the 中华人民共和国 prefix (保守国家秘密法); short forms (保密法) are left out of substring tests
WITH law, [a IN law.aliases + [law.name] | CASE WHEN a STARTS WITH '中华人民共和国' THEN substring(a, 7) ELSE a END] + law.aliases AS forms
WITH law, [f IN forms WHERE size(f) >= 4] AS names
CALL {
  // what happened to the law itself or to a document about it (draft, explanation, report on its review)
  WITH law, names
  MATCH (doc:Policy)
  WHERE doc = law OR doc.draft_of = law.name OR any(n IN names WHERE doc.name CONTAINS n)
  MATCH (x)-[r:REVIEWED|ADOPTED|ISSUED]->(doc)
  RETURN coalesce(r.date, x.date) AS date,
         CASE type(r) WHEN 'REVIEWED' THEN 'reviewed' WHEN 'ADOPTED' THEN 'adopted'
              ELSE CASE WHEN doc = law THEN 'promulgated' ELSE 'issued' END END AS step,
         x.name AS actor, doc.name AS document, r.sentence AS evidence, r.doc_id AS doc_id
  UNION
  // reports and explanations delivered on it (骆源作…审议结果的报告, 李鸿忠作…修订草案的说明)
  WITH law, names
  MATCH (doc:Policy)
  WHERE doc.draft_of = law.name OR any(n IN names WHERE doc.name CONTAINS n)
  MATCH (p:Person)-[r:SPOKE_AT]->(e:Event)
  WHERE r.about = doc.name OR r.about IN doc.aliases
  RETURN e.date AS date, 'reported' AS step, p.name AS actor, doc.name AS document, r.sentence AS evidence, r.doc_id AS doc_id
  UNION
  // drafts, dated by the first article that mentions them
  WITH law, names
  MATCH (draft:Policy {draft_of: law.name})
  OPTIONAL MATCH (d:Document)-[:MENTIONS]->(draft)
  RETURN min(d.date) AS date, 'draft' AS step, null AS actor, draft.name AS document, null AS evidence, null AS doc_id
  UNION
  // promulgation: an order or act issued in a sentence that names the law (国家主席习近平签署第21号主席令予以公布)
  WITH law, names
  MATCH (x)-[r:ISSUED]->(act:Policy)
  WHERE act <> law AND any(n IN names WHERE r.sentence CONTAINS n)
  RETURN r.date AS date, 'promulgated' AS step, x.name AS actor, act.name AS document, r.sentence AS evidence, r.doc_id AS doc_id
  UNION
  WITH law, names
  WITH law WHERE law.adopted_date IS NOT NULL
  RETURN law.adopted_date AS date, 'adopted' AS step, null AS actor, law.name AS document, null AS evidence, null AS doc_id
  UNION
  WITH law, names
  WITH law WHERE law.effective_date IS NOT NULL
  RETURN law.effective_date AS date, 'in force' AS step, null AS actor, law.name AS document, null AS evidence, null AS doc_id
}
RETURN law.name AS law, date, step, actor, document, evidence, doc_id
ORDER BY date, step, actor

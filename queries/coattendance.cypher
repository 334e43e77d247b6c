// Question: At which events were two persons both present (presiding, attending or speaking), and in which capacity was each?
// Parameters: a (a person's name or alias, e.g. 李鸿忠), b (another person's name or alias, e.g. 王东明).
MATCH (p1:Person) WHERE p1.name = $a OR $a IN p1.aliases
MATCH (p2:Person) WHERE (p2.name = $b OR $b IN p2.aliases) AND p2 <> p1
MATCH (p1)-[r1:PRESIDED_OVER|ATTENDED|SPOKE_AT]->(e:Event)<-[r2:PRESIDED_OVER|ATTENDED|SPOKE_AT]-(p2)
RETURN e.name AS event, e.date AS date, p1.name AS person_a, collect(DISTINCT type(r1)) AS parts_a,
       p2.name AS person_b, collect(DISTINCT type(r2)) AS parts_b
ORDER BY date, event
